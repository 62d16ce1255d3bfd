//! The rules for member names (SPEC §3, §5): trimmed, something visible, not starting with a
//! combining mark, unique ignoring case and invisible characters, no control characters or bidi
//! embeddings, overrides and isolates. One rule ([`rule`]) for names from the file, from
//! `--members` and for guests typed in the room.

use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;

use super::error::Problem;
use super::{suggest, text};
use crate::domain::name::{self, same_name};

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
        let name = match rule(raw) {
            Ok(name) => name,
            Err(Fault::Forbidden(c)) => {
                return Err(place(Problem::new(format!(
                    "the {ordinal} name in {origin} contains {}",
                    text::describe(c)
                )))
                .help("remove it: names may not contain control characters or bidi embeddings, overrides and isolates"));
            }
            Err(Fault::Blank) => {
                let problem = Problem::new(format!("the {ordinal} name in {origin} is empty"));
                return Err(place(match raw.chars().find(|&c| name::is_invisible(c)) {
                    Some(c) => problem.help(format!(
                        "it holds only invisible characters, such as U+{:04X}: write a name, or remove the entry",
                        u32::from(c)
                    )),
                    None => problem.help("write a name, or remove the empty entry"),
                }));
            }
            Err(Fault::LoneMark(mark)) => {
                return Err(place(Problem::new(format!(
                    "the {ordinal} name in {origin} starts with the combining mark U+{:04X}, which has no letter to sit on",
                    u32::from(mark)
                )))
                .help("write the letter it belongs to before it, or remove it"));
            }
        };
        if let Some(first) = accepted.iter().find(|m| same_name(m, name)) {
            let (name, first) = (reveal(name), reveal(first));
            return Err(place(Problem::new(format!(
                "`{name}` appears twice in {origin} (as `{first}` too)"
            )))
            .help("names must be unique, ignoring case and invisible characters; add an initial to tell them apart"));
        }
        accepted.push(name.to_string());
    }
    Ok(accepted)
}

/// `name` with its invisible characters written as escapes (`A\u{200b}na`): two names that
/// only they tell apart would otherwise read the same in the message that calls them one.
fn reveal(name: &str) -> String {
    name.chars()
        .fold(String::with_capacity(name.len()), |mut out, c| {
            if name::is_invisible(c) {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            } else {
                out.push(c);
            }
            out
        })
}

/// Why a name cannot be one.
enum Fault {
    /// A control character, or a bidi embedding, override or isolate.
    Forbidden(char),
    /// Nothing in it shows.
    Blank,
    /// What shows first is a combining mark, with no letter under it.
    LoneMark(char),
}

/// The one rule for a name, wherever it comes from (the file, `--members`, a guest typed in
/// the room): no forbidden character; trimmed of what shows nothing at either end; something
/// visible; not starting with a combining mark. Invisible characters inside (ZWNJ in Persian,
/// ZWJ in Indic scripts and emoji, bidi marks) are kept as written; `same_name` ignores them.
fn rule(raw: &str) -> Result<&str, Fault> {
    if let Some((_, c)) = text::find_forbidden(raw) {
        return Err(Fault::Forbidden(c));
    }
    let name = name::trim(raw);
    if name::is_blank(name) {
        return Err(Fault::Blank);
    }
    if let Some(mark) = name::lone_mark(name) {
        return Err(Fault::LoneMark(mark));
    }
    Ok(name)
}

/// A guest's name typed in the room, by the agenda's rules (SPEC §3, §8): see [`rule`], and not
/// the name of anyone already in the meeting (`taken`). The error is one short line for the
/// screen, which never echoes a control character.
///
/// # Errors
/// When the name breaks one of those rules.
pub fn guest_name(raw: &str, taken: &[String]) -> Result<String, String> {
    let name = match rule(raw) {
        Ok(name) => name,
        Err(Fault::Forbidden(c)) => {
            return Err(format!("A name cannot contain {}", text::describe(c)));
        }
        Err(Fault::Blank) => return Err("Type a name first".to_string()),
        Err(Fault::LoneMark(mark)) => {
            return Err(format!(
                "A name cannot start with the combining mark U+{:04X}",
                u32::from(mark)
            ));
        }
    };
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
    let name = name::trim(speaker.get_ref());
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

    /// Zero width space, word joiner, BOM, soft hyphen, the bidi marks, a Hangul filler, a
    /// variation selector and a tag letter: nothing any of them draws is a name.
    const INVISIBLE: [&str; 10] = [
        "\u{200b}",
        "\u{2060}",
        "\u{feff}",
        "\u{ad}",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{3164}",
        "\u{fe0f}",
        "\u{e0041}",
    ];

    #[test]
    fn a_name_of_only_invisible_characters_is_empty() {
        for blank in INVISIBLE.iter().map(|c| format!(" {c}\u{200b} ")) {
            let problem = cli(&["Ana", &blank]).unwrap_err();
            assert_eq!(
                problem.message, "the 2nd name in --members is empty",
                "{blank:?}"
            );
            assert!(
                problem
                    .help
                    .is_some_and(|h| h.contains("only invisible characters")),
                "{blank:?}"
            );
            assert_eq!(
                guest_name(&blank, &[]),
                Err("Type a name first".to_string()),
                "{blank:?}"
            );
        }
        assert!(
            cli(&["Ana", "  "])
                .unwrap_err()
                .help
                .is_some_and(|h| !h.contains("invisible")),
            "a name of spaces is just empty"
        );
    }

    #[test]
    fn names_that_differ_only_by_invisible_characters_are_one_duplicate() {
        let joiners = ["\u{200c}", "\u{200d}"];
        for c in INVISIBLE.iter().chain(&joiners) {
            for other in [format!("Ana{c}"), format!("A{c}na"), format!("{c}ANA")] {
                let problem = cli(&["Ana", &other]).unwrap_err();
                assert!(problem.message.contains("appears twice"), "{other:?}");
                assert!(
                    problem
                        .help
                        .is_some_and(|h| h.contains("invisible characters")),
                    "{other:?}"
                );
                let taken = ["Ana".to_string()];
                assert!(guest_name(&other, &taken).is_err(), "{other:?}");
            }
        }
    }

    #[test]
    fn a_duplicate_shows_the_invisible_characters_that_hid_it() {
        assert_eq!(
            cli(&["Ana", "A\u{200b}na"]).unwrap_err().message,
            "`A\\u{200b}na` appears twice in --members (as `Ana` too)"
        );
    }

    #[test]
    fn invisible_characters_at_either_end_are_trimmed_like_spaces() {
        assert_eq!(
            cli(&["\u{feff}Ana\u{200b} ", " \u{2060} Ben\u{ad}"]).unwrap(),
            ["Ana", "Ben"]
        );
        assert_eq!(
            guest_name("\u{200b}Zoë\u{2060}", &[]),
            Ok("Zoë".to_string())
        );
        // What an invisible character does to the letter before it stays with that letter:
        // the emoji form of ❤ and a flag's tag sequence.
        let heart = "Ana \u{2764}\u{fe0f}";
        let scotland = "Ana \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(cli(&[heart, scotland]).unwrap(), [heart, scotland]);
    }

    #[test]
    fn joiners_inside_names_are_kept_as_written() {
        // Persian needs ZWNJ, Devanagari conjuncts ZWJ, emoji sequences ZWJ.
        let names = [
            "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
            "\u{915}\u{94d}\u{200d}\u{937}",
            "\u{1f469}\u{200d}\u{1f4bb} Ana",
        ];
        assert_eq!(cli(&names).unwrap(), names);
        assert_eq!(guest_name(names[0], &[]), Ok(names[0].to_string()));
    }

    #[test]
    fn a_name_that_starts_with_a_lone_combining_mark_is_refused() {
        for name in [
            "\u{301}",
            "\u{301}Ana",
            " \u{200b}\u{301}Ana",
            "\u{200d}\u{301}",
            "\u{93e}",
        ] {
            let problem = cli(&["Ben", name]).unwrap_err();
            assert!(
                problem
                    .message
                    .starts_with("the 2nd name in --members starts with the combining mark U+0"),
                "{name:?}: {}",
                problem.message
            );
            assert!(
                !problem
                    .message
                    .contains(unicode_normalization::char::is_combining_mark),
                "the message names the mark, it does not draw it"
            );
            assert!(
                problem
                    .help
                    .is_some_and(|h| h.contains("the letter it belongs to")),
                "{name:?}"
            );
            let refused = guest_name(name, &[]).unwrap_err();
            assert!(refused.contains("combining mark"), "{name:?}: {refused}");
        }
        // On its letter a mark is part of the name.
        assert_eq!(
            cli(&["Jose\u{301}", "e\u{301}va"]).unwrap(),
            ["Jose\u{301}", "e\u{301}va"]
        );
    }

    #[test]
    fn bidi_marks_are_allowed_in_names_but_embeddings_overrides_and_isolates_are_not() {
        // A mark only hints at direction where it stands; the others reorder what follows.
        let names = [
            "\u{5e9}\u{5e8}\u{5d4} 2\u{200f}",
            "\u{200e}Ana (\u{5d1})",
            "\u{644}\u{64a}\u{644}\u{649}\u{61c} 3",
        ];
        assert_eq!(cli(&names).unwrap(), names);
        assert_eq!(guest_name(names[0], &[]), Ok(names[0].to_string()));
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            let name = format!("Ana{c}");
            let problem = cli(&[&name]).unwrap_err();
            assert!(
                problem.message.contains("the bidi control character"),
                "{c:?}"
            );
            assert!(guest_name(&name, &[]).is_err(), "{c:?}");
        }
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
