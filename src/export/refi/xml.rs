//! A small XML writer over quick-xml's, for documents built in memory.
//!
//! quick-xml escapes `&`, `<`, `>` and quotes; this adds what escaping cannot
//! fix. XML 1.0 forbids most control characters even as `&#…;` references,
//! so they are dropped from text, and a line break inside an attribute would
//! come back as a space, so attribute values get spaces to begin with. Writing
//! to a `Vec` cannot fail, so the calls here do not return errors.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;

/// An XML document being written, indented two spaces.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    /// A document with its `<?xml …?>` declaration.
    pub fn new() -> Xml {
        let mut xml = Xml {
            writer: Writer::new_with_indent(Vec::new(), b' ', 2),
        };
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        xml
    }

    /// `<name attrs…>`, to be closed by [`Xml::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(start(name, attrs)));
    }

    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(start(name, attrs)));
    }

    /// `<name>text</name>`.
    pub fn text(&mut self, name: &str, text: &str) {
        self.open(name, &[]);
        let text = clean(text, false);
        self.event(Event::Text(BytesText::new(&text)));
        self.close(name);
    }

    /// The document, ending in a newline.
    pub fn finish(self) -> String {
        let mut text = String::from_utf8(self.writer.into_inner()).expect("only str was written");
        text.push('\n');
        text
    }

    fn event(&mut self, event: Event<'_>) {
        self.writer
            .write_event(event)
            .expect("writing to memory cannot fail");
    }
}

fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        start.push_attribute((*key, clean(value, true).as_ref()));
    }
    start
}

/// `text` without the characters XML 1.0 cannot carry; in an attribute,
/// tabs and line breaks become spaces.
fn clean(text: &str, attribute: bool) -> Cow<'_, str> {
    let allowed = |c: char| match c {
        '\t' | '\n' | '\r' => !attribute,
        '\u{FFFE}' | '\u{FFFF}' => false,
        c => c > '\u{1F}',
    };
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    let mapped = text.chars().filter_map(|c| match c {
        c if allowed(c) => Some(c),
        '\t' | '\n' | '\r' => Some(' '),
        _ => None,
    });
    Cow::Owned(mapped.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_cleaned() {
        let mut xml = Xml::new();
        xml.open("A", &[("name", "Tom & \"Jerry\"\n<x>\u{7}")]);
        xml.text("B", "a < b & c\u{0} \u{1F600} ŵ");
        xml.close("A");
        let out = xml.finish();
        assert!(
            out.contains(r#"name="Tom &amp; &quot;Jerry&quot; &lt;x&gt;""#),
            "{out}"
        );
        assert!(out.contains("<B>a &lt; b &amp; c \u{1F600} ŵ</B>"), "{out}");
        assert!(
            out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
            "{out}"
        );
    }
}
