//! The meeting clock: monotonic time scaled by `--speed`, plus any time the system was
//! asleep. This is the only place the running program reads a clock.

use std::time::{Duration, Instant, SystemTime};

/// A gap in the wall clock this much larger than the monotonic one is a system sleep.
const SLEEP_THRESHOLD: Duration = Duration::from_secs(2);

/// Reads the meeting clock and notices when the process or the machine stood still.
#[derive(Debug)]
pub struct MeetingClock {
    origin: Instant,
    /// Meeting-clock time at `origin` (non-zero after a resume).
    offset: Duration,
    speed: u32,
    /// Wall time that passed while the monotonic clock stood still (laptop sleep).
    slept: Duration,
    last_mono: Instant,
    last_wall: SystemTime,
}

impl MeetingClock {
    #[must_use]
    pub fn new(offset: Duration, speed: u32) -> Self {
        let now = Instant::now();
        MeetingClock {
            origin: now,
            offset,
            speed: speed.max(1),
            slept: Duration::ZERO,
            last_mono: now,
            last_wall: SystemTime::now(),
        }
    }

    /// The meeting-clock time now, and how long the program was stopped since the last
    /// reading if that was long enough to say so (`expected` is how long the loop meant to wait).
    pub fn read(&mut self, expected: Duration) -> (Duration, Option<Duration>) {
        let mono = Instant::now();
        let wall = SystemTime::now();
        let mono_gap = mono.duration_since(self.last_mono);
        // A wall clock set backwards gives an error here and is ignored: it never removes time.
        let wall_gap = wall
            .duration_since(self.last_wall)
            .unwrap_or(Duration::ZERO);
        self.last_mono = mono;
        self.last_wall = wall;
        if wall_gap > mono_gap + SLEEP_THRESHOLD {
            self.slept += wall_gap - mono_gap;
        }
        let gap = mono_gap.max(wall_gap);
        let stopped = (gap > expected + SLEEP_THRESHOLD + Duration::from_secs(3)).then_some(gap);
        (self.meeting_time(mono), stopped)
    }

    fn meeting_time(&self, mono: Instant) -> Duration {
        (mono.duration_since(self.origin) + self.slept) * self.speed + self.offset
    }

    /// Real time until the meeting clock reaches `at`.
    #[must_use]
    pub fn real_until(&self, at: Duration, now: Duration) -> Duration {
        at.saturating_sub(now) / self.speed
    }
}
