//! Renders an `AgendaError` the way cargo renders TOML errors: title, `--> file:line:col`, the
//! line, a caret under the problem, and a `= help:` line. Plain text; the CLI may add colour.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::error::AgendaError;

/// The full diagnostic, without a trailing newline.
pub(crate) fn render(error: &AgendaError) -> String {
    let title = Level::ERROR.primary_title(error.message());
    let mut group: Group<'_> = match error.at() {
        Some(at) => {
            // The renderer derives `file:line:col` from the shown line. That matches the
            // original column because escapes only ever stand for characters the pre-scan
            // refuses, and its error points at the first of them on the line.
            let snippet = Snippet::source(at.line_text.as_str())
                .path(error.origin())
                .line_start(at.line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(at.span.clone()));
            title.element(snippet)
        }
        None => title.element(Origin::path(error.origin())),
    };
    if let Some(help) = error.help() {
        group = group.element(Level::HELP.message(help));
    }
    Renderer::plain().render(&[group])
}

#[cfg(test)]
mod tests {
    use crate::agenda::error::{AgendaError, Problem};

    #[test]
    fn renders_like_cargo_with_file_line_column_caret_and_help() {
        let source = "title = \"x\"\nlenght = \"3m\"\n";
        let problem = Problem::new("unknown key `lenght`")
            .help("did you mean `length`?")
            .at(12..18);
        let text = AgendaError::new("agendas/monthly.toml", problem, Some(source)).to_string();
        let expected = "\
error: unknown key `lenght`
 --> agendas/monthly.toml:2:1
  |
2 | lenght = \"3m\"
  | ^^^^^^
  |
  = help: did you mean `length`?";
        assert_eq!(text, expected);
    }

    #[test]
    fn tab_indentation_keeps_the_column_of_the_original_line() {
        let source = "\tlenght = 1";
        let problem = Problem::new("unknown key `lenght`").at(1..7);
        let error = AgendaError::new("f.toml", problem, Some(source));
        assert_eq!(error.location(), Some((1, 2)));
        let text = error.to_string();
        assert!(text.contains("--> f.toml:1:2"), "{text}");
        assert!(!text.contains('\t'), "{text}");
    }

    #[test]
    fn control_characters_in_the_shown_line_are_escaped() {
        let source = "title = \"a\u{1b}[2Jb\"";
        let problem = Problem::new("bad").at(10..11);
        let text = AgendaError::new("f.toml", problem, Some(source)).to_string();
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("a\\u{1b}[2Jb"), "{text}");
        assert!(text.contains("f.toml:1:11"), "{text}");
    }

    #[test]
    fn an_error_without_a_place_still_names_the_file() {
        let problem = Problem::new("the agenda is empty").help("run `forumtimer new`");
        let text = AgendaError::new("e.toml", problem, None).to_string();
        assert!(text.starts_with("error: the agenda is empty\n"), "{text}");
        assert!(text.contains("--> e.toml"), "{text}");
        assert!(text.contains("= help: run `forumtimer new`"), "{text}");
    }
}
