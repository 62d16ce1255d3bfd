//! `forumtimer plan`: the schedule an agenda gives from a start time, as a table or JSON.
//! It prints the meeting's own plan (`Meeting::planned`): the live rule's allotments at an
//! on-time start, in whole seconds that add up, and what the summary's "Planned" adds up.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{Local, Timelike};
use serde::Serialize;

use super::{Loaded, Outcome, load, meeting_length, past_meetings, shuffle_seed, tell};
use crate::agenda::values::{human, parse_time};
use crate::cli::{Format, PlanArgs};
use crate::domain::history;
use crate::domain::meeting::Meeting;
use crate::domain::plan::{Picks, Plan, SlotKind};
use crate::domain::printed::Printed;
use crate::domain::squeeze::squeeze;
use crate::domain::summary::clock_secs;
use crate::history::words::sentence;
use crate::text;
use crate::tui::view::labels;
use crate::wall::Origin;

#[derive(Serialize)]
struct JsonPlan<'a> {
    start: String,
    end: String,
    total_seconds: u64,
    slots: Vec<JsonSlot<'a>>,
}

#[derive(Serialize)]
struct JsonSlot<'a> {
    segment: &'a str,
    phase: Option<&'a str>,
    member: Option<&'a str>,
    /// The member in the spotlight, for every slot of a spotlight segment.
    presenter: Option<&'a str>,
    /// The agenda says `speaker = "choose"`: the presenter is picked when the segment starts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    presenter_to_be_chosen: bool,
    kind: &'static str,
    start: String,
    seconds: u64,
}

/// Prints the schedule.
///
/// # Errors
/// An invalid agenda or flag, or a deadline that cannot be met.
pub fn run(args: &PlanArgs) -> Result<Outcome> {
    let text = render(args)?;
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// The schedule as `run` prints it, warnings told on the way.
fn render(args: &PlanArgs) -> Result<String> {
    let loaded = load(&args.meeting)?;
    let start = match &args.start {
        Some(text) => parse_time(text).map_err(|why| anyhow::anyhow!("--start: {why}"))?,
        None => Local::now()
            .time()
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or_default(),
    };
    let origin = Origin::at_time(&Local::now(), start);
    let length = meeting_length(&loaded.agenda, &origin)?;
    let present = vec![true; loaded.agenda.members.len()];
    let (past, warning) = past_meetings(&loaded);
    if let Some(warning) = warning {
        tell(format_args!("forumtimer: warning: {warning}"));
    }
    let (picks, why) = history::picks(&loaded.agenda, &past, &present);
    let plan = plan_on(&loaded, &origin, &picks, args.shuffle.seed);
    for warning in plan.warnings_from_the_start() {
        tell(format_args!("forumtimer: warning: {warning}"));
    }
    if let Some(length) = length
        && let Some(squeezed) = squeeze(&plan, &present, length)
    {
        let message = squeezed.describe(&plan, length, &|at| format!("at {}", clock(origin, at)));
        if squeezed.is_error() {
            bail!("{message}; give a later end or a longer duration, or shorten a block");
        }
        tell(format_args!("forumtimer: warning: {message}"));
    }
    let meeting = Meeting::start(plan, present, Duration::ZERO, length, true);
    let today = origin.zero().date_naive();
    let text = match args.format {
        Format::Text => {
            let mut text = table(&meeting, &loaded.agenda.title, &loaded.agenda.notes, origin);
            for why in &why {
                let _ = writeln!(text, "{}", sentence(why, &meeting.plan().members, today));
            }
            text
        }
        Format::Json => json(&meeting, origin)?,
    };
    Ok(text)
}

/// The plan of a meeting starting at `origin`: its shuffled rounds in the order a meeting
/// run that day, or with the `seed` given, takes them (SPEC §10).
fn plan_on(loaded: &Loaded, origin: &Origin, picks: &Picks, seed: Option<u64>) -> Plan {
    let seed = seed.unwrap_or_else(|| shuffle_seed(loaded, origin.zero().date_naive()));
    Plan::build_with(&loaded.agenda, seed, picks)
}

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero (SPEC §10).
fn clock(origin: Origin, at: Duration) -> String {
    origin.hhmm_ss(at)
}

fn who(plan: &Plan, kind: SlotKind) -> Option<&str> {
    match kind {
        SlotKind::Block => None,
        SlotKind::Turn { member } => plan.members.get(member).map(String::as_str),
    }
}

fn json(meeting: &Meeting, origin: Origin) -> Result<String> {
    let plan = meeting.plan();
    let (schedule, end) = schedule(meeting);
    let slots = schedule
        .into_iter()
        .map(|printed| {
            let slot = &plan.slots[printed.slot];
            JsonSlot {
                segment: &plan.segments[slot.segment],
                phase: slot.phase.as_deref(),
                member: who(plan, slot.kind),
                presenter: plan.presenter(slot),
                presenter_to_be_chosen: meeting.presenter_open(printed.slot),
                kind: if slot.kind == SlotKind::Block {
                    "block"
                } else {
                    "turn"
                },
                start: clock(origin, Duration::from_secs(printed.start)),
                seconds: printed.seconds,
            }
        })
        .collect();
    let object = JsonPlan {
        start: clock(origin, Duration::ZERO),
        end: clock(origin, end),
        total_seconds: end.as_secs(),
        slots,
    };
    Ok(serde_json::to_string(&object)? + "\n")
}

/// The plan in whole seconds that add up (`Meeting::planned`, which the summary adds up per
/// segment too), and where it ends: at the meeting's end, or where its last slot ends when no
/// turn takes the time after it (the plan lists what the meeting will use).
fn schedule(meeting: &Meeting) -> (Vec<Printed>, Duration) {
    let schedule = meeting.planned();
    let end = schedule.last().map_or(0, |last| last.start + last.seconds);
    (schedule, Duration::from_secs(end))
}

fn table(meeting: &Meeting, title: &str, notes: &[String], origin: Origin) -> String {
    let plan = meeting.plan();
    let (schedule, end) = schedule(meeting);
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "{} → {} · {} · {}\n",
        clock(origin, Duration::ZERO),
        clock(origin, end),
        human(end),
        super::count(plan.members.len(), "member")
    );
    for note in notes {
        let _ = writeln!(out, "Note: {note}\n");
    }
    for note in presenter_notes(meeting) {
        let _ = writeln!(out, "{note}\n");
    }
    let _ = writeln!(
        out,
        "{:>8}  {:>7}  {:<40}  who",
        "start", "length", "segment"
    );
    for printed in schedule {
        let slot = &plan.slots[printed.slot];
        let mut segment = plan.segments[slot.segment].clone();
        if let Some(phase) = &slot.phase {
            let _ = write!(segment, " · {phase}");
        }
        let _ = writeln!(
            out,
            "{:>8}  {:>7}  {}  {}",
            clock(origin, Duration::from_secs(printed.start)),
            clock_secs(printed.seconds),
            // By display width: a segment in a wide script keeps the "who" column aligned.
            text::pad(&segment, 40),
            match (
                who(plan, slot.kind),
                labels::presenter(meeting, printed.slot)
            ) {
                (Some(member), _) => member.to_string(),
                (None, Some(presenter)) => format!("{presenter} (presenter)"),
                (None, None) => "everyone".to_string(),
            }
        );
    }
    let _ = writeln!(out, "{:>8}  {:>7}  end", clock(origin, end), "");
    out
}

/// Why a round of a spotlight whose presenter is chosen in the room lists one member fewer:
/// the presenter takes no turn in it, and who that is is not known yet.
fn presenter_notes(meeting: &Meeting) -> Vec<String> {
    let plan = meeting.plan();
    let mut phases: Vec<(usize, &str)> = Vec::new();
    for (index, slot) in plan.slots.iter().enumerate() {
        let Some(phase) = slot.phase.as_deref() else {
            continue;
        };
        if slot.skip_speaker
            && meeting.presenter_open(index)
            && !phases.contains(&(slot.segment, phase))
        {
            phases.push((slot.segment, phase));
        }
    }
    phases
        .into_iter()
        .map(|(segment, phase)| {
            format!(
                "Note: {} · {phase} has no turn for the presenter, who is chosen in the \
                 room: it is timed for one member fewer, listed as if the last presents.",
                plan.segments[segment]
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
