//! Every overlay, at every size a laptop or a TV may give it: the words that matter survive.

use std::time::Duration;

use ratatui::buffer::Buffer;

use super::{in_anas_turn, key, min, render};
use crate::domain::agenda::Drift;
use crate::tui::view::drifts::WORDING;
use crate::tui::view::tests::text;

/// The screen as one line of words, so wrapped sentences can be searched whole.
fn words(buffer: &Buffer) -> String {
    text(buffer)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_drift_key_shows_its_own_prompt() {
    for drift in Drift::ALL {
        let mut app = in_anas_turn(true);
        key(&mut app, 'r', min(6));
        let digit = char::from(b'1' + u8::try_from(drift.index()).unwrap());
        key(&mut app, digit, min(6));
        let shown = words(render(&app, min(6), 80, 24).backend().buffer());
        let wording = &WORDING[drift.index()];
        assert!(shown.contains(wording.name), "{drift:?}: {shown}");
        assert!(shown.contains(wording.prompt), "{drift:?}: {shown}");
    }
}

#[test]
fn every_overlay_keeps_its_message_at_small_sizes() {
    let cases = [
        ('?', "pause / resume"),
        ('q', "End the meeting?"),
        ('a', "Ana"),
        // The heading may be drawn in block elements; the prompt is always in words.
        ('r', "Let's come back"),
        ('g', "What is said here stays here."),
        ('h', "crisis line"),
        ('o', "Ben"),
    ];
    for (size_w, size_h) in [(80, 24), (40, 12), (30, 10)] {
        for (open, phrase) in cases {
            let mut app = in_anas_turn(false);
            key(&mut app, open, min(6));
            let shown = words(render(&app, min(6), size_w, size_h).backend().buffer());
            assert!(
                shown.to_lowercase().contains(&phrase.to_lowercase()),
                "`{open}` at {size_w}x{size_h} lost {phrase:?}: {shown}"
            );
        }
    }
}

#[test]
fn no_overlay_breaks_the_smallest_screens() {
    for (w, h) in [(0, 0), (1, 1), (20, 6), (19, 5), (400, 120)] {
        for open in ["?", "q", "a", "r", "g", "h", "f", "o", "a+Zoë"] {
            let mut app = in_anas_turn(true);
            for c in open.chars() {
                key(&mut app, c, min(6));
            }
            render(&app, min(6) + Duration::from_millis(500), w, h);
        }
    }
}
