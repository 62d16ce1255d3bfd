//! Fault injection (issue 13, SPEC §9): planted symlinks, full disks, two runs at once, FIFOs,
//! every terminating signal, crashes followed by a plain `run`, and a stepped clock. Each case
//! is what a hostile or unlucky machine did to a real meeting; each runs the real binary in a
//! pseudo-terminal where it can.
//!
//! A full disk is a tiny tmpfs, which needs root; without it those cases print "skipped" and
//! pass, and the unit tests' injected full disk (`private_file::Writer`) covers their paths.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::ffi::CString;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use support::pty::{PATIENCE, Session};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn kill(session: &Session, signal: i32) {
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), signal);
    }
}

/// Waits (reading the screen meanwhile) until `done` holds.
fn wait_until(session: &mut Session, what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        session.pump(Duration::from_millis(20));
    }
}

fn state_file(state: &Path) -> PathBuf {
    state.join("forumtimer").join("meeting.json")
}

/// A tmpfs of `size` mounted on a new temp dir, unmounted when dropped; `None` (with the
/// reason printed) where it cannot be made.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            println!("skipped: a full disk needs root to mount a tmpfs");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status();
        match status {
            Ok(status) if status.success() => Some(Tmpfs { dir }),
            other => {
                println!("skipped: mounting a tmpfs failed ({other:?})");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the filesystem to the last byte.
    fn fill(&self) {
        let mut file = fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while file.write_all(&block).is_ok() {}
        let _ = file.write_all(&[0]);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

// --- Planted symlinks -------------------------------------------------------------------

#[test]
fn a_symlink_planted_at_the_old_temp_name_is_never_written_through() {
    let state = tempfile::tempdir().unwrap();
    let victim_dir = tempfile::tempdir().unwrap();
    let victim = victim_dir.path().join("precious.txt");
    fs::write(&victim, "precious").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    fs::create_dir(state.path().join("forumtimer")).unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    // Plant the name the old save used, before the first save.
    let planted = state
        .path()
        .join("forumtimer")
        .join(format!(".meeting.json.tmp-{}", session.pid()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    session.press("\r");
    session.wait_for("everyone together");
    let saved = state_file(state.path());
    wait_until(&mut session, "the first save", || saved.is_file());
    session.press("qyq");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let mode = fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the victim's mode was changed");
}

#[test]
fn a_report_path_that_is_someone_elses_symlink_is_refused() {
    if !is_root() {
        println!("skipped: giving a symlink to another user needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.md");
    fs::write(&victim, "precious").unwrap();
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let c = CString::new(link.as_os_str().as_bytes()).unwrap();
    // SAFETY: lchown reads the NUL-terminated path we own; 65534 is `nobody`.
    assert_eq!(unsafe { libc::lchown(c.as_ptr(), 65534, 65534) }, 0);

    let state = tempfile::tempdir().unwrap();
    let report = link.to_str().unwrap();
    let mut session = Session::start(&["run", "--report", report], 100, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    let screen = session.screen();
    assert!(screen.contains("owned by someone else"), "{screen}");

    let output = Command::cargo_bin("forumtimer")
        .unwrap()
        .args(["new", "--force", "-o", report])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("owned by someone else"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

// --- FIFOs ----------------------------------------------------------------------------

#[test]
fn resume_with_a_fifo_as_the_state_file_is_refused_at_once() {
    let state = tempfile::tempdir().unwrap();
    fs::create_dir_all(state.path().join("forumtimer")).unwrap();
    mkfifo(&state_file(state.path()));
    let mut session = Session::start(&["run", "--resume"], 100, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    let screen = session.screen();
    assert!(screen.contains("FIFO"), "{screen}");
}

#[test]
fn new_force_onto_a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("agenda.toml");
    mkfifo(&fifo);
    let mut child = Command::cargo_bin("forumtimer")
        .unwrap()
        .args(["new", "--force", "-o"])
        .arg(&fifo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The old code blocked for ever in open(2): a deadline turns that into a failure.
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`new --force -o FIFO` blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("FIFO"), "{stderr}");
}

#[test]
fn a_fifo_as_the_report_is_refused_before_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.md");
    mkfifo(&fifo);
    let state = tempfile::tempdir().unwrap();
    let report = fifo.to_str().unwrap();
    let mut session = Session::start(&["run", "--report", report], 100, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    assert!(session.screen().contains("FIFO"), "{}", session.screen());
}

// --- Two runs at once -----------------------------------------------------------------

#[test]
fn a_second_run_is_refused_while_a_meeting_is_live() {
    let (state, mut first) = Session::meeting(&["run"]);
    let mut second = Session::start(&["run"], 100, 24, state.path());
    assert_eq!(second.wait_exit(), 1);
    let screen = second.screen();
    assert!(
        screen.contains("another forumtimer meeting is running"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("process {}", first.pid())),
        "{screen}"
    );
    // The first meeting still owns its state and ends normally.
    first.press("qyq");
    assert_eq!(first.wait_exit(), 0);
}

// --- Crashes, then a plain run --------------------------------------------------------

/// A meeting killed with SIGKILL once its first save is on disk.
fn crashed(args: &[&str]) -> tempfile::TempDir {
    let (state, mut session) = Session::meeting(args);
    let saved = state_file(state.path());
    wait_until(&mut session, "the first save", || saved.is_file());
    kill(&session, libc::SIGKILL);
    session.wait_exit();
    state
}

#[test]
fn a_plain_run_after_a_crash_says_so_asks_and_keeps_the_old_meeting_aside() {
    let state = crashed(&["run"]);
    let before = fs::read(state_file(state.path())).unwrap();
    let mut session = Session::start(&["run"], 100, 30, state.path());
    session.wait_for("An unfinished meeting is saved: the built-in agenda, stopped");
    session.wait_for("--resume` continues it");
    session.press("\r");
    session.wait_for("Start a new meeting instead?");
    session.press("n");
    session.wait_for("enter start");
    assert_eq!(fs::read(state_file(state.path())).unwrap(), before);
    session.press("\r");
    session.wait_for("Start a new meeting instead?");
    session.press("y");
    session.wait_for("everyone together");
    let previous = state.path().join("forumtimer/meeting.json.previous");
    wait_until(&mut session, "the old meeting kept aside", || {
        previous.is_file()
    });
    assert_eq!(fs::read(&previous).unwrap(), before);
    session.press("qyq");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_resumed_rehearsal_keeps_its_speed_and_label() {
    let state = crashed(&["run", "--speed", "60"]);
    let mut session = Session::start(&["run", "--resume"], 80, 24, state.path());
    session.wait_for("REHEARSAL ×60");
    session.press("qyq");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_state_file_pointing_at_another_file_never_prints_that_file() {
    let state = crashed(&["run"]);
    let secret = state.path().join("diary.txt");
    fs::write(&secret, "Ana told us about the divorce\n").unwrap();
    let path = state_file(state.path());
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    json["agenda"] = secret.to_str().unwrap().into();
    fs::write(&path, json.to_string()).unwrap();
    let mut session = Session::start(&["run", "--resume"], 120, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    let screen = session.screen();
    assert!(screen.contains("cannot be loaded"), "{screen}");
    assert!(!screen.contains("divorce"), "{screen}");
}

// --- Every terminating signal ---------------------------------------------------------

#[test]
fn every_terminating_signal_restores_the_terminal_and_saves() {
    // All of them (the unit tests of `terminating` check the list against the system's own
    // default actions): SIGXFSZ, SIGPWR or a real-time signal ends a meeting as SIGTERM does.
    let signals = forumtimer::tui::signals::terminating();
    assert!(signals.contains(&libc::SIGVTALRM), "{signals:?}");
    for signal in signals {
        let (state, mut session) = Session::meeting(&["run"]);
        kill(&session, signal);
        let code = session.wait_exit();
        assert_eq!(code, 128 + signal.unsigned_abs(), "signal {signal}");
        assert!(session.screen_is_restored(), "signal {signal}");
        assert!(session.terminal_is_cooked(), "signal {signal}");
        assert!(state_file(state.path()).is_file(), "signal {signal}");
        assert!(
            session
                .screen()
                .contains("`forumtimer run --resume` continues the meeting"),
            "signal {signal}: {}",
            session.screen()
        );
    }
}

// --- Full disks -----------------------------------------------------------------------

#[test]
fn the_report_probe_finds_a_full_disk_before_the_meeting() {
    let Some(disk) = Tmpfs::mount("256k") else {
        return;
    };
    disk.fill();
    let state = tempfile::tempdir().unwrap();
    let report = disk.path().join("report.md");
    let report = report.to_str().unwrap();
    let mut session = Session::start(&["run", "--report", report], 120, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    let screen = session.screen();
    assert!(screen.contains("No space left on device"), "{screen}");
}

#[test]
fn a_report_that_cannot_be_written_at_the_end_goes_to_standard_output() {
    let Some(disk) = Tmpfs::mount("256k") else {
        return;
    };
    let state = tempfile::tempdir().unwrap();
    let report = disk.path().join("report.md");
    let args = ["run", "--report", report.to_str().unwrap()];
    let mut session = Session::start(&args, 120, 40, state.path());
    session.wait_for("enter start");
    session.press("\r");
    session.wait_for("everyone together");
    disk.fill();
    session.press("qy");
    // The controller's closing card (issue 14; `d` would show the balances).
    session.wait_for("Ended ");
    session.press("q");
    assert_eq!(session.wait_exit(), 1);
    let screen = session.screen();
    assert!(screen.contains("could not write the report"), "{screen}");
    assert!(screen.contains("No space left on device"), "{screen}");
    assert!(screen.contains("follows on standard output"), "{screen}");
    assert!(screen.contains("# Meeting summary"), "{screen}");
    assert!(!report.exists());
}

/// Runs a meeting whose state directory is `dir`, where no save can succeed, and checks that
/// neither the screen nor the closing message claims it was saved.
fn never_claims_it_was_saved(dir: &Path) {
    let mut session = Session::start(&["run"], 120, 24, dir);
    // The opening screen's key line may give way to the warning that the lock cannot be made.
    session.wait_for("Who is here");
    session.press("\r");
    session.wait_for("Not saved, no resume after a crash");
    session.press("qy");
    // The controller's closing card (issue 14; `d` would show the balances).
    session.wait_for("Ended ");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    let screen = session.screen();
    assert!(screen.contains("could not be saved"), "{screen}");
    assert!(screen.contains("cannot be resumed"), "{screen}");
    assert!(!screen.contains("continues"), "{screen}");
    // Said once, not twice ("… cannot be resumed — Not saved, no resume after a crash …").
    assert_eq!(screen.matches("resume").count(), 1, "{screen}");
}

#[test]
fn a_meeting_that_could_not_be_saved_never_claims_it_was() {
    // A regular file where the `forumtimer` directory goes: no save can make the directory,
    // for root and everyone else alike (a read-only directory would not do: the store
    // tightens its own directory to 0700, and root ignores modes).
    let state = tempfile::tempdir().unwrap();
    fs::write(state.path().join("forumtimer"), "not a directory").unwrap();
    never_claims_it_was_saved(state.path());
}

#[test]
fn a_meeting_on_a_full_disk_never_claims_it_was_saved() {
    let Some(disk) = Tmpfs::mount("256k") else {
        return;
    };
    fs::create_dir(disk.path().join("forumtimer")).unwrap();
    disk.fill();
    never_claims_it_was_saved(disk.path());
}

// --- A stepped wall clock -------------------------------------------------------------

/// Clocks moved by the test: what the kernel does when NTP steps the wall clock is to leave
/// the monotonic and boot clocks alone, so the meeting clock, built on them, must not move.
struct Stepped(Vec<forumtimer::tui::clock::Reading>);

impl forumtimer::tui::clock::Source for Stepped {
    fn read(&mut self) -> forumtimer::tui::clock::Reading {
        self.0.remove(0)
    }
}

#[test]
fn a_wall_clock_stepped_back_and_restored_adds_no_meeting_time() {
    use forumtimer::tui::clock::{MeetingClock, Reading};
    let at = |awake: u64, boot: u64| Reading {
        awake: Duration::from_secs(awake),
        boot: Duration::from_secs(boot),
    };
    // One second per loop turn while the wall clock goes back an hour and returns; then the
    // laptop sleeps 7 minutes (boot clock only).
    let readings = vec![at(100, 100), at(101, 101), at(102, 102), at(103, 523)];
    let mut clock = MeetingClock::with_source(Box::new(Stepped(readings)), Duration::ZERO, 1);
    let second = Duration::from_secs(1);
    assert_eq!(clock.read(second), (Duration::from_secs(1), None));
    assert_eq!(clock.read(second), (Duration::from_secs(2), None));
    let (now, stopped) = clock.read(second);
    assert_eq!(now, Duration::from_secs(423));
    assert_eq!(stopped, Some(Duration::from_secs(421)));
}

// --- Hostile command-line values ------------------------------------------------------

#[test]
fn an_escape_typed_into_a_value_is_escaped_in_the_message() {
    let esc = "x\u{1b}[2Jy";
    for args in [
        vec!["plan", "--duration", esc],
        vec!["plan", "--end", esc],
        vec!["new", "--template", esc],
        vec!["run", "--speed", esc],
    ] {
        let output = Command::cargo_bin("forumtimer")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(!stderr.contains('\u{1b}'), "{args:?}: {stderr:?}");
        // Shown, escaped: clap's own message (which checks template names) would strip it.
        assert!(stderr.contains("x\\u{1b}[2Jy"), "{args:?}: {stderr:?}");
    }
    let state = tempfile::tempdir().unwrap();
    let report = format!("{}/{esc}.txt", state.path().display());
    let mut session = Session::start(&["run", "--report", &report], 120, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    assert!(
        session.screen().contains("x\\u{1b}[2Jy.txt"),
        "{}",
        session.screen()
    );
}

#[test]
fn a_signal_on_the_opening_screen_exits_as_that_signal() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    kill(&session, libc::SIGUSR1);
    assert_eq!(session.wait_exit(), 128 + libc::SIGUSR1.unsigned_abs());
    assert!(session.screen_is_restored());
    assert!(session.terminal_is_cooked());
    assert!(!state_file(state.path()).exists());
}

#[test]
fn a_stalled_rehearsal_counts_the_stall_and_says_it_in_both_clocks() {
    let (_state, mut session) = Session::meeting(&["run", "--speed", "60"]);
    kill(&session, libc::SIGSTOP);
    // Longer than a loop turn plus the 5 s the clock lets pass unremarked.
    std::thread::sleep(Duration::from_secs(7));
    kill(&session, libc::SIGCONT);
    // Seven real seconds, or eight on a slow machine: as many minutes of the rehearsal.
    session.wait_until(
        |screen| {
            ["7 s — 7 min", "8 s — 8 min"].iter().any(|both| {
                screen.contains(&format!(
                    "paused by the system for {both} of rehearsal counted"
                ))
            })
        },
        "the stall said in real and rehearsed time",
    );
    session.press("qyq");
    assert_eq!(session.wait_exit(), 0);
}
