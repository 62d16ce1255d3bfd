//! `forumtimer run`: check everything that can fail before the full screen opens (terminal,
//! agenda, deadline, report path, saved state), run the meeting, then say what happened on the
//! normal screen.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{DateTime, Local};

use super::{Loaded, Outcome, load, meeting_length, shuffle_seed};
use crate::agenda::text::escape;
use crate::cli::RunArgs;
use crate::domain::meeting::Timing;
use crate::domain::plan::Plan;
use crate::domain::summary::Summary;
use crate::history::meeting_id;
use crate::private_file::{Writer, write_and_sync};
use crate::report;
use crate::resume::{
    BUILTIN_AGENDA, Lock, ResumeError, SavedMeeting, StateError, StateStore, agenda_hash,
    describe_unfinished, downtime, reason,
};
use crate::tui::app::{App, Settings};
use crate::tui::clock::{self, MeetingClock};
use crate::tui::persist::Persist;
use crate::tui::{self, Ended};
use crate::wall::Origin;

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
    // Held until the process ends: a second `run` must not take over this meeting's file.
    let (_lock, lock_warning) = match store.as_ref().map(StateStore::lock).transpose()? {
        Some(Lock::Held(lock)) => (Some(lock), None),
        Some(Lock::Unavailable(error)) => (None, Some(error.to_string())),
        None => (None, None),
    };
    let saved = if args.resume {
        let store = store.as_ref().ok_or(ResumeError::NoStateDir)?;
        Some(store.load()?)
    } else {
        None
    };
    let mut meeting_args = args.meeting.clone();
    let mut agenda_from_state = None;
    if let Some(saved) = &saved
        && meeting_args.agenda.is_none()
        && saved.agenda != BUILTIN_AGENDA
    {
        meeting_args.agenda = Some(saved.agenda.clone().into());
        agenda_from_state = Some(saved.agenda.clone());
    }
    // An agenda path read from the state file may name any file: its diagnostic would print
    // that file's lines, so only the path (escaped) is said.
    let loaded = load(&meeting_args).map_err(|error| match agenda_from_state {
        Some(agenda) => ResumeError::AgendaUnreadable { agenda }.into(),
        None => error,
    })?;
    if let Some(path) = &args.report {
        report::check_writable(path)?;
    }
    let hash = agenda_hash(&loaded.bytes, &loaded.agenda.members);
    let wall_now = Local::now();
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // A resumed rehearsal goes on at the speed it was rehearsed at.
    let speed = saved.as_ref().map_or(args.speed, |s| s.speed.max(1));
    let mut settings = Settings {
        speed,
        color: !(args.no_color || no_color_env),
        bell: args.bell || loaded.agenda.bell,
        deadline: loaded.agenda.deadline,
        seed: seed(saved.as_ref(), args.shuffle.seed, &loaded, &wall_now),
    };
    let mut set_aside = false;
    let mut history_warning = None;
    let (mut app, start) = match &saved {
        Some(saved) => {
            saved.check_matches(&loaded.label, &hash)?;
            // The picks it started with, whatever the history folder holds by now.
            let plan = Plan::build_with(&loaded.agenda, saved.seed, &saved.meeting.picks);
            let meeting = saved.restore(plan)?;
            let boot_now = clock::boot_stamp();
            let now = saved.clock_on_resume(wall_now, boot_now.as_ref());
            // The meeting clock runs `speed` times the wall clock from its zero, so the zero
            // is the wall clock less the meeting clock over the speed: a rehearsal's times of
            // day (`App::times`, and its end) carry on where they were instead of jumping.
            // Checked inside: a damaged but well-formed state file may hold any value.
            let origin = Origin::reading(wall_now, now / saved.speed.max(1));
            settings.deadline = None;
            let mut app = App::new(loaded.agenda.clone(), settings, origin).resumed(meeting);
            app.closed_for(downtime(saved, wall_now, boot_now.as_ref()), now);
            (app, now)
        }
        None => {
            // Fail before the full screen opens when the end cannot be met from now.
            meeting_length(&loaded.agenda, &Origin::new(wall_now))?;
            let (past, warning) = super::past_meetings(&loaded);
            history_warning = warning;
            if !keeps_history(speed, &loaded) && loaded.history.is_some() {
                history_warning = Some(
                    "Rehearsal: not kept in the agenda's history (give --history to keep it)"
                        .to_string(),
                );
            }
            let mut app = App::new(loaded.agenda.clone(), settings, wall_now);
            // Not the shuffle seed: that is the same for every meeting of the day.
            app.history_id = fastrand::u64(..);
            let mut app = app.with_past(past);
            if let Some(store) = store.as_ref().filter(|store| store.exists()) {
                let unfinished = store.peek().ok();
                app.unfinished = Some(describe_unfinished(unfinished.as_ref(), wall_now));
                set_aside = true;
            }
            (app, Duration::ZERO)
        }
    };
    app.warning = lock_warning.or(history_warning);
    let mut persist = StatePersist {
        store,
        durable: None,
        loaded: &loaded,
        hash,
        seed: app.settings.seed,
        speed,
        set_aside,
        last_error: None,
    };
    let ended = tui::run(app, MeetingClock::new(start, speed), &mut persist)?;
    let mut closing = Closing {
        said: &mut std::io::stderr(),
        out: &mut std::io::stdout(),
        writer: write_and_sync,
    };
    Ok(after(
        args.report.as_deref(),
        &loaded,
        &ended,
        persist.last_error.as_deref(),
        &mut closing,
    ))
}

/// The seed of the shuffled rounds: the saved meeting's when resumed, else the one given with
/// `--seed`, else the day's, so the order is the one `plan` printed for today (SPEC §10).
pub(super) fn seed(
    saved: Option<&SavedMeeting>,
    given: Option<u64>,
    loaded: &Loaded,
    wall_now: &DateTime<Local>,
) -> u64 {
    match (saved, given) {
        (Some(saved), _) => saved.seed,
        (None, Some(given)) => given,
        (None, None) => shuffle_seed(loaded, wall_now.date_naive()),
    }
}

/// Whether this run writes to the history folder: a real meeting always, a rehearsal only to a
/// folder given with `--history` — rehearsing an agenda must not change who presents next.
fn keeps_history(speed: u32, loaded: &Loaded) -> bool {
    loaded.history.is_some() && (speed == 1 || loaded.history_from_cli)
}

/// Where the closing lines go and how the report reaches the disk: standard error, standard
/// output and the real disk, or in tests two buffers and a disk that fails.
struct Closing<'a> {
    /// What happened, a line each.
    said: &'a mut dyn Write,
    /// The report itself when its file cannot be written: the named fallback.
    out: &'a mut dyn Write,
    writer: Writer,
}

impl Closing<'_> {
    /// A line for the person at the terminal. A failed write is not worth a panic: after a
    /// hang-up there is no terminal to read it, and the exit code still says what happened.
    fn say(&mut self, line: std::fmt::Arguments) {
        let _ = writeln!(self.said, "{line}");
    }
}

/// What the facilitator reads on the normal screen once the full screen closes. Every
/// sentence is true: "saved" only when the last save worked (`save_error` is why it failed).
fn after(
    report_path: Option<&Path>,
    loaded: &Loaded,
    ended: &Ended,
    save_error: Option<&str>,
    closing: &mut Closing,
) -> Outcome {
    let Some(meeting) = ended.app.meeting() else {
        // Stopped on the opening screen: nothing to save, but a signal still ends it as one.
        return ended.signal.map_or(Outcome::Success, Outcome::Signal);
    };
    let kept = match save_error {
        None => "`forumtimer run --resume` continues the meeting".to_string(),
        Some(why) => format!("the meeting could not be saved ({why}), so it cannot be resumed"),
    };
    if meeting.finished_at().is_none() {
        if let Some(signal) = ended.signal {
            closing.say(format_args!(
                "forumtimer: stopped by signal {signal}; {kept}"
            ));
            return Outcome::Signal(signal);
        }
        return Outcome::Success;
    }
    // The meeting is over: a signal on its closing card still gets its report and history
    // (its summary is final), and is said as what it was.
    if let Some(signal) = ended.signal {
        closing.say(format_args!(
            "forumtimer: stopped by signal {signal} after the meeting ended"
        ));
    }
    let mut outcome = ended.signal.map_or(Outcome::Success, Outcome::Signal);
    let summary = Summary::of(meeting, ended.now);
    let speed = ended.app.settings.speed;
    // The times of day the summary screen shows, a rehearsal's included.
    let origin = ended.app.times(ended.now);
    if let (Some(dir), true) = (&loaded.history, keeps_history(speed, loaded)) {
        let record = report::json::record(&summary, origin);
        match crate::history::write(dir, &record, &meeting_id(meeting.plan().picks.id)) {
            Ok(path) => closing.say(format_args!(
                "Kept in the history: {}",
                escape(&path.display().to_string())
            )),
            // The report and the resume state still matter: say it and carry on.
            Err(error) => closing.say(format_args!("forumtimer: {error}")),
        }
    }
    if let Some(path) = report_path {
        match report::write_via(path, &summary, origin, closing.writer) {
            Ok(()) => closing.say(format_args!(
                "Timing report written to {}",
                escape(&path.display().to_string())
            )),
            Err(error) => {
                report_fallback(path, &error, &summary, origin, closing);
                if outcome == Outcome::Success {
                    outcome = Outcome::Failure;
                }
            }
        }
    }
    if ended.app.resumable.is_some() {
        closing.say(format_args!("The meeting was ended early; {kept}."));
    }
    outcome
}

/// The report could not be written (a full disk): it goes to standard output, the named
/// fallback, so the summary is on the screen the facilitator is looking at, not lost.
fn report_fallback(
    path: &Path,
    error: &report::ReportError,
    summary: &Summary,
    origin: Origin,
    closing: &mut Closing,
) {
    closing.say(format_args!(
        "forumtimer: {error}; the report follows on standard output instead"
    ));
    let format = report::ReportFormat::of(path).unwrap_or(report::ReportFormat::Markdown);
    let text = report::render(summary, origin, format);
    let _ = closing
        .out
        .write_all(text.as_bytes())
        .and_then(|()| closing.out.flush());
}

/// Saves the meeting in the state directory so a crash, a kill or a quit loses nothing.
struct StatePersist<'a> {
    store: Option<StateStore>,
    /// The meeting as last saved durably: while it stays the same, the periodic saves only
    /// refresh the file.
    durable: Option<Timing>,
    loaded: &'a Loaded,
    hash: String,
    seed: u64,
    speed: u32,
    /// An unfinished meeting is in the file: moved to `meeting.json.previous` before the
    /// first save of this one replaces it.
    set_aside: bool,
    /// Why the last save failed, said without "not saved" (the closing sentence says that);
    /// `None` when it worked.
    last_error: Option<String>,
}

/// A failed save: the warning the screen shows, and the reason alone.
struct Unsaved {
    warning: String,
    why: String,
}

impl Unsaved {
    fn state(error: &StateError) -> Unsaved {
        Unsaved {
            warning: error.to_string(),
            why: error.why(),
        }
    }
}

impl Persist for StatePersist<'_> {
    fn save(&mut self, saved: &Timing, now: Duration) -> Result<(), String> {
        let result = self.try_save(saved, now);
        self.last_error = result.as_ref().err().map(|unsaved| unsaved.why.clone());
        result.map_err(|unsaved| unsaved.warning)
    }

    fn discard(&mut self) -> Result<(), String> {
        self.durable = None;
        let result = match &self.store {
            Some(store) => store.remove().map_err(|error| Unsaved::state(&error)),
            None => Ok(()),
        };
        self.last_error = result.as_ref().err().map(|unsaved| unsaved.why.clone());
        result.map_err(|unsaved| unsaved.warning)
    }
}

impl StatePersist<'_> {
    fn try_save(&mut self, saved: &Timing, now: Duration) -> Result<(), Unsaved> {
        let Some(store) = &self.store else {
            return Err(Unsaved {
                warning: "no state directory: this meeting could not be resumed after a crash"
                    .into(),
                why: "this system has no state directory".into(),
            });
        };
        let state = SavedMeeting::new(
            &self.loaded.label,
            self.hash.clone(),
            self.seed,
            self.speed,
            saved,
            now,
            Local::now(),
        )
        .with_boot(clock::boot_stamp());
        if self.set_aside {
            store.set_aside().map_err(|error| {
                let why = format!(
                    "the unfinished meeting could not be kept aside: {}",
                    reason(&error)
                );
                Unsaved {
                    warning: format!("Not saved: {why}"),
                    why,
                }
            })?;
            self.set_aside = false;
        }
        if self.durable.as_ref() == Some(saved) {
            return store
                .refresh(&state)
                .map_err(|error| Unsaved::state(&error));
        }
        store.save(&state).map_err(|error| Unsaved::state(&error))?;
        self.durable = Some(saved.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests;
