//! Builds a plan from an agenda with the library and prints it: the smallest use of the core.
//!
//! `cargo run --example print_plan -- agendas/support-circle.toml`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use forumtimer::agenda;
use forumtimer::domain::meeting::Meeting;
use forumtimer::domain::plan::{Plan, SlotKind};

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("agendas/classic-forum.toml"),
        PathBuf::from,
    );
    let agenda = match agenda::load(&path, None) {
        Ok(agenda) => agenda,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let plan = Plan::build(&agenda, 0);
    let everyone = vec![true; plan.members.len()];
    // The meeting clock starts at zero; a fixed `duration` becomes the end, else the plan's sum.
    let end = match agenda.deadline {
        Some(forumtimer::domain::agenda::Deadline::Duration(length)) => Some(length),
        _ => None,
    };
    let meeting = Meeting::start(plan, everyone, Duration::ZERO, end, true);
    println!("{} — {} slots", agenda.title, meeting.plan().slots.len());
    // The plan as `forumtimer plan` prints it: whole seconds, each length reaching the next
    // start.
    for scheduled in meeting.planned() {
        let slot = &meeting.plan().slots[scheduled.slot];
        let who = match slot.kind {
            SlotKind::Block => "everyone",
            SlotKind::Turn { member } => meeting.plan().members[member].as_str(),
        };
        let (start, length) = (scheduled.start, scheduled.seconds);
        println!(
            "+{:>3}:{:02}  {:>2}:{:02}  {:<20} {}",
            start / 60,
            start % 60,
            length / 60,
            length % 60,
            meeting.plan().segments[slot.segment],
            who
        );
    }
    ExitCode::SUCCESS
}
