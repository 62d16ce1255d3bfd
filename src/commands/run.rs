//! `forumtimer run`: check everything that can fail before the full screen opens, run the
//! meeting, then say what happened on the normal screen.

use std::io::IsTerminal;

use anyhow::{Result, bail};
use chrono::Local;

use super::{Outcome, load, meeting_length};
use crate::cli::RunArgs;
use crate::tui::app::{App, Settings};
use crate::tui::clock::MeetingClock;
use crate::tui::{self, Forget};

/// Runs a meeting full-screen.
///
/// # Errors
/// No terminal, an invalid agenda or flag, or a terminal that fails mid-way.
pub fn run(args: &RunArgs) -> Result<Outcome> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "`forumtimer run` needs a terminal: standard output is not one (try `forumtimer plan` for a printable schedule)"
        );
    }
    let loaded = load(&args.meeting)?;
    let origin = Local::now();
    // Fail before the full screen opens when the end cannot be met from now.
    meeting_length(&loaded.agenda, origin.time())?;
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let settings = Settings {
        speed: args.speed,
        color: !(args.no_color || no_color_env),
        bell: args.bell || loaded.agenda.bell,
        deadline: loaded.agenda.deadline,
        seed: fastrand::u64(..),
    };
    let app = App::new(loaded.agenda, settings, origin);
    let clock = MeetingClock::new(std::time::Duration::ZERO, args.speed);
    let ended = tui::run(app, clock, &mut Forget)?;
    Ok(match ended.signal {
        Some(signal) => Outcome::Signal(signal),
        None => Outcome::Success,
    })
}
