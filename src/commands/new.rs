//! `forumtimer new`: write a ready, commented agenda to start from, whose first line points
//! TOML editors at the agenda schema, written beside it (see `schema` for why).

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt;

use anyhow::{Context, Result, bail};

use super::{Outcome, schema, tell};
use crate::agenda::templates;
use crate::cli::NewArgs;

/// Writes the template to `--output` (never over an existing file without `--force`) or stdout.
///
/// # Errors
/// An unknown template, an existing file, or a failed write.
pub fn run(args: &NewArgs) -> Result<Outcome> {
    if args.list {
        let mut out = std::io::stdout().lock();
        for name in templates::names() {
            writeln!(out, "{name}")?;
        }
        return Ok(Outcome::Success);
    }
    let Some(template) = templates::get(&args.template) else {
        bail!(
            "no template named `{}`; choose one of: {}",
            super::shown(&args.template),
            templates::names().join(", ")
        );
    };
    let text = schema::with_directive(template);
    let Some(path) = &args.output else {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(Outcome::Success);
    };
    // A FIFO would block the open for ever, a device or someone else's symlink would be
    // written through: refused before opening, and O_NONBLOCK in case one is swapped in.
    crate::private_file::refuse_unsafe(path)
        .with_context(|| format!("cannot write {}", super::shown(&path.display())))?;
    let mut options = OpenOptions::new();
    options.write(true).custom_flags(libc::O_NONBLOCK);
    if args.force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Err(error) if error.kind() == ErrorKind::AlreadyExists => bail!(
            "{} already exists; choose another --output or add --force to replace it",
            path.display()
        ),
        result => result.with_context(|| format!("cannot write {}", path.display()))?,
    };
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        bail!(
            "cannot write {}: it is not a regular file",
            super::shown(&path.display())
        );
    }
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // An agenda is still written when its schema cannot be: editors then only lack
    // completion, and the note says how to make the file by hand.
    let beside = crate::private_file::parent_dir(path).join(schema::BESIDE);
    match schema::refresh_copy(&beside) {
        Ok(()) => tell(format_args!(
            "wrote {} (and {} beside it, for editors); edit it, then `forumtimer check {}`",
            path.display(),
            schema::BESIDE,
            path.display()
        )),
        Err(error) => {
            tell(format_args!(
                "wrote {}; edit it, then `forumtimer check {}`",
                path.display(),
                path.display()
            ));
            tell(format_args!(
                "forumtimer: note: cannot write the editor schema {}: {error}; `forumtimer schema > {}` makes it",
                beside.display(),
                beside.display()
            ));
        }
    }
    Ok(Outcome::Success)
}
