//! What keys mean while an overlay is up: each overlay takes the keys it needs and leaves
//! the meeting's own keys alone until it closes.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Flow, Overlay};
use crate::domain::agenda::Drift;
use crate::domain::meeting::{Input, Meeting};
use crate::tui::keymap::{Action, Key, key_of};

impl App {
    pub(super) fn overlay_key(
        &mut self,
        overlay: Overlay,
        event: &KeyEvent,
        action: Option<Action>,
        now: Duration,
    ) -> Flow {
        let key = key_of(event);
        match overlay {
            Overlay::ConfirmQuit => match key {
                Key::Char('y' | 'q') | Key::Ctrl('c') => {
                    self.overlay = None;
                    self.resumable = self.meeting().map(|m| m.timing().clone());
                    self.input(Input::Finish, now);
                }
                Key::Char('n') | Key::Code(KeyCode::Esc) => self.overlay = None,
                _ => {}
            },
            Overlay::ConfirmAfresh => match key {
                Key::Char('y') | Key::Code(KeyCode::Enter) => {
                    self.overlay = None;
                    self.start(now);
                }
                Key::Char('n') | Key::Code(KeyCode::Esc) => self.overlay = None,
                _ => {}
            },
            Overlay::Reset => match key {
                Key::Char(digit @ '1'..='6') => {
                    let index = usize::from(digit as u8 - b'1');
                    self.input(Input::ChooseDrift(Drift::ALL[index]), now);
                }
                Key::Code(KeyCode::Esc | KeyCode::Enter) => {
                    self.overlay = None;
                    let drift = self.meeting().and_then(Meeting::reset_drift);
                    self.input(Input::CloseReset(drift.unwrap_or(Drift::Advice)), now);
                }
                _ => {}
            },
            Overlay::Presence { cursor } => {
                let members = self.meeting().map_or(0, |m| m.plan().members.len());
                match event.code {
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.overlay = Some(Overlay::Presence {
                            cursor: cursor.saturating_sub(1),
                        });
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.overlay = Some(Overlay::Presence {
                            cursor: (cursor + 1).min(members.saturating_sub(1)),
                        });
                    }
                    KeyCode::Char(' ') => {
                        let present = self.meeting().is_some_and(|m| m.is_present(cursor));
                        self.input(
                            Input::SetPresent {
                                member: cursor,
                                present: !present,
                            },
                            now,
                        );
                    }
                    KeyCode::Char('+') => {
                        self.overlay = Some(Overlay::GuestName {
                            member: None,
                            text: String::new(),
                            error: None,
                        });
                    }
                    KeyCode::Char('e')
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
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('a') => self.overlay = None,
                    _ => {}
                }
            }
            Overlay::GuestName { member, text, .. } => {
                self.guest_name_key(member, text, event, now);
            }
            Overlay::Pick(picker) => self.picker_key(picker, event, now),
            Overlay::Help | Overlay::Agreements | Overlay::Resources => {
                let toggles = match overlay {
                    Overlay::Help => Action::Help,
                    Overlay::Agreements => Action::Agreements,
                    _ => Action::Resources,
                };
                if action == Some(toggles)
                    || matches!(action, Some(Action::Close | Action::Quit))
                    || event.code == KeyCode::Enter
                {
                    self.overlay = None;
                }
            }
        }
        Flow::Continue
    }
}
