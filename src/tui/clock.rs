//! The meeting clock: a clock that counts suspend (`CLOCK_BOOTTIME` on Linux), scaled by
//! `--speed`. This is the only place the running program reads a clock.
//!
//! The wall clock is never read here. NTP, a manual change or a daylight-saving jump steps it
//! in either direction, and a step must not add or remove meeting time (SPEC §4). Time the
//! machine slept is the boot clock's gain over the monotonic clock, which stands still in
//! suspend; a stopped process (ctrl-z, a stall) shows as a gap in both.

use std::time::Duration;

/// A gap this much larger than the loop meant to wait is worth saying on screen.
const STOP_THRESHOLD: Duration = Duration::from_secs(5);

/// One reading of the two clocks the meeting clock is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Time that runs while the machine is awake (`CLOCK_MONOTONIC`).
    pub awake: Duration,
    /// Time that runs also while the machine sleeps (`CLOCK_BOOTTIME`); equal to `awake` where
    /// the platform offers no such clock.
    pub boot: Duration,
}

/// Where the clock readings come from: the system, or a test's hand.
pub trait Source {
    fn read(&mut self) -> Reading;
}

/// The system's clocks.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClocks;

impl Source for SystemClocks {
    fn read(&mut self) -> Reading {
        let awake = clock_time(libc::CLOCK_MONOTONIC);
        Reading {
            awake,
            boot: clock_time(BOOT_CLOCK).max(awake),
        }
    }
}

/// This boot's id and boot clock, for measuring the time between a save and a resume without
/// the wall clock; `None` where the system has no boot id.
#[must_use]
pub fn boot_stamp() -> Option<crate::resume::BootStamp> {
    if !cfg!(any(target_os = "linux", target_os = "android")) {
        return None;
    }
    let id = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let id = id.trim();
    // The kernel writes a UUID; anything else is not trusted as one.
    if id.is_empty() || id.len() > 64 {
        return None;
    }
    Some(crate::resume::BootStamp {
        boot_id: id.to_string(),
        boot_ms: u64::try_from(clock_time(BOOT_CLOCK).as_millis()).unwrap_or(u64::MAX),
    })
}

/// Counts suspend on Linux (and Android).
#[cfg(any(target_os = "linux", target_os = "android"))]
const BOOT_CLOCK: libc::clockid_t = libc::CLOCK_BOOTTIME;
/// macOS's `CLOCK_MONOTONIC` counts sleep (its `Instant` does not); elsewhere the monotonic
/// clock is the best there is, and a sleep shows as nothing.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const BOOT_CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;

fn clock_time(clock: libc::clockid_t) -> Duration {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we own; both clocks exist where used.
    let read = unsafe { libc::clock_gettime(clock, &raw mut time) };
    if read != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(time.tv_sec).unwrap_or(0),
        u32::try_from(time.tv_nsec).unwrap_or(0),
    )
}

/// Reads the meeting clock and notices when the process or the machine stood still.
pub struct MeetingClock {
    source: Box<dyn Source>,
    /// The boot clock when the meeting clock read `offset`.
    origin: Duration,
    /// Meeting-clock time at `origin` (non-zero after a resume).
    offset: Duration,
    speed: u32,
    last: Reading,
}

impl std::fmt::Debug for MeetingClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingClock")
            .field("origin", &self.origin)
            .field("offset", &self.offset)
            .field("speed", &self.speed)
            .finish_non_exhaustive()
    }
}

impl MeetingClock {
    /// The meeting clock on the system's clocks, reading `offset` now.
    #[must_use]
    pub fn new(offset: Duration, speed: u32) -> Self {
        MeetingClock::with_source(Box::new(SystemClocks), offset, speed)
    }

    /// The meeting clock on `source` (a test's injected clocks), reading `offset` now.
    #[must_use]
    pub fn with_source(mut source: Box<dyn Source>, offset: Duration, speed: u32) -> Self {
        let last = source.read();
        MeetingClock {
            source,
            origin: last.boot,
            offset,
            speed: speed.max(1),
            last,
        }
    }

    /// The meeting-clock time now, and how long the program was stopped since the last
    /// reading if that was long enough to say so (`expected` is how long the loop meant to
    /// wait). Stopped time is already counted: the meeting went on in the room.
    pub fn read(&mut self, expected: Duration) -> (Duration, Option<Duration>) {
        let reading = self.source.read();
        // Clocks that went backwards (a broken source) count as standing still.
        let boot = reading.boot.max(self.last.boot);
        let gap = boot.saturating_sub(self.last.boot);
        self.last = Reading {
            awake: reading.awake.max(self.last.awake),
            boot,
        };
        let stopped = (gap > expected + STOP_THRESHOLD).then_some(gap);
        (self.meeting_time(boot), stopped)
    }

    fn meeting_time(&self, boot: Duration) -> Duration {
        boot.saturating_sub(self.origin)
            .saturating_mul(self.speed)
            .saturating_add(self.offset)
    }

    /// Real time until the meeting clock reaches `at`.
    #[must_use]
    pub fn real_until(&self, at: Duration, now: Duration) -> Duration {
        at.saturating_sub(now) / self.speed
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::domain::agenda::Agenda;
    use crate::tui::app::{App, Settings};

    const SECOND: Duration = Duration::from_secs(1);

    /// Clocks a test moves by hand.
    #[derive(Clone)]
    struct Hand(Arc<Mutex<Reading>>);

    impl Hand {
        fn advance(&self, awake: Duration, boot: Duration) {
            let mut reading = self.0.lock().unwrap();
            reading.awake += awake;
            reading.boot += boot;
        }
    }

    impl Source for Hand {
        fn read(&mut self) -> Reading {
            *self.0.lock().unwrap()
        }
    }

    fn clock(speed: u32) -> (MeetingClock, Hand) {
        let hand = Hand(Arc::new(Mutex::new(Reading {
            awake: Duration::from_secs(1000),
            boot: Duration::from_secs(5000),
        })));
        let clock =
            MeetingClock::with_source(Box::new(hand.clone()), Duration::from_secs(100), speed);
        (clock, hand)
    }

    #[test]
    fn the_meeting_clock_runs_from_its_offset_at_the_given_speed() {
        let (mut clock, hand) = clock(60);
        hand.advance(SECOND, SECOND);
        assert_eq!(clock.read(SECOND), (Duration::from_secs(160), None));
    }

    #[test]
    fn a_system_sleep_is_counted_and_reported() {
        let (mut clock, hand) = clock(1);
        // The laptop slept 7 minutes: the boot clock moved, the monotonic clock did not.
        let slept = Duration::from_secs(7 * 60);
        hand.advance(SECOND, SECOND + slept);
        let (now, stopped) = clock.read(SECOND);
        assert_eq!(now, Duration::from_secs(100 + 1 + 7 * 60));
        assert_eq!(stopped, Some(SECOND + slept));
    }

    #[test]
    fn a_stopped_process_is_reported_but_already_counted() {
        let (mut clock, hand) = clock(1);
        let stopped_for = Duration::from_secs(120);
        hand.advance(stopped_for, stopped_for);
        assert_eq!(
            clock.read(SECOND),
            (Duration::from_secs(220), Some(stopped_for))
        );
    }

    #[test]
    fn a_stop_in_a_rehearsal_says_the_real_time_and_the_meeting_time_it_counted() {
        let (mut clock, hand) = clock(60);
        let stopped_for = Duration::from_secs(7);
        hand.advance(stopped_for, stopped_for);
        let (now, stopped) = clock.read(Duration::ZERO);
        assert_eq!(now, Duration::from_secs(100 + 7 * 60));
        let settings = Settings {
            speed: 60,
            ..Settings::default()
        };
        let mut app = App::sample_with(Agenda::new("Forum", &["Ana"]), settings);
        app.stood_still(stopped.unwrap(), now);
        assert_eq!(
            app.notice.unwrap().text,
            "paused by the system for 7 s — 7 min of rehearsal counted"
        );
    }

    #[test]
    fn a_stop_in_a_meeting_says_the_time_it_counted() {
        let (mut clock, hand) = clock(1);
        let stopped_for = Duration::from_secs(7 * 60);
        hand.advance(stopped_for, stopped_for);
        let (now, stopped) = clock.read(SECOND);
        let mut app = App::sample(Agenda::new("Forum", &["Ana"]));
        app.stood_still(stopped.unwrap(), now);
        assert_eq!(
            app.notice.unwrap().text,
            "paused by the system for 7 min — counted"
        );
    }

    #[test]
    fn a_short_wait_says_nothing() {
        let (mut clock, hand) = clock(1);
        hand.advance(Duration::from_secs(10), Duration::from_secs(10));
        assert_eq!(clock.read(Duration::from_secs(10)).1, None);
    }

    #[test]
    fn clocks_that_run_backwards_never_remove_time() {
        let (mut clock, hand) = clock(1);
        hand.advance(Duration::from_secs(10), Duration::from_secs(10));
        assert_eq!(
            clock.read(Duration::from_secs(10)).0,
            Duration::from_secs(110)
        );
        *hand.0.lock().unwrap() = Reading {
            awake: Duration::ZERO,
            boot: Duration::ZERO,
        };
        assert_eq!(clock.read(SECOND), (Duration::from_secs(110), None));
    }

    #[test]
    fn real_waits_are_scaled_back_by_the_speed() {
        let (clock, _) = clock(60);
        let at = Duration::from_secs(160);
        assert_eq!(clock.real_until(at, Duration::from_secs(100)), SECOND);
    }

    #[test]
    fn this_boot_has_a_stamp_that_moves_forward() {
        if let Some(first) = boot_stamp() {
            let second = boot_stamp().unwrap();
            assert_eq!(first.boot_id, second.boot_id);
            assert!(second.boot_ms >= first.boot_ms);
        }
    }

    #[test]
    fn the_system_clocks_read_and_the_boot_clock_is_never_behind() {
        let reading = SystemClocks.read();
        assert!(reading.awake > Duration::ZERO);
        assert!(reading.boot >= reading.awake);
    }
}
