//! The socket's behaviour: late readers are welcomed with the latest state, several follow at
//! once, a stuck one is dropped without slowing the publisher, and a dead controller's socket
//! is taken over while a live one's is not.

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use super::*;
use crate::room::Stage;

fn state(title: &str) -> Message {
    Message::Room {
        anchor: Anchor::at(Duration::from_secs(5)),
        room: Box::new(RoomState {
            title: title.into(),
            origin_ms: 0,
            speed: 1,
            stage: Stage::Opening {
                purpose: None,
                agreements: vec!["One voice at a time.".into()],
            },
        }),
    }
}

fn title(message: &Message) -> Option<&str> {
    match message {
        Message::Room { room, .. } => Some(&room.title),
        Message::Bye => None,
    }
}

/// Receives until `count` messages came or the connection closed (a second at most).
fn receive(subscriber: &mut Subscriber, count: usize) -> Received {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut all = Received::default();
    while all.messages.len() < count && !all.closed && Instant::now() < deadline {
        let mut got = subscriber.receive();
        all.messages.append(&mut got.messages);
        all.closed = got.closed;
        std::thread::sleep(Duration::from_millis(5));
    }
    all
}

fn socket_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("room.sock")
}

#[test]
fn a_display_that_connects_late_gets_the_latest_state_then_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::bind_at(socket_in(&dir)).unwrap();
    publisher.publish(&state("first"));
    publisher.publish(&state("second"));
    let mut late = Subscriber::connect_at(publisher.path()).unwrap();
    let got = receive(&mut late, 1);
    assert_eq!(got.messages.len(), 1);
    assert_eq!(title(got.messages[0].as_ref().unwrap()), Some("second"));
    let mut other = Subscriber::connect_at(publisher.path()).unwrap();
    receive(&mut other, 1);
    publisher.publish(&state("third"));
    for subscriber in [&mut late, &mut other] {
        let got = receive(subscriber, 1);
        assert_eq!(title(got.messages[0].as_ref().unwrap()), Some("third"));
    }
    assert_eq!(publisher.readers(), 2);
}

#[test]
fn closing_says_goodbye_and_frees_the_socket() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::bind_at(socket_in(&dir)).unwrap();
    publisher.publish(&state("meeting"));
    let mut display = Subscriber::connect_at(publisher.path()).unwrap();
    receive(&mut display, 1);
    drop(publisher);
    let got = receive(&mut display, 1);
    assert_eq!(got.messages, vec![Ok(Message::Bye)]);
    assert!(receive(&mut display, 2).closed);
    assert!(!socket_in(&dir).exists());
}

#[test]
fn a_dead_controllers_socket_is_taken_over_but_a_live_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    // A controller killed with SIGKILL leaves its socket file behind, with nobody on it.
    drop(UnixListener::bind(&path).unwrap());
    assert!(path.exists());
    let publisher = Publisher::bind_at(path.clone()).unwrap();
    let error = Publisher::bind_at(path.clone()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AddrInUse);
    assert!(error.to_string().contains("already publishing"), "{error}");
    drop(publisher);
}

#[test]
fn a_stuck_display_is_dropped_and_never_slows_the_controller() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::bind_at(socket_in(&dir)).unwrap();
    publisher.publish(&state("start"));
    // Connected, and never reads: its socket buffer fills.
    let stuck = UnixStream::connect(publisher.path()).unwrap();
    let mut live = Subscriber::connect_at(publisher.path()).unwrap();
    while publisher.readers() < 2 {
        std::thread::sleep(Duration::from_millis(1));
    }
    let big = "x".repeat(16 * 1024);
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    for i in 0..400 {
        let at = Instant::now();
        publisher.publish(&state(&format!("{i} {big}")));
        slowest = slowest.max(at.elapsed());
        // The live display keeps up.
        let _ = live.receive();
    }
    // A blocking send would wait for ever on the stuck reader; the bound only allows for a
    // loaded machine.
    assert!(
        slowest < Duration::from_secs(1),
        "one publish took {slowest:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(publisher.readers(), 1, "the stuck display was dropped");
    drop(stuck);
    // It may come back and is whole again at once.
    let mut back = Subscriber::connect_at(publisher.path()).unwrap();
    let got = receive(&mut back, 1);
    assert!(title(got.messages[0].as_ref().unwrap()).is_some_and(|t| t.starts_with("399 ")));
}

#[test]
fn a_display_whose_connection_ends_mid_line_reads_only_whole_messages() {
    let dir = tempfile::tempdir().unwrap();
    let listener = UnixListener::bind(socket_in(&dir)).unwrap();
    let mut display = Subscriber::connect_at(&socket_in(&dir)).unwrap();
    let (mut controller, _) = listener.accept().unwrap();
    let whole = encode(&state("whole"));
    let cut = &encode(&state("cut"))[..20];
    std::io::Write::write_all(&mut controller, format!("{whole}{cut}").as_bytes()).unwrap();
    drop(controller);
    let got = receive(&mut display, 5);
    assert!(got.closed);
    assert_eq!(got.messages.len(), 1);
    assert_eq!(title(got.messages[0].as_ref().unwrap()), Some("whole"));
}

#[test]
fn the_folder_is_made_private_and_a_foreign_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("forumtimer");
    private_dir(&fresh).unwrap();
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    // Opened up by hand: closed again.
    std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o755)).unwrap();
    private_dir(&fresh).unwrap();
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    // A symlink planted where the folder should be is not followed.
    let planted = dir.path().join("planted");
    std::os::unix::fs::symlink(dir.path(), &planted).unwrap();
    let error = private_dir(&planted).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::PermissionDenied);
}

#[test]
fn the_anchor_reads_the_meeting_clock_at_its_speed() {
    let anchor = Anchor {
        meeting_ns: 10_000_000_000,
        machine_ns: 1_000_000_000,
    };
    assert_eq!(
        anchor.meeting_at(1_500_000_000, 1),
        Duration::from_millis(10_500)
    );
    assert_eq!(
        anchor.meeting_at(1_500_000_000, 60),
        Duration::from_secs(40)
    );
    // A reading from before the anchor never runs the clock backwards past it.
    assert_eq!(anchor.meeting_at(0, 1), Duration::from_secs(10));
}
