//! forumtimer: a full-screen terminal timer for peer forums.
//!
//! The library holds everything; the binary (`main.rs`) only parses and dispatches.
//! - [`domain`]: the pure core — agenda model, plan and allotment rule, meeting state machine.
//! - [`agenda`]: reading agenda files into the model, with diagnostics.
//! - [`cli`], [`commands`]: the command line and what each subcommand does.
//! - [`tui`]: the full-screen shell: event loop, keys, clock, terminal, view.

pub mod agenda;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod tui;
