//! How the live screen's body gives out its rows (SPEC §5): name, digits and state first; then
//! the progress bar, the segment line, "up next" and the prompt as height allows; name and
//! digits share what is left (`big::share`), and what they leave makes the segment line big.
//!
//! A name that could be big is never left plain for a blank row or a prompt's second row: those
//! give way first, the prompt cut with an ellipsis.
//!
//! The wrap-up cue is laid last, in the rows all that leaves (and a big segment line's, which it
//! outranks): turning it on shrinks neither the name nor the digits, and moves them only as far
//! as its rows need.

use crate::text;
use crate::tui::view::big::lettering::{self, Lettering};
use crate::tui::view::big::share::share;
use crate::tui::view::big::{self, Last, Size};
use crate::tui::view::cue::{self, Cue};

/// The body's rows, top to bottom: `top` blank, the name, a gap and the segment line, a gap,
/// the digits, a gap, the state (one row), the progress bar, the prompt and the wrap-up cue;
/// "up next" sits on the body's last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub top: u16,
    pub name: Lettering,
    pub name_rows: u16,
    /// `None`: no room for the segment line.
    pub context: Option<Lettering>,
    pub context_gap: u16,
    pub context_rows: u16,
    pub gap: u16,
    pub digits: Size,
    pub digits_rows: u16,
    pub gap_after: u16,
    pub gauge: bool,
    /// Rows of the prompt shown, 0 for none.
    pub prompt: u16,
    /// The wrap-up cue, the blank row above it and its rows; `Cue::Line` when it is off or
    /// said in the state line.
    pub cue: Cue,
    pub cue_gap: u16,
    pub cue_rows: u16,
    pub next: bool,
}

/// What the body draws in `width` columns and `height` rows: `name`, the segment line
/// `context`, digits sized for `budget` glyphs, the turn's prompt, and the wrap-up cue if on.
pub struct Body<'a> {
    pub height: u16,
    pub width: u16,
    pub name: &'a str,
    pub context: &'a str,
    pub budget: u16,
    pub prompt: Option<&'a str>,
    pub cue: bool,
}

/// What a layout was made from: `Body`, owned.
struct Key {
    height: u16,
    width: u16,
    name: String,
    context: String,
    budget: u16,
    prompt: Option<String>,
    cue: bool,
}

impl Key {
    fn of(body: &Body<'_>) -> Self {
        Key {
            height: body.height,
            width: body.width,
            name: body.name.to_owned(),
            context: body.context.to_owned(),
            budget: body.budget,
            prompt: body.prompt.map(str::to_owned),
            cue: body.cue,
        }
    }

    fn is(&self, body: &Body<'_>) -> bool {
        self.height == body.height
            && self.width == body.width
            && self.name == body.name
            && self.context == body.context
            && self.budget == body.budget
            && self.prompt.as_deref() == body.prompt
            && self.cue == body.cue
    }
}

thread_local! {
    static LAST: Last<Key, Parts> = const { Last::new() };
}

/// The body's rows, kept for the last body: laying out fits the name and the digits a few
/// times (and breaks a long name onto lines), which each second's frame would only repeat.
#[must_use]
pub fn lay(body: &Body<'_>) -> Parts {
    LAST.with(|last| last.get(|key| key.is(body), || (Key::of(body), lay_afresh(body))))
}

/// The body's rows: as many parts as fit, then, if the name is left plain where it could be
/// big, without the blank row above "up next", then with the prompt on one row.
fn lay_afresh(body: &Body<'_>) -> Parts {
    // The prompt on one row or two, cut with an ellipsis if longer.
    let prompt = body.prompt.map_or(0, |prompt| {
        let rows = text::rows(prompt, usize::from(body.width)).clamp(1, 2);
        u16::try_from(rows).unwrap_or(2)
    });
    let first = lay_with(body, true, prompt);
    if first.name != Lettering::Plain
        || lettering::fit(body.name, body.width, u16::MAX) == Lettering::Plain
    {
        return first;
    }
    [(false, prompt), (false, prompt.min(1))]
        .into_iter()
        .map(|(next_gap, prompt)| lay_with(body, next_gap, prompt))
        .find(|rows| rows.name != Lettering::Plain)
        .unwrap_or(first)
}

fn lay_with(body: &Body<'_>, next_gap: bool, prompt: u16) -> Parts {
    let width = body.width;
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
    let gauge = take(1);
    let context = take(1);
    let next = take(1 + u16::from(next_gap)); // "up next", and a blank row above it
    let prompt = if take(prompt) { prompt } else { 0 };

    // Name and digits share what is left and the name's own row; a tall screen keeps a blank
    // row on each side of the digits.
    let gaps = if rem >= 20 { 2 } else { 0 };
    let (digits, name) = share(
        body.name,
        body.budget,
        width,
        (rem + 1).saturating_sub(gaps),
    );
    let (_, digits_rows) = digits.extent(body.budget, 1);
    let name_rows = lettering::rows(body.name, &name);
    let spare = (rem + 1).saturating_sub(digits_rows + name_rows);

    let mut rows = Parts {
        top: 0,
        name,
        name_rows,
        context: context.then_some(Lettering::Plain),
        context_gap: 0,
        context_rows: 1,
        gap: 0,
        digits,
        digits_rows,
        gap_after: 0,
        gauge,
        prompt,
        cue: Cue::Line,
        cue_gap: 0,
        cue_rows: 0,
        next,
    };
    let spare = if context {
        big_context(body, &mut rows, spare, gaps)
    } else {
        spare
    };
    // Blank rows around the digits when there is room, so they stand apart from the words.
    rows.gap = u16::from(spare >= 1);
    let spare = spare - rows.gap;
    rows.gap_after = u16::from(spare >= 2);
    let spare = spare - rows.gap_after;
    rows.top = spare / 2;
    if body.cue {
        // Under the prompt, in the rows below it first: what is above moves up only as far
        // as the cue needs.
        let left = lay_cue(body, &mut rows, spare);
        rows.top = rows.top.min(left);
    }
    rows
}

/// Gives the wrap-up cue `spare` rows, and a big segment line's if that lets it be big; what
/// is still spare is returned.
fn lay_cue(body: &Body<'_>, rows: &mut Parts, spare: u16) -> u16 {
    let width = body.width;
    let name = lettering::scale(&rows.name);
    let line_rows = lettering::line_rows(body.name, &rows.name);
    let (mut cue, mut gap, mut cue_rows) = cue::fit(name, line_rows, width, spare);
    let mut spare = spare;
    // Big letters for the speaker matter more, while they are on, than the segment's: it
    // stays, plain (SPEC §5 names the presenter in every phase).
    let freed = rows.context_rows.saturating_sub(1) + rows.context_gap;
    if !matches!(cue, Cue::Big { .. }) && freed > 0 {
        let (big, big_gap, big_rows) = cue::fit(name, line_rows, width, spare + freed);
        if matches!(big, Cue::Big { .. }) {
            rows.context = Some(Lettering::Plain);
            rows.context_rows = 1;
            rows.context_gap = 0;
            spare += freed;
            (cue, gap, cue_rows) = (big, big_gap, big_rows);
        }
    }
    rows.cue = cue;
    rows.cue_gap = gap;
    rows.cue_rows = cue_rows;
    spare - gap - cue_rows
}

/// Makes the segment line big with what name and digits leave (`spare` rows), smaller than a
/// line of the name and in pixels no bigger than its, with a blank row between the two (big letters on big letters read as one
/// block); on a TV the digits give a size for it. What is still spare is returned.
fn big_context(body: &Body<'_>, rows: &mut Parts, spare: u16, gaps: u16) -> u16 {
    // Beside a plain name a big segment line would read as the name.
    let Some(name_scale) = lettering::scale(&rows.name) else {
        return spare;
    };
    let line_rows = lettering::line_rows(body.name, &rows.name);
    let least = lettering::least_rows(body.context);
    let most = if least > 0 && least < line_rows {
        least.max(line_rows / 2)
    } else {
        line_rows / 2
    };
    let fit = |spare: u16| {
        let room = spare.saturating_sub(gaps + 1).min(most);
        if room >= 2 {
            lettering::fit_within(body.context, body.width, room, name_scale)
        } else {
            Lettering::Plain
        }
    };
    let mut spare = spare;
    let mut letters = fit(spare);
    // Digits may give a size for it while they stay 24 rows tall or more (three rows a font
    // pixel): a 60-row TV keeps 24-row digits and shows the segment too, a 48-row screen keeps
    // its 24-row digits.
    if letters == Lettering::Plain && least > 0 && rows.digits_rows > 24 {
        let smaller = big::fit(
            body.budget,
            1,
            body.width,
            rows.digits_rows.saturating_sub(1),
            true,
        );
        let (_, smaller_rows) = smaller.extent(body.budget, 1);
        let more = spare + rows.digits_rows.saturating_sub(smaller_rows);
        let letters_then = fit(more);
        if smaller_rows >= 24 && letters_then != Lettering::Plain {
            rows.digits = smaller;
            rows.digits_rows = smaller_rows;
            spare = more;
            letters = letters_then;
        }
    }
    if letters == Lettering::Plain {
        return spare;
    }
    rows.context_rows = lettering::rows(body.context, &letters);
    rows.context = Some(letters);
    rows.context_gap = 1;
    spare.saturating_sub(rows.context_rows - 1 + rows.context_gap)
}

#[cfg(test)]
mod tests {
    use super::{Body, lay};

    #[test]
    fn the_cue_shrinks_neither_name_nor_digits_and_stays_above_up_next() {
        let sizes = [
            (18, 4),
            (28, 6),
            (38, 10),
            (58, 18),
            (78, 22),
            (98, 28),
            (118, 38),
            (158, 46),
            (198, 58),
            (398, 118),
        ];
        for (width, height) in sizes {
            for name in ["Ana", "Maximiliana Alexandra Konstantina", "王芳"] {
                let body = |cue| Body {
                    height,
                    width,
                    name,
                    context: "Presentation · Ben · Experience shares",
                    budget: 5,
                    prompt: Some("What has been alive for you this month?"),
                    cue,
                };
                let (quiet, cued) = (lay(&body(false)), lay(&body(true)));
                let kept = |p: &super::Parts| {
                    let sizes = (p.name.clone(), p.name_rows, p.digits, p.digits_rows);
                    (sizes, p.gap, p.gap_after, p.gauge, p.prompt, p.next)
                };
                let at = format!("{width}×{height} {name}");
                assert_eq!(kept(&quiet), kept(&cued), "{at}");
                let context = cued
                    .context
                    .as_ref()
                    .map_or(0, |_| cued.context_gap + cued.context_rows);
                let used = cued.top
                    + cued.name_rows
                    + context
                    + cued.gap
                    + cued.digits_rows
                    + cued.gap_after
                    + 1
                    + u16::from(cued.gauge)
                    + cued.prompt
                    + cued.cue_gap
                    + cued.cue_rows;
                assert!(used + u16::from(cued.next) <= height, "{at}: {cued:?}");
            }
        }
    }
}
