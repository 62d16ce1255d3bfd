//! The state file on disk: `<state dir>/forumtimer/meeting.json`, directory 0700, file 0600,
//! written atomically. A damaged or newer file is moved aside, never overwritten or ignored.

use std::fs::{self, DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::Local;

use super::{FORMAT_VERSION, ResumeError, SavedMeeting, StateError};
use crate::private_file::{Rename, write_atomic_with};

const FILE_NAME: &str = "meeting.json";
const DIR_MODE: u32 = 0o700;

/// Where the one saved meeting lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    /// `$XDG_STATE_HOME/forumtimer` (or `~/.local/state/forumtimer`); `None` where the
    /// system has no state directory.
    #[must_use]
    pub fn default_location() -> Option<StateStore> {
        dirs::state_dir().map(|dir| StateStore::at(dir.join("forumtimer")))
    }

    /// A store in `dir` (tests use a temp dir; never the real state dir).
    #[must_use]
    pub fn at(dir: PathBuf) -> StateStore {
        StateStore { dir }
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file's path.
    #[must_use]
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    #[must_use]
    pub fn exists(&self) -> bool {
        self.path().is_file()
    }

    /// Saves `state` atomically, creating the directory 0700 if needed.
    ///
    /// # Errors
    /// `StateError::Write` when the directory or file cannot be written; the caller shows
    /// it as a warning and keeps timing.
    pub fn save(&self, state: &SavedMeeting) -> Result<(), StateError> {
        self.write(state, Rename::Durable)
    }

    /// `save` for a meeting unchanged since the last `save`, only later: losing it to a power
    /// cut loses nothing, since resuming from the earlier file counts the same time, so the
    /// directory is not fsynced.
    ///
    /// # Errors
    /// As `save`.
    pub fn refresh(&self, state: &SavedMeeting) -> Result<(), StateError> {
        self.write(state, Rename::MayRevert)
    }

    fn write(&self, state: &SavedMeeting, rename: Rename) -> Result<(), StateError> {
        let write_error = |source| StateError::Write {
            dir: self.dir.clone(),
            source,
        };
        DirBuilder::new()
            .recursive(true)
            .mode(DIR_MODE)
            .create(&self.dir)
            .map_err(write_error)?;
        // An existing directory keeps the mode it had; ours holds meeting state, so tighten it.
        fs::set_permissions(&self.dir, Permissions::from_mode(DIR_MODE)).map_err(write_error)?;
        let bytes =
            serde_json::to_vec_pretty(state).map_err(|e| write_error(io::Error::other(e)))?;
        write_atomic_with(&self.path(), &bytes, rename).map_err(write_error)
    }

    /// Loads the saved meeting.
    ///
    /// # Errors
    /// `Missing` when there is none; `Corrupt` or `FutureVersion` (the file moved aside
    /// first, so the next start is not blocked by it); `Unreadable` on other I/O errors.
    pub fn load(&self) -> Result<SavedMeeting, ResumeError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(ResumeError::Missing {
                    dir: self.dir.clone(),
                });
            }
            Err(source) => return Err(ResumeError::Unreadable { path, source }),
        };
        let value: serde_json::Value = match serde_json::from_slice(&bytes) {
            Ok(value) => value,
            Err(e) => return Err(self.corrupt(e.to_string())),
        };
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(version) if version == u64::from(FORMAT_VERSION) => {}
            Some(found) if found > u64::from(FORMAT_VERSION) => {
                return Err(ResumeError::FutureVersion {
                    found,
                    moved_to: self.move_aside("future"),
                });
            }
            _ => return Err(self.corrupt("no known format version".to_string())),
        }
        serde_json::from_value(value).map_err(|e| self.corrupt(e.to_string()))
    }

    /// Removes the saved meeting (a finished meeting needs no resume); none is fine.
    ///
    /// # Errors
    /// `StateError::Remove` when the file exists but cannot be removed.
    pub fn remove(&self) -> Result<(), StateError> {
        match fs::remove_file(self.path()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StateError::Remove {
                path: self.path(),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    fn corrupt(&self, detail: String) -> ResumeError {
        ResumeError::Corrupt {
            detail,
            moved_to: self.move_aside("corrupt"),
        }
    }

    /// Renames the state file to `meeting.json.<why>-<timestamp>`, never over another one.
    fn move_aside(&self, why: &str) -> Option<PathBuf> {
        let stamp = Local::now().format("%Y%m%d-%H%M%S");
        let target = (0..100)
            .map(|n| match n {
                0 => self.dir.join(format!("{FILE_NAME}.{why}-{stamp}")),
                n => self.dir.join(format!("{FILE_NAME}.{why}-{stamp}-{n}")),
            })
            .find(|candidate| !candidate.exists())?;
        fs::rename(self.path(), &target).ok().map(|()| target)
    }
}
