//! Agenda files (SPEC §3): reading, parsing and validating them into a
//! [`domain::agenda::Agenda`](crate::domain::agenda::Agenda), with diagnostics that point at
//! `file:line:column`, show the line and say how to fix it.
//!
//! - `source`: reading a file safely (regular, ≤ 1 MiB, UTF-8).
//! - `scan`: refusing control/bidi characters and pathological nesting before TOML parsing.
//! - `schema`: the file as written (serde); `shape`: tables where tables belong, before serde
//!   reads them; `toml_error`: TOML/serde messages made friendly.
//! - [`json_schema`]: the JSON Schema of that file, for editors (`forumtimer schema`).
//! - `validate`, `segments`, `members`, `values`: the rules of SPEC §3.
//! - `error`, `diagnostic`: [`AgendaError`] and its cargo-style rendering.
//! - [`templates`]: the shipped agendas; `text`: which characters are forbidden, and escaping.
//!
//! Choices where the spec is silent: a missing `title` is "Forum"; every agenda needs at least
//! one member; names and texts are trimmed; a `duration` that fixed blocks fill exactly is an
//! error when there are member turns (they would get no time); at most 100 members, 100
//! segments and 20 phases per spotlight, so that no file can unroll into a huge plan.

mod diagnostic;
mod error;
pub mod json_schema;
mod members;
mod scan;
mod schema;
mod segments;
mod shape;
mod source;
mod suggest;
pub mod templates;
pub mod text;
mod toml_error;
mod validate;
pub mod values;

use std::path::Path;

use serde::Deserialize;

pub use error::AgendaError;
use error::Problem;
pub use members::{MAX_MEMBERS, guest_name};
pub use scan::MAX_DEPTH;
pub use segments::MAX_PHASES;
pub use source::MAX_SIZE;
pub use validate::{DEFAULT_TITLE, MAX_SEGMENTS};

use crate::domain::agenda::{Agenda, SegmentKind, Speaker, same_name};

/// Reads and validates the agenda file at `path`. `members`, when given (from `--members`),
/// replaces the file's `members` before validation.
///
/// # Errors
/// An unreadable file or an invalid agenda, with the full diagnostic.
pub fn load(path: &Path, members: Option<&[String]>) -> Result<Agenda, AgendaError> {
    let origin = path.display().to_string();
    let text = source::read(path, &origin)?;
    parse(&origin, &text, members)
}

/// Validates agenda `text`; `source_name` names it in messages (usually the path).
///
/// # Errors
/// The first rule of SPEC §3 the text breaks, positioned.
pub fn parse(
    source_name: &str,
    text: &str,
    members: Option<&[String]>,
) -> Result<Agenda, AgendaError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |problem: Problem| AgendaError::new(source_name, problem, Some(text));
    if is_blank(text) {
        return Err(fail(Problem::new("the agenda is empty").help(
            "run `forumtimer new` to write a starting agenda, then edit it",
        )));
    }
    scan::check(text).map_err(fail)?;
    let toml_problem = |error: toml::de::Error| fail(toml_error::problem(&error, text));
    let document = toml::de::DeTable::parse(text).map_err(toml_problem)?;
    shape::check(document.get_ref(), text).map_err(fail)?;
    let file =
        schema::File::deserialize(toml::de::Deserializer::from(document)).map_err(toml_problem)?;
    validate::agenda(&file, members).map_err(fail)
}

/// Splits and checks a `--members "Ana,Ben"` list with the same rules as the file's `members`.
///
/// # Errors
/// An empty or duplicate name.
pub fn parse_members(list: &str) -> Result<Vec<String>, AgendaError> {
    let names: Vec<String> = if list.trim().is_empty() {
        Vec::new()
    } else {
        list.split(',').map(str::to_string).collect()
    };
    members::from_cli(&names).map_err(|problem| AgendaError::new("--members", problem, None))
}

/// The built-in classic forum (`agendas/classic-forum.toml`).
///
/// With `members`, they replace the sample members; the presentation's speaker stays if they
/// are among them, and otherwise becomes the first member given — so `--members` alone is
/// always enough to run the default agenda. It returns a `Result` because the given list may
/// still break the name rules (empty or duplicate names).
///
/// # Errors
/// When the `--members` list breaks the name rules.
pub fn default_agenda(members: Option<&[String]>) -> Result<Agenda, AgendaError> {
    let origin = format!("{}.toml (built in)", templates::DEFAULT);
    let text = templates::get(templates::DEFAULT).unwrap_or_default();
    let mut agenda = parse(&origin, text, None)?;
    if let Some(list) = members {
        let given = members::from_cli(list)
            .map_err(|problem| AgendaError::new("--members", problem, None))?;
        for segment in &mut agenda.segments {
            if let SegmentKind::Spotlight {
                speaker: Speaker::Member(speaker),
                ..
            } = &mut segment.kind
            {
                let name = agenda.members.get(*speaker).map_or("", String::as_str);
                *speaker = match given.iter().position(|m| same_name(m, name)) {
                    Some(index) => index,
                    None => {
                        let first = given.first().map_or("", String::as_str);
                        agenda.notes.push(format!(
                            "{first} presents in \"{}\": the built-in agenda's presenter {name} is not in --members (add {name} to --members, or use an agenda file with its own `speaker`)",
                            segment.name
                        ));
                        0
                    }
                };
            }
        }
        agenda.members = given;
    }
    Ok(agenda)
}

/// Whether `text` has nothing but whitespace and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}
