//! Waiting for a key, a resize or the next tick, without letting a vanished terminal spin the
//! processor.
//!
//! crossterm's reader retries for ever on a terminal that has hung up: `read` returns 0, its
//! `poll` never returns, whatever the timeout (crossterm issue #793, fix pending in #1067).
//! A facilitator who closes the window would leave a process burning a core on battery, with
//! the meeting unsaved. So the wait is our own `ppoll(2)` on the terminal and on a resize pipe,
//! which reports a hang-up, and crossterm is asked for events only when bytes or a resize are
//! waiting.

use std::io::{self, Read};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// Why a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Keys or a resize are waiting for crossterm to read.
    Input,
    /// The time ran out, or a signal arrived.
    Timeout,
    /// The terminal hung up or closed: nobody can see or type any more.
    Gone,
    /// The other descriptor given to `wait_with` is ready (or closed).
    Other,
}

/// The terminal's input and a pipe that a resize writes to.
#[derive(Debug)]
pub struct Input {
    resized: UnixStream,
}

impl Input {
    /// Watches standard input (which must be the terminal) and SIGWINCH.
    ///
    /// # Errors
    /// When the resize pipe cannot be made or its signal handler installed.
    pub fn new() -> io::Result<Input> {
        let (resized, notify) = UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        // A signal handler must never block on a full pipe; one pending byte is enough.
        notify.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(libc::SIGWINCH, notify)?;
        Ok(Input { resized })
    }

    /// Waits at most `timeout` for input, a resize or a hang-up.
    ///
    /// # Errors
    /// When the terminal cannot be polled.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Wake> {
        self.wait_with(timeout, None)
    }

    /// `wait`, also waking when `other` (the room display's socket) can be read or closes.
    ///
    /// # Errors
    /// When the terminal cannot be polled.
    pub fn wait_with(
        &mut self,
        timeout: Duration,
        other: Option<BorrowedFd<'_>>,
    ) -> io::Result<Wake> {
        let mut fds = [
            libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.resized.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                // A negative descriptor is skipped by ppoll.
                fd: other.map_or(-1, |fd| fd.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let timeout = libc::timespec {
            tv_sec: libc::time_t::try_from(timeout.as_secs()).unwrap_or(libc::time_t::MAX),
            tv_nsec: libc::c_long::from(timeout.subsec_nanos()),
        };
        // SAFETY: ppoll reads the timespec and fills in the `revents` of the array it is given,
        // whose length is passed with it; both outlive the call. No signal mask is changed.
        let ready = unsafe {
            libc::ppoll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                &raw const timeout,
                std::ptr::null(),
            )
        };
        if ready < 0 {
            let error = io::Error::last_os_error();
            return match error.kind() {
                // A signal: the loop looks at what it was.
                io::ErrorKind::Interrupted => Ok(Wake::Timeout),
                _ => Err(error),
            };
        }
        let [terminal, resized, other] = fds;
        if terminal.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ok(Wake::Gone);
        }
        if resized.revents & libc::POLLIN != 0 {
            let mut drained = [0u8; 64];
            while matches!(self.resized.read(&mut drained), Ok(n) if n > 0) {}
            return Ok(Wake::Input);
        }
        if terminal.revents & libc::POLLIN != 0 {
            return Ok(Wake::Input);
        }
        if other.revents != 0 {
            return Ok(Wake::Other);
        }
        Ok(Wake::Timeout)
    }
}
