//! Damage tracking: a frame drawn as bands, rectangles each keyed by everything it is drawn
//! from. A band with the same rectangle and key as one of the last frame's shows what it
//! showed then, so it is neither drawn nor compared again; cells no band covers are blank.
//!
//! An idle countdown changes one big digit and the turn's progress a second: without this
//! each frame reset, redrew and compared all 4 800 cells of a 120×40 screen (callgrind: 57 %
//! of a frame in the compare, 33 % in the view) to find the few hundred that changed.
//!
//! The contract with the drawing code: a band draws only inside its rectangle, bands of one
//! frame do not overlap, and the key holds every input of the drawing (tag it with the kind
//! of band, so two kinds cannot share a key). Keys are the exact bytes `Hash` feeds a hasher,
//! compared whole: no digest, so no collision can leave a stale cell.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Per cell, what the frame being drawn does with it.
const UNCOVERED: u8 = 0;
/// In a band kept from the last frame.
const KEPT: u8 = 1;
/// In a band drawn again: compared with what is shown.
pub(super) const DRAWN: u8 = 2;
/// No band covers it now, one did in the last frame: blanked and compared.
const BLANKED: u8 = 3;

/// One band of a frame: where, and its key's bytes in the frame's key store (none for a
/// band drawn every frame).
#[derive(Debug, Clone)]
struct Band {
    rect: Rect,
    key: Option<Range<usize>>,
}

/// What the writer keeps between banded frames.
#[derive(Debug, Default)]
pub struct Memo {
    last: Vec<Band>,
    last_keys: Vec<u8>,
    /// Per band of the last frame: whether this frame kept it.
    last_kept: Vec<bool>,
    this: Vec<Band>,
    this_keys: Vec<u8>,
    /// Per cell of the frame being drawn: `UNCOVERED`, `KEPT`, `DRAWN` or `BLANKED`.
    pub(super) cells: Vec<u8>,
    /// Per row, the columns from its first compared cell to its last (empty: none).
    pub(super) rows: Vec<Range<usize>>,
    area: Rect,
}

impl Memo {
    /// After the screen was cleared: both buffers blank, no band drawn, nothing to keep.
    pub(super) fn cleared(&mut self) {
        self.last.clear();
        self.last_keys.clear();
    }

    /// Starts a banded frame over `area`.
    pub(super) fn begin(&mut self, area: Rect) {
        self.area = area;
        self.this.clear();
        self.this_keys.clear();
        self.last_kept.clear();
        self.last_kept.resize(self.last.len(), false);
        self.cells.clear();
        self.cells.resize(
            usize::from(area.width) * usize::from(area.height),
            UNCOVERED,
        );
        self.rows.clear();
        self.rows.resize(usize::from(area.height), 0..0);
    }

    /// After the frame is drawn: cells no band covers now that a band of the last frame did
    /// are blanked in `next` and marked `BLANKED`, to be compared. Only the last frame's
    /// bands not kept are looked at.
    pub(super) fn settle(&mut self, next: &mut Buffer) {
        let width = usize::from(self.area.width);
        let bands = self.last.iter().zip(&self.last_kept);
        for (band, _) in bands.filter(|(_, kept)| !**kept) {
            let rect = band.rect.intersection(self.area);
            for y in rect.top()..rect.bottom() {
                let row = usize::from(y - self.area.y);
                let from = usize::from(rect.x - self.area.x);
                for x in from..from + usize::from(rect.width) {
                    let index = row * width + x;
                    if self.cells[index] == UNCOVERED {
                        self.cells[index] = BLANKED;
                        next.content[index].reset();
                        widen(&mut self.rows[row], x..x + 1);
                    }
                }
            }
        }
    }

    /// The marks of the frame being drawn, for `compared`, and each row's span of them.
    pub(super) fn marks(&self) -> (&[u8], &[Range<usize>]) {
        (&self.cells, &self.rows)
    }

    /// After the frame was sent: it becomes the last.
    pub(super) fn end(&mut self) {
        std::mem::swap(&mut self.last, &mut self.this);
        std::mem::swap(&mut self.last_keys, &mut self.this_keys);
    }
}

/// Widens `span` to cover `more` too.
fn widen(span: &mut Range<usize>, more: Range<usize>) {
    *span = if span.start >= span.end {
        more
    } else {
        span.start.min(more.start)..span.end.max(more.end)
    };
}

/// Whether a cell with `mark` is compared with what is shown: drawn again or blanked.
#[inline]
pub(super) fn compared(mark: u8) -> bool {
    mark >= DRAWN
}

/// Where a frame is drawn: straight into a buffer (`plain`: every band drawn, as a fresh
/// buffer needs), or by the writer, which keeps the bands that did not change.
pub struct Bands<'a> {
    buf: &'a mut Buffer,
    memo: Option<&'a mut Memo>,
}

impl<'a> Bands<'a> {
    /// Every band drawn into `buf`, nothing kept: for a buffer of its own (tests, snapshots).
    pub fn plain(buf: &'a mut Buffer) -> Bands<'a> {
        Bands { buf, memo: None }
    }

    pub(super) fn kept(buf: &'a mut Buffer, memo: &'a mut Memo) -> Bands<'a> {
        Bands {
            buf,
            memo: Some(memo),
        }
    }

    /// The whole frame's area.
    #[must_use]
    pub fn area(&self) -> Rect {
        self.buf.area
    }

    /// Draws `rect` with `draw` unless the last frame drew the same `rect` with the same
    /// `key`, which must hold every input of `draw` (see the module's contract).
    pub fn band(&mut self, rect: Rect, key: impl Hash, draw: impl FnOnce(Rect, &mut Buffer)) {
        let rect = rect.intersection(self.buf.area);
        if rect.is_empty() {
            return;
        }
        let Some(memo) = self.memo.as_deref_mut() else {
            return draw(rect, self.buf);
        };
        let start = memo.this_keys.len();
        key.hash(&mut KeyBytes(&mut memo.this_keys));
        let bytes = &memo.this_keys[start..];
        let matched = memo.last.iter().position(|band| {
            band.rect == rect
                && band
                    .key
                    .as_ref()
                    .is_some_and(|key| memo.last_keys[key.clone()] == *bytes)
        });
        if let Some(index) = matched {
            memo.last_kept[index] = true;
        }
        let kept = matched.is_some();
        memo.this.push(Band {
            rect,
            key: Some(start..memo.this_keys.len()),
        });
        let mark = if kept { KEPT } else { DRAWN };
        mark_cells(memo, self.buf.area, rect, mark);
        if !kept {
            reset(self.buf, rect);
            draw(rect, self.buf);
        }
    }

    /// Draws `rect` with `draw` every frame: for what changes often or is rarely shown.
    pub fn always(&mut self, rect: Rect, draw: impl FnOnce(Rect, &mut Buffer)) {
        let rect = rect.intersection(self.buf.area);
        if rect.is_empty() {
            return;
        }
        if let Some(memo) = self.memo.as_deref_mut() {
            // No key is stored, so nothing can match it next frame.
            memo.this.push(Band { rect, key: None });
            mark_cells(memo, self.buf.area, rect, DRAWN);
            reset(self.buf, rect);
        }
        draw(rect, self.buf);
    }
}

/// Marks the cells of `rect` (inside `area`) with `mark`.
fn mark_cells(memo: &mut Memo, area: Rect, rect: Rect, mark: u8) {
    let width = usize::from(area.width);
    let from = usize::from(rect.x - area.x);
    let columns = from..from + usize::from(rect.width);
    for y in rect.top()..rect.bottom() {
        let row = usize::from(y - area.y);
        let cells = &mut memo.cells[row * width + columns.start..row * width + columns.end];
        debug_assert!(cells.iter().all(|&m| m == UNCOVERED), "bands overlap");
        cells.fill(mark);
        if compared(mark) {
            widen(&mut memo.rows[row], columns.clone());
        }
    }
}

/// Blanks the cells of `rect` (inside `buf`'s area) before a band draws there again.
fn reset(buf: &mut Buffer, rect: Rect) {
    let width = usize::from(buf.area.width);
    for y in rect.top()..rect.bottom() {
        let start = usize::from(y - buf.area.y) * width + usize::from(rect.x - buf.area.x);
        for cell in &mut buf.content[start..start + usize::from(rect.width)] {
            cell.reset();
        }
    }
}

/// A "hasher" that keeps the bytes it is fed: keys are compared whole.
struct KeyBytes<'a>(&'a mut Vec<u8>);

impl Hasher for KeyBytes<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests;
