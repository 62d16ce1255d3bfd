//! The wrap-up cue (`w`, SPEC §6) on the live and projector views: "please begin to wrap up"
//! for the speaker, as visible as the rows the name and the digits leave allow. In big letters
//! where they fit, else a band of its own across the screen, else a word in the state line;
//! in a calm colour, never the alarm's. It only takes rows nothing else needs, and a big
//! segment line's, which it outranks while it is on: the name and the digits never shrink
//! for it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;

use super::big::Scale;
use super::big::lettering::{self, Lettering};
use super::one_line;
use super::theme::Theme;
use crate::text;

/// What the speaker is asked, whole and short.
pub const WORDS: &str = "please begin to wrap up";
pub const SHORT: &str = "please wrap up";
/// Where even the short form is too wide: a state line on a 20-column screen.
pub const SHORTEST: &str = "wrap up";

/// How the cue is shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A word in the state line: no cue, or no row to spare for one.
    Line,
    /// A row of its own, reversed across the screen.
    Band,
    /// `words` in big letters.
    Big {
        words: &'static str,
        letters: Lettering,
    },
}

/// The cue with `rows` to spare in `columns`, beside a name lettered at `name` (`None`: plain)
/// that is `line_rows` a line: the cue, the blank row above it and the rows it takes. Big
/// letters are never bigger than the name's pixels nor taller than half its line, as the
/// segment line's: the cue is for the speaker, the name still says who has the floor.
#[must_use]
pub fn fit(name: Option<Scale>, line_rows: u16, columns: u16, rows: u16) -> (Cue, u16, u16) {
    if let Some(scale) = name
        && rows >= 2
    {
        let big = [WORDS, SHORT]
            .into_iter()
            .filter_map(|words| {
                let most = lettering::least_rows(words).max(line_rows / 2);
                let letters = lettering::fit_within(words, columns, (rows - 1).min(most), scale);
                let size = lettering::scale(&letters)?;
                Some((
                    words,
                    letters,
                    u32::from(size.across) * u32::from(size.down),
                ))
            })
            // The whole sentence unless the short one is bigger.
            .reduce(|whole, short| if short.2 > whole.2 { short } else { whole });
        if let Some((words, letters, _)) = big {
            let taken = lettering::rows(words, &letters);
            return (Cue::Big { words, letters }, 1, taken);
        }
    }
    match rows {
        0 => (Cue::Line, 0, 0),
        1 => (Cue::Band, 0, 1),
        _ => (Cue::Band, 1, 1),
    }
}

/// Draws `cue` in `area`, which holds it and the blank row above it (`gap`).
pub fn draw(cue: &Cue, gap: u16, theme: Theme, area: Rect, buf: &mut Buffer) {
    let area = Rect {
        y: area.y.saturating_add(gap),
        height: area.height.saturating_sub(gap),
        ..area
    };
    match cue {
        Cue::Line => {}
        Cue::Band => {
            let band = Rect { height: 1, ..area }.inner(Margin::new(2, 0));
            buf.set_style(band, theme.cue_band());
            let words = [WORDS, SHORT, SHORTEST]
                .into_iter()
                .find(|words| text::width(words) + 2 <= usize::from(band.width))
                .unwrap_or(SHORTEST);
            let words = text::cut(words, usize::from(band.width));
            one_line::render(Line::from(words).centered(), band, buf);
        }
        Cue::Big { words, letters } => lettering::draw(words, letters, theme.cue(), area, buf),
    }
}
