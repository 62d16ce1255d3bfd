//! The rule's mechanisms one by one, on hand-made situations: no meeting, no clock.

use std::time::Duration;

use super::{Coming, Habit, Share, Situation};

const fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn situation(pool: Duration, habit: Habit) -> Situation {
    Situation {
        for_members: pool,
        current_left: Duration::ZERO,
        current_extra: Duration::ZERO,
        deficit: Duration::ZERO,
        habit,
    }
}

/// `n` turns of 10 minutes, start-time allotment 10 minutes, no round begun.
fn turns(n: usize) -> Vec<Coming> {
    (0..n)
        .map(|slot| Coming {
            slot,
            each: min(10),
            base: min(10),
            anchor: None,
            last_round: false,
        })
        .collect()
}

#[test]
fn with_nothing_learned_it_is_the_first_formula_to_the_millisecond() {
    let share = Share::new(
        &situation(Duration::from_secs(47 * 60), Habit::NONE),
        &turns(5),
    );
    for slot in 0..5 {
        assert_eq!(share.allotment(slot), Duration::from_secs(9 * 60 + 24));
    }
    assert_eq!(share.reserve(), Duration::ZERO);
    assert_eq!(share.over(), Duration::ZERO);
}

#[test]
fn no_turn_goes_under_its_floor_and_the_forecast_says_how_late() {
    let share = Share::new(&situation(min(10), Habit::NONE), &turns(4));
    for slot in 0..4 {
        assert_eq!(share.allotment(slot), min(5));
    }
    // Four floors of 5 minutes in 10 minutes: 10 minutes over.
    assert_eq!(share.over(), min(10));
}

#[test]
fn floors_that_fit_are_kept_and_the_pool_is_never_exceeded() {
    let mut coming = turns(4);
    // One round has begun high: its band would ask for more than the pool has.
    for turn in &mut coming[..2] {
        turn.anchor = Some(min(12));
    }
    let pool = min(28);
    let share = Share::new(&situation(pool, Habit::NONE), &coming);
    assert!(share.allotted() <= pool);
    assert_eq!(share.allotted() + share.reserve(), pool);
    for slot in 0..4 {
        assert!(share.allotment(slot) >= min(5));
    }
}

#[test]
fn no_turn_is_handed_more_than_the_cap() {
    let share = Share::new(&situation(min(100), Habit::NONE), &turns(2));
    for slot in 0..2 {
        assert_eq!(share.allotment(slot), Duration::from_secs(870));
    }
    assert_eq!(share.reserve() + share.allotted(), min(100));
}

#[test]
fn a_begun_round_stays_near_its_first_allotment() {
    let mut coming = turns(4);
    for turn in &mut coming[..2] {
        turn.anchor = Some(min(10));
    }
    // Far behind: the turns of later rounds give, the begun round barely moves.
    let share = Share::new(&situation(min(30), Habit::NONE), &coming);
    assert!(share.allotment(0) >= Duration::from_secs(570));
    assert!(share.allotment(3) < share.allotment(0));
}

#[test]
fn an_overrun_of_some_seconds_is_learned_as_seconds() {
    let samples: Vec<_> = [60, 300, 60, 300, 60, 300]
        .iter()
        .map(|&a| (Duration::from_secs(a), Duration::from_secs(a + 20)))
        .collect();
    let habit = Habit::learn(&samples, Duration::from_secs(180));
    // The prior (six turns' weight) holds about half of it back, but short and long turns are
    // both expected the same seconds over, not a share of their length.
    for allotted in [60.0, 300.0] {
        let over = habit.expect(allotted) - allotted;
        assert!((8.0..=22.0).contains(&over), "{allotted}: {over}");
    }
}

#[test]
fn one_turn_teaches_nothing() {
    let samples = [(min(10), min(15))];
    assert!(Habit::learn(&samples, min(10)).is_none());
    // Two turns do, though only part way: the prior weighs six turns.
    let two = Habit::learn(&[(min(10), min(15)), (min(10), min(14))], min(10));
    let over = two.expect(600.0) - 600.0;
    assert!(over > 0.0 && over < 270.0, "{over}");
}

#[test]
fn a_learned_overrun_is_held_in_reserve() {
    let samples = [(min(10), min(12)); 6];
    let habit = Habit::learn(&samples, min(10));
    let pool = min(50);
    let share = Share::new(&situation(pool, habit), &turns(5));
    assert!(share.allotment(0) < min(10));
    assert!(share.reserve() > Duration::ZERO);
    assert_eq!(share.allotted() + share.reserve(), pool);
}

#[test]
fn the_forecast_does_not_depend_on_how_the_turns_are_numbered() {
    let habit = Habit::learn(
        &[(min(10), min(13)), (min(7), min(9)), (min(3), min(5))],
        min(10),
    );
    for step in 1..20_000_u64 {
        let mut coming = turns(7);
        for (i, turn) in coming.iter_mut().enumerate() {
            turn.each = Duration::from_millis(60_000 + (step * 7_919 * (i as u64 + 3)) % 600_000);
            turn.base = turn.each;
        }
        let forward = Share::new(&situation(min(2), habit), &coming);
        let count = coming.len();
        for (i, turn) in coming.iter_mut().enumerate() {
            turn.slot = count - 1 - i;
        }
        let renumbered = Share::new(&situation(min(2), habit), &coming);
        assert!(forward.over() > Duration::ZERO);
        assert_eq!(forward.over(), renumbered.over(), "turns {step}");
    }
}

#[test]
fn bits_no_learning_could_produce_read_as_no_habit() {
    let learned = Habit::learn(&[(min(10), min(12)); 4], min(10));
    assert_eq!(Habit::from_bits(learned.to_bits()), learned);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let [_, beta, unit] = learned.to_bits();
        assert_eq!(Habit::from_bits([bad.to_bits(), beta, unit]), Habit::NONE);
    }
    let [alpha, beta, _] = learned.to_bits();
    assert_eq!(
        Habit::from_bits([alpha, beta, 0.0_f64.to_bits()]),
        Habit::NONE
    );
    let situation = situation(min(30), Habit::from_bits([f64::NAN.to_bits(); 3]));
    assert_eq!(Share::new(&situation, &turns(3)).allotted(), min(30));
}

#[test]
fn a_begun_round_keeps_its_band_when_early_finishes_ask_for_more_than_the_pool() {
    // Speakers who stop at two thirds of their time (learned): filling the pool with what they
    // will say asks for every turn at its highest, more than the pool, so the turns give back.
    // The begun round gives back only down to its band; the rounds to come give the rest.
    let secs = Duration::from_secs;
    let samples = [(secs(547), secs(369)), (secs(560), secs(369))];
    let habit = Habit::learn(&samples, secs(547));
    let mut coming = Vec::new();
    for slot in 0..6 {
        coming.push(Coming {
            slot,
            each: min(6),
            base: secs(547),
            anchor: Some(secs(547)),
            last_round: false,
        });
    }
    for slot in 6..21 {
        coming.push(Coming {
            slot,
            each: min(4),
            base: secs(365),
            anchor: None,
            last_round: slot >= 13,
        });
    }
    let pool: Duration = coming.iter().map(|turn| turn.base).sum::<Duration>() + min(12);
    let share = Share::new(&situation(pool, habit), &coming);
    assert!(share.allotted() <= pool);
    for slot in 0..6 {
        let allotment = share.allotment(slot);
        assert!(allotment >= secs(520), "{slot}: {allotment:?}");
    }
}
