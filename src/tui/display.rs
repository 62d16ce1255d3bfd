//! The room display's loop (`forumtimer show`): follow the published room state, read the
//! meeting clock from the machine's clock (the one the controller's runs on) and the state's
//! anchor, and draw the room's view — never a key hint, a picker or a balance, since none of
//! it is ever received.
//!
//! It wakes when the countdown next changes (about once a second), when the controller sends
//! something, or for a key; with no controller it tries to connect once a second. It draws
//! only when a wake-up can change what is shown: something received, the size or the view
//! asked for, or the moment the countdown (or the connection attempt) was due.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use super::input::{Input, Wake};
use super::keymap::{self, Action, action_in};
use super::screen::{Bands, Screen};
use super::signals::Signals;
use super::terminal;
use super::view;
use crate::room::wire::{Anchor, Message, Subscriber, machine_ns};
use crate::room::{Room, Stage};

/// How often a display without a controller tries to connect.
const RETRY: Duration = Duration::from_secs(1);
/// Nothing on the cards changes by itself; this is only a safety net.
const IDLE: Duration = Duration::from_secs(60);

/// Where the display stands with the controller.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Link {
    /// No meeting has been seen yet.
    Waiting,
    Following,
    /// The controller went away: on purpose (`bye`) or not.
    Lost {
        bye: bool,
    },
    /// The controller speaks a protocol this display cannot read.
    Refused(String),
}

/// What `show` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub projector: bool,
    pub color: bool,
}

/// Runs the room display until `q`, ctrl-c, a signal or the terminal closing.
///
/// # Errors
/// When the terminal cannot be used.
pub fn show(options: Options) -> io::Result<()> {
    let signals = Signals::register()?;
    let mut input = Input::new()?;
    let mut screen = terminal::enter()?;
    let result = display_loop(&mut screen, &mut input, &signals, options);
    terminal::leave();
    result
}

/// The room display's state between frames.
struct Display {
    link: Link,
    subscriber: Option<Subscriber>,
    room: Option<(Room, Anchor)>,
    next_try: u64,
    /// Counts what was received or lost: a frame drawn at another count may be out of date.
    changes: u64,
}

/// What the last frame was drawn from, and until when (machine clock, ns) it stays true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Drawn {
    changes: u64,
    size: (u16, u16),
    projector: bool,
    until_ns: u64,
}

/// Whether a frame is needed at machine time `mono_ns`: none drawn yet, something received or
/// lost, another size or view, or the time the last one was good for has come. A key that
/// is no action, or a message that only repeats the state, costs no frame.
fn needs_frame(
    last: Option<&Drawn>,
    changes: u64,
    size: (u16, u16),
    projector: bool,
    mono_ns: u64,
) -> bool {
    last.is_none_or(|last| {
        last.changes != changes
            || last.size != size
            || last.projector != projector
            || mono_ns >= last.until_ns
    })
}

impl Display {
    /// Connects if it is time to try, then takes in whatever the controller sent if the
    /// socket said it has something (`readable`).
    fn follow(&mut self, readable: bool) {
        let mono = machine_ns();
        let mut fresh = false;
        if self.subscriber.is_none() && mono >= self.next_try {
            match Subscriber::connect() {
                Ok(subscriber) => {
                    self.subscriber = Some(subscriber);
                    fresh = true;
                }
                Err(_) => self.next_try = mono + nanos(RETRY),
            }
        }
        let Some(subscriber) = &mut self.subscriber else {
            return;
        };
        if !(readable || fresh) {
            return;
        }
        let received = subscriber.receive();
        let mut bye = false;
        for message in received.messages {
            match message {
                Ok(Message::Room { anchor, room }) => {
                    // A state the display already has (the controller re-sends its anchor when
                    // the clock moved): only the anchor is new, no meeting to rebuild.
                    match &mut self.room {
                        Some((shown, shown_anchor))
                            if shown.state == *room && self.link == Link::Following =>
                        {
                            *shown_anchor = anchor;
                        }
                        _ => self.room = Some((Room::new(*room), anchor)),
                    }
                    self.link = Link::Following;
                    self.changes += 1;
                }
                Ok(Message::Bye) => bye = true,
                Err(error) => {
                    self.link = Link::Refused(error.to_string());
                    self.changes += 1;
                    received_closed(self, mono);
                    return;
                }
            }
        }
        if received.closed || bye {
            if self.link != Link::Waiting {
                self.link = Link::Lost { bye };
            }
            self.changes += 1;
            received_closed(self, mono);
        }
    }

    /// The meeting clock at machine time `mono_ns`, from the last anchor.
    fn now(&self, mono_ns: u64) -> Duration {
        self.room.as_ref().map_or(Duration::ZERO, |(room, anchor)| {
            anchor.meeting_at(mono_ns, room.state.speed)
        })
    }

    /// How long to sleep: until the countdown next changes (rounded up, so that the wake-up
    /// is never before the flip and a second frame), or the next connection attempt.
    fn timeout(&self, now: Duration) -> Duration {
        if self.subscriber.is_none() {
            return RETRY;
        }
        let Some((room, _)) = &self.room else {
            return IDLE;
        };
        let view = room.view(false);
        view.meeting()
            .and_then(|meeting| meeting.next_change(now))
            .map_or(IDLE, |at| {
                let meeting = at.saturating_sub(now).as_nanos();
                let real = meeting.div_ceil(u128::from(room.state.speed.max(1)));
                Duration::from_nanos(u64::try_from(real).unwrap_or(u64::MAX))
            })
            .min(IDLE)
    }
}

fn received_closed(display: &mut Display, mono: u64) {
    display.subscriber = None;
    display.next_try = mono + nanos(RETRY);
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

fn display_loop(
    screen: &mut Screen<terminal::Tty>,
    input: &mut Input,
    signals: &Signals,
    options: Options,
) -> io::Result<()> {
    let mut display = Display {
        link: Link::Waiting,
        subscriber: None,
        room: None,
        next_try: 0,
        changes: 0,
    };
    let mut drawn: Option<Drawn> = None;
    let mut projector = options.projector;
    // crossterm may hold more events from the bytes it last read: ask it before waiting.
    let mut queued = false;
    let mut readable = false;
    loop {
        if signals.received().is_some() {
            return Ok(());
        }
        display.follow(readable);
        let size = terminal::size()?;
        let mono = machine_ns();
        if needs_frame(drawn.as_ref(), display.changes, size, projector, mono) {
            let now = display.now(mono);
            screen.draw_bands(size, |area, bands| {
                draw(&display, projector, options.color, now, area, bands);
            })?;
            drawn = Some(Drawn {
                changes: display.changes,
                size,
                projector,
                until_ns: mono.saturating_add(nanos(display.timeout(now))),
            });
        }
        let timeout = if queued {
            Duration::ZERO
        } else {
            let until = drawn.map_or(mono, |drawn| drawn.until_ns);
            Duration::from_nanos(until.saturating_sub(mono))
        };
        let fd = display.subscriber.as_ref().map(Subscriber::fd);
        let wake = input.wait_with(timeout, fd)?;
        if wake == Wake::Gone {
            return Ok(());
        }
        readable = wake == Wake::Other;
        let was_queued = std::mem::take(&mut queued);
        if (was_queued || wake == Wake::Input) && event::poll(Duration::ZERO)? {
            queued = true;
            if let Event::Key(key) = event::read()?
                && key.kind == KeyEventKind::Press
            {
                // A display closes without asking, since it holds nothing to lose.
                match action_in(keymap::DISPLAY, &key) {
                    Some(Action::Quit) => return Ok(()),
                    Some(Action::Projector) => projector = !projector,
                    _ => {}
                }
            }
        }
    }
}

fn draw(
    display: &Display,
    projector: bool,
    color: bool,
    now: Duration,
    area: ratatui::layout::Rect,
    bands: &mut Bands,
) {
    let ended = display
        .room
        .as_ref()
        .is_some_and(|(room, _)| matches!(room.state.stage, Stage::Closed { .. }));
    match (&display.link, &display.room) {
        (Link::Following, Some((room, _))) => {
            view::draw_room_bands(&room.view(color), projector, now, area, bands);
        }
        // A meeting that ended keeps its closing card after the controller has gone.
        (Link::Lost { .. }, Some((room, _))) if ended => {
            view::draw_room_bands(&room.view(color), projector, now, area, bands);
        }
        (link, _) => bands.always(area, |area, buf| note(link, color, area, buf)),
    }
}

/// The display's own words when it shows no meeting: waiting, stopped or refused.
fn note(link: &Link, color: bool, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    match link {
        Link::Lost { bye } => {
            let what = if *bye {
                "The facilitator closed the timer."
            } else {
                "The facilitator's timer stopped unexpectedly."
            };
            view::draw_note(
                "The timer has stopped",
                &[
                    what,
                    "This window follows the meeting again as soon as it continues (`forumtimer run --resume`).",
                ],
                color,
                area,
                buf,
            );
        }
        Link::Refused(reason) => {
            view::draw_note(
                "This display cannot follow the meeting",
                &[reason],
                color,
                area,
                buf,
            );
        }
        _ => view::draw_note(
            "Waiting for the meeting to start",
            &["This window shows the room's view of `forumtimer run` once it starts."],
            color,
            area,
            buf,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: u64 = 1_000_000_000;

    /// A frame drawn at machine time 10 s, good until the countdown flips at 10.4 s.
    fn drawn() -> Drawn {
        Drawn {
            changes: 3,
            size: (120, 40),
            projector: false,
            until_ns: 10 * SECOND + 400_000_000,
        }
    }

    #[test]
    fn the_first_wake_up_draws() {
        assert!(needs_frame(None, 0, (120, 40), false, 0));
    }

    #[test]
    fn nothing_new_within_the_second_draws_nothing() {
        let last = drawn();
        for mono in [10 * SECOND, 10 * SECOND + 1, 10 * SECOND + 399_999_999] {
            assert!(!needs_frame(Some(&last), 3, (120, 40), false, mono));
        }
    }

    #[test]
    fn the_flip_draws_on_its_boundary() {
        let last = drawn();
        assert!(needs_frame(Some(&last), 3, (120, 40), false, last.until_ns));
        assert!(needs_frame(Some(&last), 3, (120, 40), false, 11 * SECOND));
    }

    #[test]
    fn a_message_a_resize_or_the_projector_key_draws_at_once() {
        let last = drawn();
        let mono = 10 * SECOND + 1;
        assert!(needs_frame(Some(&last), 4, (120, 40), false, mono));
        assert!(needs_frame(Some(&last), 3, (100, 30), false, mono));
        assert!(needs_frame(Some(&last), 3, (120, 40), true, mono));
    }
}
