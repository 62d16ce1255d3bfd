//! The one event loop: read the clock once per iteration, handle at most one event, draw,
//! then sleep until the next visible change or the next key. An idle countdown wakes about
//! once a second and writes only the cells that changed.

pub mod app;
pub mod clock;
pub mod input;
pub mod keymap;
pub mod persist;
pub mod screen;
pub mod terminal;
pub mod view;

use std::io::{self, Stdout, Write};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Flow};
use self::clock::MeetingClock;
use self::input::{Input, Wake};
pub use self::persist::Forget;
use self::persist::{Persist, save};
use self::screen::Screen;
use self::terminal::Signals;

/// The state is saved at least this often (meeting clock at speed 1), besides every action.
const SAVE_EVERY: Duration = Duration::from_secs(10);
/// The opening screen shows clock times; it needs no faster wake-up than this.
const IDLE_WAIT: Duration = Duration::from_secs(10);

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
    let mut input = Input::new()?;
    let mut screen = terminal::enter()?;
    let result = event_loop(&mut screen, &mut input, app, clock, &signals, persist);
    terminal::leave();
    result
}

fn event_loop(
    screen: &mut Screen<Stdout>,
    input: &mut Input,
    mut app: App,
    mut clock: MeetingClock,
    signals: &Signals,
    persist: &mut dyn Persist,
) -> io::Result<Ended> {
    let mut wait = Duration::ZERO;
    let mut pending: Option<Event> = None;
    // crossterm may hold more events from the bytes it last read: ask it before waiting.
    let mut queued = false;
    let mut hung_up = false;
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
        // A closed terminal window is a hang-up, whether or not SIGHUP reached us.
        if let Some(signal) = signals.received().or(hung_up.then_some(libc::SIGHUP)) {
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
                    terminal::suspend(screen)?;
                }
            }
        }
        app.expire_notice(now);
        if let Err(error) = draw(screen, &app, now) {
            return terminal_failed(error, input, app, persist, now);
        }
        // Saved right after it is shown: the fsyncs take milliseconds the room should not
        // wait for, and a crash in between loses one keypress at most.
        let save_every = SAVE_EVERY * app.settings.speed;
        if app.changed || (app.meeting().is_some() && now >= last_save + save_every) {
            let shown_warning = app.warning.clone();
            save(&mut app, persist, now);
            last_save = now;
            if app.warning != shown_warning
                && let Err(error) = draw(screen, &app, now)
            {
                return terminal_failed(error, input, app, persist, now);
            }
        }
        if app.bell_due(now) {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let until = app.next_change(now).map(|at| clock.real_until(at, now));
        wait = until.unwrap_or(IDLE_WAIT).min(IDLE_WAIT);
        let timeout = if queued { Duration::ZERO } else { wait };
        let next = next_event(input, timeout, queued);
        let event = match next {
            Ok(Next::Gone) => {
                hung_up = true;
                None
            }
            Ok(Next::Event(event)) => event,
            Err(error) => return terminal_failed(error, input, app, persist, now),
        };
        queued = event.is_some();
        if let Some(event) = event {
            let is_press = matches!(&event, Event::Key(key) if key.kind == KeyEventKind::Press);
            if is_press || matches!(event, Event::Resize(..)) {
                pending = Some(event);
            }
            wait = Duration::ZERO;
        }
    }
}

fn draw(screen: &mut Screen<Stdout>, app: &App, now: Duration) -> io::Result<()> {
    let size = terminal::size()?;
    screen.draw(size, |area, buf| view::render(app, now, area, buf))
}

/// What a wait brought.
enum Next {
    /// An event, or none before the timeout.
    Event(Option<Event>),
    /// The terminal hung up.
    Gone,
}

/// Waits up to `timeout` and reads one event if there is one; `queued` says crossterm may
/// still hold events read earlier.
fn next_event(input: &mut Input, timeout: Duration, queued: bool) -> io::Result<Next> {
    let wake = input.wait(timeout)?;
    if wake == Wake::Gone {
        return Ok(Next::Gone);
    }
    if (queued || wake == Wake::Input) && event::poll(Duration::ZERO)? {
        return Ok(Next::Event(Some(event::read()?)));
    }
    Ok(Next::Event(None))
}

/// The terminal failed mid-meeting. The meeting is saved first; if the window closed under
/// a write, that is a hang-up like any other, not an error.
fn terminal_failed(
    error: io::Error,
    input: &mut Input,
    mut app: App,
    persist: &mut dyn Persist,
    now: Duration,
) -> io::Result<Ended> {
    save(&mut app, persist, now);
    if matches!(input.wait(Duration::ZERO), Ok(Wake::Gone)) {
        return Ok(Ended {
            app,
            now,
            signal: Some(libc::SIGHUP),
        });
    }
    Err(error)
}
