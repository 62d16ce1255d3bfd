//! The list is checked against the system itself: a child process is sent each signal with
//! its default action restored, and those that end it are the terminating ones.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use super::{ESSENTIAL, register_each, terminating};

/// Whether `signal`'s default action ends a process, seen by raising it in a child.
fn ends_a_process(signal: i32) -> bool {
    // SAFETY: between fork and `_exit` the child calls only setrlimit, sigaction,
    // sigprocmask and raise, all plain system calls, on values it owns; the parent reaps it.
    unsafe {
        let pid = libc::fork();
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            // No core file in the working directory for SIGQUIT and its kin.
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &raw const none);
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(signal, &raw const default, std::ptr::null_mut());
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&raw mut set);
            libc::sigaddset(&raw mut set, signal);
            libc::sigprocmask(libc::SIG_UNBLOCK, &raw const set, std::ptr::null_mut());
            libc::raise(signal);
            libc::_exit(0);
        }
        let mut status = 0;
        assert_eq!(libc::waitpid(pid, &raw mut status, libc::WUNTRACED), pid);
        if libc::WIFSTOPPED(status) {
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, &raw mut status, 0);
            return false;
        }
        libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == signal
    }
}

/// Every signal number a program may use: the classic ones, then (on Linux) the real-time
/// ones from SIGRTMIN, skipping those the C library keeps for its threads.
fn every_signal() -> Vec<i32> {
    let mut signals: Vec<i32> = (1..32).collect();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    signals
}

#[test]
fn every_catchable_signal_that_ends_a_process_is_caught() {
    // Left to their default on purpose (see `terminating`).
    let uncaught = [
        libc::SIGKILL,
        libc::SIGILL,
        libc::SIGFPE,
        libc::SIGSEGV,
        libc::SIGBUS,
    ];
    let expected: Vec<i32> = every_signal()
        .into_iter()
        .filter(|signal| ends_a_process(*signal) && !uncaught.contains(signal))
        .collect();
    let mut caught = terminating();
    caught.sort_unstable();
    assert_eq!(caught, expected);
}

#[test]
fn signal_hook_accepts_every_one() {
    for signal in terminating() {
        assert!(
            !signal_hook::consts::FORBIDDEN.contains(&signal),
            "{signal}"
        );
    }
}

#[test]
fn a_signal_the_system_keeps_for_itself_does_not_stop_the_meeting() {
    let mut installed = Vec::new();
    let refused = libc::SIGVTALRM;
    let result = register_each(&terminating(), |signal| {
        if signal == refused {
            return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
        }
        installed.push(signal);
        Ok(())
    });
    assert!(result.is_ok());
    assert_eq!(installed.len(), terminating().len() - 1);
}

#[test]
fn without_a_handler_for_an_essential_signal_the_meeting_does_not_start() {
    for essential in ESSENTIAL {
        assert!(terminating().contains(&essential));
        let result = register_each(&terminating(), |signal| {
            if signal == essential {
                Err(std::io::Error::from_raw_os_error(libc::EINVAL))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err(), "signal {essential}");
    }
}
