//! `forumtimer man`: the manual page, in roff (`forumtimer man | man -l -`).
//!
//! One page, generated so that it cannot drift from the program: name, synopsis and options
//! from the clap definitions (`clap_mangen`), one subsection per command with its arguments and
//! examples, the agenda keys with their documentation from the JSON Schema (itself generated
//! from the structs that read agendas), the live keys from the key table, then files,
//! environment and exit status.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use clap::{Arg, Command, CommandFactory};
use roff::{Inline, Roff, bold, italic, roman};
use serde_json::Value;

use super::Outcome;
use crate::agenda::json_schema;
use crate::cli::Cli;
use crate::tui::keymap::{self, MEETING};

/// Writes the page to standard output.
///
/// # Errors
/// A failed write; a closed pipe is handled by the caller.
pub fn run() -> Result<Outcome> {
    std::io::stdout().lock().write_all(page()?.as_bytes())?;
    Ok(Outcome::Success)
}

/// The whole page.
///
/// # Errors
/// Never in practice: roff is rendered into memory.
pub fn page() -> std::io::Result<String> {
    let mut command = Cli::command();
    command.build();
    // No date: the page is the same for every build of one version.
    let man = clap_mangen::Man::new(command.clone()).date("");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &command);
    agenda_format(&mut roff);
    keys(&mut roff);
    files(&mut roff);
    exit_status(&mut roff);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        bold("taplo"),
        roman("(1), the TOML toolkit that reads "),
        bold("forumtimer schema"),
        roman(" for editors (Even Better TOML, Helix)."),
    ]);
    out.extend_from_slice(roff.render().as_bytes());
    man.render_version_section(&mut out)?;
    Ok(for_roff(&String::from_utf8_lossy(&out)))
}

/// `page` with every character outside ASCII written as a roff escape: troff reads raw
/// "→" as bytes it has no glyph for in an ASCII locale, and warns. A named glyph where groff
/// has one that falls back to ASCII ("->" for →), the Unicode escape otherwise.
fn for_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        let named = match c {
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            '–' => "\\(en",
            '—' => "\\(em",
            // `\&` first: three dots at the start of a line would be a control line.
            '…' => "\\&...",
            '→' => "\\(->",
            '←' => "\\(<-",
            '↑' => "\\(ua",
            '↓' => "\\(da",
            '×' => "\\(mu",
            '·' => "\\(pc",
            '‘' => "\\(oq",
            '’' => "\\(cq",
            '“' => "\\(lq",
            '”' => "\\(rq",
            '≤' => "\\(<=",
            '≥' => "\\(>=",
            '§' => "\\(sc",
            other => {
                let _ = write!(out, "\\[u{:04X}]", u32::from(other));
                continue;
            }
        };
        out.push_str(named);
    }
    out
}

/// COMMANDS: each subcommand with its usage, arguments and examples.
fn commands(roff: &mut Roff, command: &Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
    {
        let usage = sub
            .clone()
            .render_usage()
            .to_string()
            .trim_start_matches("Usage: ")
            .to_string();
        roff.control("SS", [usage.as_str()]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text(prose(&sentence(about.to_string())));
        }
        for arg in sub.get_arguments().filter(|arg| shown(arg)) {
            roff.control("TP", []);
            roff.text(argument_header(arg));
            let mut help = sentence(arg.get_help().map(ToString::to_string).unwrap_or_default());
            let values: Vec<_> = arg
                .get_possible_values()
                .iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| value.get_name().to_string())
                .collect();
            if !values.is_empty() {
                let _ = write!(help, " One of: {}.", values.join(", "));
            }
            // A flag's default ("false") says nothing.
            if let Some(default) = arg.get_default_values().first()
                && arg.get_action().takes_values()
            {
                let _ = write!(help, " Default: {}.", default.to_string_lossy());
            }
            roff.text(prose(&help));
        }
        if let Some(examples) = sub.get_after_help() {
            examples_block(roff, &examples.to_string());
        }
    }
}

/// Whether an argument belongs in the page (not the automatic help and version flags).
fn shown(arg: &Arg) -> bool {
    !arg.is_hide_set() && !matches!(arg.get_id().as_str(), "help" | "version")
}

fn argument_header(arg: &Arg) -> Vec<Inline> {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(
            || arg.get_id().to_string().to_uppercase(),
            ToString::to_string,
        );
    if arg.is_positional() {
        return vec![italic(value)];
    }
    let mut header = Vec::new();
    if let Some(short) = arg.get_short() {
        header.push(bold(format!("-{short}")));
        header.push(roman(", "));
    }
    if let Some(long) = arg.get_long() {
        header.push(bold(format!("--{long}")));
    }
    if arg.get_action().takes_values() {
        header.push(roman(" "));
        header.push(italic(value));
    }
    header
}

/// `text` ending with a full stop (clap drops the one of a one-line doc comment).
fn sentence(mut text: String) -> String {
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// Text whose `code` spans are set in bold, as the man pages of commands set literals.
fn prose(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| {
            if index % 2 == 1 {
                bold(part)
            } else {
                roman(part)
            }
        })
        .collect()
}

/// An `Examples:` block from a `--help`, as an indented, unfilled block.
fn examples_block(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.text([italic("Examples:")]);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in text.lines().skip_while(|line| !line.starts_with("  ")) {
        roff.text([roman(line.trim())]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

/// AGENDA FORMAT: the rules in prose, then every key with its documentation.
fn agenda_format(roff: &mut Roff) {
    roff.control("SH", ["AGENDA FORMAT"]);
    roff.text([roman(
        "An agenda is a TOML file: a title, the members, how long the meeting lasts, and its \
         segments in order. Start from one with ",
    )]);
    roff.text([
        bold("forumtimer new --output forum.toml"),
        roman(" and check it with "),
    ]);
    roff.text([bold("forumtimer check forum.toml"), roman(".")]);
    roff.control("PP", []);
    roff.text([roman(
        "A segment has exactly one of length (a fixed block for the whole group), each (a \
         round: one turn per present member) or phases with a speaker (a spotlight on one \
         member); a phase has exactly one of length or each. Durations are strings with a \
         unit: \"90s\", \"5m\", \"1h 30m\"; a bare number is an error. Times of day are \
         24-hour \"HH:MM\", local. Unknown keys are errors, with a suggestion when one is near \
         a known key. Text may not contain control characters or bidi overrides.",
    )]);
    roff.control("PP", []);
    roff.text([roman("A short agenda:")]);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in EXAMPLE_AGENDA.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
    let schema = json_schema::schema();
    let definition = |name: &str| &schema["definitions"][name];
    let tables: [(&str, &Value); 5] = [
        ("Top-level keys", &schema),
        ("[[segment]] keys", definition("Segment")),
        ("Keys of each entry of phases", definition("Phase")),
        ("[prompts] keys", definition("Prompts")),
        ("[resources] keys", definition("Resources")),
    ];
    for (title, table) in tables {
        roff.control("SS", [title]);
        let required: Vec<&str> = table["required"]
            .as_array()
            .map(|keys| keys.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (key, property) in table["properties"].as_object().into_iter().flatten() {
            roff.control("TP", []);
            let mut header = vec![bold(key.as_str())];
            if required.contains(&key.as_str()) {
                header.push(roman(" (required)"));
            }
            roff.text(header);
            let doc = property["description"].as_str().unwrap_or_default();
            roff.text(prose(doc));
        }
    }
}

const EXAMPLE_AGENDA: &str = r#"title    = "Monthly forum"
duration = "2h"
members  = ["Ana", "Ben", "Chidi", "Dana"]

[[segment]]
name   = "Opening"
length = "5m"

[[segment]]
name = "Updates"
each = "5m"
order = "shuffle"

[[segment]]
name    = "Presentation"
speaker = "Ben"
phases  = [
  { name = "Background",        length = "10m" },
  { name = "Experience shares", each = "3m", skip_speaker = true },
]"#;

/// KEYS: the live screen's key table, as the help overlay shows it.
fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "While a meeting runs (the same table drives the help overlay, ? on screen):",
    )]);
    for binding in keymap::listed(MEETING) {
        roff.control("TP", []);
        roff.text([bold(binding.label)]);
        roff.text([roman(binding.help)]);
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let entries = [
        (
            "$XDG_STATE_HOME/forumtimer/meeting.json",
            "The meeting in progress (default ~/.local/state/forumtimer/), saved after every \
             action so that run --resume continues it after a crash or a closed terminal. Names \
             and timing only; mode 0600.",
        ),
        (
            "forumtimer-agenda.schema.json",
            "The agenda schema, which forumtimer new writes beside each agenda it writes and \
             names in the agenda's #:schema first line by a relative path, so that editors \
             using taplo complete and check it offline, for anyone who has the folder. Where \
             it is missing, forumtimer schema > forumtimer-agenda.schema.json makes it.",
        ),
    ];
    for (path, what) in entries {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([bold("NO_COLOR")]);
    roff.text([roman("When set, no colours (as --no-color).")]);
    roff.control("TP", []);
    roff.text([bold("XDG_STATE_HOME")]);
    roff.text([roman("Where the meeting in progress is saved.")]);
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    let codes = [
        ("0", "Success; check found every agenda valid."),
        (
            "1",
            "A failure, with a one-line reason on standard error; check found an invalid agenda.",
        ),
        (
            "2",
            "A usage error: an unknown option or a missing argument.",
        ),
        (
            "128+N",
            "The program was ended by signal N (130 for an interrupt).",
        ),
    ];
    for (code, meaning) in codes {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }
}
