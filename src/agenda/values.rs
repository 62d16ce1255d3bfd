//! Durations (`"1h 30m"`) and times of day (`"21:00"`) as agenda authors write them, and as
//! messages show them back.

use std::time::Duration;

use chrono::NaiveTime;
use toml::{Spanned, Value};

use super::error::Problem;

/// No single duration in a meeting agenda is longer than a day; refusing more keeps every later
/// sum far from overflow.
const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

const EXAMPLES: &str = "write a duration in quotes with a unit, like \"90s\", \"5m\" or \"1h 30m\"";

/// A positive whole-second duration from a string like `"5m"`; `key` names it in messages.
pub(crate) fn duration(value: &Spanned<Value>, key: &str) -> Result<Duration, Problem> {
    let span = value.span();
    let problem = |message: String| Problem::new(message).at(span.clone());
    match value.get_ref() {
        Value::String(text) => {
            let text = text.trim();
            if text.starts_with('-') {
                return Err(problem(format!("`{key}` is negative: \"{text}\""))
                    .help(format!("a duration must be longer than zero; {EXAMPLES}")));
            }
            if let Some(refused) = misread(text, key) {
                return Err(refused.at(span.clone()));
            }
            let parsed = humantime::parse_duration(text).map_err(|_| {
                problem(format!("`{key}` is not a duration: \"{text}\"")).help(EXAMPLES)
            })?;
            if parsed.is_zero() {
                return Err(problem(format!("`{key}` is zero"))
                    .help(format!("a duration must be longer than zero; {EXAMPLES}")));
            }
            if parsed.subsec_nanos() != 0 {
                return Err(problem(format!("`{key}` is not a whole number of seconds"))
                    .help("the timer counts whole seconds; write e.g. \"90s\" or \"2m\""));
            }
            if parsed > MAX_DURATION {
                return Err(problem(format!("`{key}` is longer than a day: \"{text}\""))
                    .help("a duration in an agenda can be at most \"24h\""));
            }
            Ok(parsed)
        }
        Value::Integer(number) => Err(bare_number(key, *number as f64, span)),
        Value::Float(number) => Err(bare_number(key, *number, span)),
        other => Err(problem(format!(
            "`{key}` must be a duration, not {}",
            article(other.type_str())
        ))
        .help(EXAMPLES)),
    }
}

/// What humantime would read otherwise than the author meant: a capital unit ("5M" is five
/// months to it) or a clock ("1:30"). A unit given twice ("5m5m") is still summed, as the
/// editor schema's pattern allows it and the two must agree.
fn misread(text: &str, key: &str) -> Option<Problem> {
    if text.contains(':') {
        return Some(
            Problem::new(format!("`{key}` is a clock, not a duration: \"{text}\""))
                .help("write \"1m 30s\" (or \"1h 30m\"): a duration names its units"),
        );
    }
    if text.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(
            Problem::new(format!("`{key}` has a unit in capitals: \"{text}\"")).help(format!(
                "write \"{}\": units are h, m and s in lower case",
                text.to_lowercase()
            )),
        );
    }
    None
}

/// A duration given on the command line (`--duration "1h 30m"`), by the agenda's rules.
///
/// # Errors
/// A one-line reason with an example.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let value = Spanned::new(0..text.len(), Value::String(text.to_string()));
    duration(&value, "duration").map_err(|problem| {
        // The agenda's words name a key and ask for quotes; a flag has neither.
        let shown = super::text::escape(text.trim());
        let bare = text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|number| number_guess("duration", number));
        if let Some((guess, unit)) = bare {
            let guess = if guess.contains(' ') {
                format!("\"{guess}\"")
            } else {
                guess
            };
            return format!("\"{shown}\" has no unit; for {shown} {unit} write {guess}");
        }
        let what = problem
            .message
            .strip_prefix("`duration` ")
            .unwrap_or(&problem.message);
        let what = what.split(": \"").next().unwrap_or(what);
        let how = match what {
            "is zero" | "is negative" => "a meeting lasts longer than zero, like 90m",
            "is not a whole number of seconds" => "the timer counts whole seconds, like 90s",
            "is longer than a day" => "a meeting lasts at most 24h",
            "has a unit in capitals" | "is a clock, not a duration" => {
                problem.help.as_deref().unwrap_or_default()
            }
            _ => "give a unit, like 90s, 5m or \"1h 30m\"",
        };
        format!("\"{shown}\" {what}; {how}")
    })
}

/// A time of day given on the command line (`--end 21:00`).
///
/// # Errors
/// A one-line reason with an example.
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    parse_hh_mm(text.trim()).ok_or_else(|| {
        format!(
            "\"{}\" is not a time of day; write a 24-hour time like \"21:00\"",
            super::text::escape(text)
        )
    })
}

/// A unit a bare number may have been meant in: seconds in it, its name, and the range (in
/// seconds) in which a reading in that unit is plausible for the key.
type Reading = (f64, &'static str, f64, f64);

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;

/// The readings of a bare number for `key`, most usual first: a warning comes seconds before
/// the end of a turn (`warn = 30`, `warn = 60`), a turn lasts minutes, a meeting hours.
fn readings(key: &str) -> &'static [Reading] {
    match key {
        "warn" => &[
            (1.0, "seconds", 10.0, 10.0 * MINUTE),
            (MINUTE, "minutes", MINUTE, 10.0 * MINUTE),
        ],
        "duration" => &[
            (MINUTE, "minutes", 30.0 * MINUTE, 24.0 * HOUR),
            (HOUR, "hours", HOUR, 12.0 * HOUR),
            (1.0, "seconds", 30.0 * MINUTE, 24.0 * HOUR),
        ],
        "each" => &[
            (MINUTE, "minutes", 30.0, HOUR),
            (1.0, "seconds", 10.0, HOUR),
        ],
        _ => &[
            (MINUTE, "minutes", 30.0, 3.0 * HOUR),
            (1.0, "seconds", 10.0, 24.0 * HOUR),
        ],
    }
}

/// What a bare number most likely meant for `key`, as a duration string and the unit it was
/// read in (or `None` when it cannot be a duration).
fn number_guess(key: &str, number: f64) -> Option<(String, &'static str)> {
    if !number.is_finite() || number <= 0.0 {
        return None;
    }
    let readings = readings(key);
    let &(unit, name, _, _) = readings
        .iter()
        .find(|&&(unit, _, low, high)| (low..=high).contains(&(number * unit)))
        .or(readings.first())?;
    let seconds = (number * unit).round();
    if seconds < 1.0 || seconds > MAX_DURATION.as_secs_f64() {
        return None;
    }
    Some((human(Duration::from_secs(seconds as u64)), name))
}

fn bare_number(key: &str, number: f64, span: std::ops::Range<usize>) -> Problem {
    let help = match number_guess(key, number) {
        Some((guess, unit)) => format!(
            "write `{key} = \"{guess}\"` ({number} {unit}; a bare number has no unit); {EXAMPLES}"
        ),
        None => format!("a duration must be longer than zero; {EXAMPLES}"),
    };
    Problem::new(format!("`{key}` is a bare number; durations need a unit"))
        .help(help)
        .at(span)
}

/// A local time of day written `"HH:MM"` (24-hour).
pub(crate) fn time_of_day(value: &Spanned<Value>, key: &str) -> Result<NaiveTime, Problem> {
    let span = value.span();
    let help = "write a 24-hour time of day in quotes, like \"21:00\" or \"09:30\"";
    let parsed = match value.get_ref() {
        Value::String(text) => parse_hh_mm(text.trim()),
        _ => None,
    };
    parsed.ok_or_else(|| {
        let shown = match value.get_ref() {
            Value::String(text) => format!("\"{text}\""),
            other => other.to_string(),
        };
        Problem::new(format!("`{key}` is not a time of day: {shown}"))
            .help(help)
            .at(span)
    })
}

fn parse_hh_mm(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.split_once(':')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || hours.len() > 2 || !digits(minutes) || minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

pub use crate::domain::summary::human;

/// "a string", "an integer": a TOML type name with its article.
pub(crate) fn article(type_name: &str) -> String {
    let vowel = type_name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {type_name}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(toml_value: &str) -> Spanned<Value> {
        #[derive(serde::Deserialize)]
        struct Doc {
            v: Spanned<Value>,
        }
        toml::from_str::<Doc>(&format!("v = {toml_value}"))
            .unwrap()
            .v
    }

    fn parse(toml_value: &str) -> Result<Duration, Problem> {
        duration(&value(toml_value), "length")
    }

    #[test]
    fn the_documented_forms_parse() {
        assert_eq!(parse("\"90s\"").unwrap(), Duration::from_secs(90));
        assert_eq!(parse("\"5m\"").unwrap(), Duration::from_secs(300));
        assert_eq!(parse("\"1h 30m\"").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("\"1h30m\"").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("\" 2m \"").unwrap(), Duration::from_secs(120));
    }

    #[test]
    fn zero_negative_fractional_huge_and_unitless_are_refused() {
        assert!(parse("\"0m\"").unwrap_err().message.contains("zero"));
        assert!(parse("\"-5m\"").unwrap_err().message.contains("negative"));
        assert!(parse("\"500ms\"").unwrap_err().message.contains("whole"));
        assert!(
            parse("\"25h\"")
                .unwrap_err()
                .message
                .contains("longer than a day")
        );
        assert!(
            parse("\"5\"")
                .unwrap_err()
                .message
                .contains("not a duration")
        );
        assert!(parse("\"five minutes\"").is_err());
    }

    #[test]
    fn capitals_and_a_clock_are_refused_with_what_to_write() {
        // Seen: "5M" read as five months ("longer than a day") while "1H" was "not a
        // duration".
        let refused = parse("\"5M\"").unwrap_err();
        assert!(refused.message.contains("capitals"), "{}", refused.message);
        assert!(refused.help.unwrap().contains("\"5m\""));
        assert!(parse("\"1H\"").unwrap_err().message.contains("capitals"));
        let clock = parse("\"1:30\"").unwrap_err();
        assert!(clock.help.unwrap().contains("\"1m 30s\""));
        assert_eq!(
            parse("\"1 hour 30 minutes\"").unwrap(),
            Duration::from_secs(5400)
        );
        // The same words for a flag, without the agenda's key and quotes.
        let flag = parse_duration("5M").unwrap_err();
        assert!(
            flag.contains("capitals") && flag.contains("write \"5m\""),
            "{flag}"
        );
        let flag = parse_duration("1:30").unwrap_err();
        assert!(
            flag.contains("clock") && flag.contains("\"1m 30s\""),
            "{flag}"
        );
    }

    #[test]
    fn bare_numbers_suggest_the_string_form() {
        let help = parse("5").unwrap_err().help.unwrap();
        assert!(
            help.contains("`length = \"5m\"`") && help.contains("minutes"),
            "{help}"
        );
        let help = parse("600").unwrap_err().help.unwrap();
        assert!(
            help.contains("\"10m\"") && help.contains("seconds"),
            "{help}"
        );
        let help = parse("1.5").unwrap_err().help.unwrap();
        assert!(help.contains("\"1m 30s\""), "{help}");
        let help = parse("-5").unwrap_err().help.unwrap();
        assert!(help.contains("longer than zero"), "{help}");
    }

    #[test]
    fn a_bare_number_is_read_in_the_unit_its_key_is_usually_given_in() {
        let guess = |key: &str, number: &str| {
            let help = duration(&value(number), key).unwrap_err().help.unwrap();
            let start = help.find('"').unwrap() + 1;
            let end = start + help[start..].find('"').unwrap();
            help[start..end].to_string()
        };
        // A warning comes seconds before the end of a turn; a minute is written "60".
        assert_eq!(guess("warn", "60"), "1m");
        assert_eq!(guess("warn", "30"), "30s");
        assert_eq!(guess("warn", "2"), "2m");
        // A meeting lasts hours: 3 is three hours, 90 is ninety minutes.
        assert_eq!(guess("duration", "3"), "3h");
        assert_eq!(guess("duration", "90"), "1h 30m");
        assert_eq!(guess("duration", "10800"), "3h");
        // A turn is minutes, not an hour and a half.
        assert_eq!(guess("each", "5"), "5m");
        assert_eq!(guess("each", "90"), "1m 30s");
        assert_eq!(guess("length", "90"), "1h 30m");
        assert_eq!(guess("length", "600"), "10m");
    }

    #[test]
    fn other_types_are_named() {
        let problem = parse("true").unwrap_err();
        assert_eq!(
            problem.message,
            "`length` must be a duration, not a boolean"
        );
    }

    #[test]
    fn times_of_day_are_24_hour_hh_mm() {
        let time = |t: &str| time_of_day(&value(t), "end");
        assert_eq!(
            time("\"21:00\"").unwrap(),
            NaiveTime::from_hms_opt(21, 0, 0).unwrap()
        );
        assert_eq!(
            time("\"9:05\"").unwrap(),
            NaiveTime::from_hms_opt(9, 5, 0).unwrap()
        );
        for bad in [
            "\"24:00\"",
            "\"9pm\"",
            "\"21:5\"",
            "\"21:60\"",
            "2100",
            "\"\"",
        ] {
            assert!(time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn human_durations_read_naturally() {
        assert_eq!(human(Duration::from_secs(11400)), "3h 10m");
        assert_eq!(human(Duration::from_secs(45)), "45s");
        assert_eq!(human(Duration::from_secs(3930)), "1h 5m 30s");
        assert_eq!(human(Duration::ZERO), "0s");
    }
}
