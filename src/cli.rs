//! The command line (SPEC §10): one `Args` struct per subcommand; doc comments are the help.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::agenda::templates;
use crate::domain::simulate::Model;

mod help;
use help::{
    ABOUT, CHECK_EXAMPLES, COMPLETIONS_EXAMPLES, EXAMPLES, HISTORY_EXAMPLES, MAN_EXAMPLES,
    NEW_EXAMPLES, PLAN_EXAMPLES, RUN_EXAMPLES, SCHEMA_EXAMPLES, SHOW_EXAMPLES, SIMULATE_EXAMPLES,
};

/// A calm full-screen timer for peer forums: equal time, one-key facilitation.
#[derive(Debug, Parser)]
#[command(
    name = "forumtimer",
    version = env!("FORUMTIMER_VERSION"),
    about,
    long_about = ABOUT,
    propagate_version = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a meeting full-screen.
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Print the schedule an agenda gives, slot by slot.
    #[command(after_help = PLAN_EXAMPLES)]
    Plan(PlanArgs),
    /// Check agenda files; exits 1 if any is invalid.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Write a new, commented agenda to edit.
    #[command(after_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// The room display: follow the meeting `run` runs, read-only, in another terminal.
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Show the meetings kept in a history folder: time per member, who went first, who
    /// presented.
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the JSON Schema of the agenda format, for TOML editors.
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema,
    /// Print the manual page (roff).
    #[command(after_help = MAN_EXAMPLES)]
    Man,
    /// Play many seeded meetings of an agenda with model speakers; print how the time was shared.
    #[command(after_help = SIMULATE_EXAMPLES)]
    Simulate(SimulateArgs),
}

/// Who and how long, shared by `run` and `plan`.
#[derive(Debug, Clone, Args)]
pub struct MeetingArgs {
    /// Agenda file (TOML); the built-in classic forum when omitted.
    #[arg(value_hint = ValueHint::FilePath)]
    pub agenda: Option<PathBuf>,
    /// Members, comma-separated, replacing the agenda's: "Ana,Ben,Chidi".
    #[arg(long, value_name = "LIST")]
    pub members: Option<String>,
    /// End the meeting at this local time (24-hour).
    #[arg(long, value_name = "HH:MM", conflicts_with = "duration")]
    pub end: Option<String>,
    /// Meeting length, like "3h" or "1h 30m".
    #[arg(long, value_name = "DUR")]
    pub duration: Option<String>,
    /// History folder (instead of the agenda's `history`): rotations and the next presenter
    /// come from it, and `run` keeps the meeting there when it ends.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub history: Option<PathBuf>,
}

/// The order of shuffled rounds, shared by `run` and `plan`: the same seed, the same order.
#[derive(Debug, Clone, Copy, Args)]
pub struct ShuffleArgs {
    /// Shuffle the rounds with `order = "shuffle"` by this seed instead of the one fixed per
    /// agenda and date: `plan` and `run` given the same seed take the same order.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub meeting: MeetingArgs,
    #[command(flatten)]
    pub shuffle: ShuffleArgs,
    /// Run the clock N times faster, to rehearse an agenda.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub speed: u32,
    /// Ring the terminal bell at the warning and at zero.
    #[arg(long)]
    pub bell: bool,
    /// No colours (also when `NO_COLOR` is set); states stay readable by their words.
    #[arg(long)]
    pub no_color: bool,
    /// Write the timing summary to FILE (.md or .json) when the meeting ends.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Continue the meeting that was running when the program last stopped (without AGENDA:
    /// with the saved meeting's agenda), in the order it started with.
    #[arg(long, conflicts_with = "seed")]
    pub resume: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Start in the projector view: name, digits and state only (`f` toggles).
    #[arg(long)]
    pub projector: bool,
    /// No colours (also when `NO_COLOR` is set); states stay readable by their words.
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub meeting: MeetingArgs,
    #[command(flatten)]
    pub shuffle: ShuffleArgs,
    /// Start time to plan from (default: now).
    #[arg(long, value_name = "HH:MM")]
    pub start: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Agenda files to check.
    #[arg(required = true, value_name = "AGENDA", value_hint = ValueHint::FilePath)]
    pub agendas: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Which ready-made agenda to start from (see `forumtimer new --list`).
    #[arg(
        long,
        value_name = "NAME",
        default_value = templates::DEFAULT,
        value_parser = PossibleValuesParser::new(templates::names().iter().copied())
    )]
    pub template: String,
    /// Where to write it (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// List the templates.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history folder, or an agenda file whose `history` names it.
    #[arg(value_name = "DIR", value_hint = ValueHint::AnyPath)]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only meetings on or after this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub meeting: MeetingArgs,
    /// How many meetings to play per speaker model.
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub meetings: u32,
    /// Seed of the simulated speakers: the same seed gives the same figures.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Only these speaker models (comma-separated; default all).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        // Possible values, so that completions offer the model names.
        value_parser = PossibleValuesParser::new(Model::ALL.map(Model::name))
    )]
    pub model: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}
