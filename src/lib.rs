//! forumtimer: a full-screen terminal timer for peer forums.
//!
//! The library holds everything; the binary (`main.rs`) only parses and dispatches.
//! - [`domain`]: the pure core — agenda model, plan and allotment rule, meeting state machine,
//!   summary. No terminal, no clock reads, no files.
//! - [`agenda`]: reading agenda files into the model, with diagnostics.
//! - [`cli`], [`commands`]: the command line and what each subcommand does.
//! - [`tui`]: the full-screen shell: event loop, keys, clock, terminal, view.
//! - [`room`]: what the room may see — the projection the room display (`show`) draws.
//! - [`report`], [`resume`], [`history`]: the only other places that touch files (through
//!   `private_file`).
//! - [`text`]: text by display width: measure, wrap, cut with an ellipsis.

pub mod agenda;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod history;
mod private_file;
pub mod report;
pub mod resume;
pub mod room;
pub mod text;
pub mod tui;
pub mod wall;
