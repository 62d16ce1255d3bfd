//! The shaped glyphs of the few texts on screen, and their cells at the sizes drawn, kept
//! between frames: a countdown redraws every second, but a name is shaped once and scaled
//! once per size, not once per frame. `Last` keeps one value with what it was made from, for
//! the live screen's layout.
//!
//! A memo, not state: what is drawn depends only on the text and the size, so the view stays a
//! function of the app and the clock.

use std::cell::RefCell;

use super::raster::{self, Raster, Scale};
use super::shape::{self, Art};

/// Texts kept: the name, the segment line, up to three lines of a prompt, and some spare so
/// that switching between screens does not shape again.
const TEXTS: usize = 16;
/// Sizes kept per text: a resize passes through a few.
const SIZES: usize = 4;

struct Entry {
    text: Box<str>,
    art: Option<Art>,
    rasters: Vec<((u16, u16, Scale), Raster)>,
}

thread_local! {
    static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// Moves `text`'s entry to the end (most recent), shaping it if it is new.
fn touch(entries: &mut Vec<Entry>, text: &str) -> usize {
    if let Some(at) = entries.iter().position(|e| &*e.text == text) {
        let entry = entries.remove(at);
        entries.push(entry);
    } else {
        if entries.len() >= TEXTS {
            entries.remove(0);
        }
        entries.push(Entry {
            text: text.into(),
            art: shape::shape(text),
            rasters: Vec::new(),
        });
    }
    entries.len() - 1
}

/// Calls `f` with `text`'s glyphs (`None`: not drawable big).
pub fn with_art<R>(text: &str, f: impl FnOnce(Option<&Art>) -> R) -> R {
    CACHE.with_borrow_mut(|entries| {
        let at = touch(entries, text);
        f(entries[at].art.as_ref())
    })
}

/// Calls `f` with the cells of `text`'s rows `top..bottom` at `scale`; not called when the
/// text is not drawable big.
pub fn with_raster(text: &str, top: u16, bottom: u16, scale: Scale, f: impl FnOnce(&Raster)) {
    CACHE.with_borrow_mut(|entries| {
        let at = touch(entries, text);
        let entry = &mut entries[at];
        let Some(art) = &entry.art else {
            return;
        };
        let key = (top, bottom, scale);
        let found = entry.rasters.iter().position(|(k, _)| *k == key);
        let index = match found {
            Some(index) => index,
            None => {
                if entry.rasters.len() >= SIZES {
                    entry.rasters.remove(0);
                }
                entry
                    .rasters
                    .push((key, raster::raster(art, top, bottom, scale)));
                entry.rasters.len() - 1
            }
        };
        f(&entry.rasters[index].1);
    });
}

/// The last value made and what it was made from: for what is worked out once per change of
/// screen (the live layout), where one entry is enough and a frame should only compare.
pub struct Last<K, V>(RefCell<Option<(K, V)>>);

impl<K, V: Clone> Last<K, V> {
    #[must_use]
    pub const fn new() -> Self {
        Self(RefCell::new(None))
    }

    /// The kept value when `same` says it was made from the inputs at hand, else `make`'s
    /// (key and value), kept for next time.
    pub fn get(&self, same: impl FnOnce(&K) -> bool, make: impl FnOnce() -> (K, V)) -> V {
        let mut last = self.0.borrow_mut();
        if let Some((key, value)) = last.as_ref()
            && same(key)
        {
            return value.clone();
        }
        let (key, value) = make();
        *last = Some((key, value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_shaped_once_and_scaled_once_per_size() {
        let scale = Scale { across: 2, down: 1 };
        let mut first = None;
        with_raster("Łukasz cache", 0, 16, scale, |r| {
            first = Some(r.cells.as_ptr());
        });
        let mut again = None;
        with_raster("Łukasz cache", 0, 16, scale, |r| {
            again = Some(r.cells.as_ptr());
        });
        assert!(first.is_some());
        assert_eq!(first, again, "the same cells, not drawn again");
    }

    #[test]
    fn the_last_value_is_made_again_only_for_other_inputs() {
        let last = Last::new();
        let mut made = 0;
        let mut get = |key: u8| {
            last.get(
                |k| *k == key,
                || {
                    made += 1;
                    (key, u16::from(key) * 2)
                },
            )
        };
        assert_eq!((get(1), get(1), get(2), get(1)), (2, 2, 4, 2));
        assert_eq!(
            made, 3,
            "made for 1, for 2, for 1 again; not for the repeat"
        );
    }
}
