//! The one event loop: read the clock once per iteration, handle at most one event, draw,
//! then sleep until the next visible change or the next key. An idle countdown wakes about
//! once a second and writes only the cells that changed.

pub mod app;
pub mod clock;
pub mod control;
pub mod display;
pub mod input;
pub mod keymap;
pub mod persist;
pub mod screen;
pub mod signals;
pub mod terminal;
pub mod view;

use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Flow};
use self::clock::MeetingClock;
use self::control::RoomLink;
use self::input::{Input, Wake};
pub use self::persist::Forget;
use self::persist::{Persist, save};
use self::screen::Screen;
use self::signals::Signals;
use crate::room::wire::Publisher;

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
    let publisher = Publisher::bind();
    let mut screen = terminal::enter()?;
    let result = event_loop(
        &mut screen,
        &mut input,
        app,
        clock,
        &signals,
        persist,
        publisher,
    );
    terminal::leave();
    result
}

fn event_loop(
    screen: &mut Screen<terminal::Tty>,
    input: &mut Input,
    mut app: App,
    mut clock: MeetingClock,
    signals: &Signals,
    persist: &mut dyn Persist,
    publisher: io::Result<Publisher>,
) -> io::Result<Ended> {
    let mut wait = Duration::ZERO;
    let mut room: Option<RoomLink> = None;
    let mut publisher = Some(publisher);
    let mut pending: Option<Event> = None;
    // crossterm may hold more events from the bytes it last read: ask it before waiting.
    let mut queued = false;
    let mut last_save = Duration::ZERO;
    loop {
        let (now, stopped) = clock.read(wait);
        if let Some(gap) = stopped {
            app.stood_still(gap, now);
        }
        if let Some(signal) = signals.received() {
            save(&mut app, persist, now);
            return Ok(Ended {
                app,
                now,
                signal: Some(signal),
            });
        }
        let acted = pending.is_some();
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
        let link = match &mut room {
            Some(link) => {
                link.update(&app, now, acted);
                link
            }
            None => {
                // The room display is an extra: a meeting runs without it, and says why.
                let publisher = match publisher.take() {
                    Some(Ok(publisher)) => Some(publisher),
                    Some(Err(error)) => {
                        app.notify(format!("No room display: {error}"), now);
                        None
                    }
                    None => None,
                };
                room.insert(RoomLink::new(&app, now, publisher))
            }
        };
        if let Err(error) = draw(screen, &app, link, now) {
            hang_up_or_fail(error, input, signals, &mut app, persist, now)?;
            continue;
        }
        // Timing right after it is shown: the fsyncs take milliseconds the room should not
        // wait for, and a crash in between loses one keypress at most.
        let save_every = SAVE_EVERY * app.settings.speed;
        if app.changed || (app.meeting().is_some() && now >= last_save + save_every) {
            let shown_warning = app.warning.clone();
            save(&mut app, persist, now);
            last_save = now;
            if app.warning != shown_warning
                && let Err(error) = draw(screen, &app, link, now)
            {
                hang_up_or_fail(error, input, signals, &mut app, persist, now)?;
                continue;
            }
        }
        if app.bell_due(now) {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let until = app.next_change(now).map(|at| clock.real_until(at, now));
        wait = until.unwrap_or(IDLE_WAIT).min(IDLE_WAIT);
        let timeout = if queued { Duration::ZERO } else { wait };
        let event = match next_event(input, signals, timeout, queued) {
            Ok(event) => event,
            Err(error) => {
                hang_up_or_fail(error, input, signals, &mut app, persist, now)?;
                None
            }
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

fn draw(
    screen: &mut Screen<terminal::Tty>,
    app: &App,
    link: &RoomLink,
    now: Duration,
) -> io::Result<()> {
    let size = terminal::size()?;
    let room = link.room().view(app.settings.color);
    screen.draw_bands(size, |area, bands| {
        view::draw_bands(app, &room, now, area, bands);
    })
}

/// Waits up to `timeout` and reads one event if there is one; `queued` says crossterm may
/// still hold events read earlier. A closed terminal window is recorded as a hang-up, so the
/// loop ends as it does for SIGHUP, whether or not that signal reached us.
fn next_event(
    input: &mut Input,
    signals: &Signals,
    timeout: Duration,
    queued: bool,
) -> io::Result<Option<Event>> {
    let wake = input.wait(timeout)?;
    if wake == Wake::Gone {
        signals.hang_up();
        return Ok(None);
    }
    if (queued || wake == Wake::Input) && event::poll(Duration::ZERO)? {
        return Ok(Some(event::read()?));
    }
    Ok(None)
}

/// The terminal failed mid-meeting. If the window closed under a read or a write, that is a
/// hang-up like any other (recorded, and the loop ends at its next turn); otherwise the
/// meeting is saved and the error returned.
fn hang_up_or_fail(
    error: io::Error,
    input: &mut Input,
    signals: &Signals,
    app: &mut App,
    persist: &mut dyn Persist,
    now: Duration,
) -> io::Result<()> {
    if matches!(input.wait(Duration::ZERO), Ok(Wake::Gone)) {
        signals.hang_up();
        return Ok(());
    }
    save(app, persist, now);
    Err(error)
}
