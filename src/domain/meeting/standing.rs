//! Where the meeting stands against its plan (SPEC §5): the plan *as scaled to this meeting's
//! end*, so a meeting that starts on time is on time whatever its `duration`.

use std::time::Duration;

use super::Meeting;

impl Meeting {
    /// The factor the whole plan was scaled by to fit this meeting: member time between the
    /// start and the end, after the fixed blocks, over the planned member time (with the
    /// members now present). 1 when the meeting lasts as planned.
    #[must_use]
    pub fn scale(&self) -> f64 {
        let present = &self.progress().present;
        let fixed = self.plan.fixed_total();
        let members = self.plan.planned_total(present).saturating_sub(fixed);
        if members.is_zero() {
            return 1.0;
        }
        let length = self.timing.end.saturating_sub(self.timing.start);
        length.saturating_sub(fixed).as_secs_f64() / members.as_secs_f64()
    }

    /// How far behind the scaled plan the meeting is at `now`, in milliseconds (negative when
    /// ahead): the scaled planned length of the turns still to come, less the member time
    /// really left for them. Not clamped, so it keeps growing past the end.
    pub(super) fn behind_millis(&self, now: Duration, weight: Duration, fixed: Duration) -> i64 {
        let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        let due = weight.as_secs_f64() * self.scale() * 1000.0;
        // A float well inside i64: weights are hours, not centuries.
        #[allow(clippy::cast_possible_truncation)]
        let due = due.round() as i64;
        let left =
            millis(self.timing.end) - millis(now) - millis(fixed) - millis(self.current_left(now));
        due - left
    }
}
