//! A closed terminal window ends the meeting the way SIGHUP does: saved, exit code 129, no
//! process left behind spinning on a terminal that is gone (crossterm issue #793). Keys that
//! could never arrive (standard input not the terminal) are refused at the start.
//!
//! Its own pseudo-terminal, not `support::pty`: closing the window means closing every
//! descriptor of the master side, and that harness keeps one open in its reader thread.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(20);

/// A pseudo-terminal pair: (master, slave).
fn open_pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the ints we own and reads the winsize.
    let opened = unsafe {
        libc::openpty(
            &raw mut master,
            &raw mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &raw const size,
        )
    };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    // Close-on-exec, or the child would hold the master open itself and never see it close.
    for fd in [master, slave] {
        // SAFETY: fcntl only changes the flags of a descriptor we own.
        assert_eq!(
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
            0
        );
    }
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

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

/// Reads the master until `text` has appeared in the output.
fn read_until(master: &mut File, text: &str) {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(text) {
        assert!(Instant::now() < deadline, "never showed {text:?}");
        let n = master.read(&mut chunk).expect("reading the terminal");
        seen.extend_from_slice(&chunk[..n]);
    }
}

fn wait_exit(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("forumtimer kept running after its terminal closed");
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
