//! `[[segment]]` tables and spotlight phases → `domain::agenda::Segment`.
//!
//! A segment is exactly one of a block (`length`), a round (`each`) or a spotlight (`phases`
//! with `speaker`); each check points at the key that breaks that rule.

use std::ops::Range;

use toml::{Spanned, Value};

use super::error::Problem;
use super::validate::{optional_text, required_text};
use super::{members, schema, suggest, values};
use crate::domain::agenda::{Order, Phase, PhaseKind, Segment, SegmentKind, Speaker};

/// More phases than any spotlight needs; bounds the unrolled plan.
pub const MAX_PHASES: usize = 20;

/// `speaker = "choose"`: the presenter is picked when the segment starts.
pub const CHOOSE: &str = "choose";

/// `speaker = "next"`: whoever presented least recently, from the history (SPEC §13).
pub const NEXT: &str = "next";

pub(crate) const ORDERS: &[&str; 4] = &["agenda", "shuffle", "reverse", "rotate"];
const KINDS_HELP: &str = "a segment is a fixed block (`length`), a round (`each`) or a \
                          spotlight (`phases` with a `speaker`): keep exactly one";

/// One segment, given the validated member list.
pub(crate) fn segment(
    raw: &schema::Segment,
    members: &[String],
    members_from_cli: bool,
) -> Result<Segment, Problem> {
    let name = required_text(&raw.name, "segment `name`")?;
    let keys = [
        ("length", raw.length.as_ref().map(Spanned::span)),
        ("each", raw.each.as_ref().map(Spanned::span)),
        ("phases", raw.phases.as_ref().map(Spanned::span)),
    ];
    exactly_one(&keys, &name, "segment", raw.name.span(), KINDS_HELP)?;
    if let (Some(speaker), None) = (&raw.speaker, &raw.phases) {
        return Err(
            Problem::new("`speaker` belongs only to a spotlight segment")
                .help("add `phases = [...]` for a spotlight, or remove `speaker`")
                .at(speaker.span()),
        );
    }
    if let (Some(order), None) = (&raw.order, &raw.each) {
        return Err(Problem::new("`order` applies only to rounds")
            .help("remove `order`, or make this segment a round with `each`")
            .at(order.span()));
    }
    let kind = if let Some(length) = &raw.length {
        SegmentKind::Block {
            length: values::duration(length, "length")?,
        }
    } else if let Some(each) = &raw.each {
        SegmentKind::Round {
            each: values::duration(each, "each")?,
            order: order(raw.order.as_ref())?,
        }
    } else if let Some(phases) = &raw.phases {
        let Some(speaker) = &raw.speaker else {
            return Err(Problem::new(format!("spotlight `{name}` has no `speaker`"))
                .help("add `speaker = \"NAME\"` with the member in the spotlight")
                .at(phases.span()));
        };
        // "choose" and "next" are keywords, not names: the presenter is picked in the room
        // (SPEC §8), or is whoever presented least recently (SPEC §13).
        let speaker = if speaker.get_ref().trim() == CHOOSE {
            Speaker::Choose
        } else if speaker.get_ref().trim() == NEXT {
            Speaker::Next
        } else {
            Speaker::Member(members::speaker(speaker, members, members_from_cli)?)
        };
        if phases.get_ref().is_empty() {
            return Err(Problem::new(format!("spotlight `{name}` has no phases"))
                .help("add phases like `{ name = \"Background\", length = \"10m\" }`")
                .at(phases.span()));
        }
        if let Some(extra) = phases.get_ref().get(MAX_PHASES) {
            return Err(Problem::new(format!(
                "spotlight `{name}` has {} phases; at most {MAX_PHASES} are allowed",
                phases.get_ref().len()
            ))
            .help("a spotlight usually has three to five phases")
            .at(extra.span()));
        }
        let phases = phases
            .get_ref()
            .iter()
            .map(|p| phase(p.get_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        SegmentKind::Spotlight { speaker, phases }
    } else {
        return Err(Problem::new(format!("segment `{name}` has no length")).help(KINDS_HELP));
    };
    Ok(Segment {
        name,
        kind,
        prompt: optional_text(raw.prompt.as_ref(), "`prompt`")?,
        warn: optional_duration(raw.warn.as_ref(), "warn")?,
    })
}

fn phase(raw: &schema::Phase) -> Result<Phase, Problem> {
    let name = required_text(&raw.name, "phase `name`")?;
    let keys = [
        ("length", raw.length.as_ref().map(Spanned::span)),
        ("each", raw.each.as_ref().map(Spanned::span)),
    ];
    let help = "a phase is a block for the group (`length`) or a round of turns (`each`): keep one";
    exactly_one(&keys, &name, "phase", raw.name.span(), help)?;
    let kind = match (&raw.length, &raw.each) {
        (Some(length), _) => {
            if let Some(skip) = &raw.skip_speaker {
                return Err(
                    Problem::new("`skip_speaker` applies only to a phase with `each`")
                        .help("remove `skip_speaker`, or make this phase a round with `each`")
                        .at(skip.span()),
                );
            }
            PhaseKind::Block {
                length: values::duration(length, "length")?,
            }
        }
        (None, Some(each)) => PhaseKind::Round {
            each: values::duration(each, "each")?,
            skip_speaker: raw.skip_speaker.as_ref().is_some_and(|s| *s.get_ref()),
        },
        (None, None) => {
            return Err(Problem::new(format!("phase `{name}` has no length")).help(help));
        }
    };
    Ok(Phase {
        name,
        kind,
        prompt: optional_text(raw.prompt.as_ref(), "`prompt`")?,
        warn: optional_duration(raw.warn.as_ref(), "warn")?,
    })
}

/// Refuses none or several of the mutually exclusive `keys` (name, span if present).
fn exactly_one(
    keys: &[(&str, Option<Range<usize>>)],
    name: &str,
    what: &str,
    name_span: Range<usize>,
    help: &str,
) -> Result<(), Problem> {
    let present: Vec<_> = keys
        .iter()
        .filter_map(|(key, span)| span.clone().map(|span| (*key, span)))
        .collect();
    let list = keys
        .iter()
        .map(|(key, _)| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    match present.as_slice() {
        [] => Err(Problem::new(format!("{what} `{name}` needs {list}"))
            .help(help)
            .at(name_span)),
        [_] => Ok(()),
        [(first, _), (second, span), ..] => Err(Problem::new(format!(
            "{what} `{name}` has both `{first}` and `{second}`"
        ))
        .help(help)
        .at(span.clone())),
    }
}

fn order(raw: Option<&Spanned<String>>) -> Result<Order, Problem> {
    let Some(raw) = raw else {
        return Ok(Order::Agenda);
    };
    match raw.get_ref().trim() {
        "agenda" => Ok(Order::Agenda),
        "shuffle" => Ok(Order::Shuffle),
        "reverse" => Ok(Order::Reverse),
        "rotate" => Ok(Order::Rotate),
        other => {
            let help = match suggest::nearest(other, ORDERS) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => "use \"agenda\" (the default), \"shuffle\", \"reverse\" or \"rotate\""
                    .to_string(),
            };
            Err(Problem::new(format!("unknown order \"{other}\""))
                .help(help)
                .at(raw.span()))
        }
    }
}

pub(crate) fn optional_duration(
    raw: Option<&Spanned<Value>>,
    key: &str,
) -> Result<Option<std::time::Duration>, Problem> {
    raw.map(|value| values::duration(value, key)).transpose()
}
