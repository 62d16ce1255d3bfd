//! A bare pseudo-terminal from `openpty`, for tests that must own every descriptor of it: to
//! close the window for real, or to put standard input and output on different terminals.

// Each test file uses a different part of the harness; a harness failure is a test failure.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Child;
use std::time::{Duration, Instant};

pub const PATIENCE: Duration = Duration::from_secs(20);

/// A pseudo-terminal pair: (master, slave).
pub fn open_pty() -> (File, OwnedFd) {
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

/// Reads the master until `text` has appeared in the output.
pub fn read_until(master: &mut File, text: &str) {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(text) {
        assert!(Instant::now() < deadline, "never showed {text:?}");
        let n = master.read(&mut chunk).expect("reading the terminal");
        seen.extend_from_slice(&chunk[..n]);
    }
}

/// The exit code, once `child` has exited; kills it and fails if it does not.
pub fn wait_exit(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("forumtimer did not exit");
}
