//! The wording of "reset the room" (SPEC §7): for each drift, a short name for the key list,
//! the return-to-intent prompt shown large, and one sentence a facilitator can say aloud
//! without pointing at anyone. Plain data, kept apart so it can be reviewed as prose.

use crate::domain::agenda::Drift;

/// What the reset overlay says for one drift.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    /// In the key list: `1 advice`.
    pub short: &'static str,
    /// The kind of drift, as a heading.
    pub name: &'static str,
    /// The return-to-intent prompt; `[prompts]` in the agenda replaces it.
    pub prompt: &'static str,
    /// A sentence for the facilitator to say; it speaks to "us", never to one person.
    pub aloud: &'static str,
}

/// Wording by `Drift::index`.
pub const WORDING: [Wording; 6] = [
    Wording {
        short: "advice",
        name: "Advice-giving",
        prompt: "Let's come back to personal experience: what we have lived, not what someone should do.",
        aloud: "Let's each speak from our own experience, in the first person.",
    },
    Wording {
        short: "debate",
        name: "Debate",
        prompt: "One person shares; the group reflects what it heard.",
        aloud: "Let's return to one voice sharing while the rest of us listen for what resonates.",
    },
    Wording {
        short: "cross-talk",
        name: "Cross-talk",
        prompt: "One voice at a time. Listening is participation.",
        aloud: "Let's give the floor back to the speaker; everyone will have their turn.",
    },
    Wording {
        short: "over-processing",
        name: "Over-processing",
        prompt: "Let's stay close to what happened and how it felt.",
        aloud: "The details can rest for now; what was it like for you?",
    },
    Wording {
        short: "silence",
        name: "Silence",
        prompt: "Silence is welcome here. There is no need to fill it.",
        aloud: "Let's take a quiet moment together; nothing needs to be said yet.",
    },
    Wording {
        short: "emotion",
        name: "Emotion",
        prompt: "Witness first. Next steps can come later.",
        aloud: "Let's simply be with this for a moment; there is time for next steps later.",
    },
];

/// The wording of `drift`.
#[must_use]
pub fn wording(drift: Drift) -> &'static Wording {
    &WORDING[drift.index()]
}
