//! The application state behind the screen: which page and overlay are up, the meeting,
//! and what each key means in each of them. No terminal and no clock reads here either: the
//! event loop passes `now` (meeting clock) in, so every key can be tested without a terminal.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{self, Action, Binding, GLOBAL, action_in};
use crate::domain::agenda::{Agenda, Deadline};
use crate::domain::history::record::Record;
use crate::domain::history::{self, Why};
use crate::domain::meeting::{Countdown, Input, Meeting, Refusal, Timing};
use crate::domain::plan::Plan;
use crate::domain::summary::length_in_words;
use crate::wall::{EndError, Origin};

mod overlays;
mod pickers;
mod room;
#[cfg(test)]
mod tests;

/// How long a notice stays on screen, in meeting-clock time scaled back by the speed.
const NOTICE_SECONDS: u64 = 6;

/// `real` time that the meeting clock counted, at `speed`: "7 min — counted"; in a rehearsal
/// the real time and the meeting time it became, each named ("7 s — 7 min of rehearsal
/// counted"), so neither figure passes for the other (README, "Rehearsals").
fn counted(real: Duration, speed: u32) -> String {
    if speed <= 1 {
        return format!("{} — counted", length_in_words(real));
    }
    format!(
        "{} — {} of rehearsal counted",
        length_in_words(real),
        length_in_words(real.saturating_mul(speed))
    )
}

/// The page under any overlay, filling the window: the opening before the start, then the
/// meeting. (The frame writer that puts it on the terminal is `tui::screen::Screen`.)
#[derive(Debug, Clone)]
pub enum Page {
    /// Before the first slot: title, purpose, agreements, presence.
    Opening { cursor: usize, present: Vec<bool> },
    /// The meeting, running or (once `finished_at` is set) its summary.
    Meeting(Box<Meeting>),
}

/// An overlay drawn over the screen; only one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    Presence {
        cursor: usize,
    },
    /// Typing a guest's name (from the presence picker): `member` is the guest being named,
    /// `None` for a guest who joins now; `error` says why the last `enter` was refused.
    GuestName {
        member: Option<usize>,
        text: String,
        error: Option<String>,
    },
    Pick(Picker),
    /// Reset the room; the drift it names is the meeting's (`Meeting::reset_drift`).
    Reset,
    Agreements,
    Resources,
    /// Starting would replace an unfinished saved meeting: asked first (SPEC §9).
    ConfirmAfresh,
}

/// A picker of names: who speaks next (`o`) or who presents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub purpose: Pick,
    /// The highlighted row among those the filter keeps.
    pub cursor: usize,
    /// What has been typed; names containing it (ignoring case) are listed.
    pub filter: String,
}

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A turn of the round under way, to come next.
    Next,
    /// The presenter of the spotlight that waits for one.
    Presenter,
}

/// What the event loop should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Exit,
    Suspend,
}

/// A short line shown at the bottom until `until` (meeting clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub until: Duration,
}

/// Run-wide settings from the command line and agenda.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Clock speed for rehearsal; 1 in a real meeting.
    pub speed: u32,
    pub color: bool,
    pub bell: bool,
    /// The agenda's or command line's end; resolved to a length when the meeting starts.
    pub deadline: Option<Deadline>,
    /// Seed of the shuffled rounds.
    pub seed: u64,
}

impl Default for Settings {
    /// A real meeting's: the clock at its own speed, in colour, without the bell, as long as
    /// the plan, rounds in their first shuffle.
    fn default() -> Settings {
        Settings {
            speed: 1,
            color: true,
            bell: false,
            deadline: None,
            seed: 0,
        }
    }
}

/// Everything the view draws and the keys change.
#[derive(Debug, Clone)]
pub struct App {
    pub agenda: Agenda,
    pub plan: Plan,
    pub page: Page,
    pub overlay: Option<Overlay>,
    pub projector: bool,
    /// Whether the summary shows each member's time. Off at first: a facilitator who shares
    /// this window shows the room the closing card, and `d` shows the balances when wanted.
    pub balances: bool,
    pub notice: Option<Notice>,
    /// A lasting warning (e.g. the state directory cannot be written).
    pub warning: Option<String>,
    pub settings: Settings,
    /// The wall clock when the meeting clock read zero, had it run at its speed all along.
    /// Times of day are read through `times`, never from this: a rehearsal's are not.
    pub wall_zero: Origin,
    /// The slot and countdown stage last rung for, so the bell rings once per threshold.
    rung: Option<(usize, u8)>,
    /// Set when an action changed the meeting, so the loop saves it.
    pub changed: bool,
    /// The meeting as it was before a confirmed quit: what `--resume` continues.
    pub resumable: Option<Timing>,
    /// What the opening screen says about an unfinished saved meeting that starting would
    /// replace; `enter` asks before it does.
    pub unfinished: Option<String>,
    /// Rows the summary is scrolled down by.
    pub summary_scroll: u16,
    /// The meetings of the history folder, oldest first (SPEC §13); empty without one.
    pub past: Vec<Record>,
    /// What the history decided for the members now marked present, to say on the opening.
    pub why: Vec<Why>,
    /// The id the meeting's history entry will be filed under (`Picks::id`).
    pub history_id: u64,
}

impl App {
    #[must_use]
    pub fn new(agenda: Agenda, settings: Settings, origin: impl Into<Origin>) -> App {
        let plan = Plan::build(&agenda, settings.seed);
        let present = vec![true; agenda.members.len()];
        let mut app = App {
            agenda,
            plan,
            page: Page::Opening { cursor: 0, present },
            overlay: None,
            projector: false,
            balances: false,
            notice: None,
            warning: None,
            settings,
            wall_zero: origin.into(),
            rung: None,
            changed: false,
            resumable: None,
            unfinished: None,
            summary_scroll: 0,
            past: Vec::new(),
            why: Vec::new(),
            history_id: 0,
        };
        app.pick(&vec![true; app.agenda.members.len()]);
        app
    }

    /// A test's app: `agenda` without colour, its clock times from 19:00 on 23 November 2026.
    ///
    /// # Panics
    /// Where that evening is not one plain local time (a test needs one).
    #[cfg(test)]
    #[must_use]
    pub fn sample(agenda: Agenda) -> App {
        let settings = Settings {
            color: false,
            ..Settings::default()
        };
        App::sample_with(agenda, settings)
    }

    /// `sample` with these settings, given before the plan and the end are made from them.
    ///
    /// # Panics
    /// Where that evening is not one plain local time (a test needs one).
    #[cfg(test)]
    #[must_use]
    pub fn sample_with(agenda: Agenda, settings: Settings) -> App {
        use chrono::TimeZone;
        let evening = chrono::Local.with_ymd_and_hms(2026, 11, 23, 19, 0, 0);
        App::new(
            agenda,
            settings,
            evening.single().expect("a plain local time"),
        )
    }

    /// An app whose rotations and next presenters come from `past` (oldest first).
    #[must_use]
    pub fn with_past(mut self, past: Vec<Record>) -> App {
        self.past = past;
        if let Page::Opening { present, .. } = &self.page {
            let present = present.clone();
            self.pick(&present);
        }
        self
    }

    /// Rebuilds the plan with the history's picks for the members `present`.
    fn pick(&mut self, present: &[bool]) {
        let (mut picks, why) = history::picks(&self.agenda, &self.past, present);
        picks.id = self.history_id;
        self.plan = Plan::build_with(&self.agenda, self.settings.seed, &picks);
        self.why = why;
    }

    /// An app that continues a restored meeting (its plan holds the picks it started with).
    #[must_use]
    pub fn resumed(mut self, meeting: Meeting) -> App {
        self.plan = meeting.plan().clone();
        self.why = Vec::new();
        self.page = Page::Meeting(Box::new(meeting));
        self.ask_presenter();
        self
    }

    /// Opens the presenter picker when the meeting waits for a presenter and nothing else is
    /// up: when the spotlight starts, and after an undo or a resume that lands there. Closed
    /// with esc, it stays closed until `o`, so the facilitator can first mark who is here.
    fn ask_presenter(&mut self) {
        if self.overlay.is_none() && self.meeting().is_some_and(Meeting::choosing) {
            self.overlay = Some(Overlay::Pick(Picker {
                purpose: Pick::Presenter,
                cursor: 0,
                filter: String::new(),
            }));
        }
    }

    #[must_use]
    pub fn meeting(&self) -> Option<&Meeting> {
        match &self.page {
            Page::Meeting(meeting) => Some(meeting),
            Page::Opening { .. } => None,
        }
    }

    /// Shows `text` for a few seconds.
    pub fn notify(&mut self, text: impl Into<String>, now: Duration) {
        let shown_for = Duration::from_secs(NOTICE_SECONDS * u64::from(self.settings.speed));
        self.notice = Some(Notice {
            text: text.into(),
            until: now + shown_for,
        });
    }

    /// Says that the program stood still for `real` (stopped, or the machine slept): the
    /// meeting clock counted it, the room went on.
    pub fn stood_still(&mut self, real: Duration, now: Duration) {
        let counted = counted(real, self.settings.speed);
        self.notify(format!("paused by the system for {counted}"), now);
    }

    /// Says that the program was closed for `real` before this resume, which counted it.
    pub fn closed_for(&mut self, real: Duration, now: Duration) {
        let counted = counted(real, self.settings.speed);
        self.notify(format!("Resumed: closed for {counted}"), now);
    }

    /// Drops an expired notice; true when that changed the screen.
    pub fn expire_notice(&mut self, now: Duration) -> bool {
        let expired = self.notice.as_ref().is_some_and(|n| n.until <= now);
        if expired {
            self.notice = None;
        }
        expired
    }

    /// When the screen next changes by itself: the countdown, or a notice going away.
    #[must_use]
    pub fn next_change(&self, now: Duration) -> Option<Duration> {
        let countdown = self.meeting().and_then(|m| m.next_change(now));
        let notice = self.notice.as_ref().map(|n| n.until);
        match (countdown, notice) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the bell should ring now: once when a slot enters its warning, once at zero.
    pub fn bell_due(&mut self, now: Duration) -> bool {
        if !self.settings.bell {
            return false;
        }
        let Some(status) = self.meeting().and_then(|m| m.status(now)) else {
            return false;
        };
        let level = match status.countdown {
            Countdown::Running => 0,
            Countdown::Warning => 1,
            Countdown::Time { .. } => 2,
        };
        let previous = self.rung.filter(|(slot, _)| *slot == status.slot);
        self.rung = Some((status.slot, level));
        level > 0 && previous.is_some_and(|(_, before)| before < level)
    }

    /// Handles one key at `now`.
    pub fn handle_key(&mut self, event: &KeyEvent, now: Duration) -> Flow {
        // A terminal sends esc and a key typed right after it as one alt+key. With an overlay
        // open both were meant: the esc closes it and the key acts on the screen below.
        // Without one, esc alone does nothing there (or quits, on the summary): the key counts.
        if self.overlay.is_some()
            && event.modifiers.contains(KeyModifiers::ALT)
            && matches!(event.code, KeyCode::Char(_))
        {
            let flow = self.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), now);
            if flow != Flow::Continue {
                return flow;
            }
            let key = KeyEvent::new(event.code, event.modifiers.difference(KeyModifiers::ALT));
            return self.handle_key(&key, now);
        }
        // A notice answers the key before; the next key makes it stale.
        self.notice = None;
        if action_in(GLOBAL, event) == Some(Action::Suspend) {
            return Flow::Suspend;
        }
        let action = action_in(self.keys(), event);
        if let Some(overlay) = self.overlay.clone() {
            return self.overlay_key(overlay, event, action, now);
        }
        match &self.page {
            Page::Opening { .. } => self.opening_key(action, now),
            Page::Meeting(meeting) if meeting.finished_at().is_some() => {
                self.summary_key(action, now)
            }
            Page::Meeting(_) => self.meeting_key(action, now),
        }
    }

    /// The key table of what is up: the overlay's, or else the page's.
    #[must_use]
    pub fn keys(&self) -> &'static [Binding] {
        self.overlay
            .as_ref()
            .map_or_else(|| self.page_keys(), Overlay::keys)
    }

    /// The key table of the page under any overlay: what the help overlay lists.
    #[must_use]
    pub fn page_keys(&self) -> &'static [Binding] {
        match &self.page {
            Page::Opening { .. } => keymap::OPENING,
            Page::Meeting(meeting) if meeting.finished_at().is_none() => keymap::MEETING,
            Page::Meeting(_) if self.balances => keymap::SUMMARY,
            Page::Meeting(_) => keymap::CLOSING,
        }
    }

    fn opening_key(&mut self, action: Option<Action>, now: Duration) -> Flow {
        let Page::Opening { cursor, present } = &mut self.page else {
            return Flow::Continue;
        };
        match action {
            Some(Action::Up) => *cursor = cursor.saturating_sub(1),
            Some(Action::Down) => {
                *cursor = (*cursor + 1).min(present.len().saturating_sub(1));
            }
            Some(Action::Toggle) => {
                if let Some(flag) = present.get_mut(*cursor) {
                    *flag = !*flag;
                }
                let present = present.clone();
                self.pick(&present);
            }
            Some(Action::Start) if self.unfinished.is_some() => {
                self.overlay = Some(Overlay::ConfirmAfresh);
            }
            Some(Action::Start) => self.start(now),
            // Before the meeting starts there is nothing to lose.
            Some(Action::Quit) => return Flow::Exit,
            _ => return self.common_key(action),
        }
        Flow::Continue
    }

    /// How long the meeting would last if it started at `now` with these members present:
    /// until the agenda's end, or as planned.
    ///
    /// # Errors
    /// When the agenda's end has already passed.
    pub fn length_from(&self, now: Duration, present: &[bool]) -> Result<Duration, EndError> {
        match self.settings.deadline {
            None => Ok(self.plan.planned_total(present)),
            Some(Deadline::Duration(length)) => Ok(length),
            Some(Deadline::End(end)) => self.times(now).until(now, end),
        }
    }

    /// Meeting clock ↔ local time at meeting-clock `now`, for every time of day the screen,
    /// the report and the history show. A rehearsal's clock is the real clock until the
    /// meeting starts (so the opening screen's planned end is the real one), then adds
    /// meeting time from the real start (`Origin::rehearsal`).
    #[must_use]
    pub fn times(&self, now: Duration) -> Origin {
        let start = self.meeting().map_or(now, Meeting::started_at);
        self.wall_zero.rehearsal(start, self.settings.speed)
    }

    /// Starts the meeting with the members marked present; the end is fixed here.
    pub fn start(&mut self, now: Duration) {
        let Page::Opening { present, .. } = &self.page else {
            return;
        };
        let present = present.clone();
        // Who presents `next` and where `rotate` rounds start depend on who is here.
        self.pick(&present);
        let length = match self.length_from(now, &present) {
            Ok(length) => length,
            Err(error) => {
                self.notify(error.to_string(), now);
                return;
            }
        };
        let meeting = Meeting::start(
            self.plan.clone(),
            present,
            now,
            Some(now + length),
            self.agenda.reset_pauses,
        );
        self.page = Page::Meeting(Box::new(meeting));
        self.changed = true;
        // The first segment may be a spotlight waiting for its presenter.
        self.ask_presenter();
    }

    /// ↑/↓ and PgUp/PgDn scroll a summary taller than the screen (the view stops at its end).
    fn scroll_summary(&mut self, action: Action) {
        const PAGE: u16 = 10;
        let plan = self.meeting().map_or(&self.plan, |m| m.plan());
        let rows = plan.members.len() + plan.segments.len() + 8;
        let most = u16::try_from(rows).unwrap_or(u16::MAX);
        let scroll = &mut self.summary_scroll;
        *scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1),
            Action::PageUp => scroll.saturating_sub(PAGE),
            Action::PageDown => scroll.saturating_add(PAGE),
            Action::Top => 0,
            Action::Bottom => most,
            _ => return,
        }
        .min(most);
    }

    /// The closing card, and the summary with the balances (`d`), which alone scrolls.
    fn summary_key(&mut self, action: Option<Action>, now: Duration) -> Flow {
        match action {
            Some(Action::Quit) => return Flow::Exit,
            Some(Action::Balances) => self.balances = !self.balances,
            Some(Action::Undo) => {
                self.resumable = None;
                self.input(Input::Undo, now);
            }
            Some(Action::Help) => self.overlay = Some(Overlay::Help),
            Some(action) => self.scroll_summary(action),
            None => {}
        }
        Flow::Continue
    }

    fn meeting_key(&mut self, action: Option<Action>, now: Duration) -> Flow {
        let input = match action {
            Some(Action::TogglePause) => Input::TogglePause,
            Some(Action::Next) => Input::Next,
            Some(Action::Skip) => Input::Skip,
            Some(Action::PassForNow) => {
                self.pass_for_now(now);
                return Flow::Continue;
            }
            Some(Action::SpeakNext) => {
                self.open_picker(now);
                return Flow::Continue;
            }
            Some(Action::Back) => Input::Back,
            Some(Action::Undo) => Input::Undo,
            Some(Action::MoreTime) => Input::MoreTime,
            Some(Action::LessTime) => Input::LessTime,
            Some(Action::WrapUp) => Input::WrapUp,
            Some(Action::Presence) => {
                self.overlay = Some(Overlay::Presence { cursor: 0 });
                return Flow::Continue;
            }
            Some(Action::Reset) => {
                self.input(Input::OpenReset, now);
                self.overlay = Some(Overlay::Reset);
                return Flow::Continue;
            }
            _ => return self.common_key(action),
        };
        self.input(input, now);
        Flow::Continue
    }

    /// Keys that mean the same on every screen.
    fn common_key(&mut self, action: Option<Action>) -> Flow {
        match action {
            Some(Action::Agreements) => self.overlay = Some(Overlay::Agreements),
            Some(Action::Resources) => self.overlay = Some(Overlay::Resources),
            Some(Action::Help) => self.overlay = Some(Overlay::Help),
            Some(Action::Projector) => self.projector = !self.projector,
            Some(Action::Quit) => self.overlay = Some(Overlay::ConfirmQuit),
            _ => {}
        }
        Flow::Continue
    }

    /// Applies an input to the meeting, saying on screen why when it changes nothing; true
    /// when it was applied.
    pub(super) fn input(&mut self, input: Input, now: Duration) -> bool {
        let Page::Meeting(meeting) = &mut self.page else {
            return false;
        };
        match meeting.apply(input, now) {
            Ok(()) => {
                self.changed = true;
                self.ask_presenter();
                true
            }
            Err(refusal) => {
                let text = match refusal {
                    Refusal::NothingToUndo => "Nothing to undo",
                    Refusal::AtFirstSlot => "This is the first slot",
                    Refusal::Finished => "The meeting is over",
                    Refusal::NotInRound => "No round is under way",
                    Refusal::LastInRound => "Nobody else is left to speak in this round",
                    Refusal::Choosing => "The clock waits for the presenter: o chooses",
                    Refusal::TooManyGuests => "No more guests can join",
                    Refusal::Resetting | Refusal::NoSuchMember | Refusal::NotChoosing => {
                        return false;
                    }
                };
                self.notify(text, now);
                false
            }
        }
    }
}
