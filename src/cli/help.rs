//! The longer help texts: the description of `forumtimer --help` and the manual, and the
//! examples that end each `--help` (and each command of the manual). Every line after
//! `Examples:` is a command that parses (tests/ecosystem.rs checks it); a `#` starts a comment,
//! and what follows `>` or `|` is the shell's.

pub(super) const ABOUT: &str = "\
A calm full-screen terminal timer for peer forums: equal time, one-key facilitation.

It reads an agenda (a TOML file: members, segments, how long the meeting lasts), shares the \
time left equally among the turns still to come, and keeps the facilitator to one key per \
action. Start with `forumtimer new --output forum.toml`, see the schedule with `forumtimer \
plan forum.toml`, and run it with `forumtimer run forum.toml`.";

pub(super) const EXAMPLES: &str = "\
Examples:
  forumtimer new --output forum.toml     # start from the classic forum
  forumtimer plan forum.toml --end 21:00
  forumtimer run forum.toml --end 21:00";

pub(super) const RUN_EXAMPLES: &str = "\
Examples:
  forumtimer run                         # the built-in classic forum, sample members
  forumtimer run forum.toml --members \"Ana,Ben,Chidi\" --end 21:00
  forumtimer run forum.toml --speed 60   # rehearse: one second is a minute";

pub(super) const PLAN_EXAMPLES: &str = "\
Examples:
  forumtimer plan forum.toml --start 19:00
  forumtimer plan --members \"Ana,Ben,Chidi\" --duration 2h
  forumtimer plan forum.toml --end 21:00 --format json";

pub(super) const HISTORY_EXAMPLES: &str = "\
Examples:
  forumtimer history ~/forum/history
  forumtimer history forum.toml --since 2026-01-01   # the folder the agenda's `history` names
  forumtimer history ~/forum/history --format json";

pub(super) const CHECK_EXAMPLES: &str = "\
Examples:
  forumtimer check forum.toml
  forumtimer check agendas/*.toml        # every file; exits 1 if any is invalid";

pub(super) const NEW_EXAMPLES: &str = "\
Examples:
  forumtimer new --output forum.toml
  forumtimer new --template support-circle --output circle.toml
  forumtimer new --list";

pub(super) const SHOW_EXAMPLES: &str = "\
Examples:
  forumtimer show                        # in the window the room sees; run the meeting elsewhere
  forumtimer show --projector            # name, digits and state only (f toggles)
  forumtimer show --no-color";

pub(super) const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  forumtimer completions bash > ~/.local/share/bash-completion/completions/forumtimer
  forumtimer completions zsh > ~/.zfunc/_forumtimer
  forumtimer completions fish > ~/.config/fish/completions/forumtimer.fish";

pub(super) const SCHEMA_EXAMPLES: &str = "\
Examples:
  forumtimer schema > agenda.schema.json
  forumtimer schema | jq '.properties | keys'   # the top-level keys";

pub(super) const MAN_EXAMPLES: &str = "\
Examples:
  forumtimer man | man -l -
  forumtimer man > ~/.local/share/man/man1/forumtimer.1";

pub(super) const SIMULATE_EXAMPLES: &str = "\
Examples:
  forumtimer simulate agendas/support-circle.toml
  forumtimer simulate forum.toml --duration 2h --model overrun,passes
  forumtimer simulate forum.toml --meetings 200 --seed 7 --format json";
