//! Build script: `FORUMTIMER_VERSION` for `--version` and the manual page — the package version,
//! and the commit when built from a git checkout (`0.1.0 (1a2b3c4)`). Without git, or outside a
//! repository (a source tarball), it is the package version alone. Nothing here uses the network.

use std::path::Path;
use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let full = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=FORUMTIMER_VERSION={full}");
    // Build again when HEAD moves: HEAD itself (a checkout) and the branch it names (a commit).
    // `--git-path` finds both in a worktree too.
    // A watched file that does not exist would make cargo run this script on every build.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    let watched = ["HEAD", "packed-refs"]
        .into_iter()
        .chain(branch.as_deref())
        .filter_map(|path| git(&["rev-parse", "--git-path", path]))
        .filter(|file| Path::new(file).exists());
    for file in watched {
        println!("cargo:rerun-if-changed={file}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// The trimmed output of a successful `git` command, or `None`.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}
