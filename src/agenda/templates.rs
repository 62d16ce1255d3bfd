//! The agendas shipped in `agendas/`, embedded so that `forumtimer new --template NAME` and the
//! built-in default work without any file next to the binary.

/// (name, text) for every shipped agenda; the name is the file stem.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "classic-forum",
        include_str!("../../agendas/classic-forum.toml"),
    ),
    (
        "monthly-business-forum",
        include_str!("../../agendas/monthly-business-forum.toml"),
    ),
    (
        "support-circle",
        include_str!("../../agendas/support-circle.toml"),
    ),
    (
        "virtual-peer-pod",
        include_str!("../../agendas/virtual-peer-pod.toml"),
    ),
    (
        "quick-check-in",
        include_str!("../../agendas/quick-check-in.toml"),
    ),
];

const NAMES: &[&str] = &[
    "classic-forum",
    "monthly-business-forum",
    "support-circle",
    "virtual-peer-pod",
    "quick-check-in",
];

/// The name of the built-in default agenda.
pub const DEFAULT: &str = "classic-forum";

/// The template names, in the order to list them.
#[must_use]
pub fn names() -> &'static [&'static str] {
    NAMES
}

/// The text of the template called `name` (a file stem of `agendas/`).
#[must_use]
pub fn get(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_texts_agree() {
        let from_table: Vec<_> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        assert_eq!(from_table, names());
        assert!(get(DEFAULT).is_some());
        assert!(get("no-such-template").is_none());
    }
}
