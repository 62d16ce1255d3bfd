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
        self.read_at(Instant::now(), SystemTime::now(), expected)
    }

    /// `read` with the two clocks' readings passed in.
    fn read_at(
        &mut self,
        mono: Instant,
        wall: SystemTime,
        expected: Duration,
    ) -> (Duration, Option<Duration>) {
        let mono_gap = mono.duration_since(self.last_mono);
        // A wall clock set backwards gives an error here and is ignored: it never removes time.
        let wall_gap = wall
            .duration_since(self.last_wall)
            .unwrap_or(Duration::ZERO);
        self.last_mono = mono;
        self.last_wall = wall;
        if wall_gap > mono_gap + SLEEP_THRESHOLD {
            self.slept += wall_gap.saturating_sub(mono_gap);
        }
        let gap = mono_gap.max(wall_gap);
        let stopped = (gap > expected + SLEEP_THRESHOLD + Duration::from_secs(3)).then_some(gap);
        (self.meeting_time(mono), stopped)
    }

    fn meeting_time(&self, mono: Instant) -> Duration {
        (mono.duration_since(self.origin) + self.slept)
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
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn clock(speed: u32) -> (MeetingClock, Instant, SystemTime) {
        let clock = MeetingClock::new(Duration::from_secs(100), speed);
        let (mono, wall) = (clock.last_mono, clock.last_wall);
        (clock, mono, wall)
    }

    #[test]
    fn the_meeting_clock_runs_from_its_offset_at_the_given_speed() {
        let (mut clock, mono, wall) = clock(60);
        let (now, stopped) = clock.read_at(mono + SECOND, wall + SECOND, SECOND);
        assert_eq!(now, Duration::from_secs(160));
        assert_eq!(stopped, None);
    }

    #[test]
    fn a_system_sleep_is_counted_and_reported() {
        let (mut clock, mono, wall) = clock(1);
        // The laptop slept 7 minutes: the wall clock moved, the monotonic clock did not.
        let slept = Duration::from_secs(7 * 60);
        let (now, stopped) = clock.read_at(mono + SECOND, wall + SECOND + slept, SECOND);
        assert_eq!(now, Duration::from_secs(100 + 1 + 7 * 60));
        assert_eq!(stopped, Some(SECOND + slept));
    }

    #[test]
    fn a_wall_clock_set_backwards_changes_nothing() {
        let (mut clock, mono, wall) = clock(1);
        let back = wall.checked_sub(Duration::from_secs(3600)).unwrap();
        let (now, stopped) = clock.read_at(mono + SECOND, back, SECOND);
        assert_eq!(now, Duration::from_secs(101));
        assert_eq!(stopped, None);
    }

    #[test]
    fn a_stopped_process_is_reported_but_already_counted() {
        let (mut clock, mono, wall) = clock(1);
        let stopped_for = Duration::from_secs(120);
        let (now, stopped) = clock.read_at(mono + stopped_for, wall + stopped_for, SECOND);
        assert_eq!(now, Duration::from_secs(220));
        assert_eq!(stopped, Some(stopped_for));
    }

    #[test]
    fn real_waits_are_scaled_back_by_the_speed() {
        let (clock, _, _) = clock(60);
        let at = Duration::from_secs(160);
        assert_eq!(clock.real_until(at, Duration::from_secs(100)), SECOND);
    }
}
