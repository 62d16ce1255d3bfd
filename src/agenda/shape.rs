//! Tables where the agenda wants tables, checked on the parsed document before serde reads it.
//!
//! serde's derived structs also accept a list, read by position: `resources = [["x"]]` would
//! quietly become `lines = ["x"]`, and `resources = ["x"]` is blamed on the string inside as
//! "expected a list", when the list is the mistake. Checked here, the message names the table
//! and shows its shape, with the author's own values where they fit.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::Problem;

/// Refuses `[resources]`, `[prompts]`, a `[[segment]]` or a spotlight phase written as
/// anything but a table. `source` is the text the spans refer to.
pub(crate) fn check(document: &DeTable<'_>, source: &str) -> Result<(), Problem> {
    if let Some(resources) = document.get("resources") {
        // The author's own list when it fits on the line of help.
        let list = source
            .get(resources.span())
            .filter(|list| list.starts_with('[') && !list.contains('\n'));
        let help = match list {
            Some(list) => format!(
                "write `[resources]` on a line of its own and the list under it: `lines = {list}`"
            ),
            None => "write `[resources]` on a line of its own and the list under it, as \
                     `lines = [\"Local crisis line: 000-000\"]`"
                .to_string(),
        };
        table(resources, "`resources`", &help)?;
    }
    if let Some(prompts) = document.get("prompts") {
        table(
            prompts,
            "`prompts`",
            "write `[prompts]` on a line of its own and one prompt per line under it, like \
             `advice = \"Let's come back to what each of us has lived.\"`",
        )?;
    }
    let Some(DeValue::Array(segments)) = document.get("segment").map(Spanned::get_ref) else {
        return Ok(());
    };
    for segment in segments {
        table(
            segment,
            "a segment",
            "start each segment with `[[segment]]` on a line of its own, then its keys, like \
             `name = \"Updates\"` and `each = \"5m\"`",
        )?;
        let phases = match segment.get_ref() {
            DeValue::Table(segment) => segment.get("phases").map(Spanned::get_ref),
            _ => None,
        };
        if let Some(DeValue::Array(phases)) = phases {
            for phase in phases {
                table(
                    phase,
                    "a phase",
                    "write each phase in braces, like `{ name = \"Background\", length = \"10m\" }`",
                )?;
            }
        }
    }
    Ok(())
}

fn table(value: &Spanned<DeValue<'_>>, what: &str, help: &str) -> Result<(), Problem> {
    let found = match value.get_ref() {
        DeValue::Table(_) => return Ok(()),
        DeValue::Array(_) => "a list",
        DeValue::String(_) => "a string",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date or time",
    };
    Err(Problem::new(format!("{what} is a table, not {found}"))
        .help(help)
        .at(value.span()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(source: &str) -> Option<Problem> {
        let document = DeTable::parse(source).unwrap();
        check(document.get_ref(), source).err()
    }

    #[test]
    fn tables_pass() {
        let source = "[resources]\nlines = [\"x\"]\n[prompts]\nadvice = \"a\"\n\
                      [[segment]]\nname = \"S\"\nphases = [{ name = \"P\", length = \"5m\" }]\n";
        assert_eq!(refused(source), None);
    }

    #[test]
    fn a_list_of_resources_shows_the_table_with_the_same_lines() {
        let problem = refused("resources = [\"call 000\"]\n").unwrap();
        assert_eq!(problem.message, "`resources` is a table, not a list");
        assert_eq!(problem.span, Some(12..24));
        let help = problem.help.unwrap();
        assert!(help.contains("`[resources]`"), "{help}");
        assert!(help.contains("`lines = [\"call 000\"]`"), "{help}");
    }

    #[test]
    fn a_list_read_by_position_is_refused_not_taken() {
        let problem = refused("resources = [[\"x\"]]\n").unwrap();
        assert_eq!(problem.message, "`resources` is a table, not a list");
        let problem = refused("prompts = [\"x\"]\n").unwrap();
        assert_eq!(problem.message, "`prompts` is a table, not a list");
        let problem = refused("segment = [[\"R\", \"5m\"]]\n").unwrap();
        assert_eq!(problem.message, "a segment is a table, not a list");
        let problem = refused("segment = [\"R\"]\n").unwrap();
        assert_eq!(problem.message, "a segment is a table, not a string");
    }
}
