//! The subcommands: each turns its arguments into work on the library and an `Outcome`.
//! What they share: loading the agenda the arguments name, with `--members` and the deadline.

pub mod check;
pub mod completions;
pub mod history;
pub mod man;
pub mod new;
pub mod plan;
pub mod run;
pub mod schema;
pub mod show;
pub mod simulate;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::agenda::{self, values};
use crate::cli::MeetingArgs;
use crate::domain::agenda::{Agenda, Deadline};
use crate::domain::history::record::Record;
use crate::resume::BUILTIN_AGENDA;
use crate::wall::Origin;

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Done, but the answer is "no" (e.g. `check` found an invalid agenda).
    Failure,
    /// Ended by this signal.
    Signal(i32),
}

/// The agenda and where it came from, ready for a meeting.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub agenda: Agenda,
    /// The file's bytes (or the built-in agenda's), for the resume hash.
    pub bytes: Vec<u8>,
    /// The agenda's full path, or `<built-in>`: how a saved meeting names it.
    pub label: String,
    /// `--history`, else the agenda's `history` (relative to the agenda's folder).
    pub history: Option<PathBuf>,
    /// Whether `history` came from `--history` rather than the agenda.
    pub history_from_cli: bool,
}

/// Loads the agenda `args` name (or the built-in one), applying `--members`, `--end` and
/// `--duration`.
///
/// # Errors
/// An invalid agenda, member list or flag, with the agenda's full diagnostic.
pub fn load(args: &MeetingArgs) -> Result<Loaded> {
    let members = args
        .members
        .as_deref()
        .map(agenda::parse_members)
        .transpose()
        .map_err(|error| one_line(&error))?;
    let (mut agenda, bytes, label) = match &args.agenda {
        Some(path) => load_file(path, members.as_deref())?,
        None => {
            let agenda =
                agenda::default_agenda(members.as_deref()).map_err(|error| diagnostic(&error))?;
            let bytes = agenda::templates::get(agenda::templates::DEFAULT)
                .unwrap_or_default()
                .as_bytes()
                .to_vec();
            (agenda, bytes, BUILTIN_AGENDA.to_string())
        }
    };
    if let Some(end) = &args.end {
        let end =
            values::parse_time(end).map_err(|why| anyhow::anyhow!("--end: {}", shown(&why)))?;
        agenda.deadline = Some(Deadline::End(end));
    }
    if let Some(duration) = &args.duration {
        let length = values::parse_duration(duration)
            .map_err(|why| anyhow::anyhow!("--duration: {}", shown(&why)))?;
        agenda.deadline = Some(Deadline::Duration(length));
    }
    let history_from_cli = args.history.is_some();
    let history = args.history.clone().or_else(|| {
        let folder = agenda.history.clone()?;
        // A relative `history` belongs with the agenda file, wherever the command runs from.
        Some(match &args.agenda {
            Some(path) if folder.is_relative() => {
                crate::private_file::parent_dir(path).join(folder)
            }
            _ => folder,
        })
    });
    Ok(Loaded {
        agenda,
        bytes,
        label,
        history,
        history_from_cli,
    })
}

/// The meetings kept in `loaded`'s history folder, oldest first, and a warning to show when
/// some could not be read. No folder, or none yet, is an empty history; a folder that cannot
/// be read is one too, with a warning — the meeting is planned all the same.
#[must_use]
pub fn past_meetings(loaded: &Loaded) -> (Vec<Record>, Option<String>) {
    let Some(dir) = &loaded.history else {
        return (Vec::new(), None);
    };
    match crate::history::read(dir) {
        Ok(folder) if folder.skipped.is_empty() => (folder.records(), None),
        Ok(folder) => {
            let warning = format!(
                "{} file(s) in the history were skipped: `forumtimer history {}` says why",
                folder.skipped.len(),
                dir.display()
            );
            (folder.records(), Some(warning))
        }
        Err(error) => (
            Vec::new(),
            Some(format!("{error} — planning without history")),
        ),
    }
}

fn load_file(path: &Path, members: Option<&[String]>) -> Result<(Agenda, Vec<u8>, String)> {
    // The diagnostic is several lines (file:line:col, the line, the fix): print it whole.
    let agenda = agenda::load(path, members).map_err(|error| diagnostic(&error))?;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let label = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Ok((agenda, bytes, label.display().to_string()))
}

/// A message that quotes what was typed on the command line, with control characters escaped
/// as agenda text is: a pasted ESC must not act on the terminal the message is shown on.
pub fn shown(message: &impl std::fmt::Display) -> String {
    agenda::text::escape(&message.to_string())
}

/// An agenda error as the command line says it: the whole diagnostic (the line, the caret,
/// the help) when it has a place in a file, otherwise one line.
fn diagnostic(error: &agenda::AgendaError) -> anyhow::Error {
    if error.location().is_some() {
        anyhow::anyhow!("{error}")
    } else {
        one_line(error)
    }
}

/// "ORIGIN: message; help", once: the origin (a file, `--members`) is named by the error.
fn one_line(error: &agenda::AgendaError) -> anyhow::Error {
    let text = if error.message().contains(error.origin()) {
        error.message().to_string()
    } else {
        error.summary()
    };
    match error.help() {
        Some(help) => anyhow::anyhow!("{text}; {help}"),
        None => anyhow::anyhow!("{text}"),
    }
}

/// `n thing` or `n things`.
#[must_use]
pub fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// A line on standard error for the person at the terminal. Not `eprintln!`: after a hang-up
/// there is no terminal to read it, and `eprintln!` would panic on the failed write instead of
/// letting the program exit with its code.
pub fn tell(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A closed pipe downstream (`forumtimer plan | head`) is not an error worth a message.
#[must_use]
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// The length of a meeting starting at `origin`'s zero when the agenda or flags fix it; `None`
/// means "as planned". Fails when the fixed blocks alone would not fit, saying by how much.
///
/// # Errors
/// An end that has passed, or fixed blocks longer than the meeting.
pub fn meeting_length(agenda: &Agenda, origin: &Origin) -> Result<Option<std::time::Duration>> {
    let length = match agenda.deadline {
        None => return Ok(None),
        Some(Deadline::Duration(length)) => length,
        Some(Deadline::End(end)) => origin.until(std::time::Duration::ZERO, end)?,
    };
    let fixed = crate::domain::plan::Plan::build(agenda, 0).fixed_total();
    if fixed > length {
        // In whole seconds that add up: the length as said, and what is too much beyond it
        // (37m 9s and 2m 51s for 40m, not 2m 50s from the unsaid 0.6 s).
        let said = std::time::Duration::from_secs(length.as_secs());
        bail!(
            "the fixed blocks take {} but the meeting lasts {}: {} too much; shorten a block or give a later end",
            values::human(fixed),
            values::human(said),
            values::human(fixed.saturating_sub(said))
        );
    }
    Ok(Some(length))
}

/// The seed of the shuffled rounds (SPEC §10): fixed per agenda (its bytes and members) and
/// local date, so `plan` prints the order a meeting run that day will use.
#[must_use]
pub fn shuffle_seed(loaded: &Loaded, date: chrono::NaiveDate) -> u64 {
    use sha2::{Digest, Sha256};
    let hash = crate::resume::agenda_hash(&loaded.bytes, &loaded.agenda.members);
    let digest = Sha256::new()
        .chain_update(b"forumtimer shuffle v1\0")
        .chain_update(hash.as_bytes())
        .chain_update(date.to_string().as_bytes())
        .finalize();
    let mut first = [0_u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{load, meeting_length, shuffle_seed};
    use crate::cli::MeetingArgs;

    #[test]
    fn the_shuffle_is_fixed_per_agenda_and_date() {
        let args = MeetingArgs {
            agenda: Some(
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/agendas/monthly-business-forum.toml"
                )
                .into(),
            ),
            members: None,
            end: None,
            duration: None,
            history: None,
        };
        let loaded = load(&args).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let next = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(shuffle_seed(&loaded, day), shuffle_seed(&loaded, day));
        assert_ne!(shuffle_seed(&loaded, day), shuffle_seed(&loaded, next));
        let mut other = loaded.clone();
        other.agenda.members.pop();
        assert_ne!(shuffle_seed(&loaded, day), shuffle_seed(&other, day));
    }

    #[test]
    fn fixed_blocks_too_long_for_an_end_say_figures_that_add_up() {
        use chrono::TimeZone;

        use crate::domain::agenda::{Agenda, Deadline, Segment, SegmentKind};
        let mut agenda = Agenda::new("Forum", &["Ana"]);
        agenda.segments = vec![Segment {
            name: "Opening".into(),
            kind: SegmentKind::Block {
                length: std::time::Duration::from_secs(40 * 60),
            },
            prompt: None,
            warn: None,
        }];
        agenda.deadline = Some(Deadline::End(chrono::NaiveTime::MIN));
        // 37 min 9.6 s before midnight.
        let start = chrono::Local
            .with_ymd_and_hms(2026, 11, 23, 23, 22, 50)
            .single()
            .expect("a plain local time")
            + chrono::TimeDelta::milliseconds(400);
        let error = meeting_length(&agenda, &crate::wall::Origin::new(start)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("take 40m but the meeting lasts 37m 9s: 2m 51s too much"),
            "{message}"
        );
    }
}
