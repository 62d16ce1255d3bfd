//! `forumtimer show`: the room display (SPEC §12), a read-only window on the meeting that
//! `forumtimer run` runs on the same machine.

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};

use super::Outcome;
use crate::cli::ShowArgs;
use crate::room::wire::socket_path;
use crate::tui::display::{self, Options};

/// Runs the room display until `q`.
///
/// # Errors
/// No terminal, or a terminal that fails mid-way.
pub fn run(args: &ShowArgs) -> Result<Outcome> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("`forumtimer show` needs a terminal: run it in the window the room will see");
    }
    // A runtime folder that is not the user's own is said now, not waited on for ever.
    socket_path().context("the room display's folder")?;
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    display::show(Options {
        projector: args.projector,
        color: !(args.no_color || no_color_env),
    })?;
    Ok(Outcome::Success)
}
