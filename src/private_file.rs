//! Atomic, owner-only file writes and safe reads: the one way `report` and `resume` touch disk.
//!
//! A write goes to a new temp file in the target's directory (so `rename` stays on one
//! filesystem), created by `tempfile` with `O_EXCL` and an unguessable name — so a symlink
//! planted in a shared folder is never followed — set to mode 0600 (the umask may have
//! stripped bits), written, fsynced, renamed over the target, and the directory fsynced so
//! the rename itself survives a power cut.
//!
//! A target that is a FIFO, a device, a socket or a symlink owned by someone else is refused
//! before anything is opened: following it could overwrite another file, and opening a FIFO
//! blocks for ever. Reads open with `O_NONBLOCK` and check the opened file, so even a FIFO
//! swapped in after the check cannot hang the program.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Owner read and write only: reports hold names, state files hold a meeting's timing.
pub const FILE_MODE: u32 = 0o600;

/// How bytes reach a newly opened file and the disk under it: `write_and_sync`, except in
/// tests that need the errors of a full disk where no full disk can be made (a tiny tmpfs
/// needs root).
pub type Writer = fn(&File, &[u8]) -> io::Result<()>;

/// Writes all of `bytes` to `file` and syncs it: where a full disk or a failing one shows.
///
/// # Errors
/// The I/O error met.
pub fn write_and_sync(mut file: &File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` to `path` atomically with mode 0600. On error the target is untouched and
/// the temp file is removed.
///
/// # Errors
/// A refused target (see `refuse_unsafe`), or the I/O error met.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_via(path, bytes, Rename::Durable, write_and_sync)
}

/// `write_atomic` for a file meant to be shared, like the agenda schema `new` writes into a
/// group's folder: readable by all (mode 0644), the same care otherwise.
///
/// # Errors
/// As `write_atomic`.
pub fn write_atomic_readable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_mode(path, bytes, 0o644, Rename::Durable, write_and_sync)
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

/// `write_atomic`, choosing whether the rename itself is made durable, the bytes going
/// through `writer` (`write_and_sync`, or a test's failing disk).
///
/// # Errors
/// As `write_atomic`.
pub fn write_atomic_via(
    path: &Path,
    bytes: &[u8],
    rename: Rename,
    writer: Writer,
) -> io::Result<()> {
    write_atomic_mode(path, bytes, FILE_MODE, rename, writer)
}

fn write_atomic_mode(
    path: &Path,
    bytes: &[u8],
    mode: u32,
    rename: Rename,
    writer: Writer,
) -> io::Result<()> {
    refuse_unsafe(path)?;
    let dir = parent_dir(path);
    let temp = new_temp(path)?;
    temp.as_file()
        .set_permissions(Permissions::from_mode(mode))?;
    writer(temp.as_file(), bytes)?;
    // On error the temp file is removed by its drop; the original error is what matters.
    temp.persist(path).map_err(|error| error.error)?;
    match rename {
        Rename::Durable => File::open(dir)?.sync_all(),
        Rename::MayRevert => Ok(()),
    }
}

/// A new, empty, hidden temp file next to `path`: `O_EXCL`, random name, mode 0600.
///
/// # Errors
/// When the folder does not accept a new file.
pub fn new_temp(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(Permissions::from_mode(FILE_MODE))
        .tempfile_in(parent_dir(path))
}

/// Refuses a path that must not be written or read as a plain file: a FIFO, a device, a
/// socket or a directory, or a symlink that someone else owns. A missing path is fine, and so
/// is a symlink of the user's own that leads to a regular file (or to nothing yet).
///
/// # Errors
/// `InvalidInput` with a sentence saying what the path is.
pub fn refuse_unsafe(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        if meta.uid() != effective_uid() {
            return Err(refused("a symbolic link owned by someone else"));
        }
        return match fs::metadata(path) {
            Ok(target) => refuse_kind(&target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        };
    }
    refuse_kind(&meta)
}

fn refuse_kind(meta: &fs::Metadata) -> io::Result<()> {
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    };
    Err(refused(what))
}

fn refused(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file; refused"),
    )
}

/// Reads a regular file of at most `limit` bytes without ever blocking on it: the path is
/// checked first, opened with `O_NONBLOCK`, and the opened file checked again.
///
/// # Errors
/// `NotFound` when missing, `InvalidInput` when refused or too large, other I/O errors.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    refuse_unsafe(path)?;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    refuse_kind(&meta)?;
    if meta.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is larger than {limit} bytes"),
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A `Writer` for tests: half the bytes land, then the disk is full.
#[cfg(test)]
pub(crate) fn full_disk(mut file: &File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(&bytes[..bytes.len() / 2])?;
    Err(io::Error::from_raw_os_error(libc::ENOSPC))
}

#[cfg(test)]
mod tests {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    use super::*;

    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    }

    pub(crate) fn mkfifo(path: &Path) {
        let c = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: mkfifo reads the NUL-terminated path we own.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            names(dir.path()),
            vec![std::ffi::OsString::from("out.json")]
        );
    }

    #[test]
    fn a_symlink_planted_at_the_old_temp_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::set_permissions(&victim, Permissions::from_mode(0o644)).unwrap();
        let path = dir.path().join("meeting.json");
        // The names the old code used: `.NAME.tmp-<pid>`.
        let planted = dir
            .path()
            .join(format!(".meeting.json.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&path, b"state").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(
            fs::metadata(&victim).unwrap().permissions().mode() & 0o777,
            0o644
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "state");
    }

    #[test]
    fn a_fifo_at_the_target_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        mkfifo(&path);
        let error = write_atomic(&path, b"x").unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
        let error = read_regular(&path, 100).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
    }

    #[test]
    fn a_device_is_refused() {
        let error = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
        assert!(error.to_string().contains("device"), "{error}");
    }

    #[test]
    fn an_own_symlink_to_a_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real");
        fs::write(&target, "abc").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_regular(&link, 100).unwrap(), b"abc");
        assert!(read_regular(&link, 2).is_err());
    }

    #[test]
    fn a_full_disk_leaves_the_old_file_whole_and_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meeting.json");
        fs::write(&path, "old").unwrap();
        let error = write_atomic_via(&path, b"new state", Rename::Durable, full_disk).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            names(dir.path()),
            vec![std::ffi::OsString::from("meeting.json")]
        );
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
