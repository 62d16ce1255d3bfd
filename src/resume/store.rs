//! The state file on disk: `<state dir>/forumtimer/meeting.json`, directory 0700, file 0600,
//! written atomically. A damaged or newer file is moved aside, never overwritten or ignored;
//! a meeting replaced by a fresh start is kept as `meeting.json.previous` (one generation).
//! `meeting.lock` is held (`flock`) by the one live meeting; the lock goes with the process.

use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::Local;

use super::{FORMAT_VERSION, ResumeError, SavedMeeting, StateError};
use crate::private_file::{FILE_MODE, Rename, read_regular, write_and_sync, write_atomic_via};

const FILE_NAME: &str = "meeting.json";
const PREVIOUS_NAME: &str = "meeting.json.previous";
const LOCK_NAME: &str = "meeting.lock";
const DIR_MODE: u32 = 0o700;
/// A state file is a few kilobytes; anything this large is not one forumtimer wrote.
const MAX_STATE_BYTES: u64 = 1 << 20;

/// The error for a state directory that is not one to use, saying what it is.
fn refused(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("the state directory is {what}; refused"),
    )
}

/// The advisory lock of the one live meeting of a state directory, released when dropped
/// (or when the process ends, however it ends).
#[derive(Debug)]
pub struct StateLock {
    _file: File,
}

/// What taking the lock gave, when no other meeting holds it.
#[derive(Debug)]
pub enum Lock {
    Held(StateLock),
    /// The lock file cannot be made (the directory cannot be written): the timer goes on, and
    /// the caller shows this as a warning.
    Unavailable(StateError),
}

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

    /// Where a meeting replaced by a fresh start is kept.
    #[must_use]
    pub fn previous_path(&self) -> PathBuf {
        self.dir.join(PREVIOUS_NAME)
    }

    /// Whether anything (even a damaged file) is saved.
    #[must_use]
    pub fn exists(&self) -> bool {
        fs::symlink_metadata(self.path()).is_ok()
    }

    /// Takes the state directory's lock for the life of the process.
    ///
    /// # Errors
    /// `ResumeError::Busy` when another live meeting holds it.
    pub fn lock(&self) -> Result<Lock, ResumeError> {
        let write_error = |source| StateError::Write {
            dir: self.dir.clone(),
            source,
        };
        if let Err(error) = self.make_dir() {
            return Ok(Lock::Unavailable(write_error(error)));
        }
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(self.dir.join(LOCK_NAME));
        let mut file = match opened {
            Ok(file) => file,
            Err(error) => return Ok(Lock::Unavailable(write_error(error))),
        };
        // SAFETY: flock only acts on the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let error = io::Error::last_os_error();
            if error.kind() == io::ErrorKind::WouldBlock {
                let mut text = String::new();
                let _ = Read::by_ref(&mut file).take(32).read_to_string(&mut text);
                return Err(ResumeError::Busy {
                    pid: text.trim().parse().ok(),
                });
            }
            return Ok(Lock::Unavailable(write_error(error)));
        }
        // The holder's process id, for the message a second run shows; best effort.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()));
        Ok(Lock::Held(StateLock { _file: file }))
    }

    /// Moves the saved meeting to `meeting.json.previous` (replacing an older one there), so a
    /// fresh start that replaces it can still be undone by hand.
    ///
    /// # Errors
    /// When the file exists and cannot be moved.
    pub fn set_aside(&self) -> io::Result<Option<PathBuf>> {
        if !self.exists() {
            return Ok(None);
        }
        let previous = self.previous_path();
        fs::rename(self.path(), &previous)?;
        Ok(Some(previous))
    }

    /// Makes the directory 0700, or tightens an existing one of ours to 0700. A symlink or
    /// someone else's directory is refused before anything is changed: tightening would
    /// follow the link (or act as root on another user's folder), and saving there would put
    /// the meeting where another user chose.
    fn make_dir(&self) -> io::Result<()> {
        DirBuilder::new()
            .recursive(true)
            .mode(DIR_MODE)
            .create(&self.dir)?;
        // The checks and the change act on one opened directory, never on the path again,
        // so nothing swapped in between is changed; a symlink fails the open itself.
        let dir = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(&self.dir)
            .map_err(|error| {
                // Only when the open failed is the path looked at again, to say why.
                let link =
                    fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_symlink());
                if link {
                    refused("a symbolic link")
                } else {
                    error
                }
            })?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if dir.metadata()?.uid() != unsafe { libc::geteuid() } {
            return Err(refused("owned by someone else"));
        }
        // An existing directory keeps the mode it had; ours holds meeting state, so tighten it.
        dir.set_permissions(Permissions::from_mode(DIR_MODE))
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
        self.make_dir().map_err(write_error)?;
        let bytes =
            serde_json::to_vec_pretty(state).map_err(|e| write_error(io::Error::other(e)))?;
        write_atomic_via(&self.path(), &bytes, rename, write_and_sync).map_err(write_error)
    }

    /// Loads the saved meeting.
    ///
    /// # Errors
    /// `Missing` when there is none; `Corrupt` or `FutureVersion` (the file moved aside
    /// first, so the next start is not blocked by it); `Unreadable` on other I/O errors.
    pub fn load(&self) -> Result<SavedMeeting, ResumeError> {
        self.read(true)
    }

    /// Reads the saved meeting without moving a damaged one aside: what the opening screen
    /// says about an unfinished meeting before anyone decides.
    ///
    /// # Errors
    /// As `load`, with nothing moved.
    pub fn peek(&self) -> Result<SavedMeeting, ResumeError> {
        self.read(false)
    }

    fn read(&self, move_damaged: bool) -> Result<SavedMeeting, ResumeError> {
        let path = self.path();
        let bytes = match read_regular(&path, MAX_STATE_BYTES) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(ResumeError::Missing {
                    dir: self.dir.clone(),
                });
            }
            Err(source) if source.kind() == io::ErrorKind::InvalidInput => {
                return Err(ResumeError::Refused { path, source });
            }
            Err(source) => return Err(ResumeError::Unreadable { path, source }),
        };
        let aside = |why| move_damaged.then(|| self.move_aside(why)).flatten();
        let corrupt = |detail: String| ResumeError::Corrupt {
            detail,
            moved_to: aside("corrupt"),
        };
        let value: serde_json::Value = match serde_json::from_slice(&bytes) {
            Ok(value) => value,
            Err(e) => return Err(corrupt(e.to_string())),
        };
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(version) if version == u64::from(FORMAT_VERSION) => {}
            Some(found) if found > u64::from(FORMAT_VERSION) => {
                return Err(ResumeError::FutureVersion {
                    found,
                    moved_to: aside("future"),
                });
            }
            _ => return Err(corrupt("no known format version".to_string())),
        }
        serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))
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
