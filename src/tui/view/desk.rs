//! The facilitator's own layers, drawn from the `App` on top of the room's view and only on
//! the controller: the opening screen with its presence list, the summary with each member's
//! time, and the overlays (help, confirmations, pickers, a guest's name, agreements,
//! resources). Nothing here reaches `forumtimer show`, which draws from a `RoomView` alone.
//!
//! - `opening` (+ `unfinished`, the saved meeting it would replace) · `summary`
//! - overlays: `help`, `confirm`, `presence`, `guest`, `picker`, `agreements`, `resources`
//! - `popup`: the centred box every overlay opens · `text_box`: a box of prose

pub(super) mod agreements;
pub(super) mod confirm;
pub(super) mod guest;
pub(super) mod help;
pub(super) mod opening;
pub(super) mod picker;
mod popup;
pub(super) mod presence;
pub(super) mod resources;
pub(super) mod summary;
mod text_box;
pub(super) mod unfinished;
