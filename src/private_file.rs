//! Atomic, owner-only file writes: the one way `report` and `resume` put bytes on disk.
//!
//! A temp file in the target's directory (so `rename` stays on one filesystem), created with
//! mode 0600 and set to 0600 again (the umask may have stripped bits the first time, and a
//! stale temp may predate us), written, fsynced, renamed over the target, and the directory
//! fsynced so the rename itself survives a power cut.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Owner read and write only: reports hold names, state files hold a meeting's timing.
pub const FILE_MODE: u32 = 0o600;

/// Writes `bytes` to `path` atomically with mode 0600. On error the target is untouched and
/// the temp file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, Rename::Durable)
}

/// Whether the rename must survive a power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rename {
    /// The directory is fsynced after the rename.
    Durable,
    /// Not: after a power cut the path may hold the previous file, complete and intact. For
    /// rewrites whose loss changes nothing, it saves the directory's fsync (three of a save's
    /// eight sleeps on disk).
    MayRevert,
}

/// `write_atomic`, choosing whether the rename itself is made durable.
pub fn write_atomic_with(path: &Path, bytes: &[u8], rename: Rename) -> io::Result<()> {
    let dir = parent_dir(path);
    let temp = temp_path(path);
    let result = write_temp(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: a leftover temp is harmless, the original error is what matters.
        let _ = fs::remove_file(&temp);
        return result;
    }
    match rename {
        Rename::Durable => File::open(dir)?.sync_all(),
        Rename::MayRevert => Ok(()),
    }
}

fn write_temp(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(temp)?;
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A hidden sibling named after the target and this process, so two processes never share one.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    parent_dir(path).join(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
    }

    #[test]
    fn a_missing_directory_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.md");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[test]
    fn a_bare_file_name_lives_in_the_current_directory() {
        assert_eq!(parent_dir(Path::new("report.md")), Path::new("."));
        assert_eq!(parent_dir(Path::new("a/report.md")), Path::new("a"));
    }
}
