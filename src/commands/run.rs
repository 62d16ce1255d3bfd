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
use crate::domain::summary::{Summary, minutes_in_words};
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
        seed: seed(saved.as_ref(), &loaded, &wall_now),
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
            // The meeting clock runs `speed` times the wall clock from the origin, so the
            // origin is the wall clock less the meeting clock over the speed: a rehearsal's
            // times of day (and its end) carry on where they were instead of jumping. At
            // speed 1 this is the wall clock less the meeting clock. Checked inside: a
            // damaged but well-formed state file may hold any value.
            let origin = Origin::reading(wall_now, now / saved.speed.max(1));
            settings.deadline = None;
            let mut app = App::new(loaded.agenda.clone(), settings, origin).resumed(meeting);
            let closed = minutes_in_words(downtime(saved, wall_now, boot_now.as_ref()));
            app.notify(format!("Resumed: closed for {closed} — counted"), now);
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

/// The wall time of meeting-clock zero for the report and the history. A rehearsal's clock
/// runs `speed` times fast, so the wall time it reaches is fiction; its files say instead that
/// it started when it really did and lasted as long as the meeting it rehearsed — which also
/// keeps rehearsals in the order they were run.
fn files_origin(origin: Origin, started_at: Duration, speed: u32) -> Origin {
    let real_start = origin.at(started_at / speed.max(1));
    Origin::reading(real_start, started_at)
}

/// The seed of the shuffled rounds: the saved meeting's when resumed, else the day's, so the
/// order is the one `plan` printed for today (SPEC §10).
pub(super) fn seed(
    saved: Option<&SavedMeeting>,
    loaded: &Loaded,
    wall_now: &DateTime<Local>,
) -> u64 {
    saved.map_or_else(|| shuffle_seed(loaded, wall_now.date_naive()), |s| s.seed)
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
    let origin = files_origin(ended.app.origin, meeting.started_at(), speed);
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
mod tests {
    use std::time::Duration;

    use chrono::{Local, TimeZone};

    use std::path::Path;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::{Closing, Loaded, Outcome, after, files_origin, keeps_history};
    use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind};
    use crate::private_file::{full_disk, write_and_sync};
    use crate::tui::Ended;
    use crate::tui::app::App;
    use crate::wall::Origin;

    fn loaded(history: Option<&str>, from_cli: bool) -> Loaded {
        Loaded {
            agenda: Agenda::new("Forum", &["Ana"]),
            bytes: Vec::new(),
            label: "forum.toml".into(),
            history: history.map(Into::into),
            history_from_cli: from_cli,
        }
    }

    #[test]
    fn a_rehearsal_keeps_history_only_in_a_folder_given_on_the_command_line() {
        assert!(keeps_history(1, &loaded(Some("h"), false)));
        assert!(!keeps_history(60, &loaded(Some("h"), false)));
        assert!(keeps_history(60, &loaded(Some("h"), true)));
        assert!(!keeps_history(1, &loaded(None, false)));
    }

    #[test]
    fn a_rehearsal_is_kept_as_starting_when_it_really_started() {
        let zero = Local.with_ymd_and_hms(2026, 3, 14, 19, 0, 0).unwrap();
        let origin = Origin::new(zero);
        // Ten real seconds on the opening screen at ×60: ten minutes on the meeting clock.
        let shifted = files_origin(origin, Duration::from_secs(600), 60);
        let start = shifted.at(Duration::from_secs(600));
        assert_eq!(start, zero + chrono::TimeDelta::seconds(10));
        assert_eq!(
            files_origin(origin, Duration::from_secs(600), 1).zero(),
            &zero
        );
    }

    /// A meeting quit a minute in, on its closing card, ended by `signal` if given.
    fn quit_early(signal: Option<i32>) -> Ended {
        let ended = held(&['q', 'y'], signal);
        assert!(
            ended
                .app
                .meeting()
                .is_some_and(|m| m.finished_at().is_some())
        );
        ended
    }

    /// A meeting started, then `keys` pressed a minute in; ended by `signal` if given.
    fn held(keys: &[char], signal: Option<i32>) -> Ended {
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
        agenda.segments = vec![Segment {
            name: "Updates".into(),
            kind: SegmentKind::Round {
                each: Duration::from_secs(5 * 60),
                order: Order::Agenda,
            },
            prompt: None,
            warn: None,
        }];
        let mut app = App::sample(agenda);
        let minute = Duration::from_secs(60);
        app.handle_key(
            &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            Duration::ZERO,
        );
        for key in keys {
            app.handle_key(
                &KeyEvent::new(KeyCode::Char(*key), KeyModifiers::NONE),
                minute,
            );
        }
        Ended {
            app,
            now: minute,
            signal,
        }
    }

    /// What `after` says, prints and returns, writing through `writer`.
    fn closing(
        report: Option<&Path>,
        ended: &Ended,
        save_error: Option<&str>,
        writer: crate::private_file::Writer,
    ) -> (String, String, Outcome) {
        let (mut said, mut out) = (Vec::new(), Vec::new());
        let mut closing = Closing {
            said: &mut said,
            out: &mut out,
            writer,
        };
        let outcome = after(
            report,
            &loaded(None, false),
            ended,
            save_error,
            &mut closing,
        );
        let text = |bytes| String::from_utf8(bytes).unwrap();
        (text(said), text(out), outcome)
    }

    #[test]
    fn a_report_that_meets_a_full_disk_is_printed_instead_and_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("forum.md");
        let (said, out, outcome) = closing(Some(&report), &quit_early(None), None, full_disk);
        assert!(matches!(outcome, Outcome::Failure));
        assert!(said.contains("could not write the report"), "{said}");
        assert!(said.contains("No space left on device"), "{said}");
        assert!(
            said.contains("the report follows on standard output"),
            "{said}"
        );
        assert!(!said.contains("written to"), "{said}");
        // The summary is not lost: it is all on standard output.
        assert!(out.starts_with("# Meeting summary"), "{out}");
        assert!(out.contains("Ana") && out.contains("Ben"), "{out}");
        // The last save worked, so resuming is offered — and only that.
        assert!(
            said.ends_with(
                "The meeting was ended early; `forumtimer run --resume` continues the meeting.\n"
            ),
            "{said}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_report_that_is_written_says_where_and_prints_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("forum.md");
        let (said, out, outcome) = closing(Some(&report), &quit_early(None), None, write_and_sync);
        assert!(matches!(outcome, Outcome::Success));
        assert!(said.starts_with("Timing report written to "), "{said}");
        assert!(out.is_empty(), "{out}");
        assert!(report.is_file());
    }

    #[test]
    fn a_meeting_that_could_not_be_saved_says_so_once_and_offers_no_resume() {
        let why = "No space left on device in ~/.local/state/forumtimer";
        let (said, out, outcome) = closing(None, &quit_early(None), Some(why), full_disk);
        assert!(matches!(outcome, Outcome::Success));
        assert_eq!(
            said,
            format!(
                "The meeting was ended early; the meeting could not be saved ({why}), so it cannot be resumed.\n"
            )
        );
        assert!(out.is_empty());
        // Mid-meeting…
        let (said, _, outcome) = closing(None, &held(&[], Some(15)), Some(why), full_disk);
        assert!(matches!(outcome, Outcome::Signal(15)));
        assert_eq!(
            said,
            format!(
                "forumtimer: stopped by signal 15; the meeting could not be saved ({why}), so it cannot be resumed\n"
            )
        );
        // …and on the closing card of a quit meeting.
        let (said, _, outcome) = closing(None, &quit_early(Some(15)), Some(why), full_disk);
        assert!(matches!(outcome, Outcome::Signal(15)));
        assert_eq!(
            said,
            format!(
                "forumtimer: stopped by signal 15 after the meeting ended\nThe meeting was ended early; the meeting could not be saved ({why}), so it cannot be resumed.\n"
            )
        );
    }

    #[test]
    fn a_signal_on_the_closing_card_of_a_finished_meeting_offers_no_resume_and_keeps_the_report() {
        // Both turns done: the meeting ended as planned and its saved state was removed.
        let ended = held(&['n', 'n'], Some(libc::SIGHUP));
        assert!(ended.app.resumable.is_none());
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("forum.md");
        let (said, _, outcome) = closing(Some(&report), &ended, None, write_and_sync);
        assert!(matches!(outcome, Outcome::Signal(libc::SIGHUP)));
        assert!(!said.contains("resume"), "{said}");
        assert!(said.contains("Timing report written to"), "{said}");
        assert!(said.contains("stopped by signal 1"), "{said}");
        assert!(report.is_file());
    }
}
