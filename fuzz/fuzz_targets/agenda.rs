//! libFuzzer target: any bytes as an agenda file must give a plan or a clean error, never a
//! panic, a hang or a stack overflow, and the error must not carry raw control characters to
//! the terminal. The stable-toolchain counterpart is `tests/agenda_grammar.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// C0 except line feed, DEL and C1: what must never be echoed raw (SPEC §3).
fn is_raw_control(c: char) -> bool {
    (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c)
}

fuzz_target!(|data: &[u8]| {
    // `load` refuses invalid UTF-8 before parsing; the lossy text lets every input reach the
    // parser instead of stopping there.
    let text = String::from_utf8_lossy(data);
    if let Err(error) = forumtimer::agenda::parse("fuzz.toml", &text, None) {
        let shown = error.to_string();
        assert!(!shown.chars().any(is_raw_control), "{shown:?}");
        assert!(!error.summary().chars().any(is_raw_control));
    }
    if let Err(error) = forumtimer::agenda::parse_members(&text) {
        assert!(!error.to_string().chars().any(is_raw_control));
    }
});
