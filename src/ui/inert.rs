//! The last line of defence between text and the terminal: every frame
//! passes through here after drawing, whatever drew it, and each cell that
//! still holds an unsafe character (a direction override, which ratatui
//! passes on) gets its visible stand-in from [`crate::inert`].

use crate::inert::{is_unsafe, visible};
use ratatui::buffer::Cell;

/// Makes every cell drawn safe to send to the terminal.
pub fn sanitise(cells: &mut [Cell]) {
    for cell in cells {
        // Nearly every cell is one printable ASCII character, which is
        // always safe: this pass runs over the whole screen at every key.
        if let [b' '..=b'~'] = cell.symbol().as_bytes() {
            continue;
        }
        if cell.symbol().chars().any(is_unsafe) {
            let safe = visible(cell.symbol()).into_owned();
            cell.set_symbol(&safe);
        }
    }
}
