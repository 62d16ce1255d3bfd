//! The controller's side of the room projection: what of the app the room may see.

use super::{App, Page};
use crate::room::{Live, RoomState, Stage};

fn nanos(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl App {
    /// The room state: the opening card's words, the meeting from its current slot on (with
    /// the open reset prompt and the wrap-up cue), or the closing card. Nothing of the
    /// facilitator's own (presence, pickers, notices, warnings, balances) goes in.
    #[must_use]
    pub fn room_state(&self) -> RoomState {
        let stage = match &self.page {
            Page::Opening { .. } => Stage::Opening {
                purpose: self.agenda.purpose.clone(),
                agreements: self.agenda.agreements.clone(),
            },
            Page::Meeting(meeting) => match Live::of(meeting, &self.agenda.prompts) {
                Some(live) => Stage::Live(live),
                None => Stage::Closed {
                    planned_end_ns: nanos(meeting.end()),
                    ended_ns: nanos(meeting.finished_at().unwrap_or(meeting.end())),
                },
            },
        };
        // Before the start the room shows no time of day, and the times would move with
        // `now`: the meeting clock's zero stands in until the start fixes them.
        let times = self.times(std::time::Duration::ZERO);
        RoomState {
            title: self.agenda.title.clone(),
            origin_ms: times.zero().timestamp_millis(),
            speed: self.settings.speed,
            stage,
        }
    }
}
