//! The Markdown report: the summary screen as tables a person can read or paste elsewhere.

use std::fmt::Write;

use crate::wall::Origin;

use crate::domain::agenda::Drift;
use crate::domain::summary::{Summary, clock, end_sentence, signed_clock};

pub fn render(summary: &Summary, origin: Origin) -> String {
    let hhmm = |at| origin.hhmm(at);
    let mut out = String::new();
    // `write!` into a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(out, "# Meeting summary\n");
    let _ = writeln!(
        out,
        "{} · started {} · {}.\n",
        origin.at(summary.start).format("%Y-%m-%d"),
        hhmm(summary.start),
        end_sentence(
            summary,
            &hhmm(summary.actual_end),
            &hhmm(summary.planned_end)
        )
    );
    let _ = writeln!(out, "## Members\n");
    let _ = writeln!(
        out,
        "| Member | Spoken | Allotted | Balance | Turns | Passed |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for member in &summary.members {
        let balance = if !member.present && member.turns == 0 {
            "absent".to_string()
        } else if member.turns == 0 {
            "no turn".to_string()
        } else {
            signed_clock(member.balance_millis(), "-")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {balance} | {} | {} |",
            escape(&member.reported_name()),
            clock(member.spoken),
            clock(member.allotted),
            member.turns,
            member.passed
        );
    }
    let _ = writeln!(out, "\n## Segments\n");
    let _ = writeln!(out, "| Segment | Planned | Actual | Difference |");
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for segment in &summary.segments {
        let difference = millis(segment.actual) - millis(segment.planned);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&segment.name),
            clock(segment.planned),
            clock(segment.actual),
            signed_clock(difference, "-")
        );
    }
    let _ = writeln!(out, "\n## Room resets\n");
    if summary.total_resets() == 0 {
        let _ = writeln!(out, "No room resets.");
    } else {
        let _ = writeln!(out, "| Kind | Count |\n|---|---:|");
        for drift in Drift::ALL {
            let count = summary.resets[drift.index()];
            if count > 0 {
                let _ = writeln!(out, "| {} | {count} |", drift.key());
            }
        }
    }
    let _ = writeln!(out, "\nWrap-up cues: {}.", summary.wrap_ups);
    out
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Backslash-escapes the characters that would break a table cell or turn a name into
/// markup; `CommonMark` allows a backslash before any ASCII punctuation.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
