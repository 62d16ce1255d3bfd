//! The report's formats and its file handling, on a fixed summary and temp directories.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use chrono::{DateTime, Local, TimeZone};

use super::{
    ReportError, ReportFormat, check_writable, check_writable_via, render, write, write_via,
};
use crate::domain::summary::{Summary, example};
use crate::private_file::full_disk;

fn origin() -> DateTime<Local> {
    Local.with_ymd_and_hms(2025, 3, 4, 19, 0, 0).unwrap()
}

fn json(summary: &Summary) -> serde_json::Value {
    serde_json::from_str(&render(summary, origin().into(), ReportFormat::Json)).unwrap()
}

#[test]
fn json_has_the_documented_member_and_segment_fields() {
    let value = json(&example());
    assert_eq!(
        value["members"][0],
        serde_json::json!({"name": "Ana", "present": true, "spoken_seconds": 1100,
            "allotted_seconds": 1020, "turns": 2, "passed": 0})
    );
    assert_eq!(value["members"][2]["passed"], 1);
    assert_eq!(value["members"][4]["present"], false);
    assert_eq!(
        value["segments"][1],
        serde_json::json!({"name": "Updates", "kind": "round", "planned_seconds": 2400,
            "actual_seconds": 2210, "turns": ["Ana", "Ben", "Chidi", "Dana | Lee"],
            "presenter": null})
    );
    assert_eq!(value["segments"][2]["presenter"], "Dana | Lee");
    assert_eq!(value["segments"][0]["kind"], "block");
    assert_eq!(value["version"], 1);
    assert_eq!(
        value["resets"],
        serde_json::json!({"advice": 2, "debate": 0, "crosstalk": 1, "overprocessing": 0,
            "silence": 0, "emotion": 0})
    );
    assert_eq!(value["finished"], true);
}

#[test]
fn a_guest_is_reported_as_guest_n_never_by_the_name_typed() {
    let mut summary = example();
    let mut guest = summary.members[0].clone();
    guest.name = "Zoë".into();
    guest.guest = Some(1);
    summary.members.push(guest);
    assert_eq!(json(&summary)["members"][5]["name"], "Guest 2");
    let markdown = render(&summary, origin().into(), ReportFormat::Markdown);
    assert!(markdown.contains("| Guest 2 |"), "{markdown}");
    assert!(!markdown.contains("Zo"));
    assert!(!render(&summary, origin().into(), ReportFormat::Json).contains("Zo"));
}

#[test]
fn json_times_are_rfc3339_instants_on_the_wall_clock() {
    let value = json(&example());
    let at = |field: &str| DateTime::parse_from_rfc3339(value[field].as_str().unwrap()).unwrap();
    assert_eq!(at("start"), origin());
    assert_eq!(
        at("planned_end"),
        origin() + chrono::TimeDelta::minutes(120)
    );
    assert_eq!(at("actual_end"), origin() + chrono::TimeDelta::minutes(124));
}

#[test]
fn json_seconds_round_to_the_nearest() {
    let mut summary = example();
    summary.members[0].spoken = Duration::from_millis(61_500);
    assert_eq!(json(&summary)["members"][0]["spoken_seconds"], 62);
}

#[test]
fn markdown_reads_as_tables_with_the_end_line() {
    let text = render(&example(), origin().into(), ReportFormat::Markdown);
    assert!(text.starts_with("# Meeting summary\n"));
    assert!(
        text.contains("ended 21:04, 4 min after the planned 21:00"),
        "{text}"
    );
    assert!(
        text.contains("| Ana | 18:20 | 17:00 | +1:20 | 2 | 0 |"),
        "{text}"
    );
    assert!(
        text.contains("| Ben | 13:50 | 17:00 | -3:10 | 2 | 0 |"),
        "{text}"
    );
    assert!(
        text.contains("| Eli | 0:00 | 0:00 | absent | 0 | 0 |"),
        "{text}"
    );
    assert!(text.contains("| Opening | 5:00 | 8:00 | +3:00 |"), "{text}");
    assert!(
        text.contains("| advice | 2 |\n| crosstalk | 1 |\n"),
        "{text}"
    );
    assert!(
        !text.contains("debate"),
        "only kinds that happened are listed"
    );
}

#[test]
fn markdown_escapes_names_that_would_break_the_table() {
    let text = render(&example(), origin().into(), ReportFormat::Markdown);
    assert!(text.contains("| Dana \\| Lee |"), "{text}");
}

#[test]
fn markdown_says_when_there_were_no_resets() {
    let mut summary = example();
    summary.resets = [0; 6];
    let text = render(&summary, origin().into(), ReportFormat::Markdown);
    assert!(text.contains("No room resets."));
}

#[test]
fn the_extension_chooses_the_format() {
    assert_eq!(
        ReportFormat::of("a/b.MD".as_ref()).unwrap(),
        ReportFormat::Markdown
    );
    assert_eq!(
        ReportFormat::of("b.json".as_ref()).unwrap(),
        ReportFormat::Json
    );
    for bad in ["b.txt", "b", "md"] {
        assert!(matches!(
            ReportFormat::of(bad.as_ref()),
            Err(ReportError::BadExtension(_))
        ));
    }
}

#[test]
fn check_writable_accepts_a_new_file_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    check_writable(&dir.path().join("forum.md")).unwrap();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn check_writable_refuses_what_write_would_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("forum.md");
    fs::create_dir(&folder).unwrap();
    assert!(matches!(
        check_writable(&folder),
        Err(ReportError::IsDirectory(_))
    ));
    let txt = dir.path().join("forum.txt");
    assert!(matches!(
        check_writable(&txt),
        Err(ReportError::BadExtension(_))
    ));
    let missing = dir.path().join("nope").join("forum.md");
    let error = check_writable(&missing).unwrap_err();
    assert!(matches!(error, ReportError::NoFolder(_)));
    assert!(
        error.to_string().contains("does not exist — create it"),
        "{error}"
    );
    let blocked = dir.path().join("file");
    fs::write(&blocked, "").unwrap();
    assert!(check_writable(&blocked.join("forum.md")).is_err());
}

#[test]
fn write_puts_an_owner_only_report_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.json");
    write(&path, &example(), origin().into()).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let value: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(value["members"][1]["name"], "Ben");
}

#[test]
fn write_refuses_an_unknown_extension_without_creating_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.html");
    assert!(matches!(
        write(&path, &example(), origin().into()),
        Err(ReportError::BadExtension(_))
    ));
    assert!(!path.exists());
}

#[test]
fn check_writable_finds_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.md");
    let error = check_writable_via(&path, full_disk).unwrap_err();
    assert!(
        matches!(error, ReportError::NotWritable { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("No space left on device"), "{text}");
    assert!(text.contains("with room for the report"), "{text}");
    // The probe is gone, and no report was begun.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_report_on_a_full_disk_is_an_error_that_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.md");
    let error = write_via(&path, &example(), origin().into(), full_disk).unwrap_err();
    assert!(matches!(error, ReportError::Write { .. }), "{error:?}");
    assert!(
        error.to_string().contains("No space left on device"),
        "{error}"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}
