//! The rules for member names (SPEC §3): trimmed, non-empty, unique ignoring case, no control
//! or bidi characters. The same rules apply to names from the file and from `--members`.

use std::ops::Range;

use toml::Spanned;

use super::error::Problem;
use super::{suggest, text};
use crate::domain::agenda::same_name;

/// Far above any forum (SPEC §1: up to ~30); it bounds the plan that rounds unroll into.
pub const MAX_MEMBERS: usize = 100;

/// The help shown whenever an agenda ends up without members.
pub(crate) const ADD_MEMBERS: &str =
    "add at least one member, like `members = [\"Ana\", \"Ben\"]`, or pass --members \"Ana,Ben\"";

/// Members as written in the file's `members` list.
pub(crate) fn from_file(list: &Spanned<Vec<Spanned<String>>>) -> Result<Vec<String>, Problem> {
    let names: Vec<_> = list
        .get_ref()
        .iter()
        .map(|name| (name.get_ref().as_str(), Some(name.span())))
        .collect();
    if names.is_empty() {
        return Err(Problem::new("the agenda has no members")
            .help(ADD_MEMBERS)
            .at(list.span()));
    }
    check(&names, "`members`")
}

/// Members given on the command line, already split.
pub(crate) fn from_cli(list: &[String]) -> Result<Vec<String>, Problem> {
    let names: Vec<_> = list.iter().map(|name| (name.as_str(), None)).collect();
    if names.is_empty() {
        return Err(Problem::new("--members lists no one")
            .help("give at least one name, separated by commas: --members \"Ana,Ben\""));
    }
    check(&names, "--members")
}

/// Applies the name rules; `origin` says where the names came from, for messages.
fn check(names: &[(&str, Option<Range<usize>>)], origin: &str) -> Result<Vec<String>, Problem> {
    if let Some((_, span)) = names.get(MAX_MEMBERS) {
        let problem = Problem::new(format!(
            "{origin} lists {} names; an agenda can have at most {MAX_MEMBERS} members",
            names.len()
        ))
        .help("split the group into several meetings");
        return Err(match span {
            Some(span) => problem.at(span.clone()),
            None => problem,
        });
    }
    let mut accepted: Vec<String> = Vec::with_capacity(names.len());
    for (position, (raw, span)) in names.iter().enumerate() {
        let place = |problem: Problem| match span {
            Some(span) => problem.at(span.clone()),
            None => problem,
        };
        let ordinal = ordinal(position + 1);
        if let Some((_, c)) = text::find_forbidden(raw) {
            return Err(place(Problem::new(format!(
                "the {ordinal} name in {origin} contains {}",
                text::describe(c)
            )))
            .help("remove it: names may not contain control or bidi characters"));
        }
        let name = raw.trim();
        if name.is_empty() {
            return Err(place(Problem::new(format!(
                "the {ordinal} name in {origin} is empty"
            )))
            .help("write a name, or remove the empty entry"));
        }
        if let Some(first) = accepted.iter().find(|m| same_name(m, name)) {
            return Err(place(Problem::new(format!(
                "`{name}` appears twice in {origin} (as `{first}` too)"
            )))
            .help("names must be unique, ignoring case; add an initial to tell them apart"));
        }
        accepted.push(name.to_string());
    }
    Ok(accepted)
}

/// A guest's name typed in the room, by the agenda's rules (SPEC §3, §8): trimmed, not empty,
/// no control or bidi characters, not the name of anyone already in the meeting (`taken`).
/// The error is one short line for the screen, which never echoes a control character.
///
/// # Errors
/// When the name breaks one of those rules.
pub fn guest_name(raw: &str, taken: &[String]) -> Result<String, String> {
    if let Some((_, c)) = text::find_forbidden(raw) {
        return Err(format!("A name cannot contain {}", text::describe(c)));
    }
    let name = raw.trim();
    if name.is_empty() {
        return Err("Type a name first".to_string());
    }
    if let Some(first) = taken.iter().find(|m| same_name(m, name)) {
        return Err(format!("{first} is already here: add an initial"));
    }
    Ok(name.to_string())
}

/// The index of `speaker` in `members`, or a problem saying who the members are.
pub(crate) fn speaker(
    speaker: &Spanned<String>,
    members: &[String],
    from_cli: bool,
) -> Result<usize, Problem> {
    let name = speaker.get_ref().trim();
    if let Some(index) = members.iter().position(|m| same_name(m, name)) {
        return Ok(index);
    }
    let among = if from_cli {
        "among the members given with --members"
    } else {
        "among the agenda's `members`"
    };
    let candidates: Vec<&str> = members.iter().map(String::as_str).collect();
    let listed = if members.len() <= 12 {
        format!(" (members: {})", members.join(", "))
    } else {
        String::new()
    };
    let help = match suggest::nearest_name(name, &candidates) {
        Some(near) => format!("did you mean `{near}`?{listed}"),
        None if from_cli => format!("add `{name}` to --members, or change `speaker`{listed}"),
        None => format!("add `{name}` to `members`, or change `speaker`{listed}"),
    };
    Err(Problem::new(format!("speaker `{name}` is not {among}"))
        .help(help)
        .at(speaker.span()))
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_precomposed_and_decomposed_is_one_duplicate() {
        let precomposed = "Jos\u{e9}";
        let decomposed = "Jose\u{301}";
        assert!(same_name(precomposed, decomposed));
        assert!(same_name("JOSE\u{301}", precomposed));
        let error = cli(&[precomposed, decomposed]).unwrap_err();
        assert!(error.message.contains("appears twice"), "{}", error.message);
        assert!(!same_name("Jose", precomposed));
    }

    fn cli(names: &[&str]) -> Result<Vec<String>, Problem> {
        from_cli(&names.iter().map(|n| (*n).to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn names_are_trimmed_and_kept_as_written() {
        assert_eq!(
            cli(&[" Ana ", "ben", "Chidi Okafor"]).unwrap(),
            ["Ana", "ben", "Chidi Okafor"]
        );
    }

    #[test]
    fn duplicates_are_found_ignoring_case() {
        let problem = cli(&["Ana", "Ben", "ANA"]).unwrap_err();
        assert_eq!(
            problem.message,
            "`ANA` appears twice in --members (as `Ana` too)"
        );
        assert!(cli(&["Éva", "éVA"]).is_err());
    }

    #[test]
    fn empty_names_and_control_characters_are_refused() {
        assert_eq!(
            cli(&["Ana", "  "]).unwrap_err().message,
            "the 2nd name in --members is empty"
        );
        assert!(
            cli(&["A\tna"])
                .unwrap_err()
                .message
                .contains("U+0009 (tab)")
        );
        assert!(cli(&["Ben\u{202e}"]).is_err());
        assert!(cli(&[]).is_err());
        let many: Vec<String> = (0..=MAX_MEMBERS).map(|i| format!("M{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(
            cli(&refs)
                .unwrap_err()
                .message
                .contains("at most 100 members")
        );
        assert!(cli(&refs[..MAX_MEMBERS]).is_ok());
    }

    #[test]
    fn a_guests_name_follows_the_agendas_rules() {
        let taken = ["Ana".to_string(), "Guest 1".to_string()];
        assert_eq!(guest_name("  Zoë ", &taken), Ok("Zoë".to_string()));
        assert_eq!(
            guest_name("ana", &taken),
            Err("Ana is already here: add an initial".to_string())
        );
        assert_eq!(
            guest_name("   ", &taken),
            Err("Type a name first".to_string())
        );
        let control = guest_name("Z\u{1b}[2J", &taken).unwrap_err();
        assert!(control.contains("U+001B"), "{control}");
        assert!(!control.contains('\u{1b}'));
        assert!(guest_name("Zo\u{202e}e", &taken).is_err());
        let jose = ["Jos\u{e9}".to_string()];
        assert!(
            guest_name("JOSE\u{301}", &jose).is_err(),
            "one name after NFC and case folding"
        );
    }

    #[test]
    fn ordinals_read_naturally() {
        let words: Vec<_> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).into();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
