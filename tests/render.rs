//! Rendered screens: every screen drawn on ratatui's `TestBackend` from a
//! state built only through `App::update`, the way the terminal loop builds
//! it. Each screen is snapshotted as text (`tests/snapshots/`) and the facts a
//! facilitator relies on are asserted directly, so a test fails for a real
//! reason and not only because a snapshot changed. A sweep over sizes checks
//! that no screen panics in any terminal, however small.
//!
//! The states are built in `fixtures` and `home_fixtures`, drawn and read
//! back in `screen`, and the tests are grouped by screen in the other
//! modules.

mod agenda;
mod caret;
mod chaos;
mod export_picker;
mod fixtures;
mod home_and_forms;
mod home_fixtures;
mod no_colour;
mod overlays;
mod painted;
mod present;
mod prompts;
mod question;
mod question_sets;
mod review;
mod review_compare;
mod room;
mod screen;
mod sizes;
mod terminal_safety;
mod unicode;
mod votes;
mod words;
mod wrap_up;
mod wrap_up_lists;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Snapshots the screen as `tests/snapshots/tests__render__<name>.snap`.
/// insta names the file after the module that invokes its macro, so this
/// stays here, in `render`, for every test module to call.
fn snapshot(name: &str, terminal: &Terminal<TestBackend>) {
    insta::assert_snapshot!(name, terminal.backend().to_string());
}
