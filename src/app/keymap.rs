//! The key table: one row per binding, read both to handle keys and to draw
//! the help overlay and footer hints, so the two can never disagree.
//!
//! In a text field a key that is not in the table is typed into the field;
//! elsewhere it does nothing.

mod key;

use super::action::Action;
pub use key::{Key, WRITING_KEYS};
use key::{alt, ch, ctrl, plain};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where the keyboard is: decides which rows of the table apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Home,
    /// A form: new session, or a participant.
    Form,
    /// The capture line on a question.
    Capture,
    /// The list of a question's insights.
    List,
    /// Editing one insight's line.
    Edit,
    /// Choosing the question to move an insight to.
    Move,
    /// The participants panel.
    Roster,
    WrapUp,
    /// The review screen's insight list.
    Review,
    /// Typing the review query.
    ReviewQuery,
    /// A one-line prompt on the review screen (edit, comment, theme name).
    ReviewPrompt,
    /// The review screen's themes.
    ReviewThemes,
    /// The review screen's comparison of counts.
    ReviewCompare,
    /// The report of a merge made on the review screen.
    ReviewReport,
    /// Choosing an export's format and options on the review screen.
    ExportPicker,
    /// The command that opens this session on a projector, shown over the session.
    ProjectorCommand,
    /// The projector view itself (`stb present`), in its own window.
    Present,
    Help,
}

impl Context {
    /// Whether printable keys type text here.
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::Capture
                | Context::Edit
                | Context::ReviewQuery
                | Context::ReviewPrompt
        )
    }

    /// The heading of this context's section in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Home => "Home",
            Context::Form => "Forms",
            Context::Capture => "Capture line",
            Context::List => "Selecting insights",
            Context::Edit => "Editing an insight",
            Context::Move => "Moving an insight",
            Context::Roster => "Participants",
            Context::WrapUp => "Wrap-up",
            Context::Review => "Review: insights",
            Context::ReviewQuery => "Review: filter and search line",
            Context::ReviewPrompt => "Review: edit, comment or theme name",
            Context::ReviewThemes => "Review: themes",
            Context::ReviewCompare => "Review: compare",
            Context::ReviewReport => "Review: merge report",
            Context::ExportPicker => "Review: choosing an export",
            Context::ProjectorCommand => "The projector command",
            Context::Present => "Projector view (stb present)",
            Context::Help => "Help",
        }
    }
}

/// One row of the key table.
pub struct Binding {
    pub keys: &'static [Key],
    pub contexts: &'static [Context],
    pub action: Action,
    /// What help says the keys do.
    pub help: &'static str,
    /// The footer's short name for it; empty when the footer leaves it out.
    pub hint: &'static str,
}

use Context::*;

/// The keys that turn a choice field (nation, sector, consent) to its
/// previous and next option. The form handles them itself, because in a
/// text field the same keys move the cursor; they live here so that hints
/// name them from the table like every other key.
pub const CHOICE_KEYS: [Key; 2] = [plain(KeyCode::Left), plain(KeyCode::Right)];

/// The choice keys as a hint names them: `← →`.
pub fn choice_keys_label() -> String {
    format!("{} {}", CHOICE_KEYS[0].label(), CHOICE_KEYS[1].label())
}

/// Every context, in the order help lists them.
pub const ALL_CONTEXTS: &[Context] = &[
    Capture,
    List,
    Edit,
    Move,
    Roster,
    WrapUp,
    Home,
    Form,
    Review,
    ReviewQuery,
    ReviewPrompt,
    ReviewThemes,
    ReviewCompare,
    ReviewReport,
    ExportPicker,
    ProjectorCommand,
    Present,
    Help,
];
const EVERYWHERE: &[Context] = ALL_CONTEXTS;
const QUESTION: &[Context] = &[Capture, List];
const BROWSING: &[Context] = &[
    Home,
    List,
    Roster,
    WrapUp,
    Help,
    Review,
    ReviewThemes,
    ReviewReport,
];
/// Where j, k, g and G move too; not the insight list, where a letter that
/// is not a command goes back to the capture line.
const BROWSING_LETTERS: &[Context] = &[
    Home,
    Roster,
    WrapUp,
    Help,
    Review,
    ReviewThemes,
    ReviewReport,
];
const REVIEWING: &[Context] = &[Review, ReviewThemes, ReviewCompare];

/// Where undo and redo reach: everywhere a session is open, text fields
/// included, so a slip is taken back from wherever the hands are.
const UNDOABLE: &[Context] = &[
    Capture,
    List,
    Edit,
    Move,
    Roster,
    WrapUp,
    Form,
    Review,
    ReviewQuery,
    ReviewPrompt,
    ReviewThemes,
    ReviewCompare,
    ReviewReport,
    ExportPicker,
];

/// Every key the app handles. Earlier rows win when two share a key.
///
/// The capture line is safe to type into blind: every key a person uses
/// while writing (letters, Space, Backspace, Delete, Enter, Tab, Esc, the
/// arrows, Home, End, PgUp, PgDn, a paste) edits the line or enters it, and
/// nothing else. Acting on saved insights takes a deliberate chord into the
/// list (select mode, drawn loudly), where the few command letters act and
/// any other key goes back to the capture line and is typed there.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Before the row for everywhere, so hints name q first on the projector.
    b(&[ch('q'), plain(KeyCode::Esc)], &[Present], Action::Quit, "close the projector view (nothing to save)", "quit"),
    b(&[ctrl('q'), ctrl('c')], EVERYWHERE, Action::Quit, "save and quit", "quit"),
    b(&[plain(KeyCode::F(1))], EVERYWHERE, Action::ToggleHelp, "help: every key", "help"),
    b(&[ch('?'), ch('q'), plain(KeyCode::Esc)], &[Help], Action::ToggleHelp, "close help", ""),
    b(&[ch('?')], &[Home, List, Roster, WrapUp, Move, Review, ReviewThemes, ReviewCompare], Action::ToggleHelp, "help", ""),
    // Review
    b(&[ch('/')], REVIEWING, Action::FocusQuery, "filter and search", "filter"),
    b(&[plain(KeyCode::Tab)], REVIEWING, Action::NextView, "insights → themes → compare", "view"),
    b(&[plain(KeyCode::Right), ch(']')], &[Review, ReviewCompare], Action::NextQuestion, "browse the next question (or all)", ""),
    b(&[plain(KeyCode::Left), ch('[')], &[Review, ReviewCompare], Action::PrevQuestion, "browse the previous question (or all)", ""),
    b(&[plain(KeyCode::Enter), ch('e')], &[Review], Action::Edit, "edit text, @name and #tags", "edit"),
    b(&[ch('s'), ch('*')], &[Review], Action::Star, "star / unstar", "star"),
    b(&[ch('c')], &[Review], Action::Comment, "add a comment", "comment"),
    b(&[ch('v')], &[Review, ReviewThemes], Action::ChooseValue, "choose the next value of an open conflict (⚠)", ""),
    b(&[ch('t')], &[Review], Action::AddToTheme, "put in a theme (new or existing)", "theme"),
    b(&[plain(KeyCode::Enter)], &[ReviewThemes], Action::Edit, "show the theme's insights", "show"),
    b(&[ch('r')], &[ReviewThemes], Action::RenameTheme, "rename the theme", "rename"),
    b(&[ch('m')], &[ReviewThemes], Action::MergeTheme, "merge into another theme", "merge"),
    b(&[ch('x'), ch('d')], &[ReviewThemes], Action::Delete, "dissolve the theme (insights stay)", "dissolve"),
    b(&[ch('M')], REVIEWING, Action::MergeFiles, "merge the open files into a new file", ""),
    b(&[ch('E')], REVIEWING, Action::Export, "export what is open: choose a format and options", "export"),
    b(&[ch('q')], REVIEWING, Action::Back, "back to the sessions", "back"),
    b(&[plain(KeyCode::Enter), plain(KeyCode::Esc), plain(KeyCode::Down)], &[ReviewQuery], Action::FocusList, "back to the list (the filter stays)", "list"),
    b(&[plain(KeyCode::Enter)], &[ReviewPrompt], Action::Submit, "apply", "apply"),
    b(&[plain(KeyCode::Tab)], &[ReviewPrompt], Action::Complete, "complete @name / #tag", ""),
    b(&[plain(KeyCode::Esc)], &[ReviewPrompt], Action::Cancel, "cancel", "cancel"),
    b(&[plain(KeyCode::Esc), ch('q'), plain(KeyCode::Enter)], &[ReviewReport], Action::Cancel, "close the report", "close"),
    // Choosing an export
    b(&[plain(KeyCode::Up), ch('k')], &[ExportPicker], Action::Up, "the format above", ""),
    b(&[plain(KeyCode::Down), ch('j')], &[ExportPicker], Action::Down, "the format below", ""),
    b(&[ch('p')], &[ExportPicker], Action::TogglePseudonymise, "pseudonymise names, or not", "pseudonymise"),
    b(&[ch('c')], &[ExportPicker], Action::ToggleCoarsen, "coarsen organisations to sectors, or not", "coarsen"),
    b(&[plain(KeyCode::Enter)], &[ExportPicker], Action::Submit, "export in the format chosen", "export"),
    b(&[plain(KeyCode::Esc), ch('q')], &[ExportPicker], Action::Cancel, "cancel", "cancel"),
    // Questions
    b(&[ctrl('n')], QUESTION, Action::NextQuestion, "next question", "next"),
    b(&[ctrl('p')], &[Capture, List, WrapUp], Action::PrevQuestion, "previous question", "previous"),
    b(&[plain(KeyCode::Left)], &[WrapUp], Action::PrevQuestion, "previous question", ""),
    b(&[ctrl('t')], QUESTION, Action::ToggleTimer, "start / pause the timer", "timer"),
    b(&[ctrl('e')], QUESTION, Action::AddTime(5), "add 5 minutes to the timebox", ""),
    b(&[ctrl('r')], QUESTION, Action::AddToRoster, "add the last line's unknown @name to the roster", ""),
    b(&[plain(KeyCode::F(2))], &[Capture, List, WrapUp], Action::Participants, "participants", "people"),
    b(&[plain(KeyCode::F(3))], QUESTION, Action::TogglePrompts, "show / hide the question's prompts", "prompts"),
    b(&[plain(KeyCode::F(4))], &[Capture, List, WrapUp], Action::ProjectorCommand, "the command that shows this session on a projector", ""),
    b(&[plain(KeyCode::F(4)), plain(KeyCode::Esc), plain(KeyCode::Enter), ch('q')], &[ProjectorCommand], Action::Cancel, "close", "close"),
    b(&[ctrl('z')], UNDOABLE, Action::Undo, "undo the last change", "undo"),
    b(&[ctrl('y')], UNDOABLE, Action::Redo, "redo what was undone", ""),
    // Capture line
    b(&[plain(KeyCode::Enter)], &[Capture], Action::Submit, "save the line as an insight", "save"),
    b(&[plain(KeyCode::Tab)], &[Capture], Action::Complete, "complete @name / #tag (nothing else)", "complete"),
    // Windows Terminal takes Alt+Enter for full screen: Ctrl+O does the same.
    b(&[alt(KeyCode::Enter), ctrl('o')], &[Capture], Action::Park, "save the line to the parking lot", "park"),
    b(&[ctrl('l')], &[Capture], Action::SelectInsights, "select insights to edit, star, delete or move", "select"),
    // Insight list (select mode)
    b(&[plain(KeyCode::Esc), plain(KeyCode::Tab), ctrl('l')], &[List], Action::FocusCapture, "back to typing (any other key types too)", ""),
    b(&[plain(KeyCode::Enter), ch('e')], &[List, Roster], Action::Edit, "edit the selected one", "edit"),
    b(&[ch('s'), ch('*')], &[List], Action::Star, "star / unstar", "star"),
    b(&[ch('d')], &[List], Action::Delete, "delete (undo brings it back)", "delete"),
    b(&[ch('m')], &[List], Action::Move, "move to another question", "move"),
    b(&[ch('a')], &[List], Action::Attribute, "attribute its unresolved @name", "attribute"),
    b(&[ch('+'), ch('=')], &[List], Action::Vote, "add a vote (dot voting)", "vote"),
    // The wrap-up's footer keeps its room for quitting: the Votes box names these keys.
    b(&[ch('+'), ch('=')], &[WrapUp], Action::Vote, "add a vote to the selected insight", ""),
    b(&[ch('-')], &[List, WrapUp], Action::Unvote, "take back one of this laptop's votes", ""),
    b(&[ch('p')], &[List], Action::Park, "move to the parking lot", ""),
    // Wrap-up
    b(&[ch('p')], &[WrapUp], Action::Unpark, "put the selected parked line back on its question", ""),
    b(&[ch('[')], &[WrapUp], Action::PrevParked, "choose the parked line above", ""),
    b(&[ch(']')], &[WrapUp], Action::NextParked, "choose the parked line below", ""),
    // Moving
    b(&[ch('1')], &[Move], Action::MoveTo(1), "to question 1 (with 10 or more questions, 1 waits for 0–2: 10–12)", ""),
    b(&[ch('2')], &[Move], Action::MoveTo(2), "to question 2", ""),
    b(&[ch('3')], &[Move], Action::MoveTo(3), "to question 3", ""),
    b(&[ch('4')], &[Move], Action::MoveTo(4), "to question 4", ""),
    b(&[ch('5')], &[Move], Action::MoveTo(5), "to question 5", ""),
    b(&[ch('6')], &[Move], Action::MoveTo(6), "to question 6", ""),
    b(&[ch('7')], &[Move], Action::MoveTo(7), "to question 7", ""),
    b(&[ch('8')], &[Move], Action::MoveTo(8), "to question 8", ""),
    b(&[ch('9')], &[Move], Action::MoveTo(9), "to question 9", ""),
    b(&[ch('0')], &[Move], Action::MoveTo(0), "after 1: to question 10", ""),
    b(&[plain(KeyCode::Up)], &[Move], Action::Up, "the question above", ""),
    b(&[plain(KeyCode::Down)], &[Move], Action::Down, "the question below", ""),
    b(&[plain(KeyCode::Enter)], &[Move], Action::Submit, "to the question highlighted (or the digit typed)", "move"),
    b(&[plain(KeyCode::Esc)], &[Move, Roster], Action::Cancel, "close", "close"),
    // Participants
    b(&[ch('a'), ch('n')], &[Roster], Action::AddParticipant, "add a participant", "add"),
    b(&[ch('c')], &[Roster], Action::ToggleConsent, "consent given now / not recorded", "consent"),
    b(&[ch('d'), plain(KeyCode::Delete)], &[Roster], Action::Delete, "remove from the roster (undo brings them back)", "remove"),
    b(&[plain(KeyCode::F(2)), ch('q')], &[Roster], Action::Cancel, "close", ""),
    // Editing and forms
    b(&[plain(KeyCode::Enter)], &[Edit], Action::Submit, "apply the edit", "apply"),
    b(&[plain(KeyCode::Tab)], &[Edit], Action::Complete, "complete @name / #tag", ""),
    b(&[plain(KeyCode::Esc)], &[Edit, Form], Action::Cancel, "cancel", "cancel"),
    b(&[plain(KeyCode::Enter)], &[Form], Action::Submit, "next field; on the last, save", "next field"),
    b(&[ctrl('s')], &[Form], Action::SubmitForm, "save the form", "save"),
    b(&[plain(KeyCode::Tab), plain(KeyCode::Down)], &[Form], Action::NextField, "next field", ""),
    b(&[plain(KeyCode::BackTab), plain(KeyCode::Up)], &[Form], Action::PrevField, "previous field", ""),
    // Home
    b(&[plain(KeyCode::Enter)], &[Home], Action::Open, "open / resume the session", "open"),
    b(&[ch('n')], &[Home], Action::NewSession, "new session", "new session"),
    b(&[ch('v')], &[Home], Action::ReviewSelected, "review the selected session", "review"),
    b(&[ch('V')], &[Home], Action::ReviewAll, "review every session in the folder", ""),
    b(&[ch('r')], &[Home], Action::Refresh, "read the folder again", ""),
    b(&[ch('q')], &[Home], Action::Quit, "quit", ""),
    // Moving around lists
    b(&[plain(KeyCode::Up), ch('k')], BROWSING_LETTERS, Action::Up, "up", ""),
    b(&[plain(KeyCode::Down), ch('j')], BROWSING_LETTERS, Action::Down, "down", ""),
    b(&[plain(KeyCode::Home), ch('g')], BROWSING_LETTERS, Action::First, "first", ""),
    b(&[plain(KeyCode::End), ch('G')], BROWSING_LETTERS, Action::Last, "last", ""),
    b(&[plain(KeyCode::Up)], &[List], Action::Up, "up", ""),
    b(&[plain(KeyCode::Down)], &[List], Action::Down, "down", ""),
    b(&[plain(KeyCode::Home)], &[List], Action::First, "first", ""),
    b(&[plain(KeyCode::End)], &[List], Action::Last, "last", ""),
    b(&[plain(KeyCode::PageUp)], BROWSING, Action::PageUp, "page up", ""),
    b(&[plain(KeyCode::PageDown)], BROWSING, Action::PageDown, "page down", ""),
];

const fn b(
    keys: &'static [Key],
    contexts: &'static [Context],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        contexts,
        action,
        help,
        hint,
    }
}

/// The action a key press means here, if any. Releases and repeats of
/// releases (Windows reports both) are ignored.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let bound = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action.clone());
    bound.or_else(|| {
        let types = context.is_typing() || (context == Context::List && is_typing_key(event));
        types.then_some(Action::Input(*event))
    })
}

/// Whether a key writes text: a printable character (Shift allowed),
/// Space or Backspace. In the insight list such a key, when it is not one
/// of the list's commands, goes back to the capture line with its letter.
pub fn is_typing_key(event: &KeyEvent) -> bool {
    let plain = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    plain && matches!(event.code, KeyCode::Char(_) | KeyCode::Backspace)
}

/// The first key bound to `action` in `context`, for hints and messages
/// ("Ctrl+Z undoes"), so the screen never names a key the table does not
/// bind. Actions are compared by variant (and by value for `MoveTo` and
/// `AddTime`, whose rows differ by number).
pub fn key_for(context: Context, action: &Action) -> Option<Key> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| same_action(&b.action, action))
        .map(|b| b.keys[0])
}

/// The label of [`key_for`], or the action's name in words when nothing is
/// bound here (a bug the key-table tests catch).
pub fn key_label(context: Context, action: &Action) -> String {
    key_for(context, action).map_or_else(|| "(unbound)".to_owned(), Key::label)
}

fn same_action(a: &Action, b: &Action) -> bool {
    match (a, b) {
        (Action::MoveTo(x), Action::MoveTo(y)) => x == y,
        (Action::AddTime(x), Action::AddTime(y)) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// The bindings of a context, for help and hints.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context))
}

/// Every key of a binding, joined: `Ctrl+Q / Ctrl+C`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" / ")
}

pub mod help;

#[cfg(test)]
mod tests;
