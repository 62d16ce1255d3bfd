//! The opening screen (SPEC §8): title, purpose, a confidentiality reminder, who presents and
//! where rotating rounds start (SPEC §13), the agreements, who is present (toggled here), and
//! when the meeting will end if it starts now.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::presence::member_list;
use crate::domain::squeeze::squeeze;
use crate::history::words::sentence;
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{Hints, OPENING, OPENING_HINT, OPENING_HINT_SHORT, brief};
use crate::tui::view::one_line;
use crate::tui::view::theme::Theme;

const CONFIDENTIAL: &str =
    "Confidential: what is said here stays here. This timer keeps timing only.";
/// Side by side from this width; stacked (members first) below it.
const TWO_COLUMNS: u16 = 60;

/// Draws the opening screen; `present` is the presence being edited, not yet a meeting.
pub fn draw(
    app: &App,
    cursor: usize,
    present: &[bool],
    now: Duration,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = Theme {
        color: app.settings.color,
    };
    let area = area.inner(ratatui::layout::Margin::new(1, 0));
    let head = header_rows(&header(app, theme), area.width);
    let head_rows = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let two_columns = area.width >= TWO_COLUMNS;
    let members_rows = u16::try_from(present.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    let agreements_rows = u16::try_from(app.agenda.agreements.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    // The keys sit on the last row; the rest is centred above them.
    let keys = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let end_lines = end_lines(app, present, now, area.width, theme);
    // Every note on how the agenda was read, on up to three rows, cut with an ellipsis.
    let notes = if app.agenda.notes.is_empty() {
        Vec::new()
    } else {
        text::fit(
            &app.agenda.notes.join(" "),
            usize::from(area.width.saturating_sub(2)),
            3,
        )
    };
    let note_rows = u16::try_from(notes.len()).unwrap_or(3);
    let rows = share(
        body.height,
        &Wants {
            end: u16::try_from(end_lines.len()).unwrap_or(1),
            members: members_rows,
            head: head_rows,
            agreements: if app.agenda.agreements.is_empty() {
                0
            } else {
                agreements_rows
            },
            notes: note_rows,
            two_columns,
        },
    );
    // Centred as `Flex::Center` centres, the odd row above.
    let mut y = body.y + rows.spare.div_ceil(2);
    let mut next = |height: u16| {
        let rect = Rect { y, height, ..body };
        y += height;
        rect
    };
    let top = next(rows.head);
    next(rows.gap);
    let middle = next(rows.middle);
    next(rows.notes.0);
    let note = next(rows.notes.1);
    next(rows.notes.2);
    let end = next(rows.end);
    draw_header(head, top, buf);

    one_line::render_centred(end_lines, end, buf);
    // How the agenda was read (e.g. who presents instead of an absent presenter and why).
    let notes = notes
        .into_iter()
        .map(|text| Line::from(text).style(theme.warning()));
    one_line::render_centred(notes, note, buf);
    // A notice (the answer to the last key) or a lasting warning outranks the key hint.
    let notice = app
        .notice
        .as_ref()
        .filter(|n| n.until > now)
        .map(|n| &n.text);
    if let Some(text) = notice.or(app.warning.as_ref()) {
        // One row: cut with an ellipsis, never at the edge (SPEC §5).
        let text = text::cut(text, usize::from(keys.width));
        one_line::render(
            Line::from(text.into_owned())
                .style(theme.warning())
                .centered(),
            keys,
            buf,
        );
    } else {
        // A narrow window keeps the keys that start the meeting.
        let long = brief(OPENING, OPENING_HINT);
        let hint = if usize::from(area.width) >= text::width(&long) {
            long
        } else {
            Hints::new(OPENING, OPENING_HINT_SHORT)
                .within(usize::from(area.width))
                .into_owned()
        };
        one_line::render(Line::from(hint).style(theme.dim()).centered(), keys, buf);
    }

    let (agreements, members) = if two_columns {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .spacing(2)
                .areas(middle);
        (left, right)
    } else {
        let [members, agreements] =
            Layout::vertical([Constraint::Length(rows.members), Constraint::Fill(1)]).areas(middle);
        (agreements, members)
    };
    section("Who is here", members, theme, buf, |rows, buf| {
        let flag = |m: usize| present.get(m).copied().unwrap_or(false);
        member_list(&app.plan.members, flag, cursor, theme, rows, buf);
    });
    section("Agreements", agreements, theme, buf, |rows, buf| {
        agreement_lines(&app.agenda.agreements, theme, rows, buf);
    });
}

/// The rows each part of the opening screen asks for (a section's with its title).
struct Wants {
    end: u16,
    members: u16,
    head: u16,
    agreements: u16,
    notes: u16,
    two_columns: bool,
}

/// The rows each part gets, top to bottom, and the rows left over.
struct Rows {
    head: u16,
    /// The blank row under the header.
    gap: u16,
    /// Who is here, and the agreements under it or beside it.
    middle: u16,
    members: u16,
    /// The blank row over the notes, the notes, the blank row under them.
    notes: (u16, u16, u16),
    end: u16,
    spare: u16,
}

/// `height` rows shared out by what matters before the start: when the meeting would end,
/// then who is here (presence is what this screen is for, SPEC §8), the title, a row that
/// says there are agreements, the notes; only then the rest of the header and of the
/// agreements, and the blank rows between. What does not fit ends in an ellipsis or in
/// "… N more", never silently.
fn share(height: u16, wants: &Wants) -> Rows {
    let mut left = height;
    let mut take = |want: u16| {
        let got = want.min(left);
        left -= got;
        got
    };
    let end = take(wants.end);
    let members = take(wants.members);
    let mut head = take(wants.head.min(1));
    // The section's title and one row: an agreement, or how many there are and where.
    let mut agreements = if wants.two_columns {
        0
    } else {
        take(wants.agreements.min(2))
    };
    let notes = take(wants.notes);
    let gap = take(1);
    head += take(wants.head - head);
    let middle = if wants.two_columns {
        members + take(wants.agreements.saturating_sub(members))
    } else {
        agreements += take(wants.agreements - agreements);
        members + agreements
    };
    // One blank row over the end, or one each side of the notes.
    let over = take(1);
    let under = if notes > 0 { take(1) } else { 0 };
    Rows {
        head,
        gap,
        middle,
        members,
        notes: (over, notes, under),
        end,
        spare: left,
    }
}

/// When the meeting would end if it started now and who is here, on one row; or, once an
/// `end` has passed while this screen was up, why enter does not start, wrapped at `width`
/// on up to three rows so the whole sentence is read (where enter would start).
fn end_lines(
    app: &App,
    present: &[bool],
    now: Duration,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let here = present.iter().filter(|p| **p).count();
    match app.length_from(now, present) {
        Ok(length) => {
            let mut parts = vec![
                vec![
                    Span::raw("Planned end "),
                    Span::styled(app.times(now).hhmm(now + length), theme.strong()),
                ],
                vec![Span::raw(format!("{here} of {} present", present.len()))],
            ];
            // Said before it starts, not discovered at the last round (SPEC §10).
            if let Some(squeezed) = squeeze(&app.plan, present, length) {
                let when = |at: Duration| format!("at {}", app.times(now).hhmm(now + at));
                parts.push(vec![Span::styled(squeezed.brief(&when), theme.warning())]);
            }
            // A narrow window leaves out the count first (the list shows who is here), then
            // the squeeze, and keeps the end.
            let widths: Vec<usize> = parts
                .iter()
                .map(|spans| spans.iter().map(Span::width).sum())
                .collect();
            let kept = text::kept_within(&widths, &[1, 2], usize::from(width));
            let mut spans = Vec::new();
            for part in parts
                .into_iter()
                .zip(kept)
                .filter_map(|(p, keep)| keep.then_some(p))
            {
                if !spans.is_empty() {
                    spans.push(Span::raw(text::SEPARATOR));
                }
                spans.extend(part);
            }
            vec![Line::from(spans)]
        }
        Err(error) => text::fit(&error.to_string(), usize::from(width), 3)
            .into_iter()
            .map(|row| Line::from(Span::styled(row, theme.warning())))
            .collect(),
    }
}

/// The agreements that fit, each wrapped; when some do not fit, the last row says how many
/// more there are and where to read them, instead of dropping them silently.
fn agreement_lines(agreements: &[String], theme: Theme, area: Rect, buf: &mut Buffer) {
    // Counted by the wrapping that draws them (words, display width).
    let rows_of = |agreement: &str| {
        let line = Line::from(vec![Span::raw("• "), Span::raw(agreement)]);
        usize::from(text::line_rows(&[line], area.width))
    };
    let available = usize::from(area.height);
    let total: usize = agreements.iter().map(|a| rows_of(a)).sum();
    let mut lines = Vec::new();
    let mut used = 0;
    for (shown, agreement) in agreements.iter().enumerate() {
        let rows = rows_of(agreement);
        // Keep a row for the "more" line unless this is the last agreement and it fits.
        let reserve = usize::from(used + rows < total);
        if used + rows + reserve > available {
            let more = agreements.len() - shown;
            let text = format!("… {more} more: g shows them all");
            lines.push(Line::from(text).style(theme.dim()));
            break;
        }
        used += rows;
        lines.push(Line::from(vec![
            Span::raw("• "),
            Span::raw(agreement.as_str()),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Title, purpose and the confidentiality reminder.
fn header(app: &App, theme: Theme) -> Vec<Line<'_>> {
    let mut lines = vec![Line::from(app.agenda.title.as_str()).style(theme.strong())];
    if let Some(purpose) = &app.agenda.purpose {
        lines.push(Line::from(purpose.as_str()).style(theme.prompt()));
    }
    lines.push(Line::from(CONFIDENTIAL).style(theme.dim()));
    // What the history decided for the members marked present (SPEC §13).
    let today = app.wall_zero.zero().date_naive();
    for why in &app.why {
        lines.push(Line::from(sentence(why, &app.plan.members, today)));
    }
    lines
}

/// The header's lines wrapped at `width`: one row each, with the style of its line.
fn header_rows(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|line| {
            let words: String = line
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            text::wrap(&words, usize::from(width))
                .into_iter()
                .map(move |row| Line::from(row).style(line.style))
        })
        .collect()
}

/// The header's rows from the top of `area`; when the screen is too short for all of them,
/// the last row shown ends in an ellipsis (SPEC §5: nothing is cut silently).
fn draw_header(mut rows: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let shown = usize::from(area.height);
    if rows.len() > shown {
        rows.truncate(shown);
        if let Some(last) = rows.last_mut() {
            let words: String = last
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            let cut = text::fit(
                &format!("{words} {}", text::ELLIPSIS),
                usize::from(area.width),
                1,
            );
            *last = Line::from(cut.concat()).style(last.style);
        }
    }
    one_line::render_centred(rows, area, buf);
}

/// A titled column; the body gets the rows under the title.
fn section(
    title: &str,
    area: Rect,
    theme: Theme,
    buf: &mut Buffer,
    body: impl FnOnce(Rect, &mut Buffer),
) {
    // A title without a single row under it would only look broken.
    if area.height < 2 || area.width == 0 {
        return;
    }
    let title_row = Rect { height: 1, ..area };
    Paragraph::new(Line::from(title).style(theme.strong())).render(title_row, buf);
    let rest = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    body(rest, buf);
}
