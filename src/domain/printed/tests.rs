//! Whole seconds that add up: boundaries rounded, lengths their differences.

use std::time::Duration;

use proptest::prelude::*;

use super::{Printed, printed};
use crate::domain::meeting::Scheduled;

/// Slots of these lengths laid end to end from `from`.
fn laid(from: Duration, lengths: &[Duration]) -> (Vec<Scheduled>, Duration) {
    let mut at = from;
    let slots = lengths
        .iter()
        .enumerate()
        .map(|(slot, &length)| {
            let start = at;
            at += length;
            Scheduled {
                slot,
                start,
                length,
            }
        })
        .collect();
    (slots, at)
}

fn seconds(printed: &[Printed]) -> Vec<u64> {
    printed.iter().map(|p| p.seconds).collect()
}

#[test]
fn a_support_circles_check_in_adds_up_and_meets_the_next_start() {
    // Five minutes of welcome, then ten turns of 1:08.571 (48 minutes over 42 planned).
    let turn = Duration::from_nanos(68_571_428_571);
    let mut lengths = vec![Duration::from_secs(300)];
    lengths.extend([turn; 10]);
    let (slots, end) = laid(Duration::ZERO, &lengths);
    let printed = printed(Duration::ZERO, slots, end);
    let starts: Vec<u64> = printed.iter().map(|p| p.start).collect();
    assert_eq!(
        starts,
        [0, 300, 369, 437, 506, 574, 643, 711, 780, 849, 917]
    );
    assert_eq!(
        seconds(&printed),
        [300, 69, 68, 69, 68, 69, 68, 69, 69, 68, 69]
    );
    assert_eq!(seconds(&printed).iter().sum::<u64>(), 986);
}

#[test]
fn equal_turns_print_equal_when_their_round_divides_evenly() {
    // Not on whole seconds, and not whole seconds long, but five of them span 500 s once
    // rounded: every turn prints 1:40, not a mix of 1:39 and 1:40.
    let from = Duration::from_millis(300);
    let (slots, end) = laid(from, &[Duration::from_millis(99_980); 5]);
    let printed = printed(Duration::ZERO, slots, end);
    assert_eq!(seconds(&printed), [100; 5]);
    assert_eq!(printed[0].start, 0);
}

#[test]
fn the_last_slot_ends_at_the_end_given() {
    // Allotments are shared in whole milliseconds: the slots may stop just short of the end.
    let (slots, _) = laid(Duration::ZERO, &[Duration::from_millis(59_999); 3]);
    let printed = printed(Duration::ZERO, slots, Duration::from_secs(180));
    assert_eq!(seconds(&printed), [60, 60, 60]);
}

#[test]
fn an_empty_schedule_prints_nothing() {
    assert!(printed(Duration::ZERO, Vec::new(), Duration::from_secs(60)).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn lengths_add_up_meet_the_next_start_and_stay_within_a_second(
        from_ms in 0..10_000u64,
        rounds in prop::collection::vec((1..5_000_000u64, 1..12usize), 1..8),
    ) {
        let from = Duration::from_millis(from_ms);
        let lengths: Vec<Duration> = rounds
            .iter()
            .flat_map(|&(ms, turns)| std::iter::repeat_n(Duration::from_millis(ms), turns))
            .collect();
        let (slots, end) = laid(from, &lengths);
        let printed = printed(from, slots.clone(), end);
        prop_assert_eq!(printed.len(), slots.len());
        let total = (end.saturating_sub(from) + Duration::from_millis(500)).as_secs();
        prop_assert_eq!(printed.iter().map(|p| p.seconds).sum::<u64>(), total);
        for pair in printed.windows(2) {
            prop_assert_eq!(pair[0].start + pair[0].seconds, pair[1].start);
        }
        for (p, exact) in printed.iter().zip(&lengths) {
            let shown = Duration::from_secs(p.seconds);
            prop_assert!(shown.abs_diff(*exact) < Duration::from_secs(1), "{p:?} for {exact:?}");
        }
        // Each round: at most a second between its turns, none when its span divides.
        let mut at = 0;
        for &(_, turns) in &rounds {
            let round = &printed[at..at + turns];
            let (low, high) = (
                round.iter().map(|p| p.seconds).min().unwrap_or(0),
                round.iter().map(|p| p.seconds).max().unwrap_or(0),
            );
            prop_assert!(high - low <= 1, "{round:?}");
            let span: u64 = round.iter().map(|p| p.seconds).sum();
            if span.is_multiple_of(turns as u64) {
                prop_assert_eq!(low, high, "{:?}", round);
            }
            at += turns;
        }
    }
}
