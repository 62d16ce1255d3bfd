//! `--report FILE`: the summary written as Markdown or JSON, timing only, mode 0600.
//!
//! `check_writable` runs before the meeting starts, so a typo in the path is found while the
//! room is still settling rather than after three hours. The file holds the member names of
//! the agenda and times — never prompts, notes or anything said.
//!
//! # JSON fields
//!
//! One object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `version` | number | the format version, 1; the history folder skips files of any other |
//! | `start` | string | when the meeting started: RFC 3339 local time with offset, to the second |
//! | `planned_end` | string | the planned end, same format |
//! | `actual_end` | string | when the meeting ended (or was summarised, if `finished` is false) |
//! | `finished` | bool | false when the meeting was stopped before its last slot was done |
//! | `members` | array | one object per member, in agenda order, then guests (below) |
//! | `segments` | array | one object per segment, in agenda order (below) |
//! | `resets` | object | room resets by kind: `advice`, `debate`, `crosstalk`, `overprocessing`, `silence`, `emotion` — all six, counts only |
//! | `wrap_ups` | number | wrap-up cues given (`w`), a count only |
//!
//! Each of `members`: `name` (as in the agenda; a guest added in the room is "Guest 1",
//! "Guest 2"…, never the name typed for them), `present` (bool), `spoken_seconds` (time
//! spoken over all turns), `allotted_seconds` (frozen allotments of the turns that started; a
//! passed turn counts only the time used before the pass), `turns` (turns started, passed ones
//! included), `passed` (turns passed). Each of `segments`: `name`, `planned_seconds` (planned
//! length of the slots that took place or were due, the turns scaled to this meeting's length
//! so that the segments add up to it), `actual_seconds` (time spent), `kind`
//! (`"block"`, `"round"` or `"spotlight"`), `turns` (the names of those whose turns started, in
//! turn order, passed turns included: who spoke first and last) and `presenter` (the spotlight's
//! member if it took place, else null). Every `*_seconds` is a whole number, rounded to the
//! nearest second. The history folder (SPEC §13) keeps exactly this object per meeting.

use std::io;
use std::path::{Path, PathBuf};

use crate::wall::Origin;
use thiserror::Error;

use crate::agenda::text::escape;
use crate::domain::summary::Summary;
use crate::private_file::{
    Rename, Writer, new_temp, parent_dir, refuse_unsafe, write_and_sync, write_atomic_via,
};
use crate::resume::reason;

pub mod json;
mod markdown;
#[cfg(test)]
mod tests;

/// What can go wrong with `--report`; each message says what to change.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("the report file {} must end in .md or .json — choose one of those", shown(.0))]
    BadExtension(PathBuf),
    #[error("the report path {} is a directory — give a file name such as {}", shown(.0), shown(&.0.join("forum.md")))]
    IsDirectory(PathBuf),
    #[error("the folder {} for the report does not exist — create it or choose another path", shown(.0))]
    NoFolder(PathBuf),
    #[error("cannot write the report in {} ({}) — choose a folder you can write to, with room for the report", shown(.dir), reason(.source))]
    NotWritable { dir: PathBuf, source: io::Error },
    #[error("the report path {} is not a file to write to ({source}) — choose another path", shown(.path))]
    Refused { path: PathBuf, source: io::Error },
    #[error("could not write the report {} ({})", shown(.path), reason(.source))]
    Write { path: PathBuf, source: io::Error },
}

/// The report's format, chosen by the file's extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Json,
}

impl ReportFormat {
    /// The format for `path`'s extension.
    ///
    /// # Errors
    /// `BadExtension` for anything but `.md` and `.json`.
    pub fn of(path: &Path) -> Result<ReportFormat, ReportError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md") => Ok(ReportFormat::Markdown),
            Some("json") => Ok(ReportFormat::Json),
            _ => Err(ReportError::BadExtension(path.to_path_buf())),
        }
    }
}

/// The probe writes this much and syncs it: more than a report of 30 members takes, so a
/// disk too full for the report is found before the meeting rather than after it.
const PROBE_BYTES: usize = 64 * 1024;

/// Checks, before the meeting starts, that a report can be written to `path`: a known
/// extension, not a directory, FIFO, device or someone else's symlink, and a folder that
/// exists and takes a report-sized file (tried for real with a probe file, which also catches
/// read-only mounts and full disks).
///
/// # Errors
/// The `ReportError` that writing the report would meet.
pub fn check_writable(path: &Path) -> Result<(), ReportError> {
    check_writable_via(path, write_and_sync)
}

/// `check_writable`, the probe's bytes going through `writer`.
///
/// # Errors
/// As `check_writable`.
fn check_writable_via(path: &Path, writer: Writer) -> Result<(), ReportError> {
    if path.is_dir() {
        return Err(ReportError::IsDirectory(path.to_path_buf()));
    }
    ReportFormat::of(path)?;
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(ReportError::NoFolder(dir.to_path_buf()));
    }
    refuse_unsafe(path).map_err(|source| ReportError::Refused {
        path: path.to_path_buf(),
        source,
    })?;
    let not_writable = |source| ReportError::NotWritable {
        dir: dir.to_path_buf(),
        source,
    };
    // Removed when dropped, whatever happens.
    let probe = new_temp(path).map_err(not_writable)?;
    writer(probe.as_file(), &vec![b'\n'; PROBE_BYTES]).map_err(not_writable)?;
    probe.close().map_err(not_writable)
}

/// A path as shown in a message: control characters escaped, so a typed ESC cannot act on
/// the terminal.
fn shown(path: &Path) -> String {
    escape(&path.display().to_string())
}

/// The report text for `summary`; `origin` maps the meeting clock to local time, as the
/// summary screen does (`App::times`: a rehearsal from its real start).
#[must_use]
pub fn render(summary: &Summary, origin: Origin, format: ReportFormat) -> String {
    match format {
        ReportFormat::Markdown => markdown::render(summary, origin),
        ReportFormat::Json => json::render(summary, origin),
    }
}

/// Writes the report to `path` atomically, mode 0600, in the format its extension names.
///
/// # Errors
/// A bad extension, or the I/O error met while writing.
pub fn write(path: &Path, summary: &Summary, origin: Origin) -> Result<(), ReportError> {
    write_via(path, summary, origin, write_and_sync)
}

/// `write`, the report's bytes going through `writer`.
///
/// # Errors
/// As `write`.
pub fn write_via(
    path: &Path,
    summary: &Summary,
    origin: Origin,
    writer: Writer,
) -> Result<(), ReportError> {
    let format = ReportFormat::of(path)?;
    if path.is_dir() {
        return Err(ReportError::IsDirectory(path.to_path_buf()));
    }
    refuse_unsafe(path).map_err(|source| ReportError::Refused {
        path: path.to_path_buf(),
        source,
    })?;
    let text = render(summary, origin, format);
    write_atomic_via(path, text.as_bytes(), Rename::Durable, writer).map_err(|source| {
        ReportError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}
