//! "Reset the room" (`r`, SPEC §7): a calm full-screen overlay that the whole room reads. A big
//! heading, the return-to-intent prompt (the agenda's `[prompts]` wording when it has one), a
//! sentence the facilitator can say aloud, and the six drifts on keys `1`–`6`.
//!
//! Rows go to the prompt first, then the way back, the heading, the sentence, the drift keys;
//! what is left makes the prompt big (in any script), then the heading.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use tui_big_text::PixelSize;

use super::big::lettering;
use super::big::{self, Size};
use super::drifts::{WORDING, wording};
use super::theme::Theme;
use crate::domain::agenda::Drift;
use crate::room::{ResetView, RoomView};
use crate::text;
use crate::tui::keymap::{Action, RESET, binding};

const HEADING: [&str; 2] = ["Let's reset", "the room"];
const HEADING_LINE: &str = "Let's reset the room";

/// How the heading is drawn.
#[derive(Clone)]
enum Heading {
    /// The digits' 8×8 font, on two lines.
    Glyphs(Size),
    /// Unifont's taller glyphs, on one line or two, where the 8×8 font does not fit.
    Lettered(lettering::Lettering),
    Plain,
}

/// The largest heading in `columns`×`rows`: the 8×8 font at half height or more (lowercase at
/// quadrant size is hard to read), else Unifont's (at 80×24 the room's screen has rows to
/// spare for it), else plain bold.
fn heading_size(columns: u16, rows: u16) -> Heading {
    match big::fit(11, 2, columns, rows, false) {
        size @ (Size::Scaled { .. } | Size::Pixel(PixelSize::HalfHeight)) => Heading::Glyphs(size),
        _ => match lettering::fit(HEADING_LINE, columns, rows) {
            lettering::Lettering::Plain => Heading::Plain,
            letters => Heading::Lettered(letters),
        },
    }
}
/// Long lines are hard to follow from across a room; wrap the prose at this width.
const MEASURE: u16 = 64;

/// Draws the reset prompt over the whole screen. `desk`: the facilitator's screen, which
/// also shows the keys that choose the drift and close it; the room's does not.
pub fn draw(
    room: &RoomView,
    reset: ResetView,
    desk: bool,
    now: Duration,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = Theme { color: room.color };
    Clear.render(area, buf);
    let drift = reset.drift;
    let words = wording(drift);
    let prompt = reset.prompt.unwrap_or(words.prompt);
    let aloud = format!("You could say: “{}”", words.aloud);
    let width = area.width.saturating_sub(4).clamp(1, MEASURE);
    let keys = drift_keys(drift, theme);

    let prompt_rows = rows(text::rows(prompt, usize::from(width)));
    let aloud_rows = rows(text::rows(&aloud, usize::from(width)));
    let keys_rows = text::line_rows(std::slice::from_ref(&keys), area.width);
    let mut rem = area.height;
    // The prompt always shows, cut with an ellipsis on a screen too short for all of it.
    let prompt_shown = prompt_rows.min(rem);
    rem -= prompt_shown;
    let mut take = |rows: u16| {
        let fits = rem >= rows;
        if fits {
            rem -= rows;
        }
        fits
    };
    let show_back = desk && take(1);
    let show_heading = take(2); // plain heading and the blank row under it
    let show_aloud = take(aloud_rows + 1);
    let show_keys = desk && take(keys_rows + 1);
    let show_name = take(1);
    let paused = room
        .meeting()
        .and_then(|m| m.status(now))
        .is_some_and(|s| s.paused);
    let show_paused = paused && take(1);

    // What is left makes the prompt big first (the room reads it), then the heading.
    let big_prompt = if prompt_shown == prompt_rows {
        lettering::fit_wrapped(prompt, area.width.saturating_sub(4), prompt_rows + rem)
    } else {
        None
    };
    let prompt_height = big_prompt
        .as_ref()
        .map_or(prompt_shown, lettering::Wrapped::rows);
    rem = rem.saturating_sub(prompt_height - prompt_shown);
    let heading = if show_heading {
        heading_size(area.width.saturating_sub(4), rem.saturating_add(1))
    } else {
        Heading::Plain
    };
    let heading_rows = match &heading {
        Heading::Plain => u16::from(show_heading),
        Heading::Glyphs(size) => size.extent(11, 2).1,
        Heading::Lettered(letters) => lettering::rows(HEADING_LINE, letters),
    };
    let extra = heading_rows.saturating_sub(1);
    rem = rem.saturating_sub(extra);

    let top = area.y + rem / 2;
    let mut y = top;
    let mut row = |h: u16, w: u16| {
        let w = w.min(area.width);
        let rect = Rect::new(area.x + (area.width - w) / 2, y, w, h).intersection(area);
        y = y.saturating_add(h);
        rect
    };
    if show_heading {
        let rect = row(heading_rows, area.width.saturating_sub(2));
        match &heading {
            Heading::Plain => Paragraph::new(Line::from(HEADING_LINE).centered())
                .style(theme.strong())
                .render(rect, buf),
            Heading::Glyphs(size) => big::render(&HEADING, *size, theme.border(), rect, buf),
            Heading::Lettered(letters) => {
                lettering::draw(HEADING_LINE, letters, theme.border(), rect, buf);
            }
        }
        row(1, 0);
    }
    if show_name {
        Paragraph::new(Line::from(words.name).centered())
            .style(theme.dim())
            .render(row(1, width), buf);
    }
    match &big_prompt {
        Some(wrapped) => {
            let rect = row(prompt_height, area.width.saturating_sub(4));
            lettering::draw_wrapped(wrapped, theme.strong(), rect, buf);
        }
        None => prose(prompt, theme.strong(), row(prompt_shown, width), buf),
    }
    if show_aloud {
        row(1, 0);
        prose(&aloud, theme.prompt(), row(aloud_rows, width), buf);
    }
    if show_keys {
        row(1, 0);
        Paragraph::new(keys.centered())
            .wrap(Wrap { trim: true })
            .render(row(keys_rows, area.width), buf);
    }
    if show_back {
        let back = back_line(area.width);
        Paragraph::new(Line::from(back).centered())
            .style(theme.dim())
            .render(row(1, area.width), buf);
    }
    if show_paused {
        Paragraph::new(Line::from("The speaker's clock is paused.").centered())
            .style(theme.dim())
            .render(row(1, area.width), buf);
    }
}

/// "esc / enter: back to the speaker" from the reset's key table; "esc: back" when narrow.
fn back_line(width: u16) -> String {
    let Some(close) = binding(RESET, Action::Close) else {
        return String::new();
    };
    let long = format!("{}: {}", close.label, close.help);
    if usize::from(width) >= text::width(&long) {
        long
    } else {
        let first = |text: &'static str| text.split(' ').next().unwrap_or(text);
        format!("{}: {}", first(close.label), first(close.help))
    }
}

/// `1 advice · 2 debate · …` from the reset's key table, with the active drift highlighted.
fn drift_keys(active: Drift, theme: Theme) -> Line<'static> {
    let mut spans = Vec::with_capacity(WORDING.len() * 2);
    for binding in RESET {
        let Action::Drift(drift) = binding.action else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let label = format!("{} {}", binding.label, wording(drift).short);
        let style = if drift == active {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    Line::from(spans)
}

/// `text` wrapped into `area`, each row centred, the last ending in an ellipsis if it is cut.
fn prose(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = text::fit(text, usize::from(area.width), usize::from(area.height))
        .into_iter()
        .map(|line| Line::from(line).centered())
        .collect();
    Paragraph::new(lines).style(style).render(area, buf);
}

fn rows(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}
