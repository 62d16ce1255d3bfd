//! The `forumtimer` binary: parse the command line, dispatch, print the error once, exit.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use forumtimer::agenda::text::escape;
use forumtimer::cli::{Cli, Command};
use forumtimer::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let result = match cli.command {
        Command::Run(args) => commands::run::run(&args),
        Command::Plan(args) => commands::plan::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::New(args) => commands::new::run(&args),
        Command::Show(args) => commands::show::run(&args),
        Command::History(args) => commands::history::run(&args),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Schema => commands::schema::run(),
        Command::Man => commands::man::run(),
        Command::Simulate(args) => commands::simulate::run(&args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::FAILURE,
        Ok(Outcome::Signal(signal)) => ExitCode::from(signal_exit_code(signal)),
        Err(error) if commands::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // An agenda diagnostic starts "error: "; the program's name says that already.
            let text = format!("{error:#}");
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            commands::tell(format_args!("forumtimer: {text}"));
            ExitCode::FAILURE
        }
    }
}

/// The shell convention: a process ended by signal N exits with 128 + N.
fn signal_exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

/// Clap's "invalid value" sentence with the value escaped as agenda text is: clap's
/// own message strips an escape sequence typed into it, so the person would not see what they
/// typed. `None` when clap did not say which value and flag.
fn shown_value(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let value = context(ContextKind::InvalidValue)?;
    let flag = context(ContextKind::InvalidArg)?;
    // Why the value is wrong, when a validator said so (clap keeps its error as the source).
    let why = std::error::Error::source(error).map_or_else(String::new, |why| format!(": {why}"));
    Some(format!(
        "invalid value '{}' for '{flag}'{why}",
        escape(value)
    ))
}

/// One rule for the command line, as the README's exit codes say: a bad *value* for a flag
/// (`--speed 0`, `--format xml`) is a one-line failure (1), like `--duration 0m`; a usage
/// error (an unknown flag, a missing argument or flag value) prints the usage (2); help and
/// version exit 0, or 1 with a line when they cannot be written.
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    // Clap's usage for a conflict lists the arguments typed, a positional one as if it were
    // required (`plan --end <HH:MM> <AGENDA>`); the command's own usage says what it takes.
    if is_missing_value(&error) || error.kind() == ErrorKind::ArgumentConflict {
        let error = with_usage(error);
        let _ = error.print();
        return ExitCode::from(2);
    }
    if matches!(
        error.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        let text = error.to_string();
        let line = text.lines().next().unwrap_or_default();
        let reason = shown_value(&error)
            .unwrap_or_else(|| line.strip_prefix("error: ").unwrap_or(line).to_string());
        // Clap's further lines, kept on the one: a near value, else the possible ones.
        let tip = text.lines().find_map(|l| l.trim().strip_prefix("tip: "));
        let choices = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("[possible values: "))
            .and_then(|l| l.strip_suffix(']'));
        match (tip, choices) {
            (Some(tip), _) => commands::tell(format_args!("forumtimer: {reason}; {tip}")),
            (None, Some(choices)) => {
                commands::tell(format_args!("forumtimer: {reason} (one of: {choices})"));
            }
            (None, None) => commands::tell(format_args!("forumtimer: {reason}")),
        }
        return ExitCode::FAILURE;
    }
    let printed = error.print();
    if !error.use_stderr() {
        // Help and version: a failed write to standard output is a failure like any command's
        // (a closed pipe excepted). A usage error goes to standard error, with nowhere else to say
        // that it could not be written.
        let written = printed.and_then(|()| std::io::stdout().flush());
        if let Err(why) = written
            && why.kind() != std::io::ErrorKind::BrokenPipe
        {
            let what = if error.kind() == ErrorKind::DisplayVersion {
                "version"
            } else {
                "help"
            };
            commands::tell(format_args!("forumtimer: cannot write the {what}: {why}"));
            return ExitCode::FAILURE;
        }
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// A flag given no value (`plan --end`): clap reports it as an `InvalidValue` whose value is
/// empty (`clap_builder`'s `Error::empty_value`), so it must not be taken for a bad value. An
/// empty value typed to a flag of fixed choices (`--format=`) reaches us the same way and
/// reads, as clap words it, as no value.
fn is_missing_value(error: &clap::Error) -> bool {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    error.kind() == ErrorKind::InvalidValue
        && matches!(
            error.get(ContextKind::InvalidValue),
            Some(ContextValue::String(value)) if value.is_empty()
        )
}

/// The error with the usage of the command it was made for, as clap's other usage errors
/// carry but its missing-value error does not. The top level takes no value, so the first
/// argument that is not a flag names the command.
fn with_usage(mut error: clap::Error) -> clap::Error {
    use clap::CommandFactory;
    use clap::error::{ContextKind, ContextValue};
    let mut cli = Cli::command();
    cli.build();
    let name = std::env::args_os()
        .skip(1)
        .find(|arg| !arg.to_string_lossy().starts_with('-'));
    let usage = match name.and_then(|name| cli.find_subcommand_mut(name)) {
        Some(command) => command.render_usage(),
        None => cli.render_usage(),
    };
    error.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    error
}
