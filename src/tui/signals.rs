//! The signals that would end the process: each is caught instead, so the loop can restore
//! the terminal and save the meeting before exiting as that signal (SPEC §9).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every signal whose default action ends the process and that a handler can catch — the
/// program decides how it ends, not the signal.
///
/// Left to their default: SIGKILL and SIGSTOP (no handler can catch them), and SIGILL,
/// SIGFPE, SIGSEGV and SIGBUS, which report a fault in the program itself: a handler that only
/// sets a flag and returns would run the faulting instruction again, for ever (signal-hook
/// refuses the first three for that reason). SIGPIPE is caught because a terminal closed under
/// a write may raise it once the handler replaces Rust's `SIG_IGN`. SIGABRT is caught for a
/// `kill -ABRT`; `abort()` itself still ends the process after the handler returns.
#[must_use]
pub fn terminating() -> Vec<i32> {
    let mut signals = vec![
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGTRAP,
        libc::SIGABRT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGPIPE,
        libc::SIGALRM,
        libc::SIGTERM,
        libc::SIGXCPU,
        libc::SIGXFSZ,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGSYS,
    ];
    // Linux's own, and its real-time signals (those glibc keeps for itself, below SIGRTMIN,
    // are not ours to touch); elsewhere SIGIO is ignored by default.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        signals.extend([libc::SIGSTKFLT, libc::SIGIO, libc::SIGPWR]);
        signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    signals
}

/// The signals a terminal, a session or `kill` send to end a program: without a handler for
/// these the meeting does not start.
const ESSENTIAL: [i32; 4] = [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM];

/// Installs a handler for each signal. One the system or a tool around the program keeps for
/// itself (valgrind refuses some real-time signals) is left to its default: a rarely sent
/// signal must not stop a meeting from starting. Only the essential ones are required.
fn register_each(
    signals: &[i32],
    mut install: impl FnMut(i32) -> io::Result<()>,
) -> io::Result<()> {
    for &signal in signals {
        if let Err(error) = install(signal)
            && ESSENTIAL.contains(&signal)
        {
            return Err(error);
        }
    }
    Ok(())
}

/// Signals that end the program; the number of the one received is kept here.
#[derive(Debug, Clone)]
pub struct Signals(Arc<AtomicUsize>);

impl Signals {
    /// Registers every `terminating` signal so it ends the loop instead of the process.
    ///
    /// # Errors
    /// When the handlers cannot be installed.
    pub fn register() -> io::Result<Signals> {
        let received = Arc::new(AtomicUsize::new(0));
        register_each(&terminating(), |signal| {
            signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)
                .map(drop)
        })?;
        Ok(Signals(received))
    }

    /// Records a hang-up found some other way (the terminal closed under a read or a write),
    /// unless a signal came first.
    pub fn hang_up(&self) {
        let hangup = libc::SIGHUP as usize;
        let _ = self
            .0
            .compare_exchange(0, hangup, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// The signal received, if any.
    #[must_use]
    pub fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }
}

#[cfg(test)]
mod tests;
