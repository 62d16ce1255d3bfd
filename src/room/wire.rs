//! The room-display protocol: how `forumtimer run` publishes the room state and how
//! `forumtimer show` follows it. Version 1.
//!
//! **Endpoint.** A Unix stream socket, `room.sock`, in `$XDG_RUNTIME_DIR/forumtimer/`, or in
//! `/tmp/forumtimer-UID/` when that variable is unset. The folder is the user's own, mode
//! 0700, so only the user who runs the meeting can connect. One controller binds it; any
//! number of displays connect.
//!
//! **Messages.** Controller to display only, one JSON object per line (UTF-8, `\n`), each
//! carrying the protocol version `v`. A display sends nothing.
//! - `{"v":1,"type":"room","anchor":{…},"room":{…}}` — the whole room state (`RoomState`:
//!   title, clock origin, speed and the stage: `opening`, `live` or `closed`), sent when a
//!   display connects and again after every change. State, never rendered frames or deltas:
//!   a display that missed messages is whole again with the next one.
//! - `{"v":1,"type":"bye"}` — the controller is closing on purpose (quit, signal). A connection
//!   that ends without it means the controller stopped unexpectedly.
//!
//! **Time.** Times in the state are nanoseconds on the meeting clock. `anchor` ties that clock
//! to the machine's clock (`CLOCK_BOOTTIME` on Linux, which counts suspend; `CLOCK_MONOTONIC`
//! elsewhere): the meeting clock read `meeting_ns` when the machine's clock read `machine_ns`,
//! and runs `speed` times as fast. A display computes the meeting clock from its own readings
//! of the machine's clock, so both sides compute every countdown from the same state and the
//! same clock, and flip each second together; nothing counts ticks. The controller sends a new
//! anchor whenever its meeting clock moves otherwise.
//!
//! **Flow.** A display that cannot take a message at once (its socket buffer full: stuck,
//! stopped or slow) is disconnected, never waited for; it reconnects and resyncs from the
//! next full state. A message whose `v` is not 1 is refused by the display with a message.

use std::fmt;
use std::io::{self, ErrorKind, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::RoomState;

/// The protocol version this build speaks.
pub const VERSION: u32 = 1;
/// The socket's name in the runtime folder.
const SOCKET: &str = "room.sock";
/// A line longer than this is not a room state; the connection is dropped rather than grown.
const MAX_LINE: usize = 4 << 20;

/// The meeting clock at one instant of the machine's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub meeting_ns: u64,
    pub machine_ns: u64,
}

impl Anchor {
    /// Ties meeting-clock time `meeting` to the machine's clock now.
    #[must_use]
    pub fn at(meeting: Duration) -> Anchor {
        Anchor {
            meeting_ns: nanos(meeting),
            machine_ns: machine_ns(),
        }
    }

    /// The meeting clock at the machine's clock reading `machine_ns`, at `speed`.
    #[must_use]
    pub fn meeting_at(&self, machine_ns: u64, speed: u32) -> Duration {
        let since = machine_ns.saturating_sub(self.machine_ns);
        Duration::from_nanos(
            self.meeting_ns
                .saturating_add(since.saturating_mul(u64::from(speed.max(1)))),
        )
    }

    /// The meeting clock now.
    #[must_use]
    pub fn meeting_now(&self, speed: u32) -> Duration {
        self.meeting_at(machine_ns(), speed)
    }
}

/// One protocol message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// The whole room state and the clock it is read against.
    Room {
        anchor: Anchor,
        room: Box<RoomState>,
    },
    /// The controller is closing on purpose.
    Bye,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    v: u32,
    #[serde(flatten)]
    message: Message,
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

/// Why a line could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Another version of the protocol: the controller is a different forumtimer.
    Version(u32),
    Malformed,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Version(v) => write!(
                f,
                "the meeting is run by another version of forumtimer (room protocol {v}, this one speaks {VERSION})"
            ),
            DecodeError::Malformed => {
                write!(f, "the meeting sent a message this display cannot read")
            }
        }
    }
}

/// The message as one line, newline included.
#[must_use]
pub fn encode(message: &Message) -> String {
    let envelope = Envelope {
        v: VERSION,
        message: message.clone(),
    };
    let mut line = serde_json::to_string(&envelope).unwrap_or_default();
    line.push('\n');
    line
}

/// Reads one line (without its newline).
///
/// # Errors
/// Another protocol version, or a line that is not a message.
pub fn decode(line: &str) -> Result<Message, DecodeError> {
    let version: VersionOnly = serde_json::from_str(line).map_err(|_| DecodeError::Malformed)?;
    if version.v != VERSION {
        return Err(DecodeError::Version(version.v));
    }
    serde_json::from_str::<Envelope>(line)
        .map(|e| e.message)
        .map_err(|_| DecodeError::Malformed)
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// The machine-wide clock the meeting clock runs on (see `tui::clock`): the boot clock, which
/// counts suspend, where there is one; both processes read it alike.
#[cfg(any(target_os = "linux", target_os = "android"))]
const MACHINE_CLOCK: libc::clockid_t = libc::CLOCK_BOOTTIME;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const MACHINE_CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;

/// The machine-wide clock's reading now, in nanoseconds.
#[must_use]
pub fn machine_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given, which outlives the call.
    unsafe {
        libc::clock_gettime(MACHINE_CLOCK, &raw mut now);
    }
    let secs = u64::try_from(now.tv_sec).unwrap_or(0);
    let sub = u64::try_from(now.tv_nsec).unwrap_or(0);
    secs.saturating_mul(1_000_000_000).saturating_add(sub)
}

/// The socket's path, its folder created private (0700) if need be.
///
/// # Errors
/// When the folder cannot be made, or exists and is not the user's own private folder.
pub fn socket_path() -> io::Result<PathBuf> {
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        Some(runtime) if runtime.is_absolute() => runtime.join("forumtimer"),
        _ => {
            // SAFETY: getuid cannot fail and touches no memory.
            let uid = unsafe { libc::getuid() };
            std::env::temp_dir().join(format!("forumtimer-{uid}"))
        }
    };
    private_dir(&dir)?;
    Ok(dir.join(SOCKET))
}

/// Makes `dir` (mode 0700) or checks that it is a real folder of ours that no one else can
/// enter; in a shared /tmp someone else may have made it first.
fn private_dir(dir: &Path) -> io::Result<()> {
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {}
        Err(error) => {
            return Err(io::Error::new(
                error.kind(),
                format!("cannot make {}: {error}", dir.display()),
            ));
        }
    }
    let meta = std::fs::symlink_metadata(dir)?;
    // SAFETY: getuid cannot fail and touches no memory.
    let uid = unsafe { libc::getuid() };
    if !meta.file_type().is_dir() || meta.uid() != uid {
        return Err(io::Error::new(
            ErrorKind::PermissionDenied,
            format!(
                "{} is not a folder of yours; remove it or set XDG_RUNTIME_DIR",
                dir.display()
            ),
        ));
    }
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Sends all of `bytes` at once or not at all: a reader that cannot take them now is behind.
/// `MSG_NOSIGNAL`: a display that went away is no signal to the controller.
fn send_now(stream: &UnixStream, bytes: &[u8]) -> bool {
    // SAFETY: send reads `bytes.len()` bytes from a live slice; the descriptor is the stream's.
    let sent = unsafe {
        libc::send(
            stream.as_raw_fd(),
            bytes.as_ptr().cast(),
            bytes.len(),
            libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
        )
    };
    usize::try_from(sent).is_ok_and(|n| n == bytes.len())
}

#[derive(Debug, Default)]
struct Readers {
    /// The last line published, for each new reader.
    latest: Option<String>,
    streams: Vec<UnixStream>,
}

/// The controller's end: accepts displays on a thread of its own and sends each change to all
/// of them without ever waiting on one.
#[derive(Debug)]
pub struct Publisher {
    path: PathBuf,
    readers: Arc<Mutex<Readers>>,
    closing: Arc<AtomicBool>,
}

impl Publisher {
    /// Binds the room socket. A socket left by a controller that died is replaced; one that a
    /// running controller still answers on is not.
    ///
    /// # Errors
    /// When the folder is not private, another meeting publishes already, or the socket
    /// cannot be made.
    pub fn bind() -> io::Result<Publisher> {
        Publisher::bind_at(socket_path()?)
    }

    /// `bind` at a given path.
    ///
    /// # Errors
    /// As `bind`.
    pub fn bind_at(path: PathBuf) -> io::Result<Publisher> {
        if std::fs::symlink_metadata(&path).is_ok() {
            if UnixStream::connect(&path).is_ok() {
                return Err(io::Error::new(
                    ErrorKind::AddrInUse,
                    "another forumtimer is already publishing a room display",
                ));
            }
            std::fs::remove_file(&path)?;
        }
        let listener = UnixListener::bind(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        let readers = Arc::new(Mutex::new(Readers::default()));
        let closing = Arc::new(AtomicBool::new(false));
        let (shared, stop) = (Arc::clone(&readers), Arc::clone(&closing));
        std::thread::Builder::new()
            .name("room-accept".into())
            .spawn(move || accept(&listener, &shared, &stop))?;
        Ok(Publisher {
            path,
            readers,
            closing,
        })
    }

    /// Sends `message` to every display, dropping any that cannot take it now.
    pub fn publish(&self, message: &Message) {
        let line = encode(message);
        let mut readers = self.readers.lock().unwrap_or_else(PoisonError::into_inner);
        readers
            .streams
            .retain(|stream| send_now(stream, line.as_bytes()));
        readers.latest = Some(line);
    }

    /// How many displays follow now.
    #[must_use]
    pub fn readers(&self) -> usize {
        let readers = self.readers.lock().unwrap_or_else(PoisonError::into_inner);
        readers.streams.len()
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn accept(listener: &UnixListener, readers: &Mutex<Readers>, closing: &AtomicBool) {
    for stream in listener.incoming() {
        if closing.load(Ordering::Relaxed) {
            return;
        }
        let Ok(stream) = stream else {
            continue;
        };
        let mut readers = readers.lock().unwrap_or_else(PoisonError::into_inner);
        let welcomed = readers
            .latest
            .as_ref()
            .is_none_or(|line| send_now(&stream, line.as_bytes()));
        if welcomed {
            readers.streams.push(stream);
        }
    }
}

impl Drop for Publisher {
    /// Says goodbye to every display, frees the socket's name and stops the accepting thread.
    fn drop(&mut self) {
        self.publish(&Message::Bye);
        self.closing.store(true, Ordering::Relaxed);
        // Wakes the thread from `accept` so that it sees `closing`.
        let _ = UnixStream::connect(&self.path);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What a display read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Received {
    /// The complete lines that arrived, in order.
    pub messages: Vec<Result<Message, DecodeError>>,
    /// The controller closed the connection (after those messages).
    pub closed: bool,
}

/// The display's end of one connection.
#[derive(Debug)]
pub struct Subscriber {
    stream: UnixStream,
    partial: Vec<u8>,
}

impl Subscriber {
    /// Connects to the room socket.
    ///
    /// # Errors
    /// When no meeting publishes (no socket, or nobody answers it).
    pub fn connect() -> io::Result<Subscriber> {
        Subscriber::connect_at(&socket_path()?)
    }

    /// `connect` at a given path.
    ///
    /// # Errors
    /// As `connect`.
    pub fn connect_at(path: &Path) -> io::Result<Subscriber> {
        let stream = UnixStream::connect(path)?;
        stream.set_nonblocking(true)?;
        Ok(Subscriber {
            stream,
            partial: Vec::new(),
        })
    }

    /// The descriptor to wait on.
    #[must_use]
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.stream.as_fd()
    }

    /// Reads whatever has arrived, without waiting.
    pub fn receive(&mut self) -> Received {
        let mut chunk = [0u8; 16 * 1024];
        let mut received = Received::default();
        loop {
            match self.stream.read(&mut chunk) {
                Ok(0) => {
                    received.closed = true;
                    break;
                }
                Ok(n) => self.partial.extend_from_slice(&chunk[..n]),
                Err(error) if error.kind() == ErrorKind::WouldBlock => break,
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    received.closed = true;
                    break;
                }
            }
            if self.partial.len() > MAX_LINE && !self.partial.contains(&b'\n') {
                received.closed = true;
                break;
            }
        }
        while let Some(end) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=end).collect();
            let text = String::from_utf8_lossy(&line[..end]);
            received.messages.push(decode(&text));
        }
        received
    }
}

#[cfg(test)]
mod tests;
