//! `forumtimer completions SHELL`: print a completion script.

use anyhow::Result;
use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs};

/// Writes the script for `args.shell` to standard output.
///
/// # Errors
/// Never, in practice; a closed pipe is handled by the caller.
pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "forumtimer",
        &mut std::io::stdout(),
    );
    Ok(Outcome::Success)
}
