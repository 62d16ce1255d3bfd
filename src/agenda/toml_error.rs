//! Turns the TOML parser's and serde's messages into ones an agenda author can act on.
//!
//! serde words its errors for programmers ("unknown field", "invalid type: sequence"); this
//! rewrites the common shapes in the agenda's vocabulary (keys, lists, tables) and adds help.

use super::error::Problem;
use super::suggest;

/// A problem from a `toml::de::Error` about `source`, positioned at its span.
pub(crate) fn problem(error: &toml::de::Error, source: &str) -> Problem {
    let raw = error.message().trim();
    let mut problem = rewrite(raw);
    problem.span = error.span();
    if raw == "duplicate key" {
        // The parser does not name the key; its span does.
        if let Some(key) = error.span().and_then(|span| source.get(span)) {
            let key = key.trim();
            if let Some(single) = single_table(source, key) {
                // `[segment]` then `[[segment]]`: the parser blames the second, correct
                // header, and "remove one" would delete a segment. Name the real mistake.
                return Problem::new(format!(
                    "`[{key}]` has single brackets, so it is one table, not one of a list"
                ))
                .help(format!(
                    "did you mean `[[{key}]]`? every {key} starts with double brackets"
                ))
                .at(single);
            }
            problem.message = format!("duplicate key `{key}`");
        }
    }
    problem
}

/// The span of a `[key]` header (single brackets) in `source`, if there is one.
fn single_table(source: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim();
        let inner = text
            .strip_prefix('[')
            .and_then(|t| t.split('#').next())
            .map(str::trim_end)
            .and_then(|t| t.strip_suffix(']'));
        if let Some(inner) = inner
            && !inner.starts_with('[')
            && inner.trim() == key
        {
            let start = offset + (line.len() - line.trim_start().len());
            return Some(start..start + text.split('#').next().unwrap_or(text).trim_end().len());
        }
        offset += line.len();
    }
    None
}

fn rewrite(raw: &str) -> Problem {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let help = match suggest::nearest(key, &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => "remove this key".to_string(),
            None => format!("the keys allowed here are {}", known_list(&known)),
        };
        return Problem::new(format!("unknown key `{key}`")).help(help);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        let example = match key {
            "name" => "name = \"Opening\"",
            _ => key,
        };
        return Problem::new(format!("missing key `{key}`"))
            .help(format!("add `{example}` to this table"));
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let found = plain_words(found);
        let expected = plain_words(expected);
        return Problem::new(format!("wrong type: expected {expected}, found {found}"))
            .help(type_help(&expected));
    }
    if raw.starts_with("duplicate key") {
        return Problem::new(raw.replace('\n', " "))
            .help("each key may appear only once per table; remove one of them");
    }
    Problem::new(format!("invalid TOML: {}", first_line(raw))).help(
        "check the syntax near the caret: strings in \"double quotes\", lists in [ ], \
         one `key = value` per line",
    )
}

/// serde's type words in the agenda's vocabulary.
fn plain_words(text: &str) -> String {
    text.replace("a sequence", "a list `[…]`")
        .replace("sequence", "list `[…]`")
        .replace("a map", "a table")
        .replace("map", "table")
        .replace("struct ", "table ")
}

fn type_help(expected: &str) -> &'static str {
    if expected.contains("string") {
        "write text in double quotes, like \"Opening\""
    } else if expected.contains("list") {
        "write a list in brackets, like [\"Ana\", \"Ben\"]; segments are written `[[segment]]`"
    } else if expected.contains("bool") {
        "write `true` or `false`, without quotes"
    } else if expected.contains("table") {
        "write a table, like `[prompts]` on its own line, followed by its keys"
    } else {
        "change the value to the expected type"
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// The words between backticks in `text`: serde's list of expected keys.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn known_list(known: &[&str]) -> String {
    known
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion_from_the_expected_keys() {
        let problem = rewrite("unknown field `lenght`, expected one of `name`, `length`, `each`");
        assert_eq!(problem.message, "unknown key `lenght`");
        assert_eq!(problem.help.as_deref(), Some("did you mean `length`?"));
    }

    #[test]
    fn unknown_field_without_a_near_key_lists_the_keys() {
        let problem = rewrite("unknown field `zzz`, expected `lines`");
        assert_eq!(
            problem.help.as_deref(),
            Some("the keys allowed here are `lines`")
        );
    }

    #[test]
    fn invalid_type_speaks_of_lists_and_tables() {
        let problem = rewrite("invalid type: string \"Ana\", expected a sequence");
        assert_eq!(
            problem.message,
            "wrong type: expected a list `[…]`, found string \"Ana\""
        );
        assert!(
            problem
                .help
                .is_some_and(|h| h.contains("[\"Ana\", \"Ben\"]"))
        );
    }

    #[test]
    fn missing_name_shows_an_example() {
        let problem = rewrite("missing field `name`");
        assert_eq!(
            problem.help.as_deref(),
            Some("add `name = \"Opening\"` to this table")
        );
    }
}
