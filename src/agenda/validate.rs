//! The parsed file → a `domain::agenda::Agenda`, enforcing every rule of SPEC §3 that the TOML
//! schema alone cannot express.
//!
//! Choices where the spec is silent: a missing `title` is "Forum"; an agenda always needs at
//! least one member (a forum without members has nothing to time); text values are trimmed.

use std::time::Duration;

use toml::Spanned;

use super::error::Problem;
use super::segments::{optional_duration, segment};
use super::{members, schema, text, values};
use crate::domain::agenda::{Agenda, Deadline, Drift};
use crate::domain::name;
use crate::domain::plan::Plan;
use crate::domain::squeeze::squeeze;

/// More segments than any meeting has; with `MAX_MEMBERS` and `MAX_PHASES` it keeps the
/// unrolled plan small whatever the file says.
pub const MAX_SEGMENTS: usize = 100;

/// The title used when the file has none.
pub const DEFAULT_TITLE: &str = "Forum";

/// Validates `file`; `cli_members`, when given, replaces its `members` before any check.
pub(crate) fn agenda(
    file: &schema::File,
    cli_members: Option<&[String]>,
) -> Result<Agenda, Problem> {
    let title = match &file.title {
        Some(title) => required_text(title, "`title`")?,
        None => DEFAULT_TITLE.to_string(),
    };
    let deadline = deadline(file)?;
    let members = match (cli_members, &file.members) {
        (Some(list), _) => members::from_cli(list)?,
        (None, Some(list)) => members::from_file(list)?,
        (None, None) => {
            return Err(Problem::new("the agenda has no `members`").help(members::ADD_MEMBERS));
        }
    };
    let Some(raw_segments) = file.segment.as_ref().filter(|s| !s.get_ref().is_empty()) else {
        return Err(Problem::new("the agenda has no segments").help(
            "add a `[[segment]]` table with a `name` and one of `length`, `each` or `phases`",
        ));
    };
    if let Some(extra) = raw_segments.get_ref().get(MAX_SEGMENTS) {
        return Err(Problem::new(format!(
            "the agenda has {} segments; at most {MAX_SEGMENTS} are allowed",
            raw_segments.get_ref().len()
        ))
        .help("a meeting needs far fewer; split this agenda into several")
        .at(extra.span()));
    }
    let segments = raw_segments
        .get_ref()
        .iter()
        .map(|raw| segment(raw.get_ref(), &members, cli_members.is_some()))
        .collect::<Result<Vec<_>, _>>()?;
    let prompts = file.prompts.as_ref();
    let prompts = Drift::ALL.map(|drift| prompts.and_then(|p| prompt_field(p, drift)));
    let mut prompt_texts: [Option<String>; 6] = Default::default();
    for (slot, raw) in prompt_texts.iter_mut().zip(prompts) {
        *slot = optional_text(raw, "the prompt")?;
    }
    let agenda = Agenda {
        title,
        purpose: optional_text(file.purpose.as_ref(), "`purpose`")?,
        deadline,
        members,
        agreements: texts(file.agreements.as_deref(), "the agreement")?,
        warn: optional_duration(file.warn.as_ref(), "warn")?,
        segments,
        prompts: prompt_texts,
        resources: texts(
            file.resources.as_ref().and_then(|r| r.lines.as_deref()),
            "the resource line",
        )?,
        reset_pauses: file.reset_pauses.unwrap_or(true),
        bell: file.bell.unwrap_or(false),
        notes: Vec::new(),
        history: file.history.as_ref().map(history_folder).transpose()?,
    };
    if let (Some(Deadline::Duration(length)), Some(raw)) = (agenda.deadline, &file.duration) {
        fits(&agenda, length, raw.span())?;
    }
    Ok(agenda)
}

fn deadline(file: &schema::File) -> Result<Option<Deadline>, Problem> {
    match (&file.duration, &file.end) {
        (Some(duration), Some(end)) => {
            let span = if end.span().start > duration.span().start {
                end.span()
            } else {
                duration.span()
            };
            Err(Problem::new("the agenda sets both `duration` and `end`")
                .help("keep one: `duration` for a length, or `end` for a time of day")
                .at(span))
        }
        (Some(duration), None) => Ok(Some(Deadline::Duration(values::duration(
            duration, "duration",
        )?))),
        (None, Some(end)) => Ok(Some(Deadline::End(values::time_of_day(end, "end")?))),
        (None, None) => Ok(None),
    }
}

/// Refuses a `duration` that the fixed blocks alone exceed, or that leaves members next to no
/// time (`squeeze`).
fn fits(agenda: &Agenda, length: Duration, span: std::ops::Range<usize>) -> Result<(), Problem> {
    let plan = Plan::build(agenda, 0);
    let fixed = plan.fixed_total();
    let (fixed_text, length_text) = (values::human(fixed), values::human(length));
    let help = "shorten the fixed blocks (`length`) or make `duration` longer";
    if fixed > length {
        let excess = values::human(fixed.saturating_sub(length));
        return Err(Problem::new(format!(
            "fixed blocks take {fixed_text} but the meeting lasts {length_text}: {excess} too much"
        ))
        .help(help)
        .at(span));
    }
    // Refused as `plan` refuses it (SPEC §10), but here, where the message can point at the
    // line: a `duration` whose turns would print 0:00.
    let present = vec![true; plan.members.len()];
    match squeeze(&plan, &present, length) {
        Some(squeezed) if squeezed.is_error() => {
            Err(
                Problem::new(squeezed.describe(&plan, length, &|_| String::new()))
                    .help(help)
                    .at(span),
            )
        }
        _ => Ok(()),
    }
}

/// `history = "DIR"`, with a leading `~` expanded. A relative folder stays relative here: the
/// command that loads the file resolves it against the file's own folder.
fn history_folder(raw: &Spanned<String>) -> Result<std::path::PathBuf, Problem> {
    let text = required_text(raw, "`history`")?;
    let home = || {
        dirs::home_dir().ok_or_else(|| {
            Problem::new("`history` starts with `~` but there is no home folder")
                .help("write the folder's full path")
                .at(raw.span())
        })
    };
    if text == "~" {
        return home();
    }
    if let Some(rest) = text.strip_prefix("~/") {
        return Ok(home()?.join(rest));
    }
    if text.starts_with('~') {
        return Err(
            Problem::new("`history` may start with `~/` (your home folder), not `~name`")
                .help("write the folder's full path")
                .at(raw.span()),
        );
    }
    Ok(std::path::PathBuf::from(text))
}

fn prompt_field(prompts: &schema::Prompts, drift: Drift) -> Option<&Spanned<String>> {
    match drift {
        Drift::Advice => prompts.advice.as_ref(),
        Drift::Debate => prompts.debate.as_ref(),
        Drift::Crosstalk => prompts.crosstalk.as_ref(),
        Drift::Overprocessing => prompts.overprocessing.as_ref(),
        Drift::Silence => prompts.silence.as_ref(),
        Drift::Emotion => prompts.emotion.as_ref(),
    }
}

/// A text value, trimmed, refused if it holds a control or bidi character.
pub(crate) fn checked_text(value: &Spanned<String>, what: &str) -> Result<String, Problem> {
    if let Some((_, c)) = text::find_forbidden(value.get_ref()) {
        return Err(Problem::new(format!("{what} contains {}", text::describe(c)))
            .help("remove it: agenda text may not contain control or bidi characters (this includes escapes like \\u001b and \\t)")
            .at(value.span()));
    }
    Ok(value.get_ref().trim().to_string())
}

/// A text value that may not be blank: it must show something, as a name must.
pub(crate) fn required_text(value: &Spanned<String>, what: &str) -> Result<String, Problem> {
    let text = checked_text(value, what)?;
    if name::is_blank(&text) {
        return Err(Problem::new(format!("{what} is empty"))
            .help("write some text between the quotes")
            .at(value.span()));
    }
    Ok(text)
}

pub(crate) fn optional_text(
    value: Option<&Spanned<String>>,
    what: &str,
) -> Result<Option<String>, Problem> {
    value.map(|v| checked_text(v, what)).transpose()
}

fn texts(values: Option<&[Spanned<String>]>, what: &str) -> Result<Vec<String>, Problem> {
    values
        .unwrap_or_default()
        .iter()
        .map(|value| checked_text(value, what))
        .collect()
}
