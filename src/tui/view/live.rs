//! The live screen (SPEC §5): who has the floor and the countdown in big digits, the state in
//! colour and word, the turn's progress, its prompt, who comes next, and the meeting line.
//!
//! Rows are given out by priority: name, digits and state first; then the progress bar, the
//! segment, "up next" and the prompt as height allows; what is left goes to bigger digits.

use std::fmt::Write as _;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use super::big::{self, Size};
use super::format::{self, countdown};
use super::labels::{context, holder, mood};
use super::one_line;
use super::theme::{Mood, Theme};
use crate::domain::meeting::{Meeting, Status};
use crate::tui::app::App;

/// Up next lists at most this many slots.
const UP_NEXT: usize = 4;

/// Draws the live screen of a running meeting.
pub fn draw(
    app: &App,
    meeting: &Meeting,
    status: &Status,
    now: Duration,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = Theme {
        color: app.settings.color,
    };
    let plan = meeting.plan();
    let Some(slot) = plan.slots.get(status.slot) else {
        return;
    };
    let mood = mood(status);

    let top = Rect { height: 1, ..area };
    meeting_line(app, meeting, status, now, top, theme, buf);
    let bottom = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    super::bottom_line(app, now, bottom, theme, buf);

    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let width = body.width.saturating_sub(2);
    let prompt_rows = slot.prompt.as_ref().map_or(0, |p| {
        let chars = u16::try_from(p.chars().count()).unwrap_or(u16::MAX);
        chars.div_ceil(width.max(1)).clamp(1, 2)
    });

    // Name and state line always; the rest while four rows (quadrant digits) stay for the
    // digits, which matter more across a room than a progress bar.
    let mut rem = body.height.saturating_sub(2);
    let mut take = |rows: u16| {
        let fits = rows > 0 && rem >= rows + 4;
        if fits {
            rem -= rows;
        }
        fits
    };
    let show_gauge = take(1);
    let show_context = take(1);
    let show_next = take(2); // "up next" and a blank row above it
    let show_prompt = take(prompt_rows);

    let text = countdown(status);
    let glyphs = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    // Size the digits for the allotment plus a sign, so they do not jump at overtime.
    let budget = glyphs.max(u16::try_from(format::length(status.allotted).len() + 1).unwrap_or(0));
    let digits = big::fit(budget, 1, width, rem, true);
    let (_, digits_rows) = digits.extent(glyphs, 1);
    let mut spare = rem.saturating_sub(digits_rows);

    let name = holder(plan, slot);
    let name_glyphs = u16::try_from(name.chars().count()).unwrap_or(u16::MAX);
    // The name may be big too, but never more than half the digits' height: the time is
    // what people glance at.
    let name_size = if matches!(digits, Size::Scaled { .. }) && big::drawable(name) && spare >= 5 {
        let rows = spare.saturating_sub(1).min(digits_rows / 2);
        big::fit(name_glyphs, 1, width, rows, false)
    } else {
        Size::Plain
    };
    let (_, name_rows) = name_size.extent(name_glyphs, 1);
    spare = spare.saturating_sub(name_rows.saturating_sub(1));
    // Blank rows around the digits when there is room, so they stand apart from the words.
    let gap = u16::from(spare >= 1);
    spare -= gap;
    let gap_after = u16::from(spare >= 2);
    spare -= gap_after;

    let mut y = body.y + spare / 2;
    let mut row = |rows: u16| {
        let rect = Rect::new(body.x + 1, y, width, rows).intersection(body);
        y = y.saturating_add(rows);
        rect
    };
    big::render(&[name], name_size, theme.strong(), row(name_rows), buf);
    if show_context {
        let rect = row(1);
        buf.set_style(rect, theme.dim());
        one_line::render(Line::from(context(plan, slot)).centered(), rect, buf);
    }
    row(gap);
    big::render(&[&text], digits, theme.digits(mood), row(digits_rows), buf);
    row(gap_after);
    state_line(app, status, mood, theme, row(1), buf);
    if show_gauge {
        gauge(status, mood, theme, row(1), buf);
    }
    if show_prompt && let Some(prompt) = &slot.prompt {
        Paragraph::new(Line::from(prompt.as_str()).centered())
            .style(theme.prompt())
            .wrap(Wrap { trim: true })
            .render(row(prompt_rows), buf);
    }
    if show_next {
        let at = Rect {
            y: bottom.y.saturating_sub(1),
            height: 1,
            ..body
        };
        up_next(meeting, now, at, theme, buf);
    }
}

/// The state word, plus the meeting-wide badges: over meeting time, rehearsal.
pub fn state_line(
    app: &App,
    status: &Status,
    mood: Mood,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let word = match status.paused_for {
        // SPEC §5: "PAUSED 3:12", so the room knows how long it has waited.
        Some(paused) if mood == Mood::Paused => {
            format!(" {} {} ", mood.word(), format::clock(paused.as_secs()))
        }
        _ => format!(" {} ", mood.word()),
    };
    let mut spans = vec![Span::styled(word, theme.word(mood))];
    if let Some(over) = status.over_meeting {
        spans.push(Span::raw("  "));
        let text = format!(" OVER MEETING TIME · {} ", format::over(over));
        spans.push(Span::styled(text, theme.alarm()));
    }
    if app.settings.speed > 1 {
        spans.push(Span::raw("  "));
        let text = format!(" REHEARSAL ×{} ", app.settings.speed);
        spans.push(Span::styled(text, theme.rehearsal()));
    }
    one_line::render(Line::from(spans).centered(), area, buf);
}

/// The turn's progress: elapsed of allotted.
fn gauge(status: &Status, mood: Mood, theme: Theme, area: Rect, buf: &mut Buffer) {
    let allotted = status.allotted.as_secs_f64();
    let ratio = if allotted > 0.0 {
        (status.elapsed.as_secs_f64() / allotted).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let label = format!(
        "{} of {} ",
        format::clock(status.elapsed.as_secs()),
        format::length(status.allotted)
    );
    // Thick against light shading reads without colour too.
    LineGauge::default()
        .ratio(ratio)
        .label(label)
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.gauge(mood))
        .unfilled_style(theme.dim())
        .render(area.inner(ratatui::layout::Margin::new(2, 0)), buf);
}

/// The clock, the planned end and the standing: "19:12 · ends 22:00 · 3 min behind".
fn meeting_line(
    app: &App,
    meeting: &Meeting,
    status: &Status,
    now: Duration,
    area: Rect,
    theme: Theme,
    buf: &mut Buffer,
) {
    // Running over, the end shown is the forecast one, and the standing says by how much:
    // the header never promises an end the meeting will miss.
    let (end, standing) = match status.over_meeting {
        Some(over) => (
            meeting.end() + Duration::from_secs(60 * format::over_minutes(over)),
            format::over(over),
        ),
        None => (meeting.end(), format::standing(status.behind_millis)),
    };
    let right = format!(
        "{} · ends {} · {standing} ",
        app.origin.hhmm(now),
        app.origin.hhmm(end),
    );
    let right_width = u16::try_from(right.chars().count()).unwrap_or(u16::MAX);
    one_line::render(Line::from(right).right_aligned(), area, buf);
    let left = Rect {
        width: area.width.saturating_sub(right_width + 1),
        ..area
    };
    buf.set_style(left, theme.dim());
    one_line::render(Line::from(format!(" {}", app.agenda.title)), left, buf);
}

/// "Up next  Ben 9:24 · Chidi 9:24 · Closing 5:00": as many as fit, at most four.
fn up_next(meeting: &Meeting, now: Duration, area: Rect, theme: Theme, buf: &mut Buffer) {
    let plan = meeting.plan();
    let width = usize::from(area.width.saturating_sub(2));
    let mut spans = vec![Span::styled(" Up next  ", theme.strong())];
    let mut used = 10;
    let mut text = String::new();
    let mut listed = 0;
    for scheduled in meeting.schedule(now).skip(1).take(UP_NEXT) {
        let Some(slot) = plan.slots.get(scheduled.slot) else {
            continue;
        };
        text.clear();
        if listed > 0 {
            text.push_str(" · ");
        }
        let _ = write!(
            text,
            "{} {}",
            holder(plan, slot),
            format::length(scheduled.length)
        );
        let cost = text.chars().count();
        if used + cost > width {
            break;
        }
        used += cost;
        listed += 1;
        spans.push(Span::raw(text.clone()));
    }
    if listed == 0 {
        spans.push(Span::styled("the end of the meeting", theme.dim()));
    }
    one_line::render(Line::from(spans).centered(), area, buf);
}
