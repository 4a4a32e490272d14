//! Lab 16: an FTP-like `put`, and the ways a receiver gets it wrong.
//!
//! The course's upload protocol is its header dictionary (topic G): a
//! 4-byte big-endian length, a JSON header `{"name", "size", "sha256"}`,
//! then `size` bytes of file body. The header is what makes the transfer
//! work on a byte stream: the receiver knows where the header ends and how
//! many body bytes to read, whatever sizes the stream's recvs come in. The
//! course's sleep between chunks "to avoid sticky packets" adds nothing.
//!
//! A careful receiver:
//! - caps the header length before allocating for it (`HEADER_LIMIT`) and
//!   refuses absurd file sizes: a hostile length is a one-line rejection,
//!   not a 4 GiB allocation;
//! - accepts only a plain file name (an allowlist of characters, no path
//!   separator, no leading dot), so "../../etc/passwd" cannot climb out of
//!   its folder;
//! - writes the body to a temporary file next to the destination, hashes it
//!   as it goes, and renames it into place (rename(2) is atomic within a
//!   file system) only when the size and SHA-256 match the header. On any
//!   error it deletes the temporary file: no half file is ever visible
//!   under the real name.
//!
//! The course's receiver also decodes every chunk as text and writes the
//! text. A file is bytes: decoding them as UTF-8 turns every byte that is
//! not valid UTF-8 into U+FFFD (3 bytes), so the file grows and its digest
//! changes.
//!
//! The course's own `put` server also counts every recv as a full 1500
//! bytes, dispatches with `getattr` on the client's command, and takes
//! `normpath(join())` for a path check: `course` shows each happening,
//! beside its fix, and the lab measures its `time.sleep` between chunks.
//!
//! Each experiment receives into a fresh folder of its own under the
//! system's temp directory ([`LabFolder`]: mode 0700, so no other user can
//! read or plant files in it), which is removed however the experiment ends.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::thread;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use socket2::Socket;

use crate::expect;
use crate::hex;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::lab_folder::LabFolder;
use crate::narration;
use crate::net;
use crate::report::CheckResult;

mod course;

pub const LAB: Lab = Lab {
    number: 16,
    slug: "file-transfer",
    title: "File transfer",
    shows: "header (name, size, SHA-256) then the body; unsafe names, short uploads and decoded binary rejected",
    summary: "A put sends a length-prefixed JSON header (name, size, SHA-256), then the body in chunks.\n\
              The receiver writes a temporary file and keeps it only if size and digest match: a\n\
              3 MiB file arrives intact, \"../../etc/passwd\" and a short upload leave nothing behind.",
    typical_run: "0.1 s",
    sheet: include_str!("../../labs/16-file-transfer/README.md"),
    sheet_zh_cn: include_str!("../../labs/16-file-transfer/README.zh-CN.md"),
    experiment: run,
};

/// The file the lab uploads: 3 MiB (3 × 1048576 bytes) made by
/// [`file_content`].
const FILE_NAME: &str = "data.bin";
const FILE_SIZE: usize = 3 * 1024 * 1024;

/// SHA-256 of [`file_content`], computed once (Python:
/// `hashlib.sha256(bytes((i + (i >> 8)) & 0xff for i in range(3 << 20)))`)
/// and pinned here; a unit test checks it still matches.
const FILE_SHA256: &str = "12264dc67d1903daff49aff87165e9ed98346562349672def1fe4ef21636a861";

/// The early-stopping sender sends this much of the body, then closes.
const STOP_AFTER: usize = 1024 * 1024;

/// The receiver refuses a header longer than this before allocating a
/// buffer for it. Real headers here are under 200 bytes.
const HEADER_LIMIT: u32 = 64 * 1024;

/// The largest file the receiver accepts: a limit of the lab's receiver,
/// far above the 3 MiB it is sent.
const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Longest file name Linux accepts in one path component (NAME_MAX).
const NAME_MAX: usize = 255;

/// The sender writes the body in 64 KiB chunks, without pauses; the
/// receiver reads up to 64 KiB per recv.
const SEND_CHUNK: usize = 64 * 1024;
const RECV_CHUNK: usize = 64 * 1024;

/// The course's receiver reads `conn.recv(1024)` and decodes each chunk.
const COURSE_RECV: usize = 1024;

/// What the course's receiver writes for the 3 MiB file. Every 256-byte
/// block of [`file_content`] holds each byte value once: 128 ASCII bytes
/// (0x00-0x7f), copied as they are, and 128 bytes 0x80-0xff. None of those
/// is followed by a continuation byte that would complete a UTF-8
/// character, so each becomes U+FFFD, 3 bytes, wherever the recvs cut the
/// stream: 128 + 3 × 128 = 512 bytes per 256, twice the file: 6291456.
const COURSE_WRITTEN: u64 = 2 * FILE_SIZE as u64;

/// The name a hostile client asks the receiver to write to, and what it
/// would put there.
const HOSTILE_NAME: &str = "../../etc/passwd";
const HOSTILE_BODY: &[u8] = b"root::0:0:root:/root:/bin/sh\n";

/// A length field no honest header has: 4294967295.
const HOSTILE_HEADER_LEN: [u8; 4] = [0xff; 4];

/// The header of one upload, sent as JSON after its 4-byte length.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    name: String,
    size: u64,
    /// Lower-case hex, 64 characters.
    sha256: String,
}

/// Byte `i` of the file is `(i + i / 256) mod 256`: every byte value once
/// per 256-byte block, each block rotated by one from the last, so the file
/// is binary through and through and a misplaced block changes the digest.
fn file_content() -> Vec<u8> {
    (0..FILE_SIZE).map(|i| (i + (i >> 8)) as u8).collect()
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes))
}

/// A digest shortened for a table cell: first and last 8 hex digits.
fn short_digest(hex: &str) -> String {
    if hex.len() <= 16 {
        return hex.to_string();
    }
    format!("{}…{}", &hex[..8], &hex[hex.len() - 8..])
}

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let content = file_content();
    let digest = sha256_hex(&content);
    let mut folders = Vec::new();
    let mut checks = intact_upload(&content, &digest, &mut folders)?;
    checks.extend(hostile_name(&mut folders)?);
    checks.extend(sender_stops_early(&content, &digest, &mut folders)?);
    checks.extend(hostile_header_length(&mut folders)?);
    checks.extend(course_decodes_text(&content, &digest, &mut folders)?);
    checks.extend(sleeps_change_nothing(&content, &digest, &mut folders)?);
    checks.extend(course::checks()?);
    let left = folders.iter().filter(|folder| folder.exists()).count();
    checks.push(expect::exact(
        "folders-left",
        "temporary folders left after the lab",
        0,
        left,
    ));
    Ok(checks)
}

/// What the lab does with the folder each upload is received into (see
/// `lab_folder`: mode 0700, removed with everything in it when dropped,
/// also when the experiment returns early with an error).
impl LabFolder {
    /// The folder's entries (hidden ones too) with their sizes, e.g.
    /// "data.bin (3145728 bytes)", or "none".
    fn listing(&self) -> io::Result<String> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(&self.path)? {
            let entry = entry?;
            let size = entry.metadata()?.len();
            entries.push(format!(
                "{} ({size} bytes)",
                entry.file_name().to_string_lossy()
            ));
        }
        entries.sort();
        Ok(if entries.is_empty() {
            "none".to_string()
        } else {
            entries.join(", ")
        })
    }
}

/// Runs one upload: `receiver` on a scoped thread with the accepted
/// connection and a fresh folder, `sender` on this thread. Returns the
/// receiver's result and the folder (still there until the caller drops it).
fn upload<T: Send>(
    folders: &mut Vec<PathBuf>,
    receiver: impl FnOnce(&Socket, &Path) -> T + Send,
    sender: impl FnOnce(SocketAddr) -> Result<(), LabError>,
) -> Result<(T, LabFolder), LabError> {
    let folder = LabFolder::create(LAB.number).step("creating the receive folder")?;
    folders.push(folder.path.clone());
    let (listener, address) = net::tcp_listener(false).step("listening for the upload")?;
    let (sent, received) = thread::scope(|scope| {
        let (listener, path) = (&listener, folder.path.as_path());
        let receiving = scope.spawn(move || {
            let connection = net::tcp_accept(listener)?;
            Ok(receiver(&connection, path))
        });
        let sent = sender(address);
        let received = receiving
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the receiver thread panicked")));
        (sent, received)
    });
    sent?;
    let received = received.step("accepting the upload")?;
    Ok((received, folder))
}

/// The header's 4-byte big-endian length, then the header itself.
fn header_frame(header: &Header) -> Vec<u8> {
    let json = serde_json::to_vec(header).expect("a struct of strings and numbers serialises");
    let mut frame = (json.len() as u32).to_be_bytes().to_vec();
    frame.extend_from_slice(&json);
    frame
}

/// The sender: header, then `body` in [`SEND_CHUNK`] pieces, back to back,
/// then close. A sender that stops early passes less body than the
/// header's size promises.
fn put(address: SocketAddr, header: &Header, body: &[u8]) -> Result<(), LabError> {
    let sender = net::tcp_connect(address).step("connecting the sender")?;
    net::send_all(&sender, &header_frame(header)).step("sending the header")?;
    for chunk in body.chunks(SEND_CHUNK) {
        net::send_all(&sender, chunk).step("sending a chunk of the body")?;
    }
    Ok(())
}

/// The sender for uploads the receiver refuses after the header: one write
/// with everything, so no part of it can meet the receiver's close.
fn put_in_one_write(address: SocketAddr, bytes: &[u8]) -> Result<(), LabError> {
    let sender = net::tcp_connect(address).step("connecting the sender")?;
    net::send_all(&sender, bytes).step("sending the upload")
}

/// What the careful receiver did with one upload.
struct Receipt {
    /// "stored", or why it refused, as the table shows it.
    verdict: String,
    /// The size of the temporary file it deleted after an error, if any.
    deleted_partial: Option<u64>,
}

/// The careful receiver (see the module docs).
fn receive(connection: &Socket, folder: &Path) -> Receipt {
    let refused = |verdict: String| Receipt {
        verdict,
        deleted_partial: None,
    };
    let header = match read_header(connection) {
        Ok(header) => header,
        Err(reason) => return refused(reason.to_string()),
    };
    if let Err(reason) = check_header(&header) {
        return refused(reason.to_string());
    }
    let temporary = folder.join(format!(".{}.part", header.name));
    match receive_body(connection, &temporary, &header) {
        Ok(()) => match fs::rename(&temporary, folder.join(&header.name)) {
            Ok(()) => Receipt {
                verdict: "stored".to_string(),
                deleted_partial: None,
            },
            Err(error) => Receipt {
                verdict: format!("rename failed: {error}"),
                deleted_partial: delete(&temporary),
            },
        },
        Err(reason) => Receipt {
            verdict: reason.to_string(),
            deleted_partial: delete(&temporary),
        },
    }
}

/// Why the careful receiver refused an upload or stopped receiving it: the
/// verdict its table row shows.
#[derive(Debug, thiserror::Error)]
enum Refusal {
    #[error("rejected: no header")]
    NoHeader,
    #[error("rejected: header > {} bytes", HEADER_LIMIT)]
    HeaderTooLong,
    #[error("rejected: header cut short")]
    HeaderCut,
    #[error("rejected: header is not valid JSON")]
    NotJson,
    #[error("rejected: unsafe name")]
    UnsafeName,
    #[error("rejected: size > {} bytes", MAX_FILE_SIZE)]
    TooLarge,
    #[error("rejected: sha256 is not 64 hex digits")]
    BadDigest,
    #[error("cannot create the temporary file: {0}")]
    CannotCreate(io::Error),
    #[error("EOF at {received} of {size} bytes")]
    Eof { received: u64, size: u64 },
    #[error("{errno} at {received} of {size} bytes")]
    Failed {
        errno: String,
        received: u64,
        size: u64,
    },
    #[error("write failed: {0}")]
    WriteFailed(io::Error),
    #[error("rejected: SHA-256 mismatch")]
    DigestMismatch,
}

/// Removes a temporary file, returning the size it had.
fn delete(path: &Path) -> Option<u64> {
    let size = fs::metadata(path).ok()?.len();
    fs::remove_file(path).ok()?;
    Some(size)
}

/// Reads the 4-byte length and the JSON header, refusing a length over
/// [`HEADER_LIMIT`] before allocating anything for it.
fn read_header(connection: &Socket) -> Result<Header, Refusal> {
    let length = net::recv_exactly(connection, 4).map_err(|_| Refusal::NoHeader)?;
    let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]);
    if length > HEADER_LIMIT {
        return Err(Refusal::HeaderTooLong);
    }
    let json = net::recv_exactly(connection, length as usize).map_err(|_| Refusal::HeaderCut)?;
    serde_json::from_slice(&json).map_err(|_| Refusal::NotJson)
}

/// Everything the receiver checks before it writes a byte.
fn check_header(header: &Header) -> Result<(), Refusal> {
    if !is_plain_file_name(&header.name) {
        return Err(Refusal::UnsafeName);
    }
    if header.size > MAX_FILE_SIZE {
        return Err(Refusal::TooLarge);
    }
    let is_hex = header
        .sha256
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if header.sha256.len() != 64 || !is_hex {
        return Err(Refusal::BadDigest);
    }
    Ok(())
}

/// A plain file name: 1 to 255 bytes of letters, digits, '.', '-' and '_',
/// not starting with a dot. An allowlist, because the list of dangerous
/// names ("..", "/", "\\", NUL, names the receiver uses itself, ...) is
/// longer than anyone remembers.
pub(crate) fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= NAME_MAX
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
}

/// Reads exactly `header.size` body bytes into a new `temporary` file,
/// hashing them on the way, and compares the digest with the header's.
fn receive_body(connection: &Socket, temporary: &Path, header: &Header) -> Result<(), Refusal> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)
        .map_err(Refusal::CannotCreate)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; RECV_CHUNK];
    let mut reader: &Socket = connection;
    let mut received: u64 = 0;
    while received < header.size {
        let wanted = (header.size - received).min(RECV_CHUNK as u64) as usize;
        let result = reader.read(&mut buffer[..wanted]);
        let count = match result {
            Ok(0) => {
                return Err(Refusal::Eof {
                    received,
                    size: header.size,
                });
            }
            Ok(count) => count,
            Err(_) => {
                return Err(Refusal::Failed {
                    errno: net::outcome(&result),
                    received,
                    size: header.size,
                });
            }
        };
        hasher.update(&buffer[..count]);
        file.write_all(&buffer[..count])
            .map_err(Refusal::WriteFailed)?;
        received += count as u64;
    }
    if hex::encode(&hasher.finalize()) != header.sha256 {
        return Err(Refusal::DigestMismatch);
    }
    Ok(())
}

/// The whole 3 MiB file, sent as the course sends it minus the sleeps.
fn intact_upload(
    content: &[u8],
    digest: &str,
    folders: &mut Vec<PathBuf>,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "An FTP-like put of a 3 MiB file: JSON header (name, size, SHA-256), then the body in chunks.",
        "the stored file's digest equals the header's.",
    );
    let header = Header {
        name: FILE_NAME.to_string(),
        size: content.len() as u64,
        sha256: digest.to_string(),
    };
    let (receipt, folder) = upload(folders, receive, |address| put(address, &header, content))?;
    let listing = folder.listing().step("listing the receive folder")?;
    let stored = fs::read(folder.path.join(FILE_NAME)).unwrap_or_default();
    Ok(vec![
        expect::exact(
            "intact-verdict",
            "put data.bin (3 MiB): receiver",
            "stored".to_string(),
            receipt.verdict,
        ),
        expect::exact(
            "intact-listing",
            "  files in the folder",
            format!("{FILE_NAME} ({FILE_SIZE} bytes)"),
            listing,
        ),
        expect::exact(
            "intact-digest",
            "  SHA-256 of the stored file",
            short_digest(FILE_SHA256),
            short_digest(&sha256_hex(&stored)),
        ),
        expect::exact(
            "intact-identical",
            "  identical to the file sent",
            "yes".to_string(),
            yes_no(stored == content),
        ),
    ])
}

fn yes_no(condition: bool) -> String {
    if condition { "yes" } else { "no" }.to_string()
}

/// A header naming "../../etc/passwd". Joined naively to the folder, the
/// path would lead two levels up and into /etc.
fn hostile_name(folders: &mut Vec<PathBuf>) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A client asks to store \"../../etc/passwd\".",
        "rejected before anything is written.",
    );
    let header = Header {
        name: HOSTILE_NAME.to_string(),
        size: HOSTILE_BODY.len() as u64,
        sha256: sha256_hex(HOSTILE_BODY),
    };
    let mut bytes = header_frame(&header);
    bytes.extend_from_slice(HOSTILE_BODY);
    let (receipt, folder) = upload(folders, receive, |address| {
        put_in_one_write(address, &bytes)
    })?;
    let listing = folder.listing().step("listing the receive folder")?;
    Ok(vec![
        expect::exact(
            "hostile-name-verdict",
            "put \"../../etc/passwd\": receiver",
            "rejected: unsafe name".to_string(),
            receipt.verdict,
        ),
        expect::exact(
            "hostile-name-listing",
            "  files in the folder",
            "none".to_string(),
            listing,
        ),
    ])
}

/// The header promises 3 MiB; the sender sends 1 MiB and closes.
fn sender_stops_early(
    content: &[u8],
    digest: &str,
    folders: &mut Vec<PathBuf>,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A client stops after 1 MiB of the 3 MiB it announced.",
        "an error, and no partial file left behind.",
    );
    let header = Header {
        name: FILE_NAME.to_string(),
        size: content.len() as u64,
        sha256: digest.to_string(),
    };
    let (receipt, folder) = upload(folders, receive, |address| {
        put(address, &header, &content[..STOP_AFTER])
    })?;
    let listing = folder.listing().step("listing the receive folder")?;
    Ok(vec![
        expect::exact(
            "early-stop-verdict",
            "sender closes after 1 MiB of 3: receiver",
            format!("EOF at {STOP_AFTER} of {FILE_SIZE} bytes"),
            receipt.verdict,
        ),
        expect::exact(
            "early-stop-partial",
            "  temporary file it deleted",
            format!("{STOP_AFTER} bytes"),
            receipt
                .deleted_partial
                .map_or("none".to_string(), |size| format!("{size} bytes")),
        ),
        expect::exact(
            "early-stop-listing",
            "  files in the folder",
            "none".to_string(),
            listing,
        ),
    ])
}

/// A length field of 4294967295: the receiver must not try to allocate it.
fn hostile_header_length(folders: &mut Vec<PathBuf>) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A client announces a 4 GiB header.",
        "refused before any allocation.",
    );
    let (receipt, _folder) = upload(folders, receive, |address| {
        put_in_one_write(address, &HOSTILE_HEADER_LEN)
    })?;
    Ok(vec![expect::exact(
        "hostile-header-length",
        "header length 4294967295: receiver",
        format!("rejected: header > {HEADER_LIMIT} bytes"),
        receipt.verdict,
    )])
}

/// The course's receiver: same header, then `recv(1024)` in a loop, each
/// chunk decoded as UTF-8 text and written as text, straight to the real
/// name. (It still gets the name check: even a demonstration of a bad
/// receiver must not write outside its folder.)
fn course_receive(connection: &Socket, folder: &Path) -> io::Result<Header> {
    let header = read_header(connection).map_err(io::Error::other)?;
    check_header(&header).map_err(io::Error::other)?;
    // Python's file objects buffer their writes; BufWriter does the same.
    let mut file = BufWriter::new(File::create(folder.join(&header.name))?);
    let mut received: u64 = 0;
    while received < header.size {
        let chunk = net::recv_once(connection, COURSE_RECV)?;
        if chunk.is_empty() {
            break;
        }
        received += chunk.len() as u64;
        // Python: f.write(data.decode("utf-8", "replace")).
        file.write_all(String::from_utf8_lossy(&chunk).as_bytes())?;
    }
    file.flush()?;
    Ok(header)
}

fn course_decodes_text(
    content: &[u8],
    digest: &str,
    folders: &mut Vec<PathBuf>,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's receiver, which decodes each chunk as text and writes it back out.",
        "a bigger file with a different digest: binary data corrupted.",
    );
    let header = Header {
        name: FILE_NAME.to_string(),
        size: content.len() as u64,
        sha256: digest.to_string(),
    };
    let (received, folder) = upload(folders, course_receive, |address| {
        put(address, &header, content)
    })?;
    let received = received.step("the course's receiver")?;
    let written = fs::read(folder.path.join(FILE_NAME)).step("reading the file it wrote")?;
    let digest_check = if sha256_hex(&written) == received.sha256 {
        "match"
    } else {
        "mismatch"
    };
    Ok(vec![
        expect::exact(
            "course-text-size",
            "course receiver, chunks decoded: bytes written",
            COURSE_WRITTEN,
            written.len() as u64,
        ),
        expect::exact(
            "course-text-digest",
            "  its SHA-256 against the header",
            "mismatch".to_string(),
            digest_check.to_string(),
        ),
    ])
}

/// The course sleeps between chunks "to avoid sticky packets". With a
/// header that gives the size, chunks may glue as they like; the sleep
/// only adds time.
const SLEEP_BETWEEN_CHUNKS: std::time::Duration = std::time::Duration::from_millis(1);

fn sleeps_change_nothing(
    content: &[u8],
    digest: &str,
    folders: &mut Vec<PathBuf>,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same put with the course's sleep between chunks.",
        "the same stored file: the sleep was never what kept the chunks apart.",
    );
    let header = Header {
        name: FILE_NAME.to_string(),
        size: content.len() as u64,
        sha256: digest.to_string(),
    };
    let (receipt, folder) = upload(folders, receive, |address| {
        let sender = net::tcp_connect(address).step("connecting the sender")?;
        net::send_all(&sender, &header_frame(&header)).step("sending the header")?;
        for chunk in content.chunks(SEND_CHUNK) {
            net::send_all(&sender, chunk).step("sending a chunk of the body")?;
            // The course's time.sleep: the one sleep in socklab that is
            // the experiment, not a wait for an event.
            thread::sleep(SLEEP_BETWEEN_CHUNKS);
        }
        Ok(())
    })?;
    let stored = fs::read(folder.path.join(FILE_NAME)).unwrap_or_default();
    Ok(vec![expect::exact(
        "sleep-between-chunks",
        "put with time.sleep(0.001) between chunks",
        format!("stored, SHA-256 {}", short_digest(FILE_SHA256)),
        format!(
            "{}, SHA-256 {}",
            receipt.verdict,
            short_digest(&sha256_hex(&stored))
        ),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_digest_is_that_of_the_file() {
        assert_eq!(sha256_hex(&file_content()), FILE_SHA256);
    }

    #[test]
    fn decoding_the_file_as_text_doubles_it_however_it_is_cut() {
        let content = file_content();
        for cut in [1, 7, 1000, 1024, 65536] {
            let written: usize = content
                .chunks(cut)
                .map(|chunk| String::from_utf8_lossy(chunk).len())
                .sum();
            assert_eq!(written as u64, COURSE_WRITTEN, "chunks of {cut}");
        }
    }

    #[test]
    fn only_plain_names_pass() {
        for good in ["data.bin", "a", "report-2024_v2.tar.gz"] {
            assert!(is_plain_file_name(good), "{good}");
        }
        let long = "x".repeat(NAME_MAX + 1);
        for bad in [
            "",
            ".",
            "..",
            "../../etc/passwd",
            "/etc/passwd",
            "a/b",
            "a\\b",
            ".data.bin.part",
            "a\0b",
            "données.txt",
            long.as_str(),
        ] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn hostile_sizes_and_digests_are_refused() {
        let header = |size, sha256: &str| Header {
            name: FILE_NAME.to_string(),
            size,
            sha256: sha256.to_string(),
        };
        assert!(check_header(&header(3, FILE_SHA256)).is_ok());
        assert!(check_header(&header(u64::MAX, FILE_SHA256)).is_err());
        assert!(check_header(&header(3, "abc")).is_err());
        assert!(check_header(&header(3, &FILE_SHA256.to_uppercase())).is_err());
    }

    #[test]
    fn short_digests_keep_both_ends() {
        assert_eq!(short_digest(FILE_SHA256), "12264dc6…1636a861");
    }
}
