//! `forumtimer schema`: print the JSON Schema of the agenda format, for TOML editors; and the
//! copy of it that the agendas `new` writes point editors at.
//!
//! Why a copy in the data directory: taplo's `#:schema` directive takes a URL or a path, and
//! an agenda written by `new` may be saved anywhere. An absolute path to a file this binary
//! keeps current works offline, from any folder, and always matches the format the installed
//! binary reads — a URL would need the network and could describe another version.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::Outcome;
use crate::agenda::json_schema;

/// The directive's name, as taplo reads it in an agenda's first comment lines.
const DIRECTIVE: &str = "#:schema ";

/// Writes the schema to standard output.
///
/// # Errors
/// A failed write; a closed pipe is handled by the caller.
pub fn run() -> Result<Outcome> {
    std::io::stdout()
        .lock()
        .write_all(json_schema::text().as_bytes())?;
    Ok(Outcome::Success)
}

/// Where `new` keeps the schema its agendas name: `$XDG_DATA_HOME/forumtimer/agenda.schema.json`
/// (or `~/.local/share/…`); `None` where the system has no data directory.
#[must_use]
pub fn editor_copy() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("forumtimer").join("agenda.schema.json"))
}

/// Makes the copy at `path` this binary's schema, writing only when it differs.
///
/// # Errors
/// The directory cannot be created or the file cannot be written.
pub fn refresh_editor_copy(path: &Path) -> std::io::Result<()> {
    let text = json_schema::text();
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(());
    }
    std::fs::create_dir_all(crate::private_file::parent_dir(path))?;
    crate::private_file::write_atomic(path, text.as_bytes())
}

/// `agenda` with `#:schema PATH` as its first line, replacing a directive already there (the
/// shipped agendas name the repository's copy). A path that is not plain text on one line
/// (not UTF-8, or with a control character such as a newline) cannot be named in a comment
/// line without breaking the agenda: then the agenda goes without a directive.
#[must_use]
pub fn with_directive(agenda: &str, schema: &Path) -> String {
    let body = match agenda.split_once('\n') {
        Some((first, rest)) if first.starts_with(DIRECTIVE) => rest,
        _ => agenda,
    };
    match schema.to_str() {
        Some(path) if !path.chars().any(crate::agenda::text::is_forbidden) => {
            format!("{DIRECTIVE}{path}\n{body}")
        }
        _ => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directive_is_the_first_line_and_replaces_an_older_one() {
        let schema = Path::new("/home/ana/.local/share/forumtimer/agenda.schema.json");
        let fresh = with_directive("title = \"Forum\"\n", schema);
        assert_eq!(
            fresh,
            "#:schema /home/ana/.local/share/forumtimer/agenda.schema.json\ntitle = \"Forum\"\n"
        );
        let again = with_directive(
            "#:schema ../schema/agenda.schema.json\n# A forum\ntitle = \"Forum\"\n",
            schema,
        );
        assert_eq!(
            again,
            "#:schema /home/ana/.local/share/forumtimer/agenda.schema.json\n# A forum\ntitle = \"Forum\"\n"
        );
    }

    #[test]
    fn a_path_that_would_break_the_line_is_left_out() {
        let agenda = "#:schema ../schema/agenda.schema.json\ntitle = \"Forum\"\n";
        let odd = Path::new("/tmp/a\nmembers = []/agenda.schema.json");
        assert_eq!(with_directive(agenda, odd), "title = \"Forum\"\n");
    }

    #[test]
    fn the_copy_is_written_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("forumtimer/agenda.schema.json");
        refresh_editor_copy(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), json_schema::text());
        std::fs::write(&path, "stale").unwrap();
        refresh_editor_copy(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), json_schema::text());
    }
}
