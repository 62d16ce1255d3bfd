//! The room display's loop (`forumtimer show`): follow the published room state, read the
//! meeting clock from the machine's clock (the one the controller's runs on) and the state's
//! anchor, and draw the room's view — never a key hint, a picker or a balance, since none of
//! it is ever received.
//!
//! It wakes when the countdown next changes (about once a second), when the controller sends
//! something, or for a key; with no controller it tries to connect once a second.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use super::input::{Input, Wake};
use super::keymap::{Action, action_for};
use super::screen::Screen;
use super::terminal::{self, Signals};
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
                    self.room = Some((Room::new(*room), anchor));
                    self.link = Link::Following;
                }
                Ok(Message::Bye) => bye = true,
                Err(error) => {
                    self.link = Link::Refused(error.to_string());
                    received_closed(self, mono);
                    return;
                }
            }
        }
        if received.closed || bye {
            if self.link != Link::Waiting {
                self.link = Link::Lost { bye };
            }
            received_closed(self, mono);
        }
    }

    /// The meeting clock now, from the last anchor.
    fn now(&self) -> Duration {
        self.room.as_ref().map_or(Duration::ZERO, |(room, anchor)| {
            anchor.meeting_now(room.state.speed)
        })
    }

    /// How long to sleep: until the countdown next changes, or the next connection attempt.
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
            .map_or(IDLE, |at| at.saturating_sub(now) / room.state.speed.max(1))
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
    };
    let mut projector = options.projector;
    // crossterm may hold more events from the bytes it last read: ask it before waiting.
    let mut queued = false;
    let mut readable = false;
    loop {
        if signals.received().is_some() {
            return Ok(());
        }
        display.follow(readable);
        let now = display.now();
        let size = terminal::size()?;
        screen.draw(size, |area, buf| {
            draw(&display, projector, options.color, now, area, buf);
        })?;
        let timeout = if queued {
            Duration::ZERO
        } else {
            display.timeout(now)
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
                // The controller's own keys for these two, from the one table; a display
                // closes without asking, since it holds nothing to lose.
                match action_for(&key) {
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
    buf: &mut ratatui::buffer::Buffer,
) {
    let ended = display
        .room
        .as_ref()
        .is_some_and(|(room, _)| matches!(room.state.stage, Stage::Closed { .. }));
    match (&display.link, &display.room) {
        (Link::Following, Some((room, _))) => {
            view::draw_room(&room.view(color), projector, now, area, buf);
        }
        // A meeting that ended keeps its closing card after the controller has gone.
        (Link::Lost { .. }, Some((room, _))) if ended => {
            view::draw_room(&room.view(color), projector, now, area, buf);
        }
        (Link::Lost { bye }, _) => {
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
        (Link::Refused(reason), _) => {
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
