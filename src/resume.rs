//! Resume after a crash (SPEC §9): what is saved, how an agenda is recognised, and how much
//! time passed while the program was closed.
//!
//! The state file holds timing only: the agenda's path, a hash of its bytes and of the member
//! list, the shuffle seed, the speed and the core's `Timing`. No names, no prompts. Where the
//! file lives and how it is written is `resume/store.rs`; the messages are `resume/error.rs`.

use std::fmt::Write as _;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, SubsecRound};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::meeting::{Meeting, Timing};
use crate::domain::plan::Plan;
use crate::domain::summary::length_in_words;

mod error;
mod store;
#[cfg(test)]
mod tests;

pub use error::{ResumeError, StateError, reason};
pub use store::{Lock, StateLock, StateStore};

/// The state file's format version; a newer one is refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The agenda label saved for the built-in default agenda.
pub const BUILTIN_AGENDA: &str = "<built-in>";

/// Everything a resumed process needs besides the agenda itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMeeting {
    pub version: u32,
    /// The agenda's path as the user gave it, or `BUILTIN_AGENDA`.
    pub agenda: String,
    /// `agenda_hash` of the agenda's bytes and the effective member list.
    pub agenda_hash: String,
    /// The seed that fixed the order of shuffled rounds.
    pub seed: u64,
    /// `--speed`: meeting-clock time per wall-clock time.
    pub speed: u32,
    /// The wall clock at the save, to count the time the program was closed.
    #[serde(with = "rfc3339")]
    pub saved_at: DateTime<FixedOffset>,
    /// The meeting clock at the save, in milliseconds.
    pub meeting_clock_at_save: u64,
    pub meeting: Timing,
    /// The boot clock at the save: within the same boot it measures the time the program was
    /// closed even if the wall clock was stepped meanwhile. Absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot: Option<BootStamp>,
}

/// Which boot of the machine, and its boot clock (which counts suspend), at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BootStamp {
    /// The kernel's random id of this boot.
    pub boot_id: String,
    /// `CLOCK_BOOTTIME` in milliseconds.
    pub boot_ms: u64,
}

impl SavedMeeting {
    /// A snapshot of a meeting's timing at meeting-clock `now` and wall clock `wall_now`.
    #[must_use]
    pub fn new(
        agenda: &str,
        agenda_hash: String,
        seed: u64,
        speed: u32,
        meeting: &Timing,
        now: Duration,
        wall_now: DateTime<Local>,
    ) -> SavedMeeting {
        SavedMeeting {
            version: FORMAT_VERSION,
            agenda: agenda.to_string(),
            agenda_hash,
            seed,
            speed,
            // Milliseconds, as the file stores them, so a loaded state equals the saved one.
            saved_at: wall_now.fixed_offset().trunc_subsecs(3),
            meeting_clock_at_save: u64::try_from(now.as_millis()).unwrap_or(u64::MAX),
            meeting: meeting.clone(),
            boot: None,
        }
    }

    /// The same snapshot, stamped with the boot clock read at the save.
    #[must_use]
    pub fn with_boot(mut self, boot: Option<BootStamp>) -> SavedMeeting {
        self.boot = boot;
        self
    }

    /// Refuses to resume with another agenda, or with one whose bytes or members changed.
    ///
    /// # Errors
    /// `DifferentAgenda` when the labels differ, `AgendaChanged` when the hashes differ.
    pub fn check_matches(&self, agenda: &str, agenda_hash: &str) -> Result<(), ResumeError> {
        if self.agenda != agenda {
            return Err(ResumeError::DifferentAgenda {
                saved: self.agenda.clone(),
                given: agenda.to_string(),
            });
        }
        if self.agenda_hash != agenda_hash {
            return Err(ResumeError::AgendaChanged {
                agenda: self.agenda.clone(),
            });
        }
        Ok(())
    }

    /// The meeting rebuilt on `plan` (built with `self.seed`).
    ///
    /// # Errors
    /// `DoesNotFit` when the saved positions do not fit the plan.
    pub fn restore(&self, plan: Plan) -> Result<Meeting, ResumeError> {
        Meeting::restore(plan, self.meeting.clone()).ok_or(ResumeError::DoesNotFit)
    }

    /// The meeting clock to continue from: the clock at the save plus the time the program
    /// was closed, run at the saved speed (the meeting went on in the room meanwhile).
    #[must_use]
    pub fn clock_on_resume(
        &self,
        wall_now: DateTime<Local>,
        boot_now: Option<&BootStamp>,
    ) -> Duration {
        let at_save = Duration::from_millis(self.meeting_clock_at_save);
        let closed = downtime(self, wall_now, boot_now);
        at_save.saturating_add(closed.saturating_mul(self.speed.max(1)))
    }
}

/// The opening screen's sentence about an unfinished saved meeting (SPEC §9): which agenda
/// (its file name, escaped: the state file may have been edited), when it stopped and how far
/// it got. `None` for a file that could not be read: only that something is saved is said.
#[must_use]
pub fn describe_unfinished(saved: Option<&SavedMeeting>, wall_now: DateTime<Local>) -> String {
    let Some(saved) = saved else {
        return "A saved meeting that cannot be read is kept here.".to_string();
    };
    let agenda = if saved.agenda == BUILTIN_AGENDA {
        "the built-in agenda".to_string()
    } else {
        let name = std::path::Path::new(&saved.agenda).file_name().map_or_else(
            || saved.agenda.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
        crate::agenda::text::escape(&name)
    };
    let stopped = saved.saved_at.with_timezone(&Local);
    let when = crate::wall::stamp(stopped.naive_local(), wall_now.date_naive());
    let progress = &saved.meeting.progress;
    let slot = progress
        .current
        .map_or(progress.slots.len(), |current| current + 1);
    let into =
        Duration::from_millis(saved.meeting_clock_at_save).saturating_sub(saved.meeting.start);
    // `when` is on the real clock, as the rest of the opening screen is; a rehearsal's
    // progress is said in both clocks, each named (README, "Rehearsals").
    let (what, into) = match saved.speed {
        0 | 1 => ("meeting", format!("{} in", length_in_words(into))),
        speed => (
            "rehearsal",
            format!(
                "{} in — {} of rehearsal",
                length_in_words(into / speed),
                length_in_words(into)
            ),
        ),
    };
    format!(
        "An unfinished {what} is saved: {agenda}, stopped {when}, {into}, slot {slot} of {}.",
        progress.slots.len()
    )
}

/// The time since the save. Within the same boot it is the boot clock's, so a wall clock
/// stepped while the program was closed changes nothing; after a reboot only the wall clock
/// is left, and it is never taken negative, so a clock set backwards adds nothing.
#[must_use]
pub fn downtime(
    saved: &SavedMeeting,
    wall_now: DateTime<Local>,
    boot_now: Option<&BootStamp>,
) -> Duration {
    if let (Some(then), Some(now)) = (&saved.boot, boot_now)
        && then.boot_id == now.boot_id
    {
        return Duration::from_millis(now.boot_ms.saturating_sub(then.boot_ms));
    }
    wall_now
        .fixed_offset()
        .signed_duration_since(saved.saved_at)
        .to_std()
        .unwrap_or(Duration::ZERO)
}

/// SHA-256 (lowercase hex) of the agenda's bytes and the effective member list, each part
/// length-prefixed so no two different inputs share an encoding. A changed agenda or another
/// `--members` is detected while no name is stored in clear.
#[must_use]
pub fn agenda_hash(agenda_bytes: &[u8], members: &[String]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"forumtimer agenda v1\0");
    let mut part = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    part(agenda_bytes);
    for member in members {
        part(member.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// `saved_at` as an RFC 3339 string, so the file stays readable and needs no chrono feature.
mod rfc3339 {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Millis, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)
    }
}
