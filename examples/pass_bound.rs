//! How early a meeting with passes must end, whatever the rule: a bound, not a rule.
//!
//! Plays the `passes` speaker model of `forumtimer simulate` and asks, of each meeting, how
//! much of the time given up by passes *any* rule could have handed to later turns, if it
//! knew every speaker's pace but not the passes to come, gave each turn all it may take (up to
//! 1.5× its start-time allotment, SPEC §4's target) and nothing to the turns already spoken.
//! What is left is an early end no rule avoids. Three ways a pass's time may travel:
//!
//! - `later-rounds`: only to rounds after the pass (the rest of its round keeps its level);
//! - `last-round-too`: also to the rest of the round the meeting ends with;
//! - `anywhere`: also to the rest of any round (later seats of a round then speak more).
//!
//! `cargo run --release --example pass_bound -- agendas/*.toml`

use std::path::PathBuf;
use std::process::ExitCode;

use forumtimer::agenda;
use forumtimer::domain::plan::Plan;
use forumtimer::domain::simulate::{Model, Played, Spread, play};

const MEETINGS: usize = 2000;
const SEED: u64 = 1;
/// SPEC §4: no turn handed more than 1.5× its start-time allotment.
const CAP: f64 = 1.5;

#[derive(Clone, Copy, PartialEq)]
enum Travel {
    LaterRounds,
    LastRoundToo,
    Anywhere,
}

impl Travel {
    const ALL: [Travel; 3] = [Travel::LaterRounds, Travel::LastRoundToo, Travel::Anywhere];

    fn name(self) -> &'static str {
        match self {
            Travel::LaterRounds => "later-rounds",
            Travel::LastRoundToo => "last-round-too",
            Travel::Anywhere => "anywhere",
        }
    }

    fn may_take(self, from_round: usize, turn_round: usize, last_round: usize) -> bool {
        from_round < turn_round
            || self == Travel::Anywhere
            || (self == Travel::LastRoundToo && turn_round == last_round)
    }
}

/// Seconds of passed time no later turn could take (greedy: taking as much as possible as
/// early as possible never leaves less room for what comes after).
fn unavoidable_early_end(turns: &[Played], travel: Travel) -> f64 {
    let last_round = turns.iter().map(|turn| turn.round).max().unwrap_or(0);
    let mut left_by_round = vec![0.0_f64; last_round + 1];
    for turn in turns {
        let base = turn.base.as_secs_f64();
        if turn.passed {
            left_by_round[turn.round] += base;
            continue;
        }
        // The speaker's own pace against their countdown, as it was in this meeting.
        let pace = turn.spoken.as_secs_f64() / turn.allotted.as_secs_f64().max(1e-9);
        let mut room = (CAP - 1.0) * base * pace;
        for (round, left) in left_by_round.iter_mut().enumerate() {
            if travel.may_take(round, turn.round, last_round) {
                let taken = room.min(*left);
                *left -= taken;
                room -= taken;
            }
        }
    }
    left_by_round.iter().sum()
}

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: pass_bound AGENDA...");
        return ExitCode::FAILURE;
    }
    println!("early end no rule avoids, `passes` model, {MEETINGS} meetings, seed {SEED}");
    println!(
        "{:<32} {:<15} {:>8} {:>14}",
        "agenda", "a pass's time", "p10 (s)", "> 3 min early"
    );
    for path in paths {
        let agenda = match agenda::load(&path, None) {
            Ok(agenda) => agenda,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        };
        let plan = Plan::build(&agenda, 0);
        let mut rng = fastrand::Rng::with_seed(SEED);
        let meetings: Vec<Vec<Played>> = (0..MEETINGS)
            .map(|_| play(&plan, None, Model::Passes, &mut rng).turns)
            .collect();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for travel in Travel::ALL {
            // As end minus planned end, like `simulate`, and through its own rank rule.
            let mut ends: Vec<f64> = meetings
                .iter()
                .map(|turns| -unavoidable_early_end(turns, travel))
                .collect();
            #[allow(clippy::cast_precision_loss)]
            let share = ends.iter().filter(|&&e| e < -180.0).count() as f64 / MEETINGS as f64;
            let p10 = Spread::of(&mut ends).p10;
            println!(
                "{name:<32} {:<15} {:>8.0} {:>13.1}%",
                travel.name(),
                p10,
                100.0 * share
            );
        }
    }
    ExitCode::SUCCESS
}
