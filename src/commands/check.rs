//! `forumtimer check AGENDA...`: validate files, diagnostics on stderr, exit 0 or 1.

use std::io::Write;

use anyhow::Result;

use super::{Outcome, tell};
use crate::agenda;
use crate::agenda::values::human;
use crate::cli::CheckArgs;
use crate::domain::agenda::Deadline;
use crate::domain::plan::Plan;
use crate::domain::squeeze::squeeze;

/// Checks every file, even after a bad one, so one run reports them all.
///
/// # Errors
/// Only when standard output cannot be written.
pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let mut all_valid = true;
    let mut out = std::io::stdout().lock();
    for path in &args.agendas {
        match agenda::load(path, None) {
            Ok(agenda) => {
                let plan = Plan::build(&agenda, 0);
                let planned = plan.planned_total(&vec![true; plan.members.len()]);
                writeln!(
                    out,
                    "{}: ok — {}, {}, {} planned",
                    path.display(),
                    super::count(agenda.segments.len(), "segment"),
                    super::count(agenda.members.len(), "member"),
                    human(planned)
                )?;
                let length = match agenda.deadline {
                    Some(Deadline::Duration(length)) => Some(length),
                    _ => None,
                };
                for warning in plan.warnings_from_the_start() {
                    tell(format_args!("{}: warning: {warning}", path.display()));
                }
                let present = vec![true; plan.members.len()];
                if let Some(length) = length
                    && let Some(squeezed) = squeeze(&plan, &present, length)
                {
                    // No start time here: moments are said from the start.
                    let message = squeezed.describe(&plan, length, &|at| {
                        format!("{} after it starts", human(at))
                    });
                    tell(format_args!("{}: warning: {message}", path.display()));
                }
            }
            Err(error) => {
                all_valid = false;
                tell(format_args!("{error}"));
            }
        }
    }
    Ok(if all_valid {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
