//! `forumtimer history [DIR]`: per member over the meetings kept (meetings attended, time spoken
//! against allotted with a bar, first and last in rounds, presentations), then one line per
//! meeting, then the files skipped. Names and timing only.
//!
//! DIR is the folder, or an agenda file whose `history` names it; there is no default, since
//! the built-in agenda keeps no history.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::Serialize;

use super::Outcome;
use crate::cli::{Format, HistoryArgs};
use crate::domain::history::record::{Kind, Record, Resets};
use crate::domain::history::{MemberTally, since, tally};
use crate::domain::summary::{clock_secs, minutes_in_words, signed_clock};
use crate::history::{self, Entry, Folder};
use crate::text;
use crate::wall;

/// The widest bar, in cells: the largest time spoken or allotted by anyone.
const BAR: usize = 20;

/// Prints the history.
///
/// # Errors
/// No folder named, a folder that does not exist or cannot be read, a bad `--since`.
pub fn run(args: &HistoryArgs) -> Result<Outcome> {
    let dir = folder(args.dir.as_deref())?;
    // A path that is there but no folder (a file, a FIFO) is for `history::read` to name.
    if !dir.exists() {
        bail!(
            "no history folder at {} — it is created when the first meeting with `history` (or --history) ends",
            dir.display()
        );
    }
    let mut folder = history::read(&dir)?;
    if let Some(text) = &args.since {
        let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            anyhow::anyhow!("--since: `{text}` is not a date; write it like 2026-03-14")
        })?;
        let kept = since(&folder.records(), date);
        folder.entries.retain(|entry| kept.contains(&entry.record));
    }
    let text = match args.format {
        Format::Text => text(&dir, &folder),
        Format::Json => json(&dir, &folder)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// The folder `given` names: itself, or an agenda file's `history`.
fn folder(given: Option<&Path>) -> Result<PathBuf> {
    let Some(given) = given else {
        bail!(
            "name the history folder (or an agenda file with `history`): forumtimer history ~/forum/history"
        );
    };
    if !given.is_file() {
        return Ok(given.to_path_buf());
    }
    let agenda = crate::agenda::load(given, None).map_err(|error| anyhow::anyhow!("{error}"))?;
    let Some(dir) = agenda.history else {
        bail!(
            "the agenda {} has no `history`; add `history = \"~/forum/history\"` or name the folder",
            given.display()
        );
    };
    Ok(if dir.is_relative() {
        crate::private_file::parent_dir(given).join(dir)
    } else {
        dir
    })
}

fn day(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d").to_string()
}

fn text(dir: &Path, folder: &Folder) -> String {
    let records: Vec<Record> = folder.entries.iter().map(|e| e.record.clone()).collect();
    let mut out = String::new();
    let span = match (records.first(), records.last()) {
        (Some(first), Some(last)) => format!(", {} to {}", day(first.start), day(last.start)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "History in {} — {} meeting(s){span}\n",
        dir.display(),
        records.len()
    );
    let members = tally(&records);
    if !members.is_empty() {
        member_table(&mut out, &members);
    }
    if !folder.entries.is_empty() {
        let _ = writeln!(out, "\nMeetings");
        for entry in &folder.entries {
            let _ = writeln!(out, "  {}", meeting_line(entry));
        }
    }
    if !folder.skipped.is_empty() {
        let _ = writeln!(out, "\nSkipped");
        for skipped in &folder.skipped {
            let _ = writeln!(out, "  {}: {}", skipped.file, skipped.reason);
        }
    }
    out
}

fn member_table(out: &mut String, members: &[MemberTally]) {
    let width = members
        .iter()
        .map(|m| text::width(&m.name))
        .max()
        .unwrap_or(0)
        .max("member".len());
    let scale = members
        .iter()
        .map(|m| m.spoken_seconds.max(m.allotted_seconds))
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "  {:<width$}  {:>8}  {:>19}  {:<BAR$}  {:>8}  {:>5}  {:>4}  presented",
        "member", "meetings", "spoken / allotted", "", "balance", "first", "last"
    );
    for m in members {
        let balance = i64::try_from(m.spoken_seconds).unwrap_or(i64::MAX)
            - i64::try_from(m.allotted_seconds).unwrap_or(i64::MAX);
        let presented = match m.last_presented {
            Some(last) => format!("{} (last {})", m.presentations, day(last)),
            None => m.presentations.to_string(),
        };
        let _ = writeln!(
            out,
            "  {}  {:>8}  {:>19}  {:<BAR$}  {:>8}  {:>5}  {:>4}  {presented}",
            text::pad(&m.name, width),
            m.meetings,
            format!(
                "{} / {}",
                clock_secs(m.spoken_seconds),
                clock_secs(m.allotted_seconds)
            ),
            bar(m.spoken_seconds, m.allotted_seconds, scale),
            signed_clock(balance.saturating_mul(1000), "-"),
            m.first,
            m.last,
        );
    }
    let _ = writeln!(
        out,
        "  (bar: █ spoken within the allotment, ▓ spoken over it, ░ allotted but not spoken)"
    );
}

/// Spoken against allotted on one scale: never colour alone, the marks say which is which.
fn bar(spoken: u64, allotted: u64, scale: u64) -> String {
    let cells = |secs: u64| {
        if scale == 0 {
            0
        } else {
            usize::try_from((u128::from(secs) * BAR as u128).div_ceil(u128::from(scale)))
                .unwrap_or(BAR)
                .min(BAR)
        }
    };
    let (spoken, allotted) = (cells(spoken), cells(allotted));
    let within = spoken.min(allotted);
    format!(
        "{}{}{}",
        "█".repeat(within),
        "▓".repeat(spoken.saturating_sub(allotted)),
        "░".repeat(allotted.saturating_sub(spoken))
    )
}

/// "2026-11-29 19:00  ended 22:04, 4 min after the planned 22:00 · first: Updates Ana ·
/// presented: Ben · resets: advice 2".
fn meeting_line(entry: &Entry) -> String {
    let record = &entry.record;
    let verb = if record.finished { "ended" } else { "stopped" };
    let hm = |at: DateTime<FixedOffset>| wall::hhmm(at.time());
    let difference = record.actual_end.signed_duration_since(record.planned_end);
    let by = minutes_in_words(difference.abs().to_std().unwrap_or_default());
    let against = if by == "less than a minute" {
        format!("on the planned end {}", hm(record.planned_end))
    } else if difference > chrono::TimeDelta::zero() {
        format!("{by} after the planned {}", hm(record.planned_end))
    } else {
        format!("{by} before the planned {}", hm(record.planned_end))
    };
    let mut line = format!(
        "{}  {verb} {}, {against}",
        wall::dated(record.start.naive_local()),
        hm(record.actual_end),
    );
    // Who went first in each round (SPEC §13), and who was in the spotlight.
    let firsts: Vec<String> = record
        .segments
        .iter()
        .filter(|s| s.kind == Kind::Round)
        .filter_map(|s| Some(format!("{} {}", s.name, s.turns.first()?)))
        .collect();
    if !firsts.is_empty() {
        let _ = write!(line, " · first: {}", firsts.join(", "));
    }
    let presenters: Vec<&str> = record
        .segments
        .iter()
        .filter_map(|s| s.presenter.as_deref())
        .collect();
    if !presenters.is_empty() {
        let _ = write!(line, " · presented: {}", presenters.join(", "));
    }
    let _ = write!(line, " · resets: {}", resets(&record.resets));
    line
}

fn resets(resets: &Resets) -> String {
    let kinds: Vec<String> = resets
        .nonzero()
        .map(|(drift, count)| format!("{} {count}", drift.key()))
        .collect();
    if kinds.is_empty() {
        "none".to_string()
    } else {
        kinds.join(", ")
    }
}

#[derive(Serialize)]
struct JsonHistory<'a> {
    folder: String,
    members: Vec<JsonMember<'a>>,
    meetings: Vec<JsonMeeting<'a>>,
    skipped: Vec<JsonSkipped<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    name: &'a str,
    meetings: u32,
    spoken_seconds: u64,
    allotted_seconds: u64,
    first_in_rounds: u32,
    last_in_rounds: u32,
    presentations: u32,
    last_presented: Option<String>,
}

#[derive(Serialize)]
struct JsonMeeting<'a> {
    file: &'a str,
    start: String,
    planned_end: String,
    actual_end: String,
    finished: bool,
    resets: Resets,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    file: &'a str,
    reason: &'a str,
}

fn json(dir: &Path, folder: &Folder) -> Result<String> {
    let records: Vec<Record> = folder.entries.iter().map(|e| e.record.clone()).collect();
    let members = tally(&records);
    let time = |at: DateTime<FixedOffset>| at.to_rfc3339_opts(SecondsFormat::Secs, false);
    let object = JsonHistory {
        folder: dir.display().to_string(),
        members: members
            .iter()
            .map(|m| JsonMember {
                name: &m.name,
                meetings: m.meetings,
                spoken_seconds: m.spoken_seconds,
                allotted_seconds: m.allotted_seconds,
                first_in_rounds: m.first,
                last_in_rounds: m.last,
                presentations: m.presentations,
                last_presented: m.last_presented.map(day),
            })
            .collect(),
        meetings: folder
            .entries
            .iter()
            .map(|e| JsonMeeting {
                file: &e.file,
                start: time(e.record.start),
                planned_end: time(e.record.planned_end),
                actual_end: time(e.record.actual_end),
                finished: e.record.finished,
                resets: e.record.resets,
            })
            .collect(),
        skipped: folder
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                file: &s.file,
                reason: &s.reason,
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&object)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::{bar, member_table};
    use crate::domain::history::MemberTally;
    use crate::text;

    #[test]
    fn the_member_table_lines_up_names_in_wide_scripts() {
        let member = |name: &str| MemberTally {
            name: name.into(),
            meetings: 1,
            spoken_seconds: 60,
            allotted_seconds: 60,
            first: 0,
            last: 0,
            presentations: 0,
            last_presented: None,
        };
        let mut out = String::new();
        member_table(&mut out, &[member("Ana"), member("王芳"), member("Ахмед")]);
        // Every row is as wide on the terminal up to the meetings column.
        let columns: Vec<usize> = out
            .lines()
            .filter_map(|line| line.find("  1  ").map(|end| text::width(&line[..end])))
            .collect();
        assert_eq!(columns.len(), 3, "{out}");
        assert!(columns.iter().all(|&c| c == columns[0]), "{out}");
    }

    #[test]
    fn the_bar_shows_over_and_under_with_marks_not_colour() {
        assert_eq!(bar(100, 100, 100), "█".repeat(20));
        assert_eq!(
            bar(50, 100, 100),
            format!("{}{}", "█".repeat(10), "░".repeat(10))
        );
        assert_eq!(
            bar(100, 50, 100),
            format!("{}{}", "█".repeat(10), "▓".repeat(10))
        );
        assert_eq!(bar(0, 0, 0), "");
    }
}
