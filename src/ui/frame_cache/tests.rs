use super::*;
use crate::app::Palette;
use ratatui::widgets::Widget;

fn paused() -> QuestionBoxKey<'static> {
    QuestionBoxKey {
        title: Cow::Borrowed("Good practice"),
        question: 1,
        questions: 4,
        timing: crate::model::QuestionTiming::default(),
        second: None,
        following: false,
        folded: None,
        time_up: false,
        timer: ratatui::style::Style::default(),
        palette: Palette::default(),
    }
}

#[test]
fn the_question_box_is_made_again_only_for_a_new_key() {
    let mut cache = FrameCache::default();
    let mut made = 0;
    let mut number = |cache: &mut FrameCache, key: &QuestionBoxKey<'_>| {
        cache
            .question_box(key, || {
                made += 1;
                Block::bordered()
            })
            .0
    };
    let first = number(&mut cache, &paused());
    assert_eq!(number(&mut cache, &paused()), first, "the same key");
    let running = QuestionBoxKey {
        second: Some(10),
        ..paused()
    };
    let ticking = number(&mut cache, &running);
    assert_ne!(ticking, first, "the timer started");
    let next_second = QuestionBoxKey {
        second: Some(11),
        ..paused()
    };
    let later = number(&mut cache, &next_second);
    assert_ne!(later, ticking, "a running timer's label moves each second");
    let title = String::from("Good practice");
    let borrowed = QuestionBoxKey {
        title: Cow::Borrowed(title.as_str()),
        ..next_second
    };
    assert_eq!(number(&mut cache, &borrowed), later, "an equal title");
    assert_eq!(made, 3);
}

#[test]
fn the_capture_box_cells_are_its_frame_drawn_once_for_its_key() {
    let mut cache = FrameCache::default();
    let key = CaptureBoxKey {
        area: Rect::new(0, 36, 120, 3),
        focus: Some(true),
        palette: Palette::default(),
    };
    let frame = || Block::bordered().title(" Capture ");
    let (_, cells) = cache.capture_box(key, frame);
    let mut drawn = Buffer::empty(key.area);
    frame().render(key.area, &mut drawn);
    assert_eq!(*cells, drawn);
    let (_, again) = cache.capture_box(key, || unreachable!("made once for its key"));
    assert_eq!(*again, drawn);
    let list = CaptureBoxKey {
        focus: Some(false),
        ..key
    };
    let (_, other) = cache.capture_box(list, || Block::bordered().title(" paused "));
    assert_ne!(*other, drawn, "another focus, another frame");
}
