//! `forumtimer schema`: print the JSON Schema of the agenda format, for TOML editors.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::agenda::json_schema;

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
