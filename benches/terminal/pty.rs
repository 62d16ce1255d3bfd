//! The child in a pseudo-terminal: every chunk the program writes is timestamped on arrival by
//! a reader thread, counted, and fed to a terminal emulator (vt100) so the benchmark can tell
//! when the screen shows something, and how late.
//!
//! Unlike `tests/support/pty.rs` this harness never panics (a benchmark reports what it could
//! measure) and keeps arrival times, which latencies need.

use std::error::Error;
use std::io::{Read, Write};
use std::num::NonZero;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub type Fallible<T> = Result<T, Box<dyn Error>>;

/// Bytes as the reader thread got them, with the moment they arrived.
struct Chunk {
    at: Instant,
    bytes: Vec<u8>,
}

pub struct Session {
    // Kept so the terminal stays open while the child runs.
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Chunk>,
    parser: vt100::Parser,
    /// When the child was spawned.
    pub spawned: Instant,
    /// When its first byte arrived.
    pub first_byte: Option<Instant>,
    /// Every byte read so far.
    pub bytes: u64,
}

impl Session {
    /// Starts `binary ARGS` in a `cols`×`rows` terminal, state kept under `state_dir`.
    pub fn start(
        binary: &Path,
        args: &[&str],
        (cols, rows): (u16, u16),
        state_dir: &Path,
    ) -> Fallible<Session> {
        let (Some(parser_rows), Some(parser_cols)) = (NonZero::new(rows), NonZero::new(cols))
        else {
            return Err("the terminal needs at least one row and one column".into());
        };
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system().openpty(size)?;
        let mut command = CommandBuilder::new(binary);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("XDG_STATE_HOME", state_dir);
        // The room display's socket beside it: a bench's controller and display find each
        // other, and nothing else does.
        command.env("XDG_RUNTIME_DIR", state_dir);
        command.env_remove("NO_COLOR");
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        // The reader runs before the spawn so that the first byte's time is its arrival time,
        // not the moment a late thread got around to reading it.
        let mut reader = pty.master.try_clone_reader()?;
        let (sender, output) = channel();
        thread::spawn(move || {
            let mut buffer = [0u8; 16 * 1024];
            while let Ok(n) = reader.read(&mut buffer) {
                let chunk = Chunk {
                    at: Instant::now(),
                    bytes: buffer[..n].to_vec(),
                };
                if n == 0 || sender.send(chunk).is_err() {
                    break;
                }
            }
        });
        let spawned = Instant::now();
        let child = pty.slave.spawn_command(command)?;
        drop(pty.slave);
        let writer = pty.master.take_writer()?;
        Ok(Session {
            _master: pty.master,
            child,
            writer,
            output,
            parser: vt100::Parser::new(parser_rows, parser_cols, 0),
            spawned,
            first_byte: None,
            bytes: 0,
        })
    }

    pub fn pid(&self) -> Fallible<u32> {
        self.child
            .process_id()
            .ok_or_else(|| "the child has no process id".into())
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Types `keys` as a terminal would send them; returns when they were sent.
    pub fn press(&mut self, keys: &str) -> Fallible<Instant> {
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        Ok(Instant::now())
    }

    /// Reads output until `done(screen)` holds; returns the arrival time of the chunk that
    /// made it hold, or `None` after `patience`.
    pub fn wait_until(
        &mut self,
        done: impl Fn(&str) -> bool,
        patience: Duration,
    ) -> Option<Instant> {
        let deadline = Instant::now() + patience;
        if done(&self.screen()) {
            return Some(Instant::now());
        }
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let at = self.pump(left)?;
            if done(&self.screen()) {
                return Some(at);
            }
        }
    }

    /// Reads output for `span`; returns how many bytes came.
    pub fn drain_for(&mut self, span: Duration) -> u64 {
        let before = self.bytes;
        let until = Instant::now() + span;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            // A timeout (or an exited child) simply ends the wait.
            let _ = self.pump(left);
        }
        self.bytes - before
    }

    /// Processes one chunk, waiting at most `timeout`; returns its arrival time.
    fn pump(&mut self, timeout: Duration) -> Option<Instant> {
        match self.output.recv_timeout(timeout) {
            Ok(chunk) => {
                self.first_byte.get_or_insert(chunk.at);
                self.bytes += chunk.bytes.len() as u64;
                self.parser.process(&chunk.bytes);
                Some(chunk.at)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits up to `patience` for the child to exit; kills it otherwise. Returns its exit code
    /// when it exited by itself.
    pub fn finish(&mut self, patience: Duration) -> Option<u32> {
        let deadline = Instant::now() + patience;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            let _ = self.pump(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a timer running behind a benchmark; an exited child ignores this.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
