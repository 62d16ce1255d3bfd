//! Every agenda we ship must load: the files in `agendas/`, the embedded templates and the
//! built-in default.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use forumtimer::agenda::{self, templates};
use forumtimer::domain::agenda::{Deadline, SegmentKind, Speaker};
use forumtimer::domain::plan::Plan;

#[test]
fn every_file_in_agendas_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            if let Err(error) = agenda::load(&path, None) {
                panic!("{error}");
            }
            count += 1;
        }
    }
    assert_eq!(count, templates::names().len());
}

#[test]
fn every_template_name_resolves_to_its_file_and_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    for name in templates::names() {
        let text = templates::get(name).unwrap();
        let on_disk = std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap();
        assert_eq!(text, on_disk, "{name} is embedded from its file");
        agenda::parse(name, text, None).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn default_agenda_is_a_classic_forum_of_two_to_three_hours() {
    let agenda = agenda::default_agenda(None).unwrap();
    assert_eq!(agenda.members.len(), 6);
    assert!(agenda.deadline.is_none());
    let plan = Plan::build(&agenda, 0);
    let total = plan.planned_total(&vec![true; agenda.members.len()]);
    assert!(total >= Duration::from_secs(2 * 3600) && total <= Duration::from_secs(3 * 3600));
    assert!(
        agenda
            .segments
            .iter()
            .any(|s| matches!(s.kind, SegmentKind::Spotlight { .. }))
    );
}

#[test]
fn default_agenda_takes_members_and_keeps_a_valid_speaker() {
    let given = agenda::parse_members("Zoe, Yusuf").unwrap();
    let agenda = agenda::default_agenda(Some(&given)).unwrap();
    assert_eq!(agenda.members, ["Zoe", "Yusuf"]);
    for segment in &agenda.segments {
        if let SegmentKind::Spotlight { speaker, .. } = segment.kind {
            assert_eq!(speaker, Speaker::Member(0));
        }
    }
    let given = agenda::parse_members("Zoe,ben").unwrap();
    let agenda = agenda::default_agenda(Some(&given)).unwrap();
    let speakers: Vec<_> = agenda
        .segments
        .iter()
        .filter_map(|s| match s.kind {
            SegmentKind::Spotlight { speaker, .. } => Some(speaker),
            _ => None,
        })
        .collect();
    assert_eq!(
        speakers,
        [Speaker::Member(1)],
        "Ben presents when he is among the members"
    );
}

#[test]
fn default_agenda_refuses_a_bad_member_list() {
    let error = agenda::default_agenda(Some(&["Ana".into(), "ana".into()])).unwrap_err();
    assert!(
        error.summary().contains("appears twice"),
        "{}",
        error.summary()
    );
}

#[test]
fn monthly_forum_fixes_its_length_and_fits() {
    let text = templates::get("monthly-business-forum").unwrap();
    let agenda = agenda::parse("monthly", text, None).unwrap();
    assert_eq!(
        agenda.deadline,
        Some(Deadline::Duration(Duration::from_secs(3 * 3600 + 1800)))
    );
    assert!(agenda.prompts[0].is_some());
    assert!(!agenda.resources.is_empty());
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = templates::get("quick-check-in").unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let plain = agenda::parse("q", text, None).unwrap();
    assert_eq!(agenda::parse("q", &crlf, None).unwrap(), plain);
}
