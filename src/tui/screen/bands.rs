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
const DRAWN: u8 = 2;
/// No band covers it now, one did in the last frame: blanked and compared.
const BLANKED: u8 = 3;

/// One band of a frame: where, and its key's bytes in the frame's key store.
#[derive(Debug, Clone)]
struct Band {
    rect: Rect,
    key: Range<usize>,
}

/// What the writer keeps between banded frames.
#[derive(Debug, Default)]
pub struct Memo {
    /// Whether the last frame was banded and the buffer drawn into holds what is shown; a
    /// plain frame or a repaint clears it, and the next banded frame then draws every band.
    pub(super) mirror: bool,
    last: Vec<Band>,
    last_keys: Vec<u8>,
    this: Vec<Band>,
    this_keys: Vec<u8>,
    /// Per cell of the frame being drawn: `UNCOVERED`, `KEPT`, `DRAWN` or `BLANKED`.
    pub(super) cells: Vec<u8>,
    /// The same for the last frame; every cell `UNCOVERED` after a clear (all blank).
    last_cells: Vec<u8>,
}

impl Memo {
    /// After the screen was cleared: both buffers blank, every cell uncovered.
    pub(super) fn cleared(&mut self, cells: usize) {
        self.mirror = true;
        self.last.clear();
        self.last_keys.clear();
        self.last_cells.clear();
        self.last_cells.resize(cells, UNCOVERED);
    }

    /// After a plain frame: nothing can be kept.
    pub(super) fn forget(&mut self) {
        self.mirror = false;
        self.last.clear();
        self.last_keys.clear();
    }

    /// Before a banded frame that follows a plain one (its caller having made the buffer
    /// drawn into a copy of what is shown): every cell may hold something.
    pub(super) fn unknown(&mut self, cells: usize) {
        self.forget();
        self.mirror = true;
        self.last_cells.clear();
        self.last_cells.resize(cells, DRAWN);
    }

    /// Starts a banded frame of `cells` cells.
    pub(super) fn begin(&mut self, cells: usize) {
        debug_assert!(self.mirror && self.last_cells.len() == cells);
        self.this.clear();
        self.this_keys.clear();
        self.cells.clear();
        self.cells.resize(cells, UNCOVERED);
    }

    /// After the frame is drawn: cells uncovered now but not in the last frame are blanked in
    /// `next` and marked `BLANKED`, to be compared.
    pub(super) fn settle(&mut self, next: &mut Buffer) {
        let width = usize::from(next.area.width).max(1);
        let rows = self
            .cells
            .chunks_mut(width)
            .zip(self.last_cells.chunks(width));
        for ((marks, before), cells) in rows.zip(next.content.chunks_mut(width)) {
            let blanked = |(mark, before): (&u8, &u8)| *mark == UNCOVERED && *before != UNCOVERED;
            // A plain loop over bytes first: most rows have nothing to blank.
            if !marks.iter().zip(before).any(blanked) {
                continue;
            }
            for ((mark, before), cell) in marks.iter_mut().zip(before).zip(cells) {
                if blanked((mark, before)) {
                    cell.reset();
                    *mark = BLANKED;
                }
            }
        }
    }

    /// The marks of the frame being drawn, for `compared`.
    pub(super) fn marks(&self) -> &[u8] {
        &self.cells
    }

    /// After the frame was sent: it becomes the last.
    pub(super) fn end(&mut self) {
        std::mem::swap(&mut self.last, &mut self.this);
        std::mem::swap(&mut self.last_keys, &mut self.this_keys);
        for mark in &mut self.cells {
            // Next time, "uncovered" is all that matters of a blanked cell.
            if *mark == BLANKED {
                *mark = UNCOVERED;
            }
        }
        std::mem::swap(&mut self.last_cells, &mut self.cells);
    }
}

/// Whether a cell with `mark` is compared with what is shown: drawn again or blanked.
#[inline]
pub(super) fn compared(mark: u8) -> bool {
    mark >= DRAWN
}

/// The cells of a row of marks from its first compared one to its last, if any.
pub(super) fn span(marks: &[u8]) -> Option<Range<usize>> {
    let first = marks.iter().position(|&mark| compared(mark))?;
    let last = marks.iter().rposition(|&mark| compared(mark))?;
    Some(first..last + 1)
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
        let kept = memo
            .last
            .iter()
            .any(|band| band.rect == rect && memo.last_keys[band.key.clone()] == *bytes);
        memo.this.push(Band {
            rect,
            key: start..memo.this_keys.len(),
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
            mark_cells(memo, self.buf.area, rect, DRAWN);
            reset(self.buf, rect);
        }
        draw(rect, self.buf);
    }
}

/// Marks the cells of `rect` (inside `area`) with `mark`.
fn mark_cells(memo: &mut Memo, area: Rect, rect: Rect, mark: u8) {
    let width = usize::from(area.width);
    for y in rect.top()..rect.bottom() {
        let start = usize::from(y - area.y) * width + usize::from(rect.x - area.x);
        let row = &mut memo.cells[start..start + usize::from(rect.width)];
        debug_assert!(row.iter().all(|&m| m == UNCOVERED), "bands overlap");
        row.fill(mark);
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
