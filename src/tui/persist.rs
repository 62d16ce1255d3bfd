//! Keeping the meeting on disk as it runs, behind a trait so the loop can be tested and
//! rehearsals can keep nothing.

use std::time::Duration;

use super::app::App;
use crate::domain::meeting::Timing;

/// Where the loop keeps the meeting so a crash or a kill loses nothing.
pub trait Persist {
    /// Saves the timing state.
    ///
    /// # Errors
    /// A message for the screen; the meeting goes on regardless.
    fn save(&mut self, timing: &Timing, now: Duration) -> Result<(), String>;
    /// Forgets the saved state of a meeting that ended.
    ///
    /// # Errors
    /// A message for the screen.
    fn discard(&mut self) -> Result<(), String>;
}

/// A `Persist` that keeps nothing (rehearsals in tests).
pub struct Forget;

impl Persist for Forget {
    fn save(&mut self, _: &Timing, _: Duration) -> Result<(), String> {
        Ok(())
    }
    fn discard(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// Saves the meeting, or forgets it once it has ended; a failure becomes a lasting warning.
pub fn save(app: &mut App, persist: &mut dyn Persist, now: Duration) {
    app.changed = false;
    let Some(meeting) = app.meeting() else {
        return;
    };
    let result = match (meeting.finished_at(), &app.resumable) {
        (None, _) => persist.save(meeting.timing(), now),
        (Some(_), Some(before_quit)) => persist.save(before_quit, now),
        (Some(_), None) => persist.discard(),
    };
    app.warning = result.err();
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::{Persist, save};
    use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind};
    use crate::domain::meeting::Timing;
    use crate::tui::app::App;

    /// Remembers what the loop asked of it, and fails when told to.
    #[derive(Default)]
    struct Recorder {
        saved: Vec<Timing>,
        discarded: usize,
        fail: bool,
    }

    impl Persist for Recorder {
        fn save(&mut self, timing: &Timing, _: Duration) -> Result<(), String> {
            if self.fail {
                return Err("disk full".into());
            }
            self.saved.push(timing.clone());
            Ok(())
        }
        fn discard(&mut self) -> Result<(), String> {
            self.discarded += 1;
            Ok(())
        }
    }

    fn running_app() -> App {
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
        agenda.segments = vec![Segment {
            name: "Updates".into(),
            kind: SegmentKind::Round {
                each: Duration::from_secs(60),
                order: Order::Agenda,
            },
            prompt: None,
            warn: None,
        }];
        let mut app = App::sample(agenda);
        app.start(Duration::ZERO);
        app
    }

    fn press(app: &mut App, c: char, now: Duration) {
        app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
    }

    #[test]
    fn a_running_meeting_is_saved() {
        let mut app = running_app();
        let mut recorder = Recorder::default();
        save(&mut app, &mut recorder, Duration::ZERO);
        assert_eq!(recorder.saved.len(), 1);
        assert!(!app.changed);
    }

    #[test]
    fn a_meeting_that_ended_forgets_its_state() {
        let mut app = running_app();
        press(&mut app, 'n', Duration::from_secs(60));
        press(&mut app, 'n', Duration::from_secs(120));
        let mut recorder = Recorder::default();
        save(&mut app, &mut recorder, Duration::from_secs(120));
        assert_eq!(recorder.discarded, 1);
        assert!(recorder.saved.is_empty());
    }

    #[test]
    fn a_quit_meeting_keeps_the_state_from_before_the_quit() {
        let mut app = running_app();
        press(&mut app, 'q', Duration::from_secs(30));
        press(&mut app, 'y', Duration::from_secs(30));
        let mut recorder = Recorder::default();
        save(&mut app, &mut recorder, Duration::from_secs(30));
        assert_eq!(recorder.discarded, 0);
        assert_eq!(recorder.saved[0].progress.finished_at, None);
    }

    #[test]
    fn a_failing_save_is_a_warning_and_the_meeting_goes_on() {
        let mut app = running_app();
        let mut recorder = Recorder {
            fail: true,
            ..Recorder::default()
        };
        save(&mut app, &mut recorder, Duration::ZERO);
        assert_eq!(app.warning.as_deref(), Some("disk full"));
        press(&mut app, 'n', Duration::from_secs(10));
        assert!(
            app.meeting()
                .unwrap()
                .status(Duration::from_secs(10))
                .is_some()
        );
        recorder.fail = false;
        save(&mut app, &mut recorder, Duration::from_secs(10));
        assert_eq!(
            app.warning, None,
            "the warning goes once saving works again"
        );
    }
}
