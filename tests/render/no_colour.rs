//! The theme on screen: with `NO_COLOR` no cell of any screen has a colour,
//! and what colour told apart is told by attributes (the selection and a
//! timer run out in reverse video, focused boxes with a double line, NOT
//! SAVED bold and reversed); in colour, cells are styled as the theme says.

use super::fixtures::{at, on_question_two, step, time_up, with_help};
use super::review::{act, reviewing, views};
use super::screen::{draw, position_of, screen_text};
use super::sizes::every_screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use stb::app::{Action, App, Palette};
use stb::ui::theme::Theme;

fn without_colour(mut app: App) -> App {
    app.config.palette = Palette::NoColour;
    app
}

/// The modifiers of the first cell of `needle` on screen.
fn modifiers_of(t: &Terminal<TestBackend>, needle: &str) -> Modifier {
    t.backend().buffer()[position_of(t, needle)].modifier
}

/// The symbol at the top-left corner of the box whose title is `title`
/// (the cell before the space that opens the title).
fn corner_of(t: &Terminal<TestBackend>, title: &str) -> String {
    let at = position_of(t, title);
    t.backend().buffer()[(at.x - 2, at.y)].symbol().to_owned()
}

#[test]
fn no_screen_has_a_colour_without_colour() {
    let mut screens = every_screen();
    screens.push(("review", reviewing()));
    let mut themes = reviewing();
    act(&mut themes, Action::AddToTheme);
    super::fixtures::type_text(&mut themes, "Trust", at(super::review::NOW));
    act(&mut themes, Action::Submit);
    views(&mut themes, 1);
    screens.push(("review themes", themes));
    let mut compare = reviewing();
    views(&mut compare, 2);
    screens.push(("review compare", compare));
    screens.push(("review help", with_help(reviewing())));
    for (name, app) in screens {
        let app = without_colour(app);
        for (w, h) in [(80, 24), (120, 40)] {
            let t = draw(&app, w, h);
            for (i, cell) in t.backend().buffer().content.iter().enumerate() {
                assert!(
                    cell.fg == Color::Reset && cell.bg == Color::Reset,
                    "{name} at {w}×{h}: cell {i} {:?} has {:?} on {:?}:\n{}",
                    cell.symbol(),
                    cell.fg,
                    cell.bg,
                    screen_text(&t)
                );
            }
        }
    }
}

#[test]
fn the_selection_is_in_reverse_video_without_colour() {
    let mut app = without_colour(on_question_two());
    step(&mut app, Action::SelectInsights, at("10:10:00"));
    let t = draw(&app, 80, 24);
    let w = app.workshop().unwrap();
    let rows = w.rows(2);
    let text_of = |row: usize| w.session.insights[rows[row]].text[..16].to_owned();
    let other = (w.selected + 1) % rows.len();
    assert!(modifiers_of(&t, &text_of(w.selected)).contains(Modifier::REVERSED));
    assert!(!modifiers_of(&t, &text_of(other)).contains(Modifier::REVERSED));

    let t = draw(&without_colour(reviewing()), 80, 24);
    let buffer = t.backend().buffer();
    let reversed_rows = (0..buffer.area.height)
        .filter(|&y| buffer[(2, y)].modifier.contains(Modifier::REVERSED))
        .count();
    assert_eq!(reversed_rows, 1, "one selected row:\n{}", screen_text(&t));
}

#[test]
fn time_up_and_not_saved_stand_out_without_colour() {
    let t = draw(&without_colour(time_up()), 80, 24);
    let timer = modifiers_of(&t, "time up");
    assert!(
        timer.contains(Modifier::BOLD | Modifier::REVERSED),
        "{timer:?}"
    );
    assert_eq!(corner_of(&t, "Question 2 of 4"), "┏", "a heavy frame");
    let border = t.backend().buffer()[(0, position_of(&t, "Question 2").y)].modifier;
    assert!(border.contains(Modifier::BOLD), "{border:?}");

    let mut failed = without_colour(on_question_two());
    step(
        &mut failed,
        Action::Saved(Err("disk full".into())),
        at("10:10:00"),
    );
    let t = draw(&failed, 80, 24);
    let banner = modifiers_of(&t, "NOT SAVED");
    assert!(
        banner.contains(Modifier::BOLD | Modifier::REVERSED),
        "{banner:?}"
    );
}

#[test]
fn the_focused_box_has_a_double_line_without_colour() {
    let mut app = without_colour(on_question_two());
    let t = draw(&app, 80, 24);
    assert_eq!(corner_of(&t, "Capture"), "╔");
    assert_eq!(corner_of(&t, "Insights (5)"), "╭");
    step(&mut app, Action::SelectInsights, at("10:10:00"));
    let t = draw(&app, 80, 24);
    assert_eq!(corner_of(&t, "Capture"), "╭");
    assert_eq!(
        corner_of(&t, "SELECTING · 5 insights"),
        "┏",
        "select mode is heavier still"
    );
}

#[test]
fn in_colour_the_time_up_timer_is_styled_as_the_theme_says() {
    let t = draw(&time_up(), 80, 24);
    let cell = &t.backend().buffer()[position_of(&t, "time up")];
    let style = Theme::COLOUR.timer_up;
    assert_eq!(Some(cell.fg), style.fg);
    assert_eq!(Some(cell.bg), style.bg);
    assert!(cell.modifier.contains(style.add_modifier));
    let corner = position_of(&t, "Question 2 of 4");
    let border = &t.backend().buffer()[(corner.x - 2, corner.y)];
    assert_eq!(Some(border.fg), Theme::COLOUR.time_up_border.fg);
}
