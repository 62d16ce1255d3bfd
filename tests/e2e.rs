//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

mod support;

use support::pty::Session;

#[test]
fn a_facilitator_starts_moves_on_pauses_and_quits() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter");
    session.press("\r");
    session.wait_for("Everyone");
    session.press("n");
    session.wait_for("Amara");
    session.press(" ");
    session.wait_for("PAUSED");
    session.press("q");
    session.wait_for("End the meeting?");
    session.press("y");
    session.wait_for("summary");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(session.screen_is_restored(), "{}", session.screen());
    assert!(session.terminal_is_cooked());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter");
    session.press("\r");
    session.wait_for("Everyone");
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), libc::SIGTERM);
    }
    assert_eq!(session.wait_exit(), 143);
    assert!(session.screen_is_restored());
    assert!(session.terminal_is_cooked());
}
