//! What the kernel knows about the child: CPU time, context switches and peak memory, read from
//! `/proc`. Linux only; every reading is summed over the process's threads, because the
//! per-process files (`/proc/PID/schedstat`, the `*_ctxt_switches` lines of `/proc/PID/status`)
//! describe the main thread alone.

use std::fs;
use std::io;
use std::time::Duration;

/// Cumulative counters of one process at one moment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    /// utime + stime, in clock ticks (coarse: usually 10 ms).
    pub ticks: u64,
    /// Time on CPU from `schedstat`, in nanoseconds; `None` when the kernel does not keep it.
    pub cpu_ns: Option<u64>,
    /// Voluntary + involuntary context switches: each is one wake-up (or preemption).
    pub switches: u64,
}

/// How one counting window went, from two samples.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub cpu_by_ticks: Duration,
    pub cpu_by_schedstat: Option<Duration>,
    pub switches: u64,
}

impl Sample {
    /// Reads the counters of `pid`, summed over its threads.
    pub fn read(pid: u32) -> io::Result<Sample> {
        // utime and stime of /proc/PID/stat already cover every thread, live or exited.
        let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
        let ticks = stat_ticks(&stat).ok_or_else(|| invalid("/proc/PID/stat"))?;
        let mut cpu_ns = Some(0u64);
        let mut switches = 0;
        for task in fs::read_dir(format!("/proc/{pid}/task"))? {
            let dir = task?.path();
            cpu_ns = match (cpu_ns, fs::read_to_string(dir.join("schedstat"))) {
                (Some(sum), Ok(text)) => first_number(&text).map(|ns| sum + ns),
                _ => None,
            };
            let status = fs::read_to_string(dir.join("status"))?;
            switches += status_field(&status, "voluntary_ctxt_switches").unwrap_or(0);
            switches += status_field(&status, "nonvoluntary_ctxt_switches").unwrap_or(0);
        }
        Ok(Sample {
            ticks,
            cpu_ns,
            switches,
        })
    }

    /// What happened between `self` (earlier) and `later`.
    pub fn until(&self, later: &Sample, tick: Duration) -> Usage {
        let ticks = later.ticks.saturating_sub(self.ticks);
        Usage {
            cpu_by_ticks: tick * u32::try_from(ticks).unwrap_or(u32::MAX),
            cpu_by_schedstat: self
                .cpu_ns
                .zip(later.cpu_ns)
                .map(|(a, b)| Duration::from_nanos(b.saturating_sub(a))),
            switches: later.switches.saturating_sub(self.switches),
        }
    }
}

/// The highest resident set size of `pid` so far (`VmHWM`), in KiB.
pub fn peak_rss_kib(pid: u32) -> io::Result<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    status_field(&status, "VmHWM").ok_or_else(|| invalid("VmHWM in /proc/PID/status"))
}

/// The length of one clock tick, as `/proc/PID/stat` counts CPU time.
pub fn clock_tick() -> Duration {
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let per_second = u64::try_from(per_second).unwrap_or(100).max(1);
    Duration::from_nanos(1_000_000_000 / per_second)
}

/// utime (field 14) + stime (field 15). The command name (field 2) may hold spaces and
/// parentheses, so counting starts after its last `)`.
fn stat_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

fn first_number(text: &str) -> Option<u64> {
    text.split_whitespace().next()?.parse().ok()
}

/// The number on the line `name:\t123 kB` of a status file.
fn status_field(status: &str, name: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(name)?.strip_prefix(':')?;
        first_number(rest)
    })
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("cannot read {what}"))
}

/// The machine, in one line: cores, CPU model, kernel.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .and_then(|rest| rest.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_or_else(|_| "unknown".to_string(), |k| k.trim().to_string());
    format!("{cores} cores (nproc) · {model} · Linux {kernel}")
}
