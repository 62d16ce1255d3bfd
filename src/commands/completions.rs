//! `forumtimer completions SHELL`: print a completion script.
//!
//! `clap_complete` writes the script from the clap definitions, template names for
//! `new --template` included (they are its possible values). It completes an agenda argument
//! with any file at best, and in bash not at all; so for bash, zsh and fish the script is
//! finished here to offer `.toml` files (and directories, to walk into) for every agenda
//! argument: the positional arguments with a file-path hint.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use clap::{Command, CommandFactory, ValueHint};
use clap_complete::Shell;

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs};

const BIN: &str = "forumtimer";

/// Writes the script for `args.shell` to standard output.
///
/// # Errors
/// A failed write; a closed pipe is handled by the caller.
pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    std::io::stdout()
        .lock()
        .write_all(script(args.shell).as_bytes())?;
    Ok(Outcome::Success)
}

/// The completion script for `shell`.
#[must_use]
pub fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    let command = Cli::command();
    let agendas = agenda_arguments(&command);
    match shell {
        Shell::Bash => bash(script, &agendas, &value_options(&command)),
        Shell::Zsh => zsh(&script, &agendas),
        Shell::Fish => fish(script, &agendas),
        _ => script,
    }
}

/// (subcommand, argument id) of every agenda argument.
fn agenda_arguments(command: &Command) -> Vec<(String, String)> {
    command
        .get_subcommands()
        .flat_map(|sub| {
            sub.get_positionals()
                .filter(|arg| arg.get_value_hint() == ValueHint::FilePath)
                .map(|arg| (sub.get_name().to_string(), arg.get_id().to_string()))
        })
        .collect()
}

/// Every `--option` that takes a value, in any subcommand: the word after it is not an agenda.
fn value_options(command: &Command) -> Vec<String> {
    let mut options: Vec<String> = command
        .get_subcommands()
        .flat_map(Command::get_arguments)
        .filter(|arg| !arg.is_positional() && arg.get_action().takes_values())
        .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
        .collect();
    options.sort();
    options.dedup();
    options
}

/// Bash: a wrapper that lets clap's function answer, then offers `.toml` files and directories
/// for an agenda argument — unless the word is an option or the value of one.
fn bash(mut script: String, agendas: &[(String, String)], value_options: &[String]) -> String {
    let mut subcommands: Vec<&str> = agendas.iter().map(|(sub, _)| sub.as_str()).collect();
    subcommands.dedup();
    let _ = write!(
        script,
        r#"
# Agenda arguments: .toml files and directories (added by forumtimer to clap's script).
_{BIN}_agendas() {{
    _{BIN} "$@"
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    case "${{COMP_WORDS[1]}}" in
        {subs}) ;;
        *) return 0 ;;
    esac
    [[ ${{cur}} == -* ]] && return 0
    case "${{prev}}" in
        {options}) return 0 ;;
    esac
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=( $(compgen -d -- "${{cur}}") $(compgen -f -X '!*.toml' -- "${{cur}}") )
}}
complete -F _{BIN}_agendas -o bashdefault -o default {BIN}
"#,
        subs = subcommands.join("|"),
        options = value_options.join("|"),
    );
    script
}

/// Zsh: the agenda arguments' `_files` action, limited to `*.toml`.
fn zsh(script: &str, agendas: &[(String, String)]) -> String {
    let mut out = String::with_capacity(script.len() + 64);
    for line in script.split_inclusive('\n') {
        let is_agenda = agendas.iter().any(|(_, id)| {
            line.starts_with(&format!("'::{id} -- ")) || line.starts_with(&format!("'*::{id} -- "))
        });
        if is_agenda {
            out.push_str(&line.replacen(":_files'", ":_files -g \"*.toml\"'", 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Fish: `.toml` files and directories for each subcommand with an agenda argument, and no
/// other files there.
fn fish(mut script: String, agendas: &[(String, String)]) -> String {
    script.push_str("# Agenda arguments: .toml files and directories (added by forumtimer).\n");
    for (sub, _) in agendas {
        let _ = writeln!(
            script,
            "complete -c {BIN} -n \"__fish_{BIN}_using_subcommand {sub}\" -f -a \"(__fish_complete_suffix .toml)\""
        );
    }
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agenda_arguments_are_found_in_run_plan_and_check() {
        let agendas = agenda_arguments(&Cli::command());
        for sub in ["run", "plan", "check"] {
            assert!(agendas.iter().any(|(s, _)| s == sub), "{sub}: {agendas:?}");
        }
        let options = value_options(&Cli::command());
        assert!(options.contains(&"--members".to_string()), "{options:?}");
        assert!(!options.contains(&"--bell".to_string()), "{options:?}");
    }
}
