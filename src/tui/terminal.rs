//! Entering and leaving the full screen, on every path out: normal exit, error, panic and
//! signals. Ctrl-Z in raw mode arrives as a key, so suspending is done here by hand.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::{cursor, execute, terminal};
use ratatui::DefaultTerminal;

/// Signals that end the program; the number of the one received is kept here.
#[derive(Debug, Clone)]
pub struct Signals(Arc<AtomicUsize>);

impl Signals {
    /// Registers SIGTERM, SIGHUP and SIGINT so they end the loop instead of the process.
    ///
    /// # Errors
    /// When the handlers cannot be installed.
    pub fn register() -> io::Result<Signals> {
        let received = Arc::new(AtomicUsize::new(0));
        for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
            signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)?;
        }
        Ok(Signals(received))
    }

    /// The signal received, if any.
    #[must_use]
    pub fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }
}

/// Switches to the alternate screen in raw mode; ratatui's hook restores it on a panic.
///
/// # Errors
/// When the terminal cannot be set up.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    Ok(terminal)
}

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to call twice.
pub fn leave() {
    ratatui::restore();
    let _ = execute!(io::stdout(), cursor::Show);
}

/// Gives the terminal back, stops the process as a shell's ctrl-z would, and takes the
/// terminal again when `fg` continues it.
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    let _ = io::stdout().flush();
    // SAFETY: raise only sends a signal to this process; SIGTSTP's default action stops it.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All),
        cursor::Hide
    )?;
    // A fresh Terminal has an empty back buffer, so the next draw repaints every cell.
    // (`Terminal::clear` would ask the terminal for the cursor position, and a terminal that
    // does not answer would end the meeting with an error.)
    *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    Ok(())
}
