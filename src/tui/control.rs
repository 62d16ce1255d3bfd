//! The controller's link to the room: the room state projected from the app, kept between
//! frames, drawn under the facilitator's layers and published to every `forumtimer show`
//! whenever it changes (or the meeting clock jumps).

use std::time::Duration;

use crate::room::wire::{Anchor, Message, Publisher, machine_ns};
use crate::room::{Room, RoomState};

use super::app::App;

/// A published anchor this far from the meeting clock is re-sent (the clock moved other than
/// the machine's clock did); per unit of speed, since a rehearsal's clock moves faster.
const ANCHOR_SLACK: Duration = Duration::from_millis(2);

/// The room as the controller last projected and published it.
#[derive(Debug)]
pub struct RoomLink {
    room: Room,
    anchor: Anchor,
    publisher: Option<Publisher>,
}

impl RoomLink {
    /// Projects `app` at meeting-clock `now` and publishes it if `publisher` is given.
    #[must_use]
    pub fn new(app: &App, now: Duration, publisher: Option<Publisher>) -> RoomLink {
        let link = RoomLink {
            room: Room::new(app.room_state()),
            anchor: Anchor::at(now),
            publisher,
        };
        link.publish();
        link
    }

    /// Projects `app` again if `acted` (a key or a resize was handled: only those change what
    /// the room sees); publishes when the room state or the clock's anchor changed.
    pub fn update(&mut self, app: &App, now: Duration, acted: bool) {
        let speed = app.settings.speed.max(1);
        let expected = self.anchor.meeting_at(machine_ns(), speed);
        let drift = expected.abs_diff(now);
        let moved = drift > ANCHOR_SLACK * speed;
        if moved {
            self.anchor = Anchor::at(now);
        }
        let changed = acted && {
            let state: RoomState = app.room_state();
            let changed = state != self.room.state;
            if changed {
                self.room = Room::new(state);
            }
            changed
        };
        if changed || moved {
            self.publish();
        }
    }

    fn publish(&self) {
        if let Some(publisher) = &self.publisher {
            publisher.publish(&Message::Room {
                anchor: self.anchor,
                room: Box::new(self.room.state.clone()),
            });
        }
    }

    /// The room as projected last.
    #[must_use]
    pub fn room(&self) -> &Room {
        &self.room
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::domain::agenda::Agenda;
    use crate::room::wire::{Received, Subscriber};

    fn app() -> App {
        App::sample(Agenda::new("Forum", &["Ana"]))
    }

    fn receive(display: &mut Subscriber) -> Received {
        let deadline = Instant::now() + Duration::from_millis(300);
        let mut all = Received::default();
        while Instant::now() < deadline {
            all.messages.append(&mut display.receive().messages);
            std::thread::sleep(Duration::from_millis(5));
        }
        all
    }

    #[test]
    fn the_room_is_published_again_only_when_it_or_the_clock_moves() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::bind_at(dir.path().join("room.sock")).unwrap();
        let mut display = Subscriber::connect_at(publisher.path()).unwrap();
        let now = Duration::from_secs(100);
        let app = app();
        let mut link = RoomLink::new(&app, now, Some(publisher));
        assert_eq!(receive(&mut display).messages.len(), 1);
        // A frame later, nothing the room sees changed: nothing is sent.
        let later = link.anchor.meeting_now(1);
        link.update(&app, later, true);
        assert!(receive(&mut display).messages.is_empty());
        // The meeting clock jumped (a system sleep was counted): the new anchor goes out.
        let jumped = link.anchor.meeting_now(1) + Duration::from_secs(420);
        link.update(&app, jumped, false);
        let got = receive(&mut display).messages;
        let [Ok(Message::Room { anchor, .. })] = got.as_slice() else {
            panic!("one room message, got {got:?}");
        };
        let read = anchor.meeting_now(1);
        assert!(
            read >= jumped && read < jumped + Duration::from_secs(1),
            "{read:?}"
        );
    }
}
