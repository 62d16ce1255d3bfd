//! `forumtimer schema`: print the JSON Schema of the agenda format, for TOML editors; and the
//! copy of it that `new` writes beside the agendas it writes, which name it in their first line.
//!
//! Why beside the agenda, named by a relative path: taplo reads `#:schema` as a URL or a path
//! relative to the document, and agendas travel — authors copy each other's files and keep a
//! group's agendas in one shared folder. A path into one person's home names nothing on the
//! next person's machine; a relative one works for everyone who has the folder, and the line
//! after it says how to make the file where it is missing. The project has no public URL for
//! the schema, and one would need the network and could describe another version.

use std::io::Write;
use std::path::Path;

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

/// The file name of the schema `new` writes beside an agenda.
pub const BESIDE: &str = "forumtimer-agenda.schema.json";

/// Makes the file at `path` this binary's schema, writing only when it differs. Readable by
/// all: it sits in a folder the group may share.
///
/// # Errors
/// The file cannot be written.
pub fn refresh_copy(path: &Path) -> std::io::Result<()> {
    let text = json_schema::text();
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(());
    }
    crate::private_file::write_atomic_readable(path, text.as_bytes())
}

/// `agenda` with `#:schema ./forumtimer-agenda.schema.json` as its first line, replacing a
/// directive already there (the shipped agendas name the repository's copy), and a comment
/// line saying how to make that file.
#[must_use]
pub fn with_directive(agenda: &str) -> String {
    let body = match agenda.split_once('\n') {
        Some((first, rest)) if first.starts_with(DIRECTIVE) => rest,
        _ => agenda,
    };
    format!(
        "{DIRECTIVE}./{BESIDE}\n\
         # Editors check this file against {BESIDE} beside it; where it is missing, \
         `forumtimer schema > {BESIDE}` makes it.\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directive_is_the_first_line_and_replaces_an_older_one() {
        let fresh = with_directive("title = \"Forum\"\n");
        let mut lines = fresh.lines();
        assert_eq!(
            lines.next(),
            Some("#:schema ./forumtimer-agenda.schema.json")
        );
        assert!(lines.next().is_some_and(|line| line.starts_with("# ")));
        assert_eq!(lines.next(), Some("title = \"Forum\""));
        let again =
            with_directive("#:schema ../schema/agenda.schema.json\n# A forum\ntitle = \"Forum\"\n");
        assert_eq!(again.matches("#:schema").count(), 1, "{again}");
        assert!(
            again.ends_with("\n# A forum\ntitle = \"Forum\"\n"),
            "{again}"
        );
    }

    #[test]
    fn the_copy_is_written_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(BESIDE);
        refresh_copy(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), json_schema::text());
        std::fs::write(&path, "stale").unwrap();
        refresh_copy(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), json_schema::text());
    }
}
