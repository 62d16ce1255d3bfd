//! What keys mean while an overlay is up: each overlay takes the keys of its own table and
//! leaves the meeting's alone until it closes.

use std::time::Duration;

use crossterm::event::KeyEvent;

use super::{App, Flow, Overlay};
use crate::domain::agenda::Drift;
use crate::domain::meeting::{Input, Meeting};
use crate::tui::keymap::{self, Action, Binding};

impl Overlay {
    /// The overlay's key table: what it takes, and what its footer says.
    #[must_use]
    pub fn keys(&self) -> &'static [Binding] {
        match self {
            Overlay::Help => keymap::HELP,
            Overlay::ConfirmQuit => keymap::CONFIRM_QUIT,
            Overlay::Presence { .. } => keymap::PRESENCE,
            Overlay::GuestName { .. } => keymap::GUEST_NAME,
            Overlay::Pick(_) => keymap::PICKER,
            Overlay::Reset => keymap::RESET,
            Overlay::Agreements => keymap::AGREEMENTS,
            Overlay::Resources => keymap::RESOURCES,
            Overlay::ConfirmAfresh => keymap::CONFIRM_AFRESH,
        }
    }
}

impl App {
    /// `action` is what `overlay.keys()` binds to `event`.
    pub(super) fn overlay_key(
        &mut self,
        overlay: Overlay,
        event: &KeyEvent,
        action: Option<Action>,
        now: Duration,
    ) -> Flow {
        match (overlay, action) {
            (Overlay::ConfirmQuit, Some(Action::Confirm)) => {
                self.overlay = None;
                self.resumable = self.meeting().map(|m| m.timing().clone());
                self.input(Input::Finish, now);
            }
            (Overlay::ConfirmAfresh, Some(Action::Confirm)) => {
                self.overlay = None;
                self.start(now);
            }
            (Overlay::Reset, Some(Action::Drift(drift))) => {
                self.input(Input::ChooseDrift(drift), now);
            }
            (Overlay::Reset, Some(Action::Close)) => {
                self.overlay = None;
                let drift = self.meeting().and_then(Meeting::reset_drift);
                self.input(Input::CloseReset(drift.unwrap_or(Drift::Advice)), now);
            }
            (Overlay::Presence { cursor }, Some(action)) => self.presence_key(cursor, action, now),
            (Overlay::GuestName { member, text, .. }, Some(action)) => {
                self.guest_name_key(member, text, event, action, now);
            }
            (Overlay::Pick(picker), Some(action)) => self.picker_key(picker, event, action, now),
            (_, Some(Action::Close)) => self.overlay = None,
            _ => {}
        }
        Flow::Continue
    }

    fn presence_key(&mut self, cursor: usize, action: Action, now: Duration) {
        let members = self.meeting().map_or(0, |m| m.plan().members.len());
        match action {
            Action::Up => {
                self.overlay = Some(Overlay::Presence {
                    cursor: cursor.saturating_sub(1),
                });
            }
            Action::Down => {
                self.overlay = Some(Overlay::Presence {
                    cursor: (cursor + 1).min(members.saturating_sub(1)),
                });
            }
            Action::Toggle => {
                let present = self.meeting().is_some_and(|m| m.is_present(cursor));
                self.input(
                    Input::SetPresent {
                        member: cursor,
                        present: !present,
                    },
                    now,
                );
            }
            Action::AddGuest => {
                self.overlay = Some(Overlay::GuestName {
                    member: None,
                    text: String::new(),
                    error: None,
                });
            }
            Action::NameGuest
                if self
                    .meeting()
                    .is_some_and(|m| m.guest_number(cursor).is_some()) =>
            {
                self.overlay = Some(Overlay::GuestName {
                    member: Some(cursor),
                    text: String::new(),
                    error: None,
                });
            }
            Action::Close => self.overlay = None,
            _ => {}
        }
    }
}
