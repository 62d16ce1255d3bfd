//! A pre-scan of the raw text, before the TOML parser sees it.
//!
//! It refuses two things the parser handles badly or not at all: characters that must never
//! reach a terminal (even in comments, which are never shown but are read by editors), and
//! nesting so deep that building or dropping the parsed tree could exhaust the stack.

use super::error::Problem;
use super::text;

/// Deeper than any agenda needs (a spotlight is three levels: `phases = [{ … }]`).
pub const MAX_DEPTH: usize = 32;

/// Checks `source` for forbidden characters and excessive nesting.
pub(crate) fn check(source: &str) -> Result<(), Problem> {
    if let Some((offset, c)) = source
        .char_indices()
        .find(|&(_, c)| text::is_forbidden_in_source(c))
    {
        return Err(Problem::new(format!("{} in the agenda", text::describe(c)))
            .help("remove it: agenda files may not contain control or bidi characters")
            .at(offset..offset + c.len_utf8()));
    }
    check_depth(source)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    Comment,
    Basic,
    Literal,
    MultiBasic,
    MultiLiteral,
}

/// Counts `[`/`{` nesting and the parts of dotted keys (`a.b.c` nests tables too), outside
/// strings and comments, and refuses anything deeper than [`MAX_DEPTH`].
fn check_depth(source: &str) -> Result<(), Problem> {
    let bytes = source.as_bytes();
    let mut state = State::Normal;
    let mut depth = 0usize;
    // Dots since the last place a key can start; values have at most one or two (`1.5`, dates).
    let mut dots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let rest = &bytes[i..];
        match state {
            State::Normal => match b {
                b'#' => state = State::Comment,
                b'"' if rest.starts_with(b"\"\"\"") => {
                    state = State::MultiBasic;
                    i += 2;
                }
                b'"' => state = State::Basic,
                b'\'' if rest.starts_with(b"'''") => {
                    state = State::MultiLiteral;
                    i += 2;
                }
                b'\'' => state = State::Literal,
                b'[' | b'{' => {
                    depth += 1;
                    dots = 0;
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    dots = 0;
                }
                b'\n' | b'=' | b',' => dots = 0,
                b'.' => dots += 1,
                _ => {}
            },
            State::Comment if b == b'\n' => {
                state = State::Normal;
                dots = 0;
            }
            State::Basic | State::MultiBasic if b == b'\\' => i += 1,
            State::Basic if b == b'"' || b == b'\n' => state = State::Normal,
            State::Literal if b == b'\'' || b == b'\n' => state = State::Normal,
            State::MultiBasic if rest.starts_with(b"\"\"\"") => {
                state = State::Normal;
                i += 2;
            }
            State::MultiLiteral if rest.starts_with(b"'''") => {
                state = State::Normal;
                i += 2;
            }
            _ => {}
        }
        if depth + dots > MAX_DEPTH {
            return Err(Problem::new(format!(
                "the agenda is nested too deeply (more than {MAX_DEPTH} levels)"
            ))
            .help("an agenda needs only a few levels: `[[segment]]` with `phases = [{ … }]`")
            .at(i..i + 1));
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_arrays_are_refused_at_the_first_bracket_too_many() {
        let source = format!("a = {}", "[".repeat(100_000));
        let problem = check(&source).err();
        assert_eq!(problem.and_then(|p| p.span), Some(36..37));
    }

    #[test]
    fn deep_inline_tables_and_dotted_keys_are_refused() {
        assert!(check(&"a = { b = ".repeat(40)).is_err());
        assert!(check(&format!("{} = 1", "a.".repeat(40) + "a")).is_err());
        assert!(check(&format!("[{}]", "a.".repeat(40) + "a")).is_err());
    }

    #[test]
    fn brackets_and_dots_inside_strings_and_comments_do_not_count() {
        let deep = "[".repeat(100);
        let dots = ".".repeat(100);
        for source in [
            format!("a = \"{deep}\""),
            format!("a = '{deep}'"),
            format!("a = \"\"\"\n{deep}\n\"\"\""),
            format!("a = '''{deep}'''"),
            format!("# {deep}\na = 1"),
            format!("a = \"\\\"{deep}\""),
            format!("a = \"{dots}\""),
        ] {
            assert!(check(&source).is_ok(), "{source}");
        }
    }

    #[test]
    fn ordinary_agenda_nesting_and_floats_pass() {
        let source = "[[segment]]\nphases = [{ name = \"a\", length = \"1m\" }]\nx = [1.5, 2.5]\n";
        assert!(check(source).is_ok());
    }

    #[test]
    fn raw_escape_is_refused_but_tab_in_whitespace_is_fine() {
        assert!(check("a\t= 1\r\n").is_ok());
        let problem = check("a = 1 # \u{1b}[2J\n").err();
        assert_eq!(problem.and_then(|p| p.span), Some(8..9));
    }
}
