//! The one event loop: read the clock once per iteration, handle at most one event, draw,
//! then sleep until the next visible change or the next key. An idle countdown wakes about
//! once a second and writes only the cells that changed.

pub mod app;
pub mod clock;
pub mod keymap;
pub mod terminal;
pub mod view;

use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Flow};
use self::clock::MeetingClock;
use self::terminal::Signals;
use crate::domain::meeting::Saved;

/// The state is saved at least this often (meeting clock at speed 1), besides every action.
const SAVE_EVERY: Duration = Duration::from_secs(10);
/// The opening screen shows clock times; it needs no faster wake-up than this.
const IDLE_WAIT: Duration = Duration::from_secs(10);

/// Where the loop keeps the meeting so a crash or a kill loses nothing.
pub trait Persist {
    /// Saves the timing state.
    ///
    /// # Errors
    /// A message for the screen; the meeting goes on regardless.
    fn save(&mut self, saved: &Saved, now: Duration) -> Result<(), String>;
    /// Forgets the saved state of a meeting that ended.
    ///
    /// # Errors
    /// A message for the screen.
    fn discard(&mut self) -> Result<(), String>;
}

/// A `Persist` that keeps nothing (rehearsals in tests).
pub struct Forget;

impl Persist for Forget {
    fn save(&mut self, _: &Saved, _: Duration) -> Result<(), String> {
        Ok(())
    }
    fn discard(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// How the loop ended.
#[derive(Debug)]
pub struct Ended {
    pub app: App,
    /// Meeting-clock time at the end.
    pub now: Duration,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
}

/// Runs the full-screen timer until the facilitator leaves or a signal arrives. The terminal
/// is restored on every way out, panics included (ratatui's hook).
///
/// # Errors
/// When the terminal cannot be used.
pub fn run(app: App, clock: MeetingClock, persist: &mut dyn Persist) -> io::Result<Ended> {
    let signals = Signals::register()?;
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, app, clock, &signals, persist);
    terminal::leave();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    mut app: App,
    mut clock: MeetingClock,
    signals: &Signals,
    persist: &mut dyn Persist,
) -> io::Result<Ended> {
    let mut wait = Duration::ZERO;
    let mut pending: Option<Event> = None;
    let mut last_save = Duration::ZERO;
    loop {
        let (now, stopped) = clock.read(wait);
        if let Some(gap) = stopped {
            let minutes = gap.as_secs().div_ceil(60);
            app.notify(
                format!("paused by the system for {minutes} min — counted"),
                now,
            );
        }
        if let Some(signal) = signals.received() {
            save(&mut app, persist, now);
            return Ok(Ended {
                app,
                now,
                signal: Some(signal),
            });
        }
        if let Some(Event::Key(key)) = pending.take() {
            match app.handle_key(&key, now) {
                Flow::Continue => {}
                Flow::Exit => {
                    save(&mut app, persist, now);
                    return Ok(Ended {
                        app,
                        now,
                        signal: None,
                    });
                }
                Flow::Suspend => {
                    save(&mut app, persist, now);
                    terminal::suspend(terminal)?;
                }
            }
        }
        // Saved before it is shown: what the room sees has already survived a crash.
        let save_every = SAVE_EVERY * app.settings.speed;
        if app.changed || (app.meeting().is_some() && now >= last_save + save_every) {
            save(&mut app, persist, now);
            last_save = now;
        }
        app.expire_notice(now);
        terminal.draw(|frame| view::draw(&app, now, frame))?;
        if app.bell_due(now) {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let until = app.next_change(now).map(|at| clock.real_until(at, now));
        wait = until.unwrap_or(IDLE_WAIT).min(IDLE_WAIT);
        if event::poll(wait)? {
            let event = event::read()?;
            let is_press = matches!(&event, Event::Key(key) if key.kind == KeyEventKind::Press);
            if is_press || matches!(event, Event::Resize(..)) {
                pending = Some(event);
            }
            wait = Duration::ZERO;
        }
    }
}

/// Saves the meeting, or forgets it once it has ended; a failure becomes a lasting warning.
fn save(app: &mut App, persist: &mut dyn Persist, now: Duration) {
    app.changed = false;
    let Some(meeting) = app.meeting() else {
        return;
    };
    let result = match (meeting.finished_at(), &app.resumable) {
        (None, _) => persist.save(meeting.saved(), now),
        (Some(_), Some(before_quit)) => persist.save(before_quit, now),
        (Some(_), None) => persist.discard(),
    };
    app.warning = result.err();
}
