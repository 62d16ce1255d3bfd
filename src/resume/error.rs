//! What can go wrong saving or resuming, each said as one sentence with what to do next.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::agenda::text::escape;

/// Saving failed. The timer keeps running; the screen shows this as a warning.
#[derive(Debug, Error)]
pub enum StateError {
    /// Said first, then why and where: a narrow screen cuts the end of a line, and what the
    /// facilitator must know is that a crash now loses the meeting.
    #[error("Not saved, no resume after a crash: {}", unwritable(.dir, .source))]
    Write { dir: PathBuf, source: io::Error },
    #[error("cannot remove the saved meeting {} ({source}) — delete it by hand so it is not resumed by mistake", home(.path))]
    Remove { path: PathBuf, source: io::Error },
}

impl StateError {
    /// Why, without the "Not saved" that leads the warning: for a sentence that already says
    /// the meeting could not be saved.
    #[must_use]
    pub fn why(&self) -> String {
        match self {
            StateError::Write { dir, source } => unwritable(dir, source),
            StateError::Remove { .. } => self.to_string(),
        }
    }
}

/// Why a state directory could not be written, and which: the warning's words and the
/// closing sentence's, one text.
fn unwritable(dir: &Path, source: &io::Error) -> String {
    format!("{} in {}", reason(source), home(dir))
}

/// Resuming is impossible; never a silent fresh start.
#[derive(Debug, Error)]
pub enum ResumeError {
    #[error(
        "this system has no state directory for forumtimer — set XDG_STATE_HOME to a folder you own"
    )]
    NoStateDir,
    #[error("no saved meeting to resume in {} — start one with `forumtimer run`", home(.dir))]
    Missing { dir: PathBuf },
    #[error("cannot read the saved meeting {} ({source}) — check its permissions, or start afresh with `forumtimer run`", home(.path))]
    Unreadable { path: PathBuf, source: io::Error },
    #[error("the saved meeting {} is not a file forumtimer wrote ({source}) — remove it, then start afresh with `forumtimer run`", home(.path))]
    Refused { path: PathBuf, source: io::Error },
    #[error("another forumtimer meeting is running with this state directory{} — finish it there first: two at once would overwrite each other's saved state", holder(*.pid))]
    Busy { pid: Option<u32> },
    #[error("the saved meeting was damaged ({detail}){} — start afresh with `forumtimer run`", moved(.moved_to.as_ref()))]
    Corrupt {
        detail: String,
        moved_to: Option<PathBuf>,
    },
    #[error("the saved meeting was written by a newer forumtimer (format {found}){} — update forumtimer and move it back to meeting.json to resume it", moved(.moved_to.as_ref()))]
    FutureVersion {
        found: u64,
        moved_to: Option<PathBuf>,
    },
    #[error("the saved meeting was run with the agenda {}, not {given} — resume it with `{}`", escape(.saved), resume_command(.saved))]
    DifferentAgenda { saved: String, given: String },
    #[error(
        "the agenda {} or its member list changed since the meeting was saved — undo the change to resume, or start afresh with `forumtimer run`", escape(.agenda)
    )]
    AgendaChanged { agenda: String },
    #[error("the saved meeting's agenda {} cannot be loaded — check it with `forumtimer check`, or start afresh with `forumtimer run`", escape(.agenda))]
    AgendaUnreadable { agenda: String },
    #[error(
        "the saved meeting does not fit this agenda's plan — start afresh with `forumtimer run`"
    )]
    DoesNotFit,
}

/// An I/O error as a person reads it: the system's sentence without "(os error 28)".
#[must_use]
pub fn reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

fn holder(pid: Option<u32>) -> String {
    pid.map_or_else(String::new, |pid| format!(" (process {pid})"))
}

fn resume_command(agenda: &str) -> String {
    if agenda == super::BUILTIN_AGENDA {
        "forumtimer run --resume".to_string()
    } else {
        format!("forumtimer run {} --resume", escape(agenda))
    }
}

fn moved(to: Option<&PathBuf>) -> String {
    match to {
        Some(path) => format!("; it was moved aside to {}", home(path)),
        None => "; it could not be moved aside".to_string(),
    }
}

/// A path with the home directory shown as `~`, as people type it.
fn home(path: &Path) -> String {
    dirs::home_dir()
        .and_then(|home| path.strip_prefix(home).ok())
        .map_or_else(
            || path.display().to_string(),
            |rest| format!("~/{}", rest.display()),
        )
}
