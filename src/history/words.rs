//! How the history's decisions are said, the same by `plan` and on the opening screen:
//! "Dana presents — last presented 14 March", "Updates start with Eli — Dana started last time".

use chrono::{Datelike, NaiveDate};

use crate::domain::history::Why;

/// One line for `why`; `today` decides whether a date needs its year.
#[must_use]
pub fn sentence(why: &Why, members: &[String], today: NaiveDate) -> String {
    let name = |index: usize| members.get(index).map_or("?", String::as_str);
    match why {
        Why::Rotated {
            segment,
            first,
            previous: Some(previous),
        } => format!(
            "{segment} start with {} — {previous} started last time",
            name(*first)
        ),
        Why::Rotated {
            segment,
            first,
            previous: None,
        } => format!(
            "{segment} start with {} — no earlier meeting in the history had this round",
            name(*first)
        ),
        Why::Presents {
            member,
            last: Some(last),
            ..
        } => format!(
            "{} presents — last presented {}",
            name(*member),
            date(*last, today)
        ),
        Why::Presents {
            member, last: None, ..
        } => format!(
            "{} presents — has not presented in the history kept",
            name(*member)
        ),
    }
}

/// "14 March", or "14 March 2025" when not this year.
#[must_use]
pub fn date(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%-d %B").to_string()
    } else {
        day.format("%-d %B %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Vec<String> {
        ["Ana", "Ben", "Dana", "Eli"].map(String::from).to_vec()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn says_who_and_why_as_the_spec_words_it() {
        let today = day(2026, 4, 11);
        let presents = Why::Presents {
            segment: "Presentation".into(),
            member: 2,
            last: Some(day(2026, 3, 14)),
        };
        assert_eq!(
            sentence(&presents, &members(), today),
            "Dana presents — last presented 14 March"
        );
        let rotated = Why::Rotated {
            segment: "Updates".into(),
            first: 3,
            previous: Some("Dana".into()),
        };
        assert_eq!(
            sentence(&rotated, &members(), today),
            "Updates start with Eli — Dana started last time"
        );
    }

    #[test]
    fn a_date_from_another_year_says_the_year() {
        assert_eq!(date(day(2025, 12, 2), day(2026, 1, 5)), "2 December 2025");
    }
}
