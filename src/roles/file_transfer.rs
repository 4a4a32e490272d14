//! Lab 16's roles: the course's FTP-like `put`, one end each.
//!
//! ```python
//! header = {'cmd': 'put', 'filename': name, 'filesize': size}
//! header_bytes = json.dumps(header).encode('utf-8')
//! client.send(struct.pack('i', len(header_bytes)))
//! client.send(header_bytes)
//! for line in f:                 # the file body, as it comes
//!     client.send(line)
//! ```
//!
//! One of the course's versions spells the size `file_size`; the server
//! takes either, and the client sends `filesize` unless `--size-field
//! file_size` says otherwise. The body is bytes: the client sends the file
//! as it is (in one send: the bytes on the wire are those of the course's
//! line-by-line sends), and the server neither decodes it nor pauses.
//!
//! The server does what the course's server means to do, without its two
//! holes (lab 16 shows both happening):
//!
//! - The course dispatches with `getattr(self, header["cmd"])`, so a client
//!   can call any method of the server by naming it. Here the command is
//!   looked up in a fixed table that holds `put` and nothing else.
//! - The course writes to `os.path.normpath(os.path.join(folder,
//!   filename))`, which is not a check: `../x` and `/etc/x` lead out of the
//!   folder. Here a name is taken only if it is a plain file name (letters,
//!   digits, `.`, `-`, `_`, not starting with a dot), lab 16's rule.
//!
//! Files go to a new folder of the client's own (mode 0700, see
//! `lab_folder`), written to a temporary name and renamed into place once
//! every byte has come; the log gives each stored file's size, SHA-256 and
//! MD5 (and whether the MD5 matches an `md5` field, if the header has one).
//! The folder is removed when the client leaves, so nothing stays behind.
//!
//! The course's server says nothing back, so the client can only tell
//! whether the server took the upload by how it hangs up (lab 6's client
//! does the same): EOF once the server has read everything is exit status
//! 0; a reset, an answer or silence is 1.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use md5::Md5;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::frame::MAX_FRAME_LEN;
use crate::hex;
use crate::lab_folder::LabFolder;
use crate::labs::file_transfer::{LAB, is_plain_file_name};
use crate::python::{json_object, json_string, pack_i};
use crate::roles::ConflictingOptions;
use crate::roles::framing::{
    Header, PREFIX_LEN, exactly, header_length, parse_header, reset_while_sending, shorten,
    wait_for_close,
};
use crate::roles::options::{Flag, SizeField};
use crate::roles::{
    Conn, Connect, Ending, RoleError, RoleOptions, Roles, Serve, log, log_length_prefix,
};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "the course's `put` receiver: `struct.pack('i', len(header))`, JSON `{\"cmd\": \"put\", \"filename\", \"filesize\"}` (or `file_size`), the file; plain names only, a private folder per client, the digest of what it stored",
    client: "`socklab connect 16 ADDR:PORT FILE` uploads FILE the same way (`--size-field file_size` for the other spelling)",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[],
    connect_flags: &[Flag::File, Flag::SizeField(&PUT_SIZE_FIELDS)],
    settings: Some(settings),
};

/// The two spellings of the file size in the course's `put` headers.
const PUT_SIZE_FIELDS: [SizeField; 2] = [SizeField::Filesize, SizeField::FileSize];

/// The commands the server knows: a fixed table, not `getattr`.
const COMMANDS: [&str; 1] = ["put"];

fn settings(_: &RoleOptions) -> Result<String, ConflictingOptions> {
    Ok(
        i18n::text(
            "uploads go to a new folder (mode 0700) for each client, removed when it leaves",
        )
        .into_owned(),
    )
}

fn serve(conn: &mut Conn, _: &RoleOptions) -> Result<(), RoleError> {
    // Removed when this function returns, however it returns.
    let folder = LabFolder::create(LAB.number).map_err(|e| {
        RoleError(tr!(
            "role16-cannot-create-folder",
            "creating the upload folder: {error}",
            error = e
        ))
    })?;
    for number in 1.. {
        let Some(prefix) = conn.recv_exactly(PREFIX_LEN, "length prefix")? else {
            log(tr!(
                "role16-client-closed",
                "client closed after {count} uploads",
                count = number - 1
            ));
            return Ok(());
        };
        let header_len = header_length(&prefix)?;
        log_length_prefix("upload", number, &prefix, header_len);
        let header = exactly(conn, header_len, "JSON header")?;
        let header = parse_header(&header, &PUT_SIZE_FIELDS)?;
        log(tr!(
            "role16-header",
            "upload #{number}: header {header}",
            number = number,
            header = shorten(&header.text)
        ));
        let command = header.object.get("cmd").and_then(Value::as_str);
        match command {
            Some("put") => put(conn, &folder.path, &header, number)?,
            Some(other) => {
                return Err(RoleError(tr!(
                    "role16-unknown-command",
                    "\"cmd\": {command} is not a command here (the table holds {commands}), and the course's getattr(self, cmd) would have called any method of that name",
                    command = json_string(other),
                    commands = COMMANDS.join(", ")
                )));
            }
            None => {
                return Err(RoleError(
                    i18n::text("header has no \"cmd\" string").into_owned(),
                ));
            }
        }
    }
    Ok(())
}

/// Receives one file: checks the name, writes the body to a temporary
/// file as it comes, renames it into place once it is whole.
fn put(conn: &mut Conn, folder: &Path, header: &Header, number: usize) -> Result<(), RoleError> {
    let name = header
        .object
        .get("filename")
        .and_then(Value::as_str)
        .ok_or_else(|| RoleError(i18n::text("header has no \"filename\" string").into_owned()))?;
    if !is_plain_file_name(name) {
        return Err(RoleError(tr!(
            "role16-refused-name",
            "refused \"filename\": {name}: not a plain file name (normpath(join(folder, name))) would have taken it out of the folder or onto a hidden file",
            name = json_string(name)
        )));
    }
    let temporary = folder.join(format!(".{name}.part"));
    let stored = receive_body(conn, &temporary, header.size);
    let (sha256, md5) = match stored {
        Ok(digests) => digests,
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
    };
    let target = folder.join(name);
    fs::rename(&temporary, &target).map_err(|e| {
        RoleError(tr!(
            "role16-cannot-rename",
            "renaming the upload into place: {error}",
            error = e
        ))
    })?;
    let md5_note = match header.object.get("md5").and_then(Value::as_str) {
        Some(expected) if expected.eq_ignore_ascii_case(&md5) => {
            i18n::text(" (the header's md5 matches)")
        }
        Some(_) => i18n::text(" (the header's md5 does NOT match)"),
        None => "".into(),
    };
    log(tr!(
        "role16-stored",
        "upload #{number}: stored {name}, {size} bytes, SHA-256 {sha256}, MD5 {md5}{note}",
        number = number,
        name = name,
        size = header.size,
        sha256 = sha256,
        md5 = md5,
        note = md5_note
    ));
    Ok(())
}

/// Reads exactly `size` bytes (memory grows as they arrive, and `size` is
/// capped) and writes them to a new file: their SHA-256 and MD5 in hex.
fn receive_body(
    conn: &mut Conn,
    temporary: &PathBuf,
    size: usize,
) -> Result<(String, String), RoleError> {
    let body = exactly(conn, size, "file")?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)
        .map_err(|e| {
            RoleError(tr!(
                "role16-cannot-create-file",
                "creating the temporary file: {error}",
                error = e
            ))
        })?;
    file.write_all(&body).map_err(|e| {
        RoleError(tr!(
            "role16-cannot-write",
            "writing the upload: {error}",
            error = e
        ))
    })?;
    Ok((
        hex::encode(&Sha256::digest(&body)),
        hex::encode(&Md5::digest(&body)),
    ))
}

fn connect(conn: &mut Conn, options: &RoleOptions) -> Result<Ending, RoleError> {
    let path = options
        .file
        .as_deref()
        .ok_or_else(|| RoleError(i18n::text("no FILE to upload").into_owned()))?;
    let body = read_upload(path)?;
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| {
            RoleError(tr!(
                "role16-name-not-utf8",
                "{path}: the file name is not UTF-8",
                path = path.display()
            ))
        })?;
    let field = options.size_field.unwrap_or(SizeField::Filesize);
    let header = json_object(&[
        ("cmd", json_string("put")),
        ("filename", json_string(name)),
        (field.key(), body.len().to_string()),
    ]);
    let sent = conn
        .send(&pack_i(header.len()).map_err(|error| RoleError(error.to_string()))?)
        .and_then(|()| conn.send(header.as_bytes()))
        .and_then(|()| conn.send(&body));
    if let Err(error) = sent {
        return reset_while_sending(error);
    }
    log(tr!(
        "role16-sent",
        "sent {name}: {size} bytes, SHA-256 {sha256}",
        name = name,
        size = body.len(),
        sha256 = hex::encode(&Sha256::digest(&body))
    ));
    conn.close_sending()
        .and_then(|()| wait_for_close(conn))
        .or_else(reset_while_sending)
}

/// Why the file to upload cannot be read, and what to do.
pub(crate) fn cannot_read(path: &Path, error: &std::io::Error) -> String {
    tr!(
        "role16-cannot-read",
        "cannot read {path}: {error}; give the path of a file to upload",
        path = path.display(),
        error = error
    )
}

/// The file to upload, whole, if it is no larger than a server accepts.
pub(crate) fn read_upload(path: &Path) -> Result<Vec<u8>, RoleError> {
    let cannot = |e: std::io::Error| RoleError(cannot_read(path, &e));
    let mut file = File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FRAME_LEN as u64 {
        return Err(RoleError(tr!(
            "role16-file-too-large",
            "{path} is {size} bytes; the most one put may carry here is {max}",
            path = path.display(),
            size = size,
            max = MAX_FRAME_LEN
        )));
    }
    let mut body = Vec::with_capacity(size as usize);
    file.read_to_end(&mut body).map_err(cannot)?;
    Ok(body)
}
