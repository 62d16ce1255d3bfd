//! No agenda text makes `parse` panic, and every refusal prints without control characters.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forumtimer::agenda::{self, templates};
use proptest::prelude::*;

fn printable(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    if let Err(error) = agenda::parse("fuzz.toml", text, None) {
        let summary = error.summary();
        prop_assert!(printable(&summary), "summary: {summary:?}");
        prop_assert!(!summary.contains('\n'));
        let shown = error.to_string();
        prop_assert!(printable(&shown), "diagnostic: {shown:?}");
    }
    Ok(())
}

/// Pieces of agenda syntax, so that random text reaches validation and not only the parser.
fn agenda_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "members = [\"Ana\", \"Ben\"]\n",
        "[[segment]]\n",
        "name = \"X\"\n",
        "length = \"5m\"\n",
        "each = \"2m\"\n",
        "speaker = \"Ben\"\n",
        "phases = [{ name = \"P\", each = \"1m\" }]\n",
        "duration = \"1h\"\n",
        "end = \"25:00\"\n",
        "order = \"reverse\"\n",
        "[prompts]\n",
        "advice = \"\\u001b\"\n",
        "length = 0\n",
        "title = \"\u{202e}\"\n",
        "= ",
        "[",
        "{",
        "\"",
        "'''",
        "\r\n",
        "\t",
        "\u{feff}",
        "\u{1b}",
        "\u{85}",
        "é",
        "#",
        ".",
        "lenght = \"1h\"\n",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn agenda_like_text_never_panics(text in agenda_like()) {
        check(&text)?;
    }

    #[test]
    fn a_template_cut_anywhere_never_panics(index in 0usize..5, cut in any::<prop::sample::Index>(),
                                            insert in any::<char>()) {
        let name = templates::names()[index % templates::names().len()];
        let text = templates::get(name).unwrap_or_default();
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) { at -= 1; }
        check(&text[..at])?;
        check(&format!("{}{insert}{}", &text[..at], &text[at..]))?;
    }

    #[test]
    fn arbitrary_member_lists_never_panic(list in any::<String>()) {
        if let Err(error) = agenda::parse_members(&list) {
            prop_assert!(printable(&error.summary()));
            prop_assert!(printable(&error.to_string()));
        }
    }
}
