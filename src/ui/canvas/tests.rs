use super::*;
use ratatui::text::Line;

fn screen(rows: &[&str]) -> Buffer {
    Buffer::with_lines(rows.iter().copied())
}

#[test]
fn kept_rows_stay_and_the_rest_are_cleared_with_their_old_cells_put_aside() {
    let mut buffer = screen(&["head", "list", "list", "foot"]);
    let mut old = Buffer::empty(buffer.area);
    let mut canvas = Canvas::over(&mut buffer, &mut old, Some(1), 2);
    assert!(canvas.keep(Rect::new(0, 1, 4, 2)));
    canvas.render_widget(Line::from("new"), Rect::new(0, 0, 4, 1));
    assert!(
        !canvas.keep(Rect::new(0, 3, 4, 1)),
        "nothing is kept once drawing began"
    );
    let drawn = canvas.finish();
    assert_eq!(drawn.redrawn, vec![0..1, 3..4]);
    assert_eq!(buffer, screen(&["new ", "list", "list", "    "]));
    assert_eq!(old[(0, 0)].symbol(), "h");
    assert_eq!(old[(0, 3)].symbol(), "f");
}

#[test]
fn a_block_around_kept_rows_is_drawn_as_whole_in_the_rest_and_leaves_them_be() {
    let block = Block::bordered()
        .title(" Insights (12) ")
        .title_bottom(Line::from(" parked: 1 ").right_aligned());
    let area = Rect::new(0, 0, 24, 6);
    let mut whole = Buffer::empty(area);
    block.clone().render(area, &mut whole);
    let mut buffer = screen(&["kept kept kept kept kept"; 6]);
    let mut old = Buffer::empty(area);
    let mut canvas = Canvas::over(&mut buffer, &mut old, Some(1), 2);
    assert!(canvas.keep(Rect::new(0, 1, 24, 2)));
    canvas.copy_framed(&frame_rows(&block, area), area);
    canvas.finish();
    for y in 0..6 {
        for x in 0..24 {
            let want = if (1..3).contains(&y) {
                Cell::new(&"kept kept kept kept kept"[x as usize..=x as usize])
            } else {
                whole[(x, y)].clone()
            };
            assert_eq!(buffer[(x, y)], want, "cell {x},{y}");
        }
    }
}

#[test]
fn rows_kept_moved_up_hold_the_rows_below_them_and_the_row_let_in_is_blank() {
    let mut buffer = screen(&["head", "a   ", "b   ", "c   ", "foot"]);
    let mut old = Buffer::empty(buffer.area);
    let mut canvas = Canvas::over(&mut buffer, &mut old, Some(1), 2);
    assert!(canvas.keep_moved(Rect::new(0, 1, 4, 2), 1));
    canvas.render_widget(Line::from("d"), Rect::new(0, 3, 4, 1));
    let drawn = canvas.finish();
    assert_eq!(drawn.moved, vec![Moved { rows: 1..4, up: 1 }]);
    assert_eq!(drawn.unsettled, drawn.moved, "moved once the frame is sent");
    assert_eq!(drawn.redrawn, vec![0..1, 3..5]);
    // What the frame's rows drawn again are compared with.
    assert_eq!(old[(0, 0)].symbol(), "h", "the old header put aside");
    assert_eq!(
        old[(0, 3)].symbol(),
        " ",
        "the terminal blanks the row let in"
    );
    assert_eq!(old[(0, 4)].symbol(), "f");
    assert_eq!(buffer[(0, 3)].symbol(), "d", "the new row drawn in place");
    settle(&mut buffer, &mut old, &drawn.unsettled[0]);
    assert_eq!(buffer, screen(&["    ", "b   ", "c   ", "d   ", "    "]));
}

#[test]
fn rows_moved_further_than_the_rows_kept_are_moved_before_drawing() {
    let mut buffer = screen(&["head", "a   ", "b   ", "c   ", "foot"]);
    let mut old = Buffer::empty(buffer.area);
    let mut canvas = Canvas::over(&mut buffer, &mut old, Some(1), 2);
    // "c" kept, two rows up: the rows put aside would not fit over it.
    assert!(canvas.keep_moved(Rect::new(0, 1, 4, 1), 2));
    canvas.render_widget(Line::from("d"), Rect::new(0, 2, 4, 1));
    let drawn = canvas.finish();
    assert_eq!(drawn.moved, vec![Moved { rows: 1..4, up: 2 }]);
    assert!(drawn.unsettled.is_empty());
    assert_eq!(buffer, screen(&["    ", "c   ", "d   ", "    ", "    "]));
    assert_eq!(old[(0, 2)].symbol(), " ", "blank after the scroll");
    assert_eq!(old[(0, 3)].symbol(), " ", "blank after the scroll");
}

#[test]
fn nothing_is_kept_without_the_last_frame_or_across_part_of_a_row() {
    let mut buffer = screen(&["ab", "cd"]);
    let mut old = Buffer::empty(buffer.area);
    let mut canvas = Canvas::over(&mut buffer, &mut old, None, 1);
    assert!(
        !canvas.keep(Rect::new(0, 0, 2, 1)),
        "a buffer of unknown cells"
    );
    let drawn = canvas.finish();
    assert_eq!(drawn.redrawn, vec![0..2]);
    assert_eq!(buffer, Buffer::empty(buffer.area), "every row cleared");
    assert_eq!(old, screen(&["ab", "cd"]), "the old frame put aside whole");

    let mut canvas = Canvas::over(&mut buffer, &mut old, Some(1), 2);
    assert!(!canvas.keep(Rect::new(1, 0, 1, 1)), "half a row");
    assert!(!canvas.keep(Rect::new(0, 1, 2, 5)), "past the screen");
}
