//! Text by display width: how many terminal columns a text takes, how it wraps into rows of a
//! given width, and how it is cut with an ellipsis when it does not fit. One home for these,
//! so the screen that reserves rows and the one that draws them never disagree.
//!
//! Widths are Unicode display widths (`王` takes two columns, a combining accent none), and
//! every cut falls between grapheme clusters, so no accent is parted from its letter.

use std::borrow::Cow;

use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a cut text ends with.
pub const ELLIPSIS: &str = "…";

/// Columns `text` takes on a terminal.
#[must_use]
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` followed by spaces up to `columns` display columns (a `{:<N}` that counts columns,
/// not characters).
#[must_use]
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = String::with_capacity(text.len() + columns);
    out.push_str(text);
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

/// `text` if it fits in `columns`, else its longest start that fits with an ellipsis after it,
/// cut between grapheme clusters.
#[must_use]
pub fn cut(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    if columns == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!(
        "{}{ELLIPSIS}",
        prefix(text, columns - 1).trim_end()
    ))
}

/// The longest start of `text` that fits in `columns`, ending between grapheme clusters.
fn prefix(text: &str, columns: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        used += grapheme.width();
        if used > columns {
            break;
        }
        end = at + grapheme.len();
    }
    &text[..end]
}

/// `text` word-wrapped into rows of at most `columns` columns (greedy, spaces at a break
/// dropped); a word wider than a row is broken between grapheme clusters.
#[must_use]
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    // A row is started once it holds anything, zero-width clusters too (a lone mark has no
    // width of its own): counting columns alone would glue the next cluster onto it.
    for word in words(text) {
        let w = width(word);
        let needed = if row.is_empty() { w } else { used + 1 + w };
        if needed <= columns {
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(word);
            used = needed;
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        if w <= columns {
            row.push_str(word);
            used = w;
            continue;
        }
        for grapheme in word.graphemes(true) {
            let g = grapheme.width();
            if used + g > columns && !row.is_empty() {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push_str(grapheme);
            used += g;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// The words of `text`: runs of clusters between clusters that are all whitespace. Splitting
/// on whitespace characters instead would tear a mark off the space it combines with.
fn words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, grapheme) in text.grapheme_indices(true) {
        if grapheme.chars().all(char::is_whitespace) {
            if let Some(from) = start.take() {
                words.push(&text[from..at]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(from) = start {
        words.push(&text[from..]);
    }
    words
}

/// `text` wrapped at `columns` into at most `rows` rows; when it needs more, the last row
/// shown ends in an ellipsis.
#[must_use]
pub fn fit(text: &str, columns: usize, rows: usize) -> Vec<String> {
    let mut wrapped = wrap(text, columns);
    if wrapped.len() > rows {
        wrapped.truncate(rows);
        if let Some(last) = wrapped.last_mut() {
            // Room for the ellipsis even when the row was full.
            let kept = prefix(last, columns.saturating_sub(1)).trim_end();
            *last = format!("{kept}{ELLIPSIS}");
        }
    }
    wrapped
}

/// Paragraphs `texts` wrapped at `columns`, one under the other, in at most `rows` rows:
/// each row with the index of its paragraph. When they need more, the last row shown ends in
/// an ellipsis (after a space when it ends a paragraph, so it reads as "more follows").
#[must_use]
pub fn fit_all<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    columns: usize,
    rows: usize,
) -> Vec<(usize, String)> {
    let mut all: Vec<(usize, String)> = texts
        .into_iter()
        .enumerate()
        .flat_map(|(at, text)| wrap(text, columns).into_iter().map(move |row| (at, row)))
        .collect();
    if all.len() > rows {
        all.truncate(rows);
        if let Some((_, last)) = all.last_mut() {
            *last = mark(last, columns);
        }
    }
    all
}

/// `row` with " …" after it in `columns`: words dropped from its end to make room, or, when
/// even its first word leaves none, cut between clusters.
fn mark(row: &str, columns: usize) -> String {
    let mut kept = words(row);
    while !kept.is_empty() {
        let shown = format!("{} {ELLIPSIS}", kept.join(" "));
        if width(&shown) <= columns {
            return shown;
        }
        kept.pop();
    }
    fit(&format!("{row} {ELLIPSIS}"), columns, 1).concat()
}

/// What `join_within` puts between parts.
pub const SEPARATOR: &str = " · ";

/// `parts` joined by " · " in `columns`: while they are too wide, the parts at the indices in
/// `expendable` are left out whole, in that order; a text still too wide is then cut with an
/// ellipsis. So a line of several facts loses its least needed facts, never half a word.
#[must_use]
pub fn join_within(parts: &[&str], expendable: &[usize], columns: usize) -> String {
    let widths: Vec<usize> = parts.iter().map(|part| width(part)).collect();
    let kept = kept_within(&widths, expendable, columns);
    let line = parts
        .iter()
        .zip(kept)
        .filter_map(|(part, keep)| keep.then_some(*part))
        .collect::<Vec<_>>()
        .join(SEPARATOR);
    cut(&line, columns).into_owned()
}

/// Which of parts `widths` wide `join_within` keeps, for parts drawn in styles of their own.
#[must_use]
pub fn kept_within(widths: &[usize], expendable: &[usize], columns: usize) -> Vec<bool> {
    let mut kept = vec![true; widths.len()];
    let joined = |kept: &[bool]| {
        let shown: Vec<usize> = widths
            .iter()
            .zip(kept)
            .filter_map(|(w, &keep)| keep.then_some(*w))
            .collect();
        shown.iter().sum::<usize>() + width(SEPARATOR) * shown.len().saturating_sub(1)
    };
    for &drop in expendable {
        if joined(&kept) <= columns {
            break;
        }
        if let Some(keep) = kept.get_mut(drop) {
            *keep = false;
        }
    }
    kept
}

/// Rows `text` takes wrapped at `columns` (at least one).
#[must_use]
pub fn rows(text: &str, columns: usize) -> usize {
    wrap(text, columns).len()
}

/// Rows styled `lines` take when a `Paragraph` wraps them (`Wrap { trim: true }`) at
/// `columns`: counted by the very wrapping that draws them.
#[must_use]
pub fn line_rows(lines: &[Line<'_>], columns: u16) -> u16 {
    let paragraph = Paragraph::new(lines.to_vec()).wrap(Wrap { trim: true });
    u16::try_from(paragraph.line_count(columns.max(1))).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    #[test]
    fn wide_scripts_count_two_columns() {
        assert_eq!(width("王芳"), 4);
        assert_eq!(width("Ana"), 3);
        // A decomposed accent takes no column of its own.
        assert_eq!(width("Nguye\u{302}\u{303}n"), 6);
    }

    #[test]
    fn pad_counts_columns_not_characters() {
        assert_eq!(pad("王芳", 6), "王芳  ");
        assert_eq!(pad("Ana", 6), "Ana   ");
        assert_eq!(pad("too long", 3), "too long");
    }

    #[test]
    fn a_cut_ends_in_an_ellipsis_between_clusters() {
        assert_eq!(cut("Clarifying questions", 11), "Clarifying…");
        assert_eq!(cut("王芳王芳", 5), "王芳…");
        assert_eq!(cut("Nguye\u{302}\u{303}n Van", 6), "Nguye\u{302}\u{303}…");
        assert_eq!(cut("short", 10), "short");
    }

    #[test]
    fn wrap_is_by_words_then_by_clusters() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("王芳王芳王芳", 4), ["王芳", "王芳", "王芳"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn fit_marks_what_it_leaves_out() {
        assert_eq!(fit("one two three four", 7, 2), ["one two", "three…"]);
        assert_eq!(fit("one two", 7, 2), ["one two"]);
        assert_eq!(fit("abcdefg hij", 7, 1), ["abcdef…"]);
    }

    #[test]
    fn fit_all_marks_the_last_row_shown() {
        let rows = fit_all(["one two", "three four five"], 9, 2);
        assert_eq!(rows, [(0, "one two".into()), (1, "three …".into())]);
        let rows = fit_all(["one two", "three"], 7, 1);
        assert_eq!(rows, [(0, "one …".into())]);
        assert_eq!(
            fit_all(["a", ""], 5, 3),
            [(0, "a".into()), (1, String::new())]
        );
        assert!(fit_all(["a"], 5, 0).is_empty());
    }

    #[test]
    fn join_within_leaves_out_whole_parts_before_it_cuts() {
        let parts = ["19:12", "ends 22:00", "3 min behind"];
        assert_eq!(
            join_within(&parts, &[0, 1], 40),
            "19:12 · ends 22:00 · 3 min behind"
        );
        assert_eq!(
            join_within(&parts, &[0, 1], 30),
            "ends 22:00 · 3 min behind"
        );
        assert_eq!(join_within(&parts, &[0, 1], 12), "3 min behind");
        assert_eq!(join_within(&parts, &[0, 1], 8), "3 min b…");
        assert_eq!(join_within(&parts, &[2], 20), "19:12 · ends 22:00");
    }

    #[test]
    fn styled_rows_are_counted_by_words_and_width() {
        // By characters this was one row at 20 columns; by words it is two.
        let line = Line::from("Share experience, not advice.");
        assert_eq!(line_rows(std::slice::from_ref(&line), 20), 2);
        assert_eq!(line_rows(&[Line::from("王芳王芳王芳")], 4), 3);
        assert_eq!(line_rows(&[line, Line::from("")], 40), 2);
    }

    #[test]
    fn wrap_keeps_a_mark_on_the_space_it_combines_with() {
        // U+1CF30 is a combining mark: it and the no-break space before it are one cluster.
        assert_eq!(wrap("!\u{a0}\u{1cf30}", 2), ["!\u{a0}\u{1cf30}"]);
    }

    #[test]
    fn wrap_starts_a_row_after_a_cluster_of_no_width() {
        // U+09D7 alone is a cluster with no width: the wide one after it needs its own row.
        assert_eq!(wrap("\u{9d7}🫰", 1), ["\u{9d7}", "🫰"]);
        assert_eq!(
            wrap("\u{200b} ab", 3),
            ["\u{200b} ab"],
            "the space between them counts"
        );
    }

    proptest! {
        #[test]
        fn cut_and_wrap_keep_within_width_and_clusters(text in "\\PC{0,40}", columns in 1usize..20) {
            let whole: Vec<&str> = text.graphemes(true).collect();
            let cut = cut(&text, columns);
            prop_assert!(width(&cut) <= columns || whole.len() == 1);
            let kept = cut.strip_suffix(ELLIPSIS).unwrap_or(&cut);
            prop_assert!(text.starts_with(kept));
            for row in wrap(&text, columns) {
                // Only a single cluster wider than the row may overflow it.
                prop_assert!(width(&row) <= columns || row.graphemes(true).count() == 1);
                // Every cluster comes whole from the text (spaces between words are rejoined).
                for g in row.graphemes(true).filter(|g| !g.trim().is_empty()) {
                    prop_assert!(text.contains(g));
                }
            }
        }
    }
}
