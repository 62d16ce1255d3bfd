//! The pickers of names (who speaks next, who presents) and the guest's name prompt: the keys
//! they take, and what they list; and what pass for now says it did.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Overlay, Pick, Picker};
use crate::agenda::guest_name;
use crate::domain::meeting::Input;
use crate::tui::keymap::Action;
use crate::tui::view::labels::holder;

impl App {
    /// `p`: the turn goes to the end of the round, out of sight of "Up next" in a long round,
    /// so the facilitator is told where it went (or that a second `p` made it a pass).
    pub(super) fn pass_for_now(&mut self, now: Duration) {
        let before = self.meeting().and_then(|meeting| {
            let slot = meeting.progress().current?;
            let name = holder(meeting.plan(), meeting.plan().slots.get(slot)?).to_owned();
            Some((name, meeting.progress().slots.get(slot)?.deferred))
        });
        if !self.input(Input::PassForNow, now) {
            return;
        }
        if let Some((name, deferred)) = before {
            let text = if deferred {
                format!("{name} passes · u undoes")
            } else {
                format!("{name} speaks last in this round · u undoes")
            };
            self.notify(text, now);
        }
    }

    /// `o`: who speaks next, or who presents while the spotlight waits for a presenter.
    pub(super) fn open_picker(&mut self, now: Duration) {
        let Some(meeting) = self.meeting() else {
            return;
        };
        let purpose = if meeting.choosing() {
            Pick::Presenter
        } else if meeting.still_to_speak().is_empty() {
            let in_round = meeting
                .progress()
                .current
                .and_then(|slot| meeting.plan().slots.get(slot))
                .is_some_and(|slot| slot.member().is_some());
            let text = if in_round {
                "Nobody else is left to speak in this round"
            } else {
                "No round is under way"
            };
            self.notify(text, now);
            return;
        } else {
            Pick::Next
        };
        self.overlay = Some(Overlay::Pick(Picker {
            purpose,
            cursor: 0,
            filter: String::new(),
        }));
    }

    /// What `picker` lists, as (turn or member, name), after its filter.
    #[must_use]
    pub fn picker_items(&self, picker: &Picker) -> Vec<(usize, String)> {
        let Some(meeting) = self.meeting() else {
            return Vec::new();
        };
        let plan = meeting.plan();
        let all: Vec<(usize, String)> = match picker.purpose {
            Pick::Next => meeting
                .still_to_speak()
                .into_iter()
                .map(|slot| (slot, holder(plan, &plan.slots[slot]).to_string()))
                .collect(),
            Pick::Presenter => (0..plan.members.len())
                .filter(|&member| meeting.is_present(member))
                .map(|member| (member, plan.members[member].clone()))
                .collect(),
        };
        let filter = picker.filter.to_lowercase();
        all.into_iter()
            .filter(|(_, name)| name.to_lowercase().contains(&filter))
            .collect()
    }

    /// `action` is what the picker's table binds to `event`.
    pub(super) fn picker_key(
        &mut self,
        mut picker: Picker,
        event: &KeyEvent,
        action: Action,
        now: Duration,
    ) {
        let items = self.picker_items(&picker);
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => picker.cursor = (picker.cursor + 1).min(items.len().saturating_sub(1)),
            Action::Type => {
                typed(&mut picker.filter, event, usize::MAX);
                picker.cursor = 0;
            }
            // Esc clears a filter first, then closes.
            Action::Close if !picker.filter.is_empty() => {
                picker.filter.clear();
                picker.cursor = 0;
            }
            Action::Close => {
                self.overlay = None;
                return;
            }
            Action::Choose => {
                let chosen = items.get(picker.cursor).map(|&(value, _)| value);
                let input = match (picker.purpose, chosen) {
                    (Pick::Next, Some(slot)) => Input::SpeakNext { slot },
                    (Pick::Presenter, Some(member)) => Input::ChoosePresenter {
                        member: Some(member),
                    },
                    // Nobody present to choose: the spotlight goes on without a presenter.
                    (Pick::Presenter, None) if items.is_empty() && picker.filter.is_empty() => {
                        Input::ChoosePresenter { member: None }
                    }
                    _ => return,
                };
                self.overlay = None;
                self.input(input, now);
                return;
            }
            _ => return,
        }
        self.overlay = Some(Overlay::Pick(picker));
    }

    /// Typing a guest's name: `enter` adds the guest (or names `member`) if the name keeps
    /// the agenda's rules, and says why not otherwise.
    pub(super) fn guest_name_key(
        &mut self,
        member: Option<usize>,
        mut text: String,
        event: &KeyEvent,
        action: Action,
        now: Duration,
    ) {
        let back = |cursor: usize| Some(Overlay::Presence { cursor });
        match action {
            Action::Close => {
                self.overlay = back(member.unwrap_or(0));
                return;
            }
            // A name is short; a pasted novel is not one.
            Action::Type => typed(&mut text, event, MAX_NAME),
            Action::Choose => {
                let Some(meeting) = self.meeting() else {
                    return;
                };
                let taken: Vec<String> = meeting
                    .plan()
                    .members
                    .iter()
                    .enumerate()
                    .filter(|&(index, _)| Some(index) != member)
                    .map(|(_, name)| name.clone())
                    .collect();
                match guest_name(&text, &taken) {
                    Ok(name) => {
                        let guest = match member {
                            Some(guest) => guest,
                            None => {
                                let joins = meeting.plan().members.len();
                                self.input(Input::AddGuest, now);
                                if self
                                    .meeting()
                                    .is_none_or(|m| m.plan().members.len() == joins)
                                {
                                    self.overlay = back(0);
                                    return;
                                }
                                joins
                            }
                        };
                        if let super::Page::Meeting(meeting) = &mut self.page {
                            meeting.name_guest(guest, name);
                        }
                        self.overlay = back(guest);
                    }
                    Err(error) => {
                        self.overlay = Some(Overlay::GuestName {
                            member,
                            text,
                            error: Some(error),
                        });
                    }
                }
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::GuestName {
            member,
            text,
            error: None,
        });
    }
}

/// Longer than any name a room would type.
const MAX_NAME: usize = 40;

/// A key of `Action::Type` applied to `text`: backspace erases, a character is added while
/// `text` is shorter than `most` characters.
fn typed(text: &mut String, event: &KeyEvent, most: usize) {
    match event.code {
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char(c) if text.chars().count() < most => text.push(c),
        _ => {}
    }
}
