//! The pen: a cell's colours and attributes, and the one SGR sequence that changes the pen
//! from one look to another.

use std::io::Write;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Colour and attributes of a cell: what an SGR sequence sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Look {
    pub const PLAIN: Look = Look {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub fn of(cell: &Cell) -> Look {
        Look {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }

    /// Whether printing `cell` with this pen looks as it should. A blank shows only its
    /// background and the attributes drawn across it, so the digits' blank pixels need no
    /// change of pen between the lit ones.
    pub fn shows(self, cell: &Cell) -> bool {
        self == Look::of(cell)
            || (cell.symbol() == " "
                && self.bg == cell.bg
                && !self.modifier.intersects(VISIBLE_ON_BLANK)
                && !cell.modifier.intersects(VISIBLE_ON_BLANK))
    }

    /// Writes the SGR sequence that turns a pen of look `pen` (`None`: unknown) into this
    /// look; nothing when it already is.
    pub fn switch_from(self, pen: Option<Look>, out: &mut Vec<u8>) {
        if pen == Some(self) {
            return;
        }
        out.extend_from_slice(b"\x1b[");
        let params = out.len();
        let from = match pen {
            Some(pen) if pen.modifier.difference(self.modifier).is_empty() => pen,
            // An unknown pen, or one with an attribute to drop: attributes could be switched
            // off one by one, but bold and dim share an "off", so start again from plain.
            _ => {
                out.push(b'0');
                Look::PLAIN
            }
        };
        for (modifier, code) in MODIFIER_CODES {
            if self.modifier.contains(modifier) && !from.modifier.contains(modifier) {
                separate(out, params);
                out.push(code);
            }
        }
        if self.fg != from.fg {
            separate(out, params);
            color_params(self.fg, Layer::Foreground, out);
        }
        if self.bg != from.bg {
            separate(out, params);
            color_params(self.bg, Layer::Background, out);
        }
        out.push(b'm');
    }
}

/// Attributes a blank cell shows (reverse video shows the foreground across it).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, b'1'),
    (Modifier::DIM, b'2'),
    (Modifier::ITALIC, b'3'),
    (Modifier::UNDERLINED, b'4'),
    (Modifier::SLOW_BLINK, b'5'),
    (Modifier::RAPID_BLINK, b'6'),
    (Modifier::REVERSED, b'7'),
    (Modifier::HIDDEN, b'8'),
    (Modifier::CROSSED_OUT, b'9'),
];

/// A `;` unless this is the first parameter, which starts at `start`.
fn separate(out: &mut Vec<u8>, start: usize) {
    if out.len() > start {
        out.push(b';');
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

/// SGR parameters for a colour: the 16 ANSI colours by their short codes (the same palette
/// entries as `38;5;0`–`15`), the rest by index or as RGB.
fn color_params(color: Color, layer: Layer, params: &mut Vec<u8>) {
    let base: u8 = match layer {
        Layer::Foreground => 30,
        Layer::Background => 40,
    };
    let ansi = match color {
        Color::Reset => Some(base + 9),
        Color::Black => Some(base),
        Color::Red => Some(base + 1),
        Color::Green => Some(base + 2),
        Color::Yellow => Some(base + 3),
        Color::Blue => Some(base + 4),
        Color::Magenta => Some(base + 5),
        Color::Cyan => Some(base + 6),
        Color::Gray => Some(base + 7),
        Color::DarkGray => Some(base + 60),
        Color::LightRed => Some(base + 61),
        Color::LightGreen => Some(base + 62),
        Color::LightYellow => Some(base + 63),
        Color::LightBlue => Some(base + 64),
        Color::LightMagenta => Some(base + 65),
        Color::LightCyan => Some(base + 66),
        Color::White => Some(base + 67),
        Color::Indexed(_) | Color::Rgb(..) => None,
    };
    let _ = match (ansi, color) {
        (Some(code), _) => write!(params, "{code}"),
        (None, Color::Indexed(index)) => write!(params, "{};5;{index}", base + 8),
        (None, Color::Rgb(r, g, b)) => write!(params, "{};2;{r};{g};{b}", base + 8),
        (None, _) => Ok(()),
    };
}
