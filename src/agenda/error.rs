//! `AgendaError`: one problem with an agenda, tied to where it is in the file.
//!
//! Validation code produces a [`Problem`] (message, help, byte span); `AgendaError` adds the
//! file name and turns the span into a line, a column and the escaped text of that line, so the
//! error owns everything it needs to print and never holds raw control characters.

use std::fmt;
use std::ops::Range;

use super::{diagnostic, text};

/// A problem found in an agenda before it knows which file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub message: String,
    pub help: Option<String>,
    /// Byte range in the (BOM-stripped) source text.
    pub span: Option<Range<usize>>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }
}

/// Where in the file an error points, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct At {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The line, without its line break, forbidden characters escaped.
    pub line_text: String,
    /// The offending part of `line_text`, as a byte range.
    pub span: Range<usize>,
}

/// Why an agenda could not be used. `Display` is the full diagnostic (several lines, no colour);
/// [`AgendaError::summary`] is one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaError(Box<Details>);

/// Boxed so that `Result<Agenda, AgendaError>` stays small on the happy path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    origin: String,
    message: String,
    help: Option<String>,
    at: Option<At>,
}

impl AgendaError {
    /// `problem` found in `source` (the text its span refers to), read from `origin`.
    pub(crate) fn new(origin: &str, problem: Problem, source: Option<&str>) -> Self {
        let at = match (problem.span, source) {
            (Some(span), Some(source)) => Some(locate(source, span)),
            _ => None,
        };
        AgendaError(Box::new(Details {
            origin: text::escape(origin),
            message: text::escape(&problem.message),
            help: problem.help.as_deref().map(text::escape),
            at,
        }))
    }

    /// 1-based line and column (in characters) of the problem, when it has a place in a file.
    #[must_use]
    pub fn location(&self) -> Option<(usize, usize)> {
        self.0.at.as_ref().map(|at| (at.line, at.column))
    }

    /// One line: `file:line:col: message`, without control characters.
    #[must_use]
    pub fn summary(&self) -> String {
        let details = &self.0;
        match &details.at {
            Some(at) => format!(
                "{}:{}:{}: {}",
                details.origin, at.line, at.column, details.message
            ),
            None => format!("{}: {}", details.origin, details.message),
        }
    }

    /// The message alone (escaped), e.g. "unknown key `lenght`".
    #[must_use]
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// How to fix it, when there is something to say.
    #[must_use]
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// The file (or `--members`) the problem is in.
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.0.origin
    }

    pub(crate) fn at(&self) -> Option<&At> {
        self.0.at.as_ref()
    }
}

impl fmt::Display for AgendaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&diagnostic::render(self))
    }
}

impl std::error::Error for AgendaError {}

/// Turns a byte span of `source` into a line, a column and the escaped line text.
pub(crate) fn locate(source: &str, span: Range<usize>) -> At {
    let start = floor_boundary(source, span.start);
    let end = floor_boundary(source, span.end.max(start));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let raw_line = &source[line_start..line_end];
    let raw_line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
    let line = source[..start].matches('\n').count() + 1;
    let column = source[line_start..start].chars().count() + 1;
    let local_start = (start - line_start).min(raw_line.len());
    let mut local_end = end.saturating_sub(line_start).min(raw_line.len());
    if local_end <= local_start {
        // An empty span still deserves a caret: widen it to the character under it.
        local_end = raw_line[local_start..]
            .chars()
            .next()
            .map_or(local_start, |c| local_start + c.len_utf8());
    }
    // Tabs stay: the renderer turns them into spaces itself and keeps columns right.
    let (line_text, span) = text::escape_with_span(raw_line, local_start..local_end, true);
    At {
        line,
        column,
        line_text,
        span,
    }
}

/// The largest char boundary of `text` at or before `index`.
fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_becomes_one_based_line_and_character_column() {
        let source = "a = 1\nété = \"x\"\n";
        let at = locate(source, 14..17);
        assert_eq!((at.line, at.column), (2, 7));
        assert_eq!(at.line_text, "été = \"x\"");
        assert_eq!(&at.line_text[at.span], "\"x\"");
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let at = locate("a = 1\r\nb = 2\r\n", 7..8);
        assert_eq!((at.line, at.column), (2, 1));
        assert_eq!(at.line_text, "b = 2");
    }

    #[test]
    fn span_past_the_end_or_inside_a_character_is_clamped() {
        let at = locate("ab\ncd", 99..120);
        assert_eq!((at.line, at.column), (2, 3));
        let at = locate("é", 1..2);
        assert_eq!((at.line, at.column), (1, 1));
    }

    #[test]
    fn empty_span_is_widened_to_one_character() {
        let at = locate("key = ", 0..0);
        assert_eq!(&at.line_text[at.span], "k");
    }

    #[test]
    fn summary_is_one_line_and_escaped() {
        let problem = Problem::new("unknown key `a\u{1b}b`").at(0..1);
        let error = AgendaError::new("x\u{7}.toml", problem, Some("a\u{1b}b = 1"));
        assert_eq!(error.summary(), "x\\u{7}.toml:1:1: unknown key `a\\u{1b}b`");
        assert_eq!(error.location(), Some((1, 1)));
    }
}
