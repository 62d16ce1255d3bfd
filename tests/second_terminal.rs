//! Keys from one terminal, the screen on another: `forumtimer run > /dev/pts/N`, say to put the
//! countdown on a second display. Raw mode is set on the terminal the keys come from; the one
//! showing the screen still turns a line feed into a new line, so the frames must not lean on
//! line feeds there, or every update after the first row would land in the first column.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::raw_pty::{open_pty, wait_exit};

/// Reads `display` into a terminal emulator for `how_long`.
fn watch(display: &mut File, parser: &mut vt100::Parser, how_long: Duration) {
    let until = Instant::now() + how_long;
    let mut chunk = [0u8; 4096];
    while Instant::now() < until {
        let mut poll = libc::pollfd {
            fd: display.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: poll fills in the one pollfd we own.
        let ready = unsafe { libc::poll(&raw mut poll, 1, 50) };
        if ready > 0 {
            // EIO once the program has exited and closed its side.
            let Ok(n) = display.read(&mut chunk) else {
                return;
            };
            parser.process(&chunk[..n]);
        }
    }
}

#[test]
fn a_screen_on_another_terminal_stays_in_place() {
    let state = tempfile::tempdir().unwrap();
    let (mut keyboard, keys) = open_pty();
    let (mut display, screen) = open_pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_forumtimer"))
        .args(["run", "--members", "Ana,Ben"])
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", state.path())
        .stdin(Stdio::from(keys))
        .stdout(Stdio::from(screen.try_clone().unwrap()))
        .stderr(Stdio::from(screen))
        .spawn()
        .expect("forumtimer starts");
    let mut parser = vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0);
    watch(&mut display, &mut parser, Duration::from_millis(500));
    keyboard.write_all(b"\r").unwrap();
    // A few one-second frames, each changing the digits in the middle of the screen.
    watch(&mut display, &mut parser, Duration::from_millis(3500));
    let shown = parser.screen().contents();
    assert!(shown.contains("running"), "{shown}");
    for row in shown.lines() {
        let left: String = row.chars().take(8).collect();
        assert!(
            !left.contains('█'),
            "digits strayed to the first column:\n{shown}"
        );
    }
    keyboard.write_all(b"qyq").unwrap();
    watch(&mut display, &mut parser, Duration::from_millis(300));
    assert_eq!(wait_exit(&mut child), Some(0));
}
