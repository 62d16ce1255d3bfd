//! Drawing the whole screen from the app state: pure, no I/O, no clock reads. `now` is the
//! meeting-clock instant the event loop read once for this frame.
//!
//! - the room's layer (`draw_room`, from a `RoomView`, also what `forumtimer show` draws):
//!   `live`, `projector`, `reset`, `card` (opening and closing cards)
//! - the facilitator's layers (from the `App`), in `desk`: the opening screen, the summary,
//!   the overlays; and here the hint line under the room's view
//! - `cue`: the wrap-up cue, as big as the rows left for it allow
//! - `big`: big text at the largest size that fits · `theme`: styles with and without colour
//! - `format`, `labels`: shared words and times · `drifts`: the room-reset wording
//! - `more`: the ellipsis that ends a text cut for lack of rows

mod big;
mod card;
mod cue;
mod desk;
pub mod drifts;
mod format;
pub(crate) mod labels;
mod live;
mod more;
mod one_line;
mod projector;
mod reset;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use self::desk::summary::SummaryView;
use self::desk::{
    agreements, confirm, guest, help, opening, picker, presence, resources, unfinished,
};
use self::theme::Theme;
use super::app::{App, Overlay, Page};
use super::screen::Bands;
use crate::domain::meeting::Meeting;
use crate::domain::summary::Summary;
use crate::room::{Room, RoomView, StageView};
use crate::tui::keymap::{self, CLOSING, Hints, MEETING};

mod theme;

/// Below this the live screen cannot show a name, a countdown and a state word legibly.
const MIN_WIDTH: u16 = 20;
const MIN_HEIGHT: u16 = 6;

/// Draws `app` as it stands at `now` into `buf`, its room layer projected on the spot.
pub fn render(app: &App, now: Duration, area: Rect, buf: &mut Buffer) {
    let room = Room::new(app.room_state());
    draw(app, &room.view(app.settings.color), now, area, buf);
}

/// The controller's screen: the room's view (`room`, projected from `app`) with the
/// facilitator's own layers on top — the opening screen's presence list, the summary, key
/// hints, notices, warnings and every overlay but the reset prompt, which is the room's.
pub fn draw(app: &App, room: &RoomView, now: Duration, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    match &app.page {
        Page::Opening { cursor, present } if !too_small(area) => {
            opening::draw(app, *cursor, present, now, area, buf);
            unfinished::notice(app, area, buf);
        }
        Page::Meeting(meeting)
            if app.balances && meeting.finished_at().is_some() && !too_small(area) =>
        {
            draw_summary(app, now, area, buf);
        }
        // The reset prompt, drawn below with its keys, covers the whole screen.
        Page::Meeting(_) if room.reset().is_some() && !too_small(area) => {}
        _ => {
            draw_room(room, app.projector, now, area, buf);
            if let Some((bottom, line)) = hint_line(app, room, now, area) {
                one_line::render(line, bottom, buf);
            }
        }
    }
    if let Some(overlay) = &app.overlay {
        match overlay {
            Overlay::Help => help::draw(app, area, buf),
            Overlay::ConfirmQuit => confirm::draw(app, area, buf),
            Overlay::Presence { cursor } => presence::draw(app, *cursor, area, buf),
            Overlay::GuestName {
                member,
                text,
                error,
            } => guest::draw(app, member.is_none(), text, error.as_deref(), area, buf),
            Overlay::Pick(picker) => picker::draw(app, picker, area, buf),
            Overlay::Reset => {
                if let Some(reset) = room.reset() {
                    reset::draw(room, reset, true, now, area, buf);
                }
            }
            Overlay::Agreements => agreements::draw(app, area, buf),
            Overlay::Resources => resources::draw(app, area, buf),
            Overlay::ConfirmAfresh => unfinished::confirm(app, area, buf),
        }
    }
}

/// `draw` in bands (see `Bands`): the live room and its hint line keep what did not change
/// from the last frame; every other screen, and any overlay, is drawn whole.
pub fn draw_bands(app: &App, room: &RoomView, now: Duration, area: Rect, bands: &mut Bands) {
    let area = area.intersection(bands.area());
    let summary = |meeting: &Meeting| app.balances && meeting.finished_at().is_some();
    // The live or projector view, in bands, and the hint line under it; anything else (the room's cards
    // under a hint line that covers their last row, overlays on top) in one.
    let live_room = app.overlay.is_none()
        && !too_small(area)
        && matches!(room.stage, StageView::Live { reset: None, .. })
        && matches!(&app.page, Page::Meeting(meeting) if !summary(meeting));
    if !live_room {
        return bands.always(area, |area, buf| draw(app, room, now, area, buf));
    }
    draw_room_bands(room, app.projector, now, area, bands);
    if let Some((bottom, line)) = hint_line(app, room, now, area) {
        bands.band(bottom, ("hint", &line), |area, buf| {
            one_line::render(line.clone(), area, buf);
        });
    }
}

/// The controller's last row under the room's view: notices, the warning, or the keys that
/// matter most; none on the projector view of a running meeting or on a screen too small.
fn hint_line<'a>(
    app: &'a App,
    room: &RoomView,
    now: Duration,
    area: Rect,
) -> Option<(Rect, Line<'a>)> {
    let live = room.meeting().is_some() && room.reset().is_none();
    let finished = app.meeting().is_some_and(|m| m.finished_at().is_some());
    if too_small(area) || !((live && !app.projector) || finished) {
        return None;
    }
    let bottom = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    // Not `status(now)`: that shares out the time to come, a tenth of a frame, for one flag.
    let paused = room.meeting().is_some_and(Meeting::paused);
    let choosing = app.meeting().is_some_and(Meeting::choosing);
    let hint: &'static Hints = match (finished, choosing, paused) {
        (true, _, _) => &CLOSING_FOOTER,
        (false, true, _) => &CHOOSING_FOOTER,
        (false, false, true) => &PAUSED_FOOTER,
        (false, false, false) => &LIVE_FOOTER,
    };
    let theme = Theme {
        color: app.settings.color,
    };
    Some((bottom, bottom_line(app, hint, now, area.width, theme)))
}

/// The room's screen, as `forumtimer show` draws it and as the controller draws it under its
/// own layers: the opening card, the live or projector view (the reset prompt over it while
/// open), or the closing card.
pub fn draw_room(room: &RoomView, projector: bool, now: Duration, area: Rect, buf: &mut Buffer) {
    draw_room_bands(room, projector, now, area, &mut Bands::plain(buf));
}

/// `draw_room` in bands (see `Bands`): the live view keeps what did not change from the last
/// frame; the other screens are drawn whole.
pub fn draw_room_bands(
    room: &RoomView,
    projector: bool,
    now: Duration,
    area: Rect,
    bands: &mut Bands,
) {
    let area = area.intersection(bands.area());
    if area.is_empty() {
        return;
    }
    if !too_small(area)
        && let StageView::Live {
            reset: None,
            meeting,
        } = room.stage
    {
        match meeting.status(now) {
            Some(status) if projector => projector::draw(room, meeting, &status, area, bands),
            Some(status) => live::draw(room, meeting, &status, now, area, bands),
            None => {}
        }
        return;
    }
    bands.always(area, |area, buf| {
        if too_small(area) {
            return enlarge(room, now, area, buf);
        }
        match room.stage {
            StageView::Opening {
                purpose,
                agreements,
            } => card::opening(room, purpose, agreements, area, buf),
            StageView::Live {
                reset: Some(reset), ..
            } => reset::draw(room, reset, false, now, area, buf),
            // Drawn in bands above.
            StageView::Live { .. } => {}
            StageView::Closed { planned_end, ended } => {
                card::closing(room, planned_end, ended, area, buf);
            }
        }
    });
}

/// A message alone on the room's screen (`forumtimer show` waiting for a meeting).
pub fn draw_note(title: &str, lines: &[&str], color: bool, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if !area.is_empty() {
        card::note(title, lines, color, area, buf);
    }
}

fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The summary of a finished (or ended) meeting.
fn draw_summary(app: &App, now: Duration, area: Rect, buf: &mut Buffer) {
    let Some(meeting) = app.meeting() else {
        return;
    };
    let summary = Summary::of(meeting, now);
    let view = SummaryView {
        summary: &summary,
        origin: app.times(now),
        color: app.settings.color,
        scroll: app.summary_scroll,
    };
    (&view).render(area, buf);
}

/// Too small for the live screen: the countdown in one line if a meeting runs, and a polite
/// request for more room.
fn enlarge(room: &RoomView, now: Duration, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: room.color };
    // The name goes through `text::cut` and one row of its own when the line is too wide:
    // wrapped by `Paragraph`, a cluster such as `𝈀ி` could be placed past the last column.
    let mut rows: Vec<Line> = Vec::with_capacity(3);
    if let Some(meeting) = room.meeting()
        && let Some(status) = meeting.status(now)
        && let Some(slot) = meeting.plan().slots.get(status.slot)
    {
        let mood = labels::mood(&status);
        let who = labels::holder(meeting.plan(), slot);
        let mut spans = vec![
            Span::styled(format::countdown(&status), theme.digits(mood)),
            Span::raw(" "),
            Span::styled(mood.word(), theme.word(mood)),
        ];
        let width = usize::from(area.width);
        if Line::from(spans.clone()).width() + 1 + crate::text::width(who) <= width {
            spans.extend([Span::raw(" "), Span::raw(who)]);
            rows.push(Line::from(spans));
        } else {
            rows.push(Line::from(spans));
            rows.push(Line::from(crate::text::cut(who, width)));
        }
    }
    let please = Line::from("Please enlarge the window").style(theme.dim());
    let please_rows = crate::text::line_rows(std::slice::from_ref(&please), area.width);
    let count = u16::try_from(rows.len()).unwrap_or(1) + please_rows;
    let y = area.y + area.height.saturating_sub(count * 2 - please_rows) / 2;
    let shown = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let below = Rect {
        y,
        height: area.bottom().saturating_sub(y),
        ..area
    };
    one_line::render_centred(rows, below, buf);
    let y = y.saturating_add(shown);
    let rect = Rect {
        y,
        height: area.bottom().saturating_sub(y),
        ..area
    };
    Paragraph::new(please)
        .centered()
        .wrap(Wrap { trim: true })
        .render(rect.intersection(area), buf);
}

/// Said before the keys while the clock waits for the room to choose a presenter.
const WAITS: &str = "the clock waits for the presenter";

// The footers, drawn from the key tables once: the live view asks for one every second.
static CLOSING_FOOTER: LazyLock<Hints> =
    LazyLock::new(|| Hints::new(CLOSING, keymap::CLOSING_HINT));
static CHOOSING_FOOTER: LazyLock<Hints> =
    LazyLock::new(|| Hints::new(MEETING, keymap::CHOOSING_HINT).after(WAITS));
static PAUSED_FOOTER: LazyLock<Hints> = LazyLock::new(|| Hints::new(MEETING, keymap::PAUSED_HINT));
static LIVE_FOOTER: LazyLock<Hints> = LazyLock::new(|| Hints::new(MEETING, keymap::LIVE_HINT));

/// The last row: a notice, the lasting warning, or the few keys that matter most (`hint`),
/// all fitted to `columns` (SPEC §5: never cut at the edge).
fn bottom_line<'a>(
    app: &'a App,
    hint: &'a Hints,
    now: Duration,
    columns: u16,
    theme: Theme,
) -> Line<'a> {
    let columns = usize::from(columns);
    let notice = app.notice.as_ref().filter(|n| n.until > now);
    let mut spans = Vec::with_capacity(3);
    let mut used = 0;
    if let Some(notice) = notice {
        let text = crate::text::cut(&notice.text, columns);
        used = crate::text::width(&text);
        spans.push(Span::styled(text, theme.strong()));
    }
    if let Some(warning) = &app.warning {
        let gap = if spans.is_empty() { 0 } else { 3 };
        // Beside a notice, at least the ellipsis says the warning is there.
        if used + gap < columns {
            if gap > 0 {
                spans.push(Span::raw(crate::text::SEPARATOR));
            }
            let text = crate::text::cut(warning, columns - used - gap);
            spans.push(Span::styled(text, theme.warning()));
        }
    }
    if spans.is_empty() {
        spans.push(Span::styled(hint.within(columns), theme.dim()));
    }
    Line::from(spans).centered()
}
