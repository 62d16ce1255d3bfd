//! `forumtimer simulate`: many seeded meetings of an agenda, played through the live rule with
//! model speakers, and the SPEC §4 figures of each model, as a table or JSON.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{Local, Timelike};
use serde::Serialize;

use super::{Outcome, load, meeting_length};
use crate::agenda::values::human;
use crate::cli::{Format, SimulateArgs};
use crate::domain::plan::Plan;
use crate::domain::simulate::{Figures, Model, measure};
use crate::wall::Origin;

#[derive(Serialize)]
struct JsonModel<'a> {
    model: &'a str,
    tuned_on: bool,
    figures: &'a Figures,
    misses: Vec<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    title: &'a str,
    members: usize,
    total_seconds: u64,
    meetings: u32,
    seed: u64,
    models: Vec<JsonModel<'a>>,
}

/// Plays the meetings and prints the figures.
///
/// # Errors
/// An invalid agenda, flag or model name.
pub fn run(args: &SimulateArgs) -> Result<Outcome> {
    let loaded = load(&args.meeting)?;
    let start = Local::now().time().with_second(0).unwrap_or_default();
    let origin = Origin::at_time(&Local::now(), start);
    let length = meeting_length(&loaded.agenda, &origin)?;
    let plan = Plan::build(&loaded.agenda, 0);
    let present = vec![true; plan.members.len()];
    if plan.turns_taking_place(&present).next().is_none() {
        // Figures of nothing would read as a perfect rule, or as a broken one.
        bail!(
            "no member turns to simulate: with these members the agenda has fixed blocks only, \
             which keep their length; the rule shares time among member turns"
        );
    }
    let models = chosen(&args.model)?;
    let meetings = usize::try_from(args.meetings).unwrap_or(usize::MAX);
    let results: Vec<(Model, Figures)> = models
        .iter()
        .map(|&model| (model, measure(&plan, length, model, meetings, args.seed)))
        .collect();
    let total = length.unwrap_or_else(|| plan.planned_total(&present));
    let text = match args.format {
        Format::Text => table(&loaded.agenda.title, &plan, total, args, &results),
        Format::Json => {
            let report = JsonReport {
                title: &loaded.agenda.title,
                members: plan.members.len(),
                total_seconds: total.as_secs(),
                meetings: args.meetings,
                seed: args.seed,
                models: results
                    .iter()
                    .map(|(model, figures)| JsonModel {
                        model: model.name(),
                        tuned_on: model.tuned_on(),
                        figures,
                        misses: figures.misses(),
                    })
                    .collect(),
            };
            serde_json::to_string(&report)? + "\n"
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

fn chosen(names: &[String]) -> Result<Vec<Model>> {
    if names.is_empty() {
        return Ok(Model::ALL.to_vec());
    }
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            match Model::ALL.iter().find(|m| m.name() == name) {
                Some(&model) => Ok(model),
                None => {
                    let known: Vec<&str> = Model::ALL.iter().map(|m| m.name()).collect();
                    bail!(
                        "--model: unknown model `{name}`; the models are {}",
                        known.join(", ")
                    )
                }
            }
        })
        .collect()
}

fn table(
    title: &str,
    plan: &Plan,
    total: Duration,
    args: &SimulateArgs,
    results: &[(Model, Figures)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title} · {} · {} · {} per model · seed {}\n",
        super::count(plan.members.len(), "member"),
        human(total),
        super::count(
            usize::try_from(args.meetings).unwrap_or(usize::MAX),
            "meeting"
        ),
        args.seed
    );
    let _ = writeln!(
        out,
        "{:<12} {:>38}  {:>11}  {:>9}  {:>14}  {:>8}  {:>6}  {:>7}",
        "",
        "end − planned end (s)",
        "closing",
        "any round",
        "smallest turn",
        "under ½",
        "seats",
        "largest"
    );
    let _ = writeln!(
        out,
        "{:<12} {:>8} {:>6} {:>6} {:>6} {:>8}  {:>5} {:>5}  {:>9}  {:>6} {:>7}  {:>3} {:>4}  {:>6}  {:>7}",
        "model",
        "median",
        "p10",
        "p90",
        "worst",
        "early",
        "med",
        "p90",
        "p90",
        "secs",
        "share",
        "n",
        "zero",
        "worst",
        "share"
    );
    for (model, f) in results {
        let e = &f.end_seconds;
        let _ = writeln!(
            out,
            "{:<12} {:>8.0} {:>6.0} {:>6.0} {:>6.0} {:>8.0}  {:>5.2} {:>5.2}  {:>9.2}  {:>6.0} {:>7.2}  {:>3} {:>4}  {:>5.1}%  {:>6.2}×",
            format!(
                "{}{}",
                model.name(),
                if model.tuned_on() { "" } else { "*" }
            ),
            e.median,
            e.p10,
            e.p90,
            e.max,
            e.min,
            f.closing_round_ratio.median,
            f.closing_round_ratio.p90,
            f.any_round_ratio.p90,
            f.smallest_turn_seconds,
            f.smallest_turn_share,
            f.turns_under_half,
            f.turns_at_zero,
            f.worst_seat * 100.0,
            f.largest_turn_share,
        );
    }
    let _ = writeln!(out, "\n* not a model the rule was tuned on");
    for (model, f) in results {
        let misses = f.misses();
        if !misses.is_empty() {
            let _ = writeln!(out, "{}: misses {}", model.name(), misses.join("; "));
        }
    }
    if results.iter().all(|(_, f)| f.misses().is_empty()) {
        let _ = writeln!(out, "every SPEC §4 target met");
    }
    out
}
