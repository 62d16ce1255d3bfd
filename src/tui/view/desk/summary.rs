//! The summary screen (SPEC §8) as a ratatui widget: members' time spoken against allotted
//! with a balance bar, segments planned vs actual, room resets by kind, the end against the
//! planned end. Pure drawing from a `Summary`; it never panics, whatever the area.
//!
//! Every coloured thing also says itself in text or in the bar's glyphs, so `color: false`
//! (and `NO_COLOR`) loses nothing.

use crate::wall::Origin;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::domain::agenda::Drift;
use crate::domain::summary::{MemberSummary, Summary, end_sentence, signed_clock};
use crate::tui::keymap::{Action, SUMMARY, SUMMARY_HINT, binding};

mod rows;
#[cfg(test)]
pub(super) mod tests;

/// Below this inner width the balance bar is left out rather than drawn uselessly thin.
const BAR_MIN_WIDTH: u16 = 60;

/// The summary screen.
pub struct SummaryView<'a> {
    pub summary: &'a Summary,
    /// Meeting clock ↔ local time (`App::times`), to show times of day as the report does.
    pub origin: Origin,
    /// False for `--no-color` / `NO_COLOR`: no foreground or background colours at all.
    pub color: bool,
    /// Rows scrolled down (↑/↓/PgUp/PgDn), when the summary is taller than the screen.
    pub scroll: u16,
}

impl SummaryView<'_> {
    /// `color` as a foreground, or nothing at all without colour.
    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    fn end_line(&self) -> Line<'static> {
        let hhmm = |at| self.origin.hhmm(at);
        let summary = self.summary;
        let sentence = end_sentence(
            summary,
            &hhmm(summary.actual_end),
            &hhmm(summary.planned_end),
        );
        let mut chars = sentence.chars();
        let capitalised = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default();
        Line::from(vec![
            Span::styled(capitalised, Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(format!(" · started {}", hhmm(summary.start))),
        ])
    }

    fn resets_line(&self) -> Line<'static> {
        let kinds: Vec<String> = Drift::ALL
            .iter()
            .filter_map(|drift| {
                let count = self.summary.resets[drift.index()];
                (count > 0).then(|| format!("{} {count}", drift.key()))
            })
            .collect();
        let cues = match self.summary.wrap_ups {
            0 => String::new(),
            1 => " · 1 wrap-up cue".to_string(),
            n => format!(" · {n} wrap-up cues"),
        };
        if kinds.is_empty() {
            Line::from(format!("No room resets{cues}"))
        } else {
            Line::from(format!("Room resets: {}{cues}", kinds.join(" · ")))
        }
    }
}

/// "q to exit · ? keys" from the summary's key table, each key shown reversed.
fn footer_keys(style: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::with_capacity(SUMMARY_HINT.len() * 3);
    for brief in SUMMARY_HINT {
        let Some(binding) = binding(SUMMARY, brief.action) else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", style));
        }
        spans.push(Span::styled(
            binding.first_key(),
            Style::new().add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::styled(format!(" {}", brief.words), style));
    }
    spans
}

impl Widget for &SummaryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let block = Block::bordered().title(" Meeting summary ");
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let [body, footer] = if inner.height >= 2 {
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner)
        } else {
            [inner, Rect::new(inner.x, inner.y, inner.width, 0)]
        };
        let footer_style = self.fg(Color::DarkGray);
        let mut keys = footer_keys(footer_style);
        let [end, members, segments, resets] = self.wanted(body.width);
        let tables = members.saturating_add(1).saturating_add(segments);
        let total = end.saturating_add(tables).saturating_add(resets);
        // The end line and the resets stay in view; the tables scroll between them when they
        // do not fit, so no member and no segment is ever out of reach.
        let middle = body.height.saturating_sub(end + resets + 2);
        if total.saturating_add(2) <= body.height || middle == 0 {
            Line::from(keys).render(footer, buf);
            self.sections(body, buf);
            return;
        }
        let top = self.scroll.min(tables - middle);
        let (first, last) = (top + 1, top + middle);
        let label = |action| binding(SUMMARY, action).map_or("", |b| b.label);
        let (lines, pages) = (label(Action::Up), label(Action::PageUp));
        let shown = if body.width >= 60 {
            format!(" · {lines} {pages} scroll · rows {first}–{last} of {tables}")
        } else {
            format!(" · {lines} {first}–{last}/{tables}")
        };
        keys.push(Span::styled(shown, footer_style));
        Line::from(keys).render(footer, buf);
        let end_area = Rect {
            height: end,
            ..body
        };
        Paragraph::new(self.end_line())
            .wrap(Wrap { trim: true })
            .render(end_area, buf);
        let whole = Rect::new(0, 0, body.width, tables);
        let mut page = Buffer::empty(whole);
        let [members_area, _, segments_area] = Layout::vertical([
            Constraint::Length(members),
            Constraint::Length(1),
            Constraint::Length(segments),
        ])
        .areas(whole);
        rows::members(self, members_area, &mut page);
        rows::segments(self, segments_area, &mut page);
        let window = Rect::new(body.x, body.y + end + 1, body.width, middle);
        for y in 0..window.height {
            for x in 0..window.width {
                if let (Some(from), Some(to)) = (
                    page.cell((x, top + y)),
                    buf.cell_mut((window.x + x, window.y + y)),
                ) {
                    *to = from.clone();
                }
            }
        }
        let resets_area = Rect::new(body.x, body.bottom() - resets, body.width, resets);
        self.resets_line().render(resets_area, buf);
    }
}

impl SummaryView<'_> {
    fn wanted(&self, width: u16) -> [u16; 4] {
        let members = u16::try_from(self.summary.members.len() + 1).unwrap_or(u16::MAX);
        let segments = u16::try_from(self.summary.segments.len() + 1).unwrap_or(u16::MAX);
        // The end line is the one sentence that matters most: wrap it rather than cut it.
        let end_height = if self.end_line().width() > usize::from(width) {
            2
        } else {
            1
        };
        [end_height, members, segments, 1]
    }

    fn sections(&self, body: Rect, buf: &mut Buffer) {
        let wanted = self.wanted(body.width);
        let segments = wanted[2];
        let sections = stack(body, wanted);
        Paragraph::new(self.end_line())
            .wrap(Wrap { trim: true })
            .render(sections[0], buf);
        rows::members(self, sections[1], buf);
        // A table cut down to its header says nothing; leave the line blank instead.
        if sections[2].height > 1 || segments == 1 {
            rows::segments(self, sections[2], buf);
        }
        self.resets_line().render(sections[3], buf);
    }
}

/// Places sections of the wanted heights top to bottom, with a blank line between them when
/// everything fits that way. When space runs short the last sections but one are cut first
/// and the last one (the resets line) is kept, since it is a single line.
fn stack(area: Rect, wanted: [u16; 4]) -> [Rect; 4] {
    let total: u16 = wanted.iter().fold(0, |sum, h| sum.saturating_add(*h));
    let gap = u16::from(total.saturating_add(3) <= area.height);
    let last = wanted[3].min(area.height.saturating_sub(wanted[0]));
    let mut left = area.height.saturating_sub(last);
    let mut y = area.y;
    let mut out = [Rect::default(); 4];
    for (index, height) in wanted.iter().enumerate().take(3) {
        let height = (*height).min(left);
        out[index] = Rect::new(area.x, y, area.width, height);
        y += height;
        left -= height;
        let spacer = gap.min(left);
        y += spacer;
        left -= spacer;
    }
    out[3] = Rect::new(area.x, y, area.width, last);
    out
}

/// What the balance column says for a member: words, never colour alone.
fn balance_words(member: &MemberSummary) -> (String, bool) {
    if member.turns == 0 {
        let word = if member.present { "no turn" } else { "absent" };
        return (word.to_string(), false);
    }
    let balance = member.balance_millis();
    let text = signed_clock(balance, "−");
    match text.chars().next() {
        Some('+') => (format!("{text} over"), true),
        Some('−') => (format!("{text} under"), false),
        _ => ("on time".to_string(), false),
    }
}
