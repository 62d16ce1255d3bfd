//! The live screen (SPEC §5): who has the floor and the countdown in big digits, the state in
//! colour and word, the turn's progress, its prompt, the wrap-up cue, who comes next, and the
//! meeting line.
//!
//! Rows are given out by priority: name, digits and state first; then the progress bar, the
//! segment, "up next" and the prompt as height allows; what is left goes to bigger digits, and
//! what they leave to the cue.

use std::fmt::Write as _;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Widget};

use super::big;
use super::big::lettering;
use super::cue::{self, Cue};
use super::format::{self, countdown};
use super::labels::{self, context, holder, mood};
use super::one_line;
use super::theme::{Mood, Theme};
use crate::domain::meeting::{Meeting, Status};
use crate::domain::plan::SlotKind;
use crate::room::RoomView;
use crate::text;
use crate::tui::screen::Bands;

mod layout;

use layout::Body;

/// Up next lists at most this many slots.
const UP_NEXT: usize = 4;

/// Draws the live screen of a running meeting; the last row is left to the controller's
/// own line (notices and keys), blank on a room display.
///
/// Each part is a band keyed by what it is drawn from (see `Bands`): a second of an idle
/// countdown draws again only the digit that changed and the progress bar.
pub fn draw(
    room: &RoomView,
    meeting: &Meeting,
    status: &Status,
    now: Duration,
    area: Rect,
    bands: &mut Bands,
) {
    let theme = Theme { color: room.color };
    let plan = meeting.plan();
    let Some(slot) = plan.slots.get(status.slot) else {
        return;
    };
    let mood = mood(status);

    let top = Rect { height: 1, ..area };
    let (title, right) = meeting_line(room, meeting, status, now, top);
    bands.band(
        top,
        ("meeting", &title, &right, theme.color),
        |area, buf| {
            draw_meeting_line(&title, &right, area, theme, buf);
        },
    );
    let bottom = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };

    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let width = body.width.saturating_sub(2);
    let time = countdown(status);
    let glyphs = u16::try_from(time.chars().count()).unwrap_or(u16::MAX);
    let name = holder(plan, slot);
    let context = context(plan, slot, labels::presenter(meeting, status.slot));
    let rows = layout::lay(&Body {
        height: body.height,
        width,
        name,
        context: &context,
        // Size the digits for the allotment plus a sign, so they do not jump at overtime.
        budget: glyphs.max(u16::try_from(format::length(status.allotted).len() + 1).unwrap_or(0)),
        prompt: slot.prompt.as_deref(),
        cue: meeting.wrapping_up(),
    });

    let mut y = body.y + rows.top;
    let mut row = |rows: u16| {
        let rect = Rect::new(body.x + 1, y, width, rows).intersection(body);
        y = y.saturating_add(rows);
        rect
    };
    let strong = theme.strong();
    let name_letters = &rows.name;
    bands.band(
        row(rows.name_rows),
        ("name", name, name_letters, strong),
        |area, buf| lettering::draw(name, name_letters, strong, area, buf),
    );
    if let Some(letters) = &rows.context {
        row(rows.context_gap);
        let dim = theme.dim();
        bands.band(
            row(rows.context_rows),
            ("context", &context, letters, dim),
            |area, buf| lettering::draw(&context, letters, dim, area, buf),
        );
    }
    row(rows.gap);
    let digits = row(rows.digits_rows);
    big::render_bands(&time, rows.digits, theme.digits(mood), digits, bands);
    row(rows.gap_after);
    let state = state_words(room, meeting, status, rows.cue == Cue::Line, width, theme);
    bands.band(row(1), ("state", &state), |area, buf| {
        one_line::render(state.clone(), area, buf);
    });
    if rows.gauge {
        let (ratio, label) = gauge_reading(status);
        let styles = (theme.gauge(mood), theme.dim());
        bands.band(
            row(1),
            ("gauge", ratio.to_bits(), &label, styles),
            |area, buf| gauge(ratio, &label, styles, area, buf),
        );
    }
    if rows.prompt > 0
        && let Some(prompt) = &slot.prompt
    {
        let style = theme.prompt();
        let prompt_rows = rows.prompt;
        bands.band(
            row(prompt_rows),
            ("prompt", prompt, width, prompt_rows, style),
            |area, buf| {
                // Placed as `Paragraph` places lines already fitted to the width (the area
                // styled, one a row), without its reflow.
                buf.set_style(area, style);
                let lines = text::fit(prompt, usize::from(width), usize::from(prompt_rows));
                for (line, y) in lines.into_iter().zip(area.y..area.bottom()) {
                    let at = Rect {
                        y,
                        height: 1,
                        ..area
                    };
                    one_line::render(Line::from(line).centered(), at, buf);
                }
            },
        );
    }
    if rows.cue != Cue::Line {
        let (gap, shown) = (rows.cue_gap, &rows.cue);
        bands.band(
            row(gap + rows.cue_rows),
            ("cue", shown, gap, theme.color),
            |area, buf| cue::draw(shown, gap, theme, area, buf),
        );
    }
    if rows.next {
        let at = Rect {
            y: bottom.y.saturating_sub(1),
            height: 1,
            ..body
        };
        let next = up_next(meeting, now, at, theme);
        bands.band(at, ("up next", &next), |area, buf| {
            one_line::render(next.clone(), area, buf);
        });
    }
}

/// The state word, plus the wrap-up cue (when `cue`: it has no rows of its own) and the
/// meeting-wide badges: over meeting time, rehearsal; in `columns`, a badge too wide is
/// shortened to its key words or left out whole, the least important first (SPEC §5: never
/// cut mid-word).
pub fn state_words(
    room: &RoomView,
    meeting: &Meeting,
    status: &Status,
    cue: bool,
    columns: u16,
    theme: Theme,
) -> Line<'static> {
    let mood = mood(status);
    let word = match status.paused_for {
        // SPEC §5: "PAUSED 3:12", so the room knows how long it has waited.
        Some(paused) if mood == Mood::Paused => {
            format!(" {} {} ", mood.word(), format::clock(paused.as_secs()))
        }
        _ => format!(" {} ", mood.word()),
    };
    // Most important first: (the badge, a shorter one, its style).
    let mut badges: Vec<(String, Option<String>, Style)> = Vec::with_capacity(3);
    if cue && meeting.wrapping_up() {
        // Unpadded: not reversed, so a margin would only cost the 20-column screen its cue.
        badges.push((cue::WORDS.into(), Some(cue::SHORTEST.into()), theme.cue()));
    }
    // Over time is a state, not a forecast: the alarm (the room sees it too) waits until the
    // blocks and the current countdown alone run past the end, and then says the header's
    // figure. Until then the header's "ends 21:04 · 4 min over" forecasts it calmly.
    if status.over_meeting.is_some()
        && let Some(over) = format::meeting_over(status)
    {
        let text = format!(" OVER MEETING TIME · {} ", format::over(over));
        badges.push((text, Some(" OVER MEETING TIME ".into()), theme.alarm()));
    }
    if room.speed > 1 {
        let text = format!(" REHEARSAL ×{} ", room.speed);
        let short = format!(" ×{} ", room.speed);
        badges.push((text, Some(short), theme.rehearsal()));
    }
    let columns = usize::from(columns);
    let gap = "  ";
    let width = |badges: &[(String, Option<String>, Style)]| {
        text::width(&word)
            + badges
                .iter()
                .map(|(badge, _, _)| gap.len() + text::width(badge))
                .sum::<usize>()
    };
    for at in (0..badges.len()).rev() {
        if width(&badges) <= columns {
            break;
        }
        if let Some(short) = badges[at].1.take() {
            badges[at].0 = short;
        }
    }
    while width(&badges) > columns && badges.pop().is_some() {}
    let mut spans = vec![Span::styled(word, theme.word(mood))];
    for (badge, _, style) in badges {
        spans.push(Span::raw(gap));
        spans.push(Span::styled(badge, style));
    }
    Line::from(spans).centered()
}

/// The turn's progress: the part of the allotment gone, and its label.
fn gauge_reading(status: &Status) -> (f64, String) {
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
    (ratio, label)
}

/// The turn's progress bar: `ratio` filled, in the `(filled, unfilled)` styles.
fn gauge(
    ratio: f64,
    label: &str,
    (filled, unfilled): (Style, Style),
    area: Rect,
    buf: &mut Buffer,
) {
    // Thick against light shading reads without colour too.
    LineGauge::default()
        .ratio(ratio)
        .label(label)
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(filled)
        .unfilled_style(unfilled)
        .render(area.inner(ratatui::layout::Margin::new(2, 0)), buf);
}

/// The clock, the planned end and the standing: "19:12 · ends 22:00 · 3 min behind", and
/// the title cut to the width left of it.
fn meeting_line(
    room: &RoomView,
    meeting: &Meeting,
    status: &Status,
    now: Duration,
    area: Rect,
) -> (String, String) {
    // Running over, the end shown is the forecast one, and the standing says by how much:
    // the header never promises an end the meeting will miss.
    // The rule's forecast (the turns to come at their floors cannot all fit) says it first,
    // as early as it knows: "ends 21:04 · 4 min over" (SPEC §4), as the badge does.
    let (end, standing) = match format::meeting_over(status) {
        Some(over) => (
            meeting.end() + Duration::from_secs(60 * format::over_minutes(over)),
            format::over(over),
        ),
        None => (meeting.end(), format::standing(status.behind_millis)),
    };
    // Too narrow for all three, the clock goes first (every phone shows it), then the end:
    // where the meeting stands is what only this line says.
    let clock = room.origin.hhmm(now);
    let end = format!("ends {}", room.origin.hhmm(end));
    let right = text::join_within(
        &[&clock, &end, &standing],
        &[0, 1],
        usize::from(area.width.saturating_sub(1)),
    ) + " ";
    let right_width = u16::try_from(text::width(&right)).unwrap_or(u16::MAX);
    let left = area.width.saturating_sub(right_width + 1);
    let title = format!(" {}", room.title);
    (text::cut(&title, usize::from(left)).into_owned(), right)
}

/// Draws what `meeting_line` gives: `right` at the right, the title on a dim left part.
fn draw_meeting_line(title: &str, right: &str, area: Rect, theme: Theme, buf: &mut Buffer) {
    let right_width = u16::try_from(text::width(right)).unwrap_or(u16::MAX);
    one_line::render(Line::from(right).right_aligned(), area, buf);
    let left = Rect {
        width: area.width.saturating_sub(right_width + 1),
        ..area
    };
    buf.set_style(left, theme.dim());
    one_line::render(Line::from(title), left, buf);
}

/// "Up next  Ben 9:24 · Chidi 9:24 · Closing 5:00": as many as fit, at most four. A
/// spotlight's phases are named with their presenter, once for a run of them: "Ben:
/// Background 15:00 · Clarifying questions 10:00 · Ana 5:00".
fn up_next(meeting: &Meeting, now: Duration, area: Rect, theme: Theme) -> Line<'static> {
    let plan = meeting.plan();
    let width = usize::from(area.width.saturating_sub(2));
    let mut spans = vec![Span::styled(" Up next  ", theme.strong())];
    let mut used = 10;
    let mut entry = String::new();
    let mut listed = 0;
    // Whose phases the last entry listed, so that a run of them names the presenter once.
    let mut presenting = None;
    for scheduled in meeting.schedule(now).skip(1).take(UP_NEXT) {
        let Some(slot) = plan.slots.get(scheduled.slot) else {
            continue;
        };
        entry.clear();
        if listed > 0 {
            entry.push_str(" · ");
        }
        // A phase of the whole group (Background) is the presenter's floor, which its name
        // alone does not say; a member's turn within the spotlight names its speaker already.
        let presenter = match slot.kind {
            SlotKind::Block => labels::presenter(meeting, scheduled.slot),
            SlotKind::Turn { .. } => None,
        };
        if let Some(name) = presenter
            && presenting != Some(name)
        {
            // First, so that an entry cut for width keeps who presents.
            let _ = write!(entry, "{name}: ");
        }
        presenting = presenter;
        entry.push_str(holder(plan, slot));
        let length = format!(" {}", format::length(scheduled.length));
        entry.push_str(&length);
        let cost = text::width(&entry);
        if used + cost > width {
            // Say that more follow rather than stop silently; the first, cut, rather than
            // none, which would read as the end of the meeting: its name cut before its
            // length ("Ben: Backgr… 15:00"), a figure cut to "1…" would read as another.
            let room = width.saturating_sub(used);
            let length_width = text::width(&length);
            if listed > 0 && used + 2 <= width {
                spans.push(Span::styled(" …", theme.dim()));
            } else if listed == 0 {
                let name = &entry[..entry.len() - length.len()];
                let cut = if room >= length_width + 2 {
                    text::cut(name, room - length_width).into_owned() + &length
                } else {
                    // No room for the figure whole: the name alone, cut, and no figure.
                    text::cut(name, room).into_owned()
                };
                spans.push(Span::raw(cut));
                listed = 1;
            }
            break;
        }
        used += cost;
        listed += 1;
        spans.push(Span::raw(entry.clone()));
    }
    if listed == 0 {
        spans.push(Span::styled("the end of the meeting", theme.dim()));
    }
    Line::from(spans).centered()
}
