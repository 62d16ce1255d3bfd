//! Styles for every state, with and without colour. Every state also has a word, so colour is
//! never the only signal; without colour (`NO_COLOR`, `--no-color`) the styles use only BOLD,
//! DIM and REVERSED.

use ratatui::style::{Color, Modifier, Style};

/// The state of the current turn, as the room should read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    Running,
    Warning,
    Time,
    Paused,
}

impl Mood {
    /// The word shown beside the countdown.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Mood::Running => "running",
            Mood::Warning => "WARNING",
            Mood::Time => "TIME",
            Mood::Paused => "PAUSED",
        }
    }
}

/// Styles chosen once per frame from `Settings::color`.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The big countdown digits: coloured by state, or bold (dim while paused) without colour.
    #[must_use]
    pub fn digits(self, mood: Mood) -> Style {
        match mood {
            Mood::Running => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Mood::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Mood::Time => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            // Dim rather than coloured so a paused screen looks like it is resting.
            Mood::Paused => self.fg(Color::Blue).add_modifier(Modifier::DIM),
        }
    }

    /// The state word. With colour it carries the state's colour; without, every state other
    /// than running is reversed so it stands out as a label across the room.
    #[must_use]
    pub fn word(self, mood: Mood) -> Style {
        let style = match mood {
            Mood::Running => self.fg(Color::Green),
            Mood::Warning => self.fg(Color::Yellow),
            Mood::Time => self.fg(Color::Red),
            Mood::Paused => self.fg(Color::Blue),
        }
        .add_modifier(Modifier::BOLD);
        if self.color || mood == Mood::Running {
            style
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// A badge for the whole meeting: over meeting time, rehearsal.
    #[must_use]
    pub fn alarm(self) -> Style {
        let style = self.fg(Color::Red).add_modifier(Modifier::BOLD);
        if self.color {
            style
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// Rehearsal marker: must be unmistakable, but it is not an alarm.
    #[must_use]
    pub fn rehearsal(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// Names, headings.
    #[must_use]
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary information: segment names, hints.
    #[must_use]
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// The prompt of a slot: quiet but legible.
    #[must_use]
    pub fn prompt(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::ITALIC)
    }

    /// The wrap-up cue: calm, in the prompt's colour rather than a state's, bold to be read
    /// across the room.
    #[must_use]
    pub fn cue(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The wrap-up cue on a band of its own: reversed, so the row reads as one across the room.
    #[must_use]
    pub fn cue_band(self) -> Style {
        self.cue().add_modifier(Modifier::REVERSED)
    }

    /// The highlighted row or choice (cursor, active drift).
    #[must_use]
    pub fn selected(self) -> Style {
        self.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// Overlay borders.
    #[must_use]
    pub fn border(self) -> Style {
        self.fg(Color::Cyan)
    }

    /// The lasting warning line (e.g. state cannot be saved).
    #[must_use]
    pub fn warning(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The filled part of the turn's progress bar.
    #[must_use]
    pub fn gauge(self, mood: Mood) -> Style {
        match mood {
            Mood::Running => self.fg(Color::Green),
            Mood::Warning => self.fg(Color::Yellow),
            Mood::Time => self.fg(Color::Red),
            Mood::Paused => self.fg(Color::Blue),
        }
    }
}
