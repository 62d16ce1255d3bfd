//! The two tables of the summary screen, laid out column by column so the balance bar knows
//! its exact width.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{BAR_MIN_WIDTH, SummaryView, balance_words};
use crate::domain::summary::{MemberSummary, clock, signed_clock};
use crate::text;

const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);

/// Splits a row into columns one space apart; a row narrower than the columns just clips.
fn columns(row: Rect, widths: &[Constraint]) -> Vec<Rect> {
    Layout::horizontal(widths.iter().copied())
        .spacing(1)
        .split(row)
        .to_vec()
}

/// The widest name (or the header), but no more than `most`: names use the width there is.
fn name_width<'a>(names: impl Iterator<Item = &'a str>, header: &str, most: u16) -> u16 {
    let widest = names
        .map(|name| Span::raw(name).width())
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(most).min(most)
}

fn cell(text: impl Into<Line<'static>>, style: Style, align: Alignment) -> Line<'static> {
    text.into().style(style).alignment(align)
}

pub fn members(view: &SummaryView, area: Rect, buf: &mut Buffer) {
    let summary = view.summary;
    // With the bar, names may take up to half of what the numbers leave; the bar the rest.
    let most = area.width.saturating_sub(7 + 8 + 14 + 6 + 5) / 2;
    let names = name_width(
        summary.members.iter().map(|m| m.name.as_str()),
        "Member",
        most,
    );
    let with_bar = area.width >= BAR_MIN_WIDTH;
    // Narrow screens drop the bar and the passed count, and let names give way first.
    let mut widths = vec![
        if with_bar {
            Constraint::Length(names)
        } else {
            Constraint::Fill(1)
        },
        Constraint::Length(7),
        Constraint::Length(8),
    ];
    if with_bar {
        widths.extend([
            Constraint::Fill(1),
            Constraint::Length(14),
            Constraint::Length(6),
        ]);
    } else {
        widths.push(Constraint::Length(12));
    }
    let scale = summary
        .members
        .iter()
        .map(|m| m.spoken.max(m.allotted))
        .max()
        .unwrap_or_default();
    let header = ["Member", "Spoken", "Allotted", "Balance", "", "Passed"];
    for (index, row) in area.rows().enumerate() {
        let cols = columns(row, &widths);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let Some(i) = index.checked_sub(1) else {
            let right = |text: &'static str| cell(text, BOLD, Alignment::Right);
            lines.extend([
                cell(header[0], BOLD, Alignment::Left),
                right(header[1]),
                right(header[2]),
            ]);
            if with_bar {
                lines.push(cell(header[3], BOLD, Alignment::Left));
            }
            lines.extend([
                right(if with_bar { header[4] } else { header[3] }),
                right(header[5]),
            ]);
            draw(&cols, lines, buf);
            continue;
        };
        let Some(member) = summary.members.get(i) else {
            break;
        };
        let (words, over) = balance_words(member);
        let words_style = if over {
            view.fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        lines.push(cell(member.name.clone(), Style::new(), Alignment::Left));
        lines.push(cell(clock(member.spoken), Style::new(), Alignment::Right));
        lines.push(cell(clock(member.allotted), Style::new(), Alignment::Right));
        if with_bar {
            let width = cols.get(3).map_or(0, |c| c.width);
            lines.push(bar(view, member, scale, width));
        }
        lines.push(cell(words, words_style, Alignment::Right));
        let passed = if member.passed > 0 {
            member.passed.to_string()
        } else {
            String::new()
        };
        lines.push(cell(passed, Style::new(), Alignment::Right));
        draw(&cols, lines, buf);
    }
}

/// Spoken time in solid blocks up to the allotment, the unused allotment shaded light, and
/// time over the allotment shaded dark: the glyphs tell the story without colour. All bars
/// share one scale so members can be compared at a glance.
fn bar(view: &SummaryView, member: &MemberSummary, scale: Duration, width: u16) -> Line<'static> {
    if member.turns == 0 || scale.is_zero() {
        return Line::default();
    }
    let cells = |d: Duration| {
        let ratio = d.as_secs_f64() / scale.as_secs_f64();
        // Truncation is intended: a bar rounds to whole cells and is at most `width` long.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = (ratio * f64::from(width))
            .round()
            .clamp(0.0, f64::from(width)) as usize;
        n
    };
    let (spoken, allotted) = (cells(member.spoken), cells(member.allotted));
    let within = spoken.min(allotted);
    Line::from(vec![
        Span::styled("█".repeat(within), view.fg(Color::Cyan)),
        Span::styled("░".repeat(allotted - within), view.fg(Color::DarkGray)),
        Span::styled("▓".repeat(spoken - within), view.fg(Color::Yellow)),
    ])
}

pub fn segments(view: &SummaryView, area: Rect, buf: &mut Buffer) {
    let summary = view.summary;
    let most = area.width.saturating_sub(8 + 8 + 12 + 3);
    let names = name_width(
        summary.segments.iter().map(|s| s.name.as_str()),
        "Segment",
        most,
    );
    let widths = [
        Constraint::Length(names),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(12),
    ];
    for (index, row) in area.rows().enumerate() {
        let cols = columns(row, &widths);
        let Some(i) = index.checked_sub(1) else {
            let right = |text: &'static str| cell(text, BOLD, Alignment::Right);
            let header = vec![
                cell("Segment", BOLD, Alignment::Left),
                right("Planned"),
                right("Actual"),
                right("Difference"),
            ];
            draw(&cols, header, buf);
            continue;
        };
        let Some(segment) = summary.segments.get(i) else {
            break;
        };
        let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        let difference = signed_clock(millis(segment.actual) - millis(segment.planned), "−");
        let style = if difference.starts_with('+') {
            view.fg(Color::Yellow)
        } else {
            Style::new()
        };
        let line = vec![
            cell(segment.name.clone(), Style::new(), Alignment::Left),
            cell(clock(segment.planned), Style::new(), Alignment::Right),
            cell(clock(segment.actual), Style::new(), Alignment::Right),
            cell(difference, style, Alignment::Right),
        ];
        draw(&cols, line, buf);
    }
}

/// Draws each cell in its column. Right alignment would clip a too-long text from the left
/// (turning "+1:20 over" into "20 over"), so such a text is left-aligned and loses its tail,
/// which an ellipsis marks (a bar is drawn to its column's width and never needs one).
fn draw(cols: &[Rect], lines: Vec<Line<'static>>, buf: &mut Buffer) {
    for (col, line) in cols.iter().zip(lines) {
        let fits = line.width() <= usize::from(col.width);
        let line = if fits {
            line
        } else {
            let words: String = line
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            let cut = text::cut(&words, usize::from(col.width)).into_owned();
            Line::from(cut)
                .style(line.style)
                .patch_style(
                    line.spans
                        .first()
                        .map_or_else(Style::new, |span| span.style),
                )
                .alignment(Alignment::Left)
        };
        line.render(*col, buf);
    }
}
