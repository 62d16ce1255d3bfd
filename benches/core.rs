//! `cargo bench --bench core`: the pure core against the one-frame budget (issue 6: each far
//! below 1 ms). Parsing and validating every shipped agenda, and the allotment rule on a
//! meeting far larger than any real forum: 200 members × 50 segments (8 010 slots).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use forumtimer::domain::agenda::{Agenda, Deadline, Order, Segment, SegmentKind};
use forumtimer::domain::meeting::{Input, Meeting};
use forumtimer::domain::plan::Plan;
use forumtimer::domain::simulate::{Model, play};

/// Every `agendas/*.toml`, read when the bench starts so a new agenda is measured too.
fn shipped_agendas() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "toml"))
                .filter_map(|path| {
                    let name = path.file_stem()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read_to_string(&path).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn parse_shipped(c: &mut Criterion) {
    let agendas = shipped_agendas();
    assert!(!agendas.is_empty(), "no agendas found in agendas/");
    let mut group = c.benchmark_group("agenda parse+validate");
    for (name, text) in &agendas {
        let path = format!("{name}.toml");
        assert!(
            forumtimer::agenda::parse(&path, text, None).is_ok(),
            "{path} does not validate"
        );
        group.bench_function(name.as_str(), |b| {
            // `is_ok` keeps the (large) error type out of the measured closure's signature; the
            // agenda is still built and dropped inside the timing, as in real use.
            b.iter(|| forumtimer::agenda::parse(black_box(&path), black_box(text), None).is_ok());
        });
    }
    group.finish();
}

/// 200 members and 50 segments: every fifth a fixed block, the others rounds in each order.
fn huge_agenda() -> Agenda {
    let names: Vec<String> = (0..200).map(|i| format!("Member {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut agenda = Agenda::new("Huge forum", &refs);
    agenda.segments = (0..50u64)
        .map(|i| Segment {
            name: format!("Segment {i}"),
            kind: if i % 5 == 0 {
                SegmentKind::Block {
                    length: Duration::from_secs(300 + i),
                }
            } else {
                SegmentKind::Round {
                    each: Duration::from_secs(60 + i),
                    order: [Order::Agenda, Order::Reverse, Order::Shuffle][(i % 3) as usize],
                }
            },
            prompt: Some("A prompt".to_string()),
            warn: None,
        })
        .collect();
    // A fixed end shorter than the plan, so the rule has real sharing to do.
    agenda.deadline = Some(Deadline::Duration(Duration::from_secs(100 * 3600)));
    agenda
}

/// A meeting `slots_done` slots in, each having overrun by 7 s, so allotments differ from plan.
fn meeting_under_way(plan: &Plan, slots_done: usize) -> (Meeting, Duration) {
    let members = plan.members.len();
    let end = Some(Duration::from_secs(100 * 3600));
    let mut now = Duration::ZERO;
    let mut meeting = Meeting::start(plan.clone(), vec![true; members], now, end, true);
    for _ in 0..slots_done {
        let allotted = meeting.status(now).map_or(Duration::ZERO, |s| s.allotted);
        now += allotted + Duration::from_secs(7);
        // Next always applies to a running meeting; a refusal would only shorten the setup.
        let _ = meeting.apply(Input::Next, now);
    }
    (meeting, now + Duration::from_secs(42))
}

fn allotment_rule(c: &mut Criterion) {
    let agenda = huge_agenda();
    let plan = Plan::build(&agenda, 7);
    assert_eq!(plan.slots.len(), 10 + 40 * 200);
    let members = plan.members.len();
    let end = Some(Duration::from_secs(100 * 3600));
    let (meeting, now) = meeting_under_way(&plan, 500);

    let mut group = c.benchmark_group("allotment 200 members x 50 segments");
    group.bench_function("Plan::build", |b| {
        b.iter(|| Plan::build(black_box(&agenda), 7));
    });
    group.bench_function("Meeting::start", |b| {
        b.iter_batched(
            || plan.clone(),
            |plan| Meeting::start(plan, vec![true; members], Duration::ZERO, end, true),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("Meeting::status", |b| {
        b.iter(|| black_box(&meeting).status(black_box(now)));
    });
    group.bench_function("Meeting::schedule", |b| {
        b.iter(|| {
            black_box(&meeting)
                .schedule(black_box(now))
                .collect::<Vec<_>>()
        });
    });
    group.bench_function("Meeting::next_change", |b| {
        b.iter(|| black_box(&meeting).next_change(black_box(now)));
    });
    group.bench_function("Meeting::apply(Next)", |b| {
        b.iter_batched(
            || meeting.clone(),
            |mut meeting| {
                let _ = meeting.apply(Input::Next, now);
                meeting
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

/// A 30-member circle in 2 hours (check-in 1m, share 2m, close 30s: 90 turns), the largest
/// group SPEC §1 expects: `forumtimer simulate` plays 16 000 of these by default.
fn simulated_meeting(c: &mut Criterion) {
    let names: Vec<String> = (0..30).map(|i| format!("M{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut agenda = Agenda::new("Circle", &refs);
    agenda.segments = [("Check-in", 60), ("Share", 120), ("Close", 30)]
        .into_iter()
        .map(|(name, each)| Segment {
            name: name.to_string(),
            kind: SegmentKind::Round {
                each: Duration::from_secs(each),
                order: Order::Agenda,
            },
            prompt: None,
            warn: None,
        })
        .collect();
    agenda.deadline = Some(Deadline::Duration(Duration::from_secs(2 * 3600)));
    let plan = Plan::build(&agenda, 7);
    let end = Some(Duration::from_secs(2 * 3600));
    let mut rng = fastrand::Rng::with_seed(1);
    c.bench_function("simulate one meeting, 30 members x 3 rounds", |b| {
        b.iter(|| play(black_box(&plan), end, Model::Noise, &mut rng));
    });
}

criterion_group!(benches, parse_shipped, allotment_rule, simulated_meeting);
criterion_main!(benches);
