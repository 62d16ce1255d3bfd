//! The pure core: agenda model, plan and allotment rule, meeting state machine, summary.
//!
//! No terminal, no clock reads, no files. Time comes in as an argument: a `Duration` on the
//! meeting clock, which the shell derives from its monotonic clock (scaled by `--speed`, plus
//! any system sleep it detected).

pub mod agenda;
pub mod history;
pub mod meeting;
pub mod name;
pub mod plan;
pub mod printed;
pub mod rule;
pub mod simulate;
pub mod squeeze;
pub mod summary;
