//! `cargo bench --bench terminal`: how light the running timer is, measured on the release
//! binary in a 120×40 pseudo-terminal (issue 6). It launches the program, starts the meeting,
//! lets the first member's turn count down, then does it again with a room display
//! (`forumtimer show`, issue 14) following in a second 120×40 terminal, then pauses and resumes
//! it repeatedly, and prints each figure beside its target. Figures are measured, never asserted: a missed target is a
//! finding to report, not a failed build.
//!
//! Environment: `FORUMTIMER_BENCH_SECONDS` (counting window, default 30),
//! `FORUMTIMER_BENCH_PRESSES` (key-to-screen samples, default 20),
//! `FORUMTIMER_BENCH_LAUNCHES` (first-frame samples, default 5),
//! `FORUMTIMER_BENCH_BIN` (measure another build of the binary).

#[path = "terminal/procfs.rs"]
mod procfs;
#[path = "terminal/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use procfs::{Sample, Usage};
use pty::{Fallible, Session};

const SIZE: (u16, u16) = (120, 40);
/// Long enough for a loaded machine; a healthy run never waits this long.
const PATIENCE: Duration = Duration::from_secs(10);
/// Lets start-up work (first full frame, first save) finish before the window opens.
const SETTLE: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("terminal benchmark: {error}");
            ExitCode::FAILURE
        }
    }
}

struct Config {
    binary: PathBuf,
    window: Duration,
    presses: usize,
    launches: usize,
}

impl Config {
    fn from_env() -> Config {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        // Cargo sets this for benchmarks too, to the binary built with the same profile:
        // `cargo bench` uses the bench profile, which inherits release.
        let built = PathBuf::from(env!("CARGO_BIN_EXE_forumtimer"));
        Config {
            binary: std::env::var_os("FORUMTIMER_BENCH_BIN").map_or(built, PathBuf::from),
            window: Duration::from_secs(number("FORUMTIMER_BENCH_SECONDS", 30).max(1)),
            presses: usize::try_from(number("FORUMTIMER_BENCH_PRESSES", 20)).unwrap_or(20),
            launches: usize::try_from(number("FORUMTIMER_BENCH_LAUNCHES", 5).max(1)).unwrap_or(5),
        }
    }
}

/// Everything one run measured.
struct Figures {
    first_frames: Vec<Duration>,
    first_byte: Option<Duration>,
    window: Duration,
    usage: Usage,
    bytes: u64,
    peak_rss_kib: u64,
    latencies: Vec<Duration>,
    missed_presses: usize,
    exit: Option<u32>,
    counting_screen: String,
    /// The same countdown with a room display following.
    room: Option<RoomFigures>,
}

/// The countdown with `forumtimer show` following it.
struct RoomFigures {
    window: Duration,
    controller: Usage,
    display: Usage,
    display_bytes: u64,
    display_screen: String,
}

fn run() -> Fallible<()> {
    let config = Config::from_env();
    if !config.binary.is_file() {
        return Err(format!("no binary at {}", config.binary.display()).into());
    }
    // The title is what the opening screen must show; take it from the built-in agenda the
    // benchmark runs, so a changed agenda cannot make the bench wait for the wrong text.
    let title = forumtimer::agenda::default_agenda(None)?.title;
    let state = tempfile::tempdir()?;
    let mut first_frames = Vec::new();
    for _ in 1..config.launches {
        let mut session = Session::start(&config.binary, &["run"], SIZE, state.path())?;
        let at = session.wait_until(|s| s.contains(&title), PATIENCE);
        first_frames.extend(at.map(|at| at - session.spawned));
        session.finish(Duration::ZERO);
    }

    let mut session = Session::start(&config.binary, &["run"], SIZE, state.path())?;
    let pid = session.pid()?;
    let shown = session
        .wait_until(|s| s.contains(&title), PATIENCE)
        .ok_or("the opening screen never showed the agenda title")?;
    first_frames.push(shown - session.spawned);
    let first_byte = session.first_byte.map(|at| at - session.spawned);

    // `enter` starts the meeting on the opening block; `n` moves on to the first member's
    // turn, the screen a facilitator watches most.
    let opening = session.screen();
    session.press("\r")?;
    session
        .wait_until(|s| s != opening, PATIENCE)
        .ok_or("enter did not start the meeting")?;
    session.drain_for(SETTLE / 4);
    let started = session.screen();
    session.press("n")?;
    session
        .wait_until(|s| s != started, PATIENCE)
        .ok_or("n did not move to the first turn")?;
    session.drain_for(SETTLE);

    let before = Sample::read(pid)?;
    let opened = Instant::now();
    let bytes = session.drain_for(config.window);
    let after = Sample::read(pid)?;
    let window = opened.elapsed();
    let usage = before.until(&after, procfs::clock_tick());
    let counting_screen = session.screen();
    let room = with_display(&config, &mut session, pid, state.path());

    let (latencies, missed_presses) = key_to_screen(&mut session, config.presses)?;
    let peak_rss_kib = procfs::peak_rss_kib(pid)?;

    // q asks, y confirms and shows the summary, q leaves it.
    session.press("q")?;
    session.drain_for(Duration::from_millis(200));
    session.press("y")?;
    session.drain_for(Duration::from_millis(200));
    session.press("q")?;
    let exit = session.finish(PATIENCE);

    report(
        &config,
        &Figures {
            first_frames,
            first_byte,
            window,
            usage,
            bytes,
            peak_rss_kib,
            latencies,
            missed_presses,
            exit,
            counting_screen,
            room: match room {
                Ok(room) => Some(room),
                Err(error) => {
                    eprintln!("terminal benchmark: with a room display: {error}");
                    None
                }
            },
        },
    );
    Ok(())
}

/// Starts a room display on the running meeting and measures both processes over the same
/// counting window; the display is closed with `q` afterwards.
fn with_display(
    config: &Config,
    controller: &mut Session,
    controller_pid: u32,
    state: &std::path::Path,
) -> Fallible<RoomFigures> {
    let mut display = Session::start(&config.binary, &["show"], SIZE, state)?;
    let display_pid = display.pid()?;
    display
        .wait_until(|s| s.contains("Up next"), PATIENCE)
        .ok_or("the room display never showed the live view")?;
    display.drain_for(SETTLE);
    controller.drain_for(Duration::ZERO);
    let before = (Sample::read(controller_pid)?, Sample::read(display_pid)?);
    let opened = Instant::now();
    // The controller's output queues on its reader thread meanwhile; drained below.
    let display_bytes = display.drain_for(config.window);
    let after = (Sample::read(controller_pid)?, Sample::read(display_pid)?);
    let window = opened.elapsed();
    controller.drain_for(Duration::ZERO);
    let tick = procfs::clock_tick();
    let display_screen = display.screen();
    display.press("q")?;
    display.finish(PATIENCE);
    Ok(RoomFigures {
        window,
        controller: before.0.until(&after.0, tick),
        display: before.1.until(&after.1, tick),
        display_bytes,
        display_screen,
    })
}

/// Presses space `presses` times, alternately pausing and resuming, and times each press until
/// the screen shows (or stops showing) the word `PAUSED`. Returns the latencies and how many
/// presses never showed their change.
fn key_to_screen(session: &mut Session, presses: usize) -> Fallible<(Vec<Duration>, usize)> {
    let mut latencies = Vec::with_capacity(presses);
    let mut missed = 0;
    for i in 0..presses {
        let pausing = i % 2 == 0;
        // A varying gap keeps presses from lining up with the once-a-second redraw.
        session.drain_for(Duration::from_millis(150 + fastrand::u64(0..250)));
        let sent = session.press(" ")?;
        match session.wait_until(|s| s.contains("PAUSED") == pausing, Duration::from_secs(2)) {
            Some(shown) => latencies.push(shown.saturating_duration_since(sent)),
            None => missed += 1,
        }
    }
    if presses % 2 == 1 {
        // Leave the meeting running, as it was.
        session.press(" ")?;
    }
    Ok((latencies, missed))
}

fn report(config: &Config, figures: &Figures) {
    let seconds = figures.window.as_secs_f64();
    let per_minute = |cpu: Duration| cpu.as_secs_f64() * 1000.0 * 60.0 / seconds;
    let mut frames = figures.first_frames.clone();
    frames.sort();
    let mut latencies = figures.latencies.clone();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |v: &[Duration]| v.get(v.len() / 2).copied().map(ms);
    let max = |v: &[Duration]| v.last().copied().map(ms);

    println!("forumtimer terminal benchmark");
    println!("  binary   {}", config.binary.display());
    println!("  machine  {}", procfs::machine());
    println!(
        "  profile  {}",
        if config
            .binary
            .components()
            .any(|c| c.as_os_str() == "release")
        {
            "release (cargo bench builds it with the bench profile, which inherits release)"
        } else {
            "NOT release: figures do not describe what users run"
        }
    );
    println!(
        "  run      {}x{} pty, built-in agenda, first member's turn counting down for {seconds:.1} s",
        SIZE.0, SIZE.1
    );
    println!();
    println!(
        "  {:<42} {:>12}  {:<10} verdict",
        "figure", "measured", "target"
    );
    let rows: Vec<(&str, Option<f64>, &str, f64, &str)> = vec![
        (
            "CPU per minute (schedstat)",
            figures.usage.cpu_by_schedstat.map(per_minute),
            "ms",
            13.0,
            "≤ 13 ms",
        ),
        (
            "CPU per minute (utime+stime, 10 ms ticks)",
            Some(per_minute(figures.usage.cpu_by_ticks)),
            "ms",
            13.0,
            "≤ 13 ms",
        ),
        (
            "wakeups (context switches) per second",
            Some(figures.usage.switches as f64 / seconds),
            "/s",
            2.0,
            "≤ 2 /s",
        ),
        (
            "bytes to the terminal per second",
            Some(figures.bytes as f64 / seconds),
            "B/s",
            200.0,
            "≤ 200 B/s",
        ),
        (
            "peak RSS (VmHWM)",
            // In MB (10^6 bytes), the stricter reading of the target.
            Some(figures.peak_rss_kib as f64 * 1024.0 / 1e6),
            "MB",
            5.0,
            "≤ 5 MB",
        ),
        (
            "launch to first frame, median",
            median(&frames),
            "ms",
            15.0,
            "≤ 15 ms",
        ),
        (
            "launch to first frame, max",
            max(&frames),
            "ms",
            15.0,
            "≤ 15 ms",
        ),
        (
            "key to screen (space/PAUSED), median",
            median(&latencies),
            "ms",
            16.0,
            "≤ 16 ms",
        ),
        (
            "key to screen (space/PAUSED), max",
            max(&latencies),
            "ms",
            16.0,
            "≤ 16 ms",
        ),
    ];
    let alone_cpu = figures.usage.cpu_by_schedstat.map(per_minute);
    let alone_switches = figures.usage.switches as f64 / seconds;
    let mut rows = rows;
    if let Some(room) = &figures.room {
        let seconds = room.window.as_secs_f64();
        let per_minute = |cpu: Duration| cpu.as_secs_f64() * 1000.0 * 60.0 / seconds;
        let both = room
            .controller
            .cpu_by_schedstat
            .zip(room.display.cpu_by_schedstat)
            .map(|(a, b)| per_minute(a + b));
        let both_switches = (room.controller.switches + room.display.switches) as f64 / seconds;
        rows.extend([
            (
                "with a display: controller CPU per minute",
                room.controller.cpu_by_schedstat.map(per_minute),
                "ms",
                f64::INFINITY,
                "(reported)",
            ),
            (
                "with a display: display CPU per minute",
                room.display.cpu_by_schedstat.map(per_minute),
                "ms",
                f64::INFINITY,
                "(reported)",
            ),
            (
                "controller + display CPU ÷ controller alone",
                both.zip(alone_cpu).map(|(both, alone)| both / alone),
                "×",
                1.5,
                "≤ 1.5 ×",
            ),
            (
                "controller + display wakeups per second",
                Some(both_switches),
                "/s",
                1.5 * alone_switches.max(1.0),
                "≤ 1.5 × alone",
            ),
            (
                "display bytes to its terminal per second",
                Some(room.display_bytes as f64 / seconds),
                "B/s",
                200.0,
                "≤ 200 B/s",
            ),
        ]);
    }
    for (name, value, unit, target, target_text) in rows {
        let (measured, verdict) = match value {
            Some(v) => (
                format!("{v:.2} {unit}"),
                if v <= target { "met" } else { "MISSED" },
            ),
            None => ("n/a".to_string(), "not measured"),
        };
        println!("  {name:<42} {measured:>12}  {target_text:<10} {verdict}");
    }
    println!();
    println!(
        "  samples: {} launches; {} key presses ({} never changed the screen); first byte after {}",
        frames.len(),
        latencies.len(),
        figures.missed_presses,
        figures
            .first_byte
            .map_or("n/a".to_string(), |d| format!("{:.2} ms", ms(d))),
    );
    println!(
        "  window: {} context switches, {} bytes; exit code {}",
        figures.usage.switches,
        figures.bytes,
        figures
            .exit
            .map_or("none (killed)".to_string(), |c| c.to_string()),
    );
    if let Some(room) = &figures.room {
        println!(
            "  with a display: {:.1} s window; controller {} and display {} context switches",
            room.window.as_secs_f64(),
            room.controller.switches,
            room.display.switches
        );
        println!("  the room display during its window:");
        for line in room.display_screen.lines().filter(|l| !l.trim().is_empty()) {
            println!("  | {}", line.trim_end());
        }
    }
    println!("  screen during the window:");
    for line in figures
        .counting_screen
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        println!("  | {}", line.trim_end());
    }
}
