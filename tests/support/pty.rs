//! Runs the real `forumtimer` binary in a pseudo-terminal, types keys and reads the screen
//! through a terminal emulator (vt100), as a facilitator's terminal would show it.

// Each test file uses a different part of the harness; a harness failure is a test failure.
#![allow(dead_code, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a loaded CI machine; a passing test never waits this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the program wrote, for checks on the escape sequences themselves.
    pub raw: Vec<u8>,
}

impl Session {
    /// Starts `forumtimer ARGS` in a `cols`×`rows` terminal with its state kept in `state_dir`.
    pub fn start(args: &[&str], cols: u16, rows: u16, state_dir: &Path) -> Session {
        Session::start_with_env(args, cols, rows, state_dir, &[])
    }

    /// `start`, with extra environment variables.
    pub fn start_with_env(
        args: &[&str],
        cols: u16,
        rows: u16,
        state_dir: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_forumtimer"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("XDG_STATE_HOME", state_dir);
        // The room display's socket too, so that tests running at once never meet.
        command.env("XDG_RUNTIME_DIR", state_dir);
        command.env_remove("NO_COLOR");
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(command).expect("forumtimer starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let (sender, output) = channel();
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            master: pty.master,
            child,
            writer,
            output,
            parser: vt100::Parser::new(
                rows.try_into().expect("rows > 0"),
                cols.try_into().expect("cols > 0"),
                0,
            ),
            raw: Vec::new(),
        }
    }

    /// Starts `forumtimer ARGS` at 80×24 with a fresh state directory and presses enter on the
    /// opening screen, so the first slot (the opening block) is running.
    pub fn meeting(args: &[&str]) -> (tempfile::TempDir, Session) {
        let state = tempfile::tempdir().expect("a temporary state directory");
        let mut session = Session::start(args, 80, 24, state.path());
        session.wait_for("enter start");
        session.press("\r");
        session.wait_for("everyone together");
        (state, session)
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads what the program wrote within `timeout`; false when it wrote nothing.
    pub fn pump(&mut self, timeout: Duration) -> bool {
        match self.output.recv_timeout(timeout) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                true
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Reads output until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(|screen| screen.contains(text), text)
    }

    /// Reads output until `done(screen)` holds.
    pub fn wait_until(&mut self, done: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {what:?}; it shows:\n{screen}"
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Resizes the terminal, as dragging the window's corner would (the kernel sends
    /// SIGWINCH); what the program wrote before is read at the old size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        while self.pump(Duration::from_millis(20)) {}
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the terminal");
        self.parser.set_size(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
        );
    }

    /// Types `keys` as a terminal would send them.
    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typing");
        self.writer.flush().expect("typing");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Waits for the program to exit, draining its output; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting") {
                // Everything it wrote, to the end of the terminal's output: a pause of some
                // milliseconds is no sign of the end on a loaded machine (in CI the closing
                // message and the way back from the alternate screen were once left unread).
                self.drain(deadline);
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "forumtimer did not exit:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Reads until the terminal has no writer left (the reader sees its end), or `deadline`.
    fn drain(&mut self, deadline: Instant) {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the terminal's output never ended:\n{}", self.screen())
                }
            }
        }
    }

    /// Whether the terminal is back in cooked mode with echo, as a shell expects it.
    pub fn terminal_is_cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("a file descriptor");
        // SAFETY: tcgetattr only fills the struct we own; fd is the open pty master.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::tcgetattr(fd, &raw mut termios) } == 0;
        ok && termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    /// Whether the program left the alternate screen and showed the cursor again.
    pub fn screen_is_restored(&self) -> bool {
        let screen = self.parser.screen();
        !screen.alternate_screen() && !screen.hide_cursor()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
