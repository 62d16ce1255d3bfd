//! `forumtimer run`: check everything that can fail before the full screen opens (terminal,
//! agenda, deadline, report path, saved state), run the meeting, then say what happened on the
//! normal screen.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::Local;

use super::{Loaded, Outcome, load, meeting_length, tell};
use crate::cli::RunArgs;
use crate::domain::meeting::Saved;
use crate::domain::plan::Plan;
use crate::domain::summary::{Summary, minutes_in_words};
use crate::report;
use crate::resume::{BUILTIN_AGENDA, SavedMeeting, StateStore, agenda_hash, downtime};
use crate::tui::app::{App, Settings};
use crate::tui::clock::MeetingClock;
use crate::tui::persist::Persist;
use crate::tui::{self, Ended};

/// Runs a meeting full-screen.
///
/// # Errors
/// No terminal, an invalid agenda or flag, a saved meeting that cannot be resumed, or a
/// terminal that fails mid-way.
pub fn run(args: &RunArgs) -> Result<Outcome> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "`forumtimer run` needs a terminal: standard output is not one (try `forumtimer plan` for a printable schedule)"
        );
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "`forumtimer run` needs a terminal: standard input is not one, so no key could reach it (run it without `<` or a pipe)"
        );
    }
    let store = StateStore::default_location();
    let saved = if args.resume {
        let store = store
            .as_ref()
            .ok_or(crate::resume::ResumeError::NoStateDir)?;
        Some(store.load()?)
    } else {
        None
    };
    let mut meeting_args = args.meeting.clone();
    if let Some(saved) = &saved
        && meeting_args.agenda.is_none()
        && saved.agenda != BUILTIN_AGENDA
    {
        meeting_args.agenda = Some(saved.agenda.clone().into());
    }
    let loaded = load(&meeting_args)?;
    if let Some(path) = &args.report {
        report::check_writable(path)?;
    }
    let hash = agenda_hash(&loaded.bytes, &loaded.agenda.members);
    let wall_now = Local::now();
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut settings = Settings {
        speed: args.speed,
        color: !(args.no_color || no_color_env),
        bell: args.bell || loaded.agenda.bell,
        deadline: loaded.agenda.deadline,
        seed: saved.as_ref().map_or_else(|| fastrand::u64(..), |s| s.seed),
    };
    let (app, start) = match &saved {
        Some(saved) => {
            saved.check_matches(&loaded.label, &hash)?;
            let meeting = saved.restore(Plan::build(&loaded.agenda, saved.seed))?;
            let now = saved.clock_on_resume(wall_now);
            // Checked: a damaged but well-formed state file may hold any clock value.
            let origin = chrono::TimeDelta::from_std(now)
                .ok()
                .and_then(|delta| wall_now.checked_sub_signed(delta))
                .unwrap_or(wall_now);
            settings.deadline = None;
            let mut app = App::new(loaded.agenda.clone(), settings, origin).resumed(meeting);
            let closed = minutes_in_words(downtime(saved, wall_now));
            app.notify(format!("Resumed: closed for {closed} — counted"), now);
            (app, now)
        }
        None => {
            // Fail before the full screen opens when the end cannot be met from now.
            meeting_length(&loaded.agenda, wall_now.time())?;
            let mut app = App::new(loaded.agenda.clone(), settings, wall_now);
            if store.as_ref().is_some_and(StateStore::exists) {
                app.warning = Some(
                    "An unfinished meeting is saved: q, then `forumtimer run --resume` continues it. Starting replaces it."
                        .to_string(),
                );
            }
            (app, Duration::ZERO)
        }
    };
    let mut persist = StatePersist {
        store,
        durable: None,
        loaded: &loaded,
        hash,
        seed: app.settings.seed,
        speed: args.speed,
    };
    let ended = tui::run(app, MeetingClock::new(start, args.speed), &mut persist)?;
    after(args, &ended)
}

/// What the facilitator reads on the normal screen once the full screen closes.
fn after(args: &RunArgs, ended: &Ended) -> Result<Outcome> {
    let Some(meeting) = ended.app.meeting() else {
        return Ok(Outcome::Success);
    };
    if let Some(signal) = ended.signal {
        tell(format_args!(
            "forumtimer: stopped by signal {signal}; `forumtimer run --resume` continues the meeting"
        ));
        return Ok(Outcome::Signal(signal));
    }
    if meeting.finished_at().is_none() {
        return Ok(Outcome::Success);
    }
    if let Some(path) = &args.report {
        let summary = Summary::of(meeting, ended.now);
        report::write(path, &summary, ended.app.origin)?;
        tell(format_args!("Timing report written to {}", path.display()));
    }
    if ended.app.resumable.is_some() {
        tell(format_args!(
            "The meeting was ended early and saved: `forumtimer run --resume` continues it."
        ));
    }
    Ok(Outcome::Success)
}

/// Saves the meeting in the state directory so a crash, a kill or a quit loses nothing.
struct StatePersist<'a> {
    store: Option<StateStore>,
    /// The meeting as last saved durably: while it stays the same, the periodic saves only
    /// refresh the file.
    durable: Option<Saved>,
    loaded: &'a Loaded,
    hash: String,
    seed: u64,
    speed: u32,
}

impl Persist for StatePersist<'_> {
    fn save(&mut self, saved: &Saved, now: Duration) -> Result<(), String> {
        let Some(store) = &self.store else {
            return Err(
                "no state directory: this meeting could not be resumed after a crash".into(),
            );
        };
        let state = SavedMeeting::new(
            &self.loaded.label,
            self.hash.clone(),
            self.seed,
            self.speed,
            saved,
            now,
            Local::now(),
        );
        if self.durable.as_ref() == Some(saved) {
            return store.refresh(&state).map_err(|error| error.to_string());
        }
        store.save(&state).map_err(|error| error.to_string())?;
        self.durable = Some(saved.clone());
        Ok(())
    }

    fn discard(&mut self) -> Result<(), String> {
        self.durable = None;
        match &self.store {
            Some(store) => store.remove().map_err(|error| error.to_string()),
            None => Ok(()),
        }
    }
}
