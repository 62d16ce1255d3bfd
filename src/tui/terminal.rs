//! Entering and leaving the full screen, on every path out: normal exit, error, panic and
//! signals (caught in `signals`). Ctrl-Z in raw mode arrives as a key, so suspending is done
//! here by hand.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::panic;

use crossterm::{cursor, execute, style, terminal};

use super::screen::Screen;

/// Where frames are written: standard output without `Stdout`'s line buffer, which would send
/// a frame in two writes, split at its last line feed.
pub type Tty = File;

/// A second handle on standard output that writes straight through.
fn tty() -> io::Result<Tty> {
    Ok(File::from(io::stdout().as_fd().try_clone_to_owned()?))
}

/// Switches to the alternate screen in raw mode, with the cursor hidden. A panic restores
/// the terminal before its message is printed.
///
/// # Errors
/// When the terminal cannot be set up.
pub fn enter() -> io::Result<Screen<Tty>> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    take()?;
    let screen = Screen::new(tty()?);
    Ok(if output_is_processed() {
        screen.without_line_feeds()
    } else {
        screen
    })
}

/// Whether the terminal on standard output still processes output (turns a line feed into a
/// new line). Raw mode is set on the input's terminal; output to another one keeps it.
fn output_is_processed() -> bool {
    // SAFETY: an all-zero termios is a valid value to be overwritten; tcgetattr only writes
    // into the struct we own.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: as above; the descriptor is standard output.
    let read = unsafe { libc::tcgetattr(libc::STDOUT_FILENO, &raw mut termios) };
    read != 0 || termios.c_oflag & libc::OPOST != 0
}

fn take() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
}

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to call twice.
pub fn leave() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        style::ResetColor,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

/// The terminal's size in columns and rows: one `ioctl` on the output, cheap enough for every
/// frame, so a resize is never missed.
///
/// # Errors
/// When the output is not a terminal whose size can be read.
pub fn size() -> io::Result<(u16, u16)> {
    let mut window = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only writes a `winsize` through the pointer, which outlives the call.
    let read = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &raw mut window) };
    if read == 0 && window.ws_col > 0 && window.ws_row > 0 {
        Ok((window.ws_col, window.ws_row))
    } else {
        terminal::size()
    }
}

/// Gives the terminal back, stops the process as a shell's ctrl-z would, and takes the
/// terminal again when `fg` continues it.
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn suspend(screen: &mut Screen<Tty>) -> io::Result<()> {
    leave();
    let _ = io::stdout().flush();
    // SAFETY: raise only sends a signal to this process; SIGTSTP's default action stops it.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    take()?;
    screen.invalidate();
    Ok(())
}
