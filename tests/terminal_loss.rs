//! A closed terminal window ends the meeting the way SIGHUP does: saved, exit code 129, no
//! process left behind spinning on a terminal that is gone (crossterm issue #793). Keys that
//! could never arrive (standard input not the terminal) are refused at the start.
//!
//! Its own pseudo-terminal (`support::raw_pty`), not `support::pty`: closing the window means
//! closing every descriptor of the master side, and that harness keeps one open in its reader
//! thread.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use support::raw_pty::{open_pty, read_until, wait_exit};

/// Starts a meeting on the pseudo-terminal; `controlling` makes it the terminal's session
/// leader, which the kernel sends SIGHUP when the terminal closes. Without it only the
/// hang-up on the descriptor tells.
fn start(slave: &OwnedFd, state: &std::path::Path, controlling: bool) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_forumtimer"));
    command
        .args(["run", "--members", "Ana,Ben"])
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", state)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if controlling && libc::ioctl(libc::STDIN_FILENO, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.spawn().expect("forumtimer starts")
}

#[test]
fn closing_the_terminal_saves_the_meeting_and_exits() {
    for controlling in [true, false] {
        let state = tempfile::tempdir().unwrap();
        let (mut master, slave) = open_pty();
        let mut child = start(&slave, state.path(), controlling);
        drop(slave);
        read_until(&mut master, "enter start");
        master.write_all(b"\r").unwrap();
        read_until(&mut master, "running");
        drop(master);
        assert_eq!(
            wait_exit(&mut child),
            Some(129),
            "controlling: {controlling}"
        );
        assert!(
            state.path().join("forumtimer/meeting.json").exists(),
            "the meeting is saved for --resume (controlling: {controlling})"
        );
    }
}

#[test]
fn standard_input_that_is_not_the_terminal_is_refused() {
    let state = tempfile::tempdir().unwrap();
    let (mut master, slave) = open_pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_forumtimer"))
        .args(["run", "--members", "Ana,Ben"])
        .env("XDG_STATE_HOME", state.path())
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .expect("forumtimer starts");
    read_until(&mut master, "standard input is not one");
    assert_eq!(wait_exit(&mut child), Some(1));
}
