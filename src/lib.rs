//! forumtimer: a full-screen terminal timer for peer forums.
//!
//! - [`domain`]: the pure core (agenda model, plan, allotment rule, meeting state machine,
//!   summary).
//! - [`report`]: `--report FILE`, the summary as Markdown or JSON.
//! - [`summary_view`]: the summary screen as a ratatui widget.
//! - [`resume`]: the saved meeting state and `run --resume`.
//! - `private_file`: atomic owner-only writes, shared by `report` and `resume`.

pub mod domain;
mod private_file;
pub mod report;
pub mod resume;
pub mod summary_view;
