//! forumtimer: a full-screen terminal timer for peer forums.
//!
//! - [`domain`]: the pure core (agenda model, plan, allotment rule, meeting state machine).

pub mod domain;
pub mod tui;
