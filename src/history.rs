//! The history folder on disk (SPEC §13): one JSON report per meeting, mode 0600, in a folder
//! created 0700. A thin shell around `domain::history`, which does all the reasoning.
//!
//! - Names sort by date: `2026-11-29T19-00_3fa9c2.json` (local start time, then an id drawn
//!   when the meeting starts). The id is what lets a quit meeting that is later resumed
//!   replace its own earlier entry instead of counting twice.
//! - Written as every private file is (`private_file::write_atomic`): a new temp file with an
//!   unguessable name (`O_EXCL`), mode 0600, fsynced, renamed over the target (a rename
//!   replaces a link, never follows it), then the folder fsynced.
//! - Read without following links or blocking: only regular `*.json` files, at most 1 MiB,
//!   opened `O_NOFOLLOW | O_NONBLOCK`. A damaged, foreign or unknown-version file is listed as
//!   skipped, never fatal. Names holding control or bidi characters count as damaged, so
//!   nothing read here can drive the terminal.

pub mod words;

use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::Local;
use thiserror::Error;

use crate::agenda::text::find_forbidden;
use crate::domain::history::record::Record;
use crate::private_file::write_atomic;

/// The folder's mode when we create it: the meetings of a confidential group.
pub const DIR_MODE: u32 = 0o700;
/// No report is near this; a larger file is not one.
const MAX_FILE: u64 = 1024 * 1024;

/// What went wrong with the history folder; each message says what to change.
#[derive(Debug, Error)]
pub enum HistoryError {
    #[error("cannot create the history folder {} ({source}) — create it or choose another with `history` / --history", .dir.display())]
    Create { dir: PathBuf, source: io::Error },
    #[error("the history path {} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot write to the history folder {} ({source})", .dir.display())]
    Write { dir: PathBuf, source: io::Error },
    #[error("cannot read the history folder {} ({source})", .dir.display())]
    Read { dir: PathBuf, source: io::Error },
}

/// A meeting read back from the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file: String,
    pub record: Record,
}

/// A file in the folder that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// What the folder holds: readable meetings, oldest first, and the files skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder {
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

impl Folder {
    /// The records, oldest first, for `domain::history`.
    #[must_use]
    pub fn records(&self) -> Vec<Record> {
        self.entries.iter().map(|e| e.record.clone()).collect()
    }
}

/// The id part of a file name: six hex digits of the meeting's `Picks::id`, so a resumed
/// meeting (which keeps it) finds its own entry.
#[must_use]
pub fn meeting_id(id: u64) -> String {
    format!("{:06x}", id >> 40)
}

/// The file name for `record` with `id`: the local start time first, so names sort by date.
#[must_use]
pub fn file_name(record: &Record, id: &str) -> String {
    let start = record.start.with_timezone(&Local);
    format!("{}_{id}.json", start.format("%Y-%m-%dT%H-%M"))
}

/// Creates `dir` 0700 when missing (parents too); an existing folder keeps its mode.
///
/// # Errors
/// `NotAFolder` or `Create`.
pub fn ensure_folder(dir: &Path) -> Result<(), HistoryError> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => return Err(HistoryError::NotAFolder(dir.to_path_buf())),
        Err(_) => {}
    }
    let create = |source| HistoryError::Create {
        dir: dir.to_path_buf(),
        source,
    };
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(create)?;
    // The umask may have taken bits away (or, at 000, added none): say exactly 0700.
    fs::set_permissions(dir, Permissions::from_mode(DIR_MODE)).map_err(create)
}

/// Writes `record` into `dir` as meeting `id`, replacing that meeting's earlier entry if any
/// (a quit meeting that was resumed). Returns the file's path.
///
/// # Errors
/// The folder cannot be created or written.
pub fn write(dir: &Path, record: &Record, id: &str) -> Result<PathBuf, HistoryError> {
    ensure_folder(dir)?;
    let write_error = |source| HistoryError::Write {
        dir: dir.to_path_buf(),
        source,
    };
    let name = file_name(record, id);
    let path = dir.join(&name);
    write_atomic(&path, record.to_json().as_bytes()).map_err(write_error)?;
    let suffix = format!("_{id}.json");
    let mut removed = false;
    if let Ok(listing) = fs::read_dir(dir) {
        for other in listing.flatten() {
            let other = other.file_name().to_string_lossy().into_owned();
            if other != name && other.ends_with(&suffix) && !other.starts_with('.') {
                // Best effort: an old entry left behind is shown by `history`, not lost.
                removed |= fs::remove_file(dir.join(other)).is_ok();
            }
        }
    }
    if removed {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(write_error)?;
    }
    Ok(path)
}

/// Reads every meeting in `dir`, oldest first; a missing folder holds none.
///
/// # Errors
/// `NotAFolder` when `dir` is a file, a FIFO or the like; `Read` when the folder exists but
/// cannot be listed.
pub fn read(dir: &Path) -> Result<Folder, HistoryError> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Folder::default()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Err(HistoryError::NotAFolder(dir.to_path_buf()));
        }
        Err(source) => {
            return Err(HistoryError::Read {
                dir: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut folder = Folder::default();
    for item in listing.flatten() {
        let file = item.file_name().to_string_lossy().into_owned();
        // Hidden files are temp files mid-write (ours) or not ours at all.
        let json = Path::new(&file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if file.starts_with('.') || !json {
            continue;
        }
        match read_one(&item.path()) {
            Ok(record) => folder.entries.push(Entry { file, record }),
            Err(reason) => folder.skipped.push(Skipped {
                file: crate::agenda::text::sanitize(&file),
                reason,
            }),
        }
    }
    folder
        .entries
        .sort_by(|a, b| (a.record.start, &a.file).cmp(&(b.record.start, &b.file)));
    folder.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(folder)
}

/// One file, or why it cannot be used.
fn read_one(path: &Path) -> Result<Record, String> {
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => "a link, not a file".to_string(),
            _ => e.to_string(),
        })?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE {
        return Err("larger than any report".into());
    }
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let record = Record::parse(&text).map_err(|e| e.to_string())?;
    let names = record
        .members
        .iter()
        .map(|m| m.name.as_str())
        .chain(record.segments.iter().map(|s| s.name.as_str()))
        .chain(
            record
                .segments
                .iter()
                .flat_map(|s| s.turns.iter().map(String::as_str)),
        )
        .chain(
            record
                .segments
                .iter()
                .filter_map(|s| s.presenter.as_deref()),
        );
    for name in names {
        if find_forbidden(name).is_some() {
            return Err("a name holds control characters".into());
        }
    }
    Ok(record)
}
