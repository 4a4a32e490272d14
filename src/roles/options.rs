//! The variants a role can speak, chosen on the command line.
//!
//! The course's programs do not all speak the same dialect: one HMAC server
//! expects HMAC-MD5 and another HMAC-SHA256, one remote shell puts the
//! reply's size under `total_size` and another under `data_size`, one time
//! server answers in local time. A role speaks the course's most common
//! dialect by default, and these options pick another, so that
//! `socklab serve N` can face any of the course's clients and
//! `socklab connect N` any of its servers.
//!
//! Each role lists the flags it understands ([`super::Roles`]'
//! `serve_flags` and `connect_flags`); `app` refuses a flag a role does not
//! take, in one line that names the lab it is for.

use std::path::PathBuf;

use crate::labs::hmac_auth::{Digest, SECRET_KEY};

/// One command-line flag a role may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `--digest md5|sha256`: the HMAC's hash (lab 15).
    Digest,
    /// `--key TEXT`: the shared HMAC key (lab 15).
    Key,
    /// `--reply header-dict|length-prefix`: the shape of a reply (lab 17).
    Reply,
    /// `--size-field NAME`: the header field that holds a size (labs 16,
    /// 17), one of the names listed.
    SizeField(&'static [SizeField]),
    /// `--utc`: UTC instead of local time (lab 11).
    Utc,
    /// `FILE`: the file to upload (lab 16).
    File,
}

impl Flag {
    /// The flag as it is typed.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Digest => "--digest",
            Flag::Key => "--key",
            Flag::Reply => "--reply",
            Flag::SizeField(_) => "--size-field",
            Flag::Utc => "--utc",
            Flag::File => "FILE",
        }
    }
}

/// How a remote command reply is framed (section "remote-command" of the
/// README): a header dictionary, or the output's length alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyShape {
    /// `struct.pack('i', len(header))`, a JSON header with the size, the body.
    HeaderDict,
    /// `struct.pack('i', len(output))`, the output: no JSON at all.
    LengthPrefix,
}

/// The names the course gives to the header field that holds a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeField {
    /// The remote shell's reply size, the most common name.
    TotalSize,
    /// The remote shell's reply size, in another of the course's servers.
    DataSize,
    /// The uploaded file's size, in the course's `put`.
    Filesize,
    /// The same, as another version of the `put` spells it.
    FileSize,
}

impl SizeField {
    /// Every name, in the order a reader looks for them.
    pub const ALL: [SizeField; 4] = [
        SizeField::TotalSize,
        SizeField::DataSize,
        SizeField::Filesize,
        SizeField::FileSize,
    ];

    /// The field's name in the JSON header.
    pub fn key(self) -> &'static str {
        match self {
            SizeField::TotalSize => "total_size",
            SizeField::DataSize => "data_size",
            SizeField::Filesize => "filesize",
            SizeField::FileSize => "file_size",
        }
    }
}

/// Every variant setting, filled in with the defaults where no flag was
/// given. A role reads only the ones it listed in its flags.
#[derive(Debug, Clone)]
pub struct RoleOptions {
    /// Lab 15: the HMAC's hash; the course's old default was MD5, the
    /// lab's is SHA-256.
    pub digest: Digest,
    /// Lab 15: the shared key.
    pub key: Vec<u8>,
    /// Lab 17 (serve): how replies are framed.
    pub reply: ReplyShape,
    /// Lab 17 (serve) and lab 16 (connect): the size field's name, `None`
    /// for the role's default.
    pub size_field: Option<SizeField>,
    /// Lab 11 (serve): UTC instead of local time.
    pub utc: bool,
    /// Lab 16 (connect): the file to upload.
    pub file: Option<PathBuf>,
}

impl Default for RoleOptions {
    fn default() -> RoleOptions {
        RoleOptions {
            digest: Digest::Sha256,
            key: SECRET_KEY.to_vec(),
            reply: ReplyShape::HeaderDict,
            size_field: None,
            utc: false,
            file: None,
        }
    }
}
