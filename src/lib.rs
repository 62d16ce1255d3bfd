//! forumtimer: a full-screen terminal timer for peer forums.
//!
//! - [`agenda`]: agenda files: reading, validation, diagnostics, the shipped templates.
//! - [`domain`]: the pure core (agenda model, plan, allotment rule, meeting state machine).

pub mod agenda;
pub mod domain;
pub mod tui;
