//! Reading an agenda file safely: only regular files, at most 1 MiB, valid UTF-8.
//!
//! A FIFO or device named as an agenda would block or never end, so the file type is checked
//! before opening, the file is opened without blocking, checked again on the open handle (the
//! path may have changed in between), and read with a hard cap whatever its size claims.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::error::{AgendaError, Problem};

/// The largest agenda file accepted: far more than any real agenda, small enough to read whole.
pub const MAX_SIZE: u64 = 1024 * 1024;

/// The text of the agenda at `path`, or why it cannot be used. `origin` names it in messages.
pub(crate) fn read(path: &Path, origin: &str) -> Result<String, AgendaError> {
    let fail = |problem: Problem| AgendaError::new(origin, problem, None);
    let metadata = std::fs::metadata(path).map_err(|e| fail(io_problem(&e)))?;
    check_metadata(&metadata).map_err(fail)?;
    let mut file = open(path).map_err(|e| fail(io_problem(&e)))?;
    let metadata = file.metadata().map_err(|e| fail(io_problem(&e)))?;
    check_metadata(&metadata).map_err(fail)?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_problem(&e)))?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(fail(too_large(None)));
    }
    decode(bytes).map_err(|(problem, lossy)| AgendaError::new(origin, problem, Some(&lossy)))
}

#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

fn check_metadata(metadata: &std::fs::Metadata) -> Result<(), Problem> {
    if metadata.is_dir() {
        return Err(Problem::new("this is a directory, not an agenda file")
            .help("name a .toml file, e.g. agendas/classic-forum.toml"));
    }
    if !metadata.is_file() {
        return Err(Problem::new("this is not a regular file")
            .help("agendas are read only from regular files; save the agenda as a .toml file"));
    }
    if metadata.len() > MAX_SIZE {
        return Err(too_large(Some(metadata.len())));
    }
    Ok(())
}

fn too_large(size: Option<u64>) -> Problem {
    let size = match size {
        // Just over the limit rounds to "1.0 MiB", which reads as within it: say the bytes.
        Some(bytes) if bytes < MAX_SIZE + MAX_SIZE / 10 => {
            format!("{bytes} bytes, {} over", bytes.saturating_sub(MAX_SIZE))
        }
        Some(bytes) => format!("{:.1} MiB", bytes as f64 / MAX_SIZE as f64),
        None => "more than 1 MiB".to_string(),
    };
    Problem::new(format!(
        "the file is too large: {size}; agendas are at most 1 MiB"
    ))
    .help("is this the right file? an agenda is a few kilobytes of TOML")
}

fn io_problem(error: &io::Error) -> Problem {
    match error.kind() {
        io::ErrorKind::NotFound => Problem::new("no such file")
            .help("check the path, or write a new agenda with `forumtimer new --output FILE`"),
        io::ErrorKind::PermissionDenied => {
            Problem::new("permission denied").help("check the file's permissions")
        }
        _ => Problem::new(format!("cannot read the file: {error}")),
    }
}

/// UTF-8 text, or a problem pointing at the first bad byte (positioned in a lossy copy).
fn decode(bytes: Vec<u8>) -> Result<String, (Problem, String)> {
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let line = lossy[..at].matches('\n').count() + 1;
        let problem = Problem::new(format!("the file is not valid UTF-8 (line {line})"))
            .help("save the agenda as UTF-8 text in your editor")
            .at(at..at + 1);
        (problem, lossy)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_byte_is_located_on_its_line() {
        let (problem, lossy) = decode(b"a = 1\nb = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(problem.message, "the file is not valid UTF-8 (line 2)");
        assert_eq!(problem.span, Some(11..12));
        assert!(lossy.contains('\u{fffd}'));
    }

    #[test]
    fn sizes_are_said_in_mebibytes() {
        assert!(
            too_large(Some(3 * MAX_SIZE / 2))
                .message
                .contains("1.5 MiB")
        );
    }

    #[test]
    fn a_file_just_over_the_limit_is_not_said_to_be_one_mebibyte() {
        let message = too_large(Some(MAX_SIZE + 1)).message;
        assert!(!message.contains("1.0 MiB"), "{message}");
        assert!(message.contains("1048577 bytes, 1 over"), "{message}");
    }
}
