//! What can go wrong saving or resuming, each said as one sentence with what to do next.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Saving failed. The timer keeps running; the screen shows this as a warning.
#[derive(Debug, Error)]
pub enum StateError {
    #[error("cannot save the meeting in {} ({source}) — the timer goes on, but it could not be resumed after a crash", home(.dir))]
    Write { dir: PathBuf, source: io::Error },
    #[error("cannot remove the saved meeting {} ({source}) — delete it by hand so it is not resumed by mistake", home(.path))]
    Remove { path: PathBuf, source: io::Error },
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
    #[error("the saved meeting was run with the agenda {saved}, not {given} — resume it with `{}`", resume_command(.saved))]
    DifferentAgenda { saved: String, given: String },
    #[error(
        "the agenda {agenda} or its member list changed since the meeting was saved — undo the change to resume, or start afresh with `forumtimer run`"
    )]
    AgendaChanged { agenda: String },
    #[error(
        "the saved meeting does not fit this agenda's plan — start afresh with `forumtimer run`"
    )]
    DoesNotFit,
}

fn resume_command(agenda: &str) -> String {
    if agenda == super::BUILTIN_AGENDA {
        "forumtimer run --resume".to_string()
    } else {
        format!("forumtimer run {agenda} --resume")
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
