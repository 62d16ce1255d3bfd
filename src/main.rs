//! The `forumtimer` binary: parse the command line, dispatch, print the error once, exit.

use std::process::ExitCode;

use clap::Parser;
use forumtimer::cli::{Cli, Command};
use forumtimer::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => commands::run::run(&args),
        Command::Plan(args) => commands::plan::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::New(args) => commands::new::run(&args),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Schema => commands::schema::run(),
        Command::Man => commands::man::run(),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::FAILURE,
        Ok(Outcome::Signal(signal)) => ExitCode::from(signal_exit_code(signal)),
        Err(error) if commands::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            commands::tell(format_args!("forumtimer: {error:#}"));
            ExitCode::FAILURE
        }
    }
}

/// The shell convention: a process ended by signal N exits with 128 + N.
fn signal_exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}
