//! Input text is data, never layout or code. Logs can carry any character in any field — a
//! workshop sample or someone else's file may hold a newline in a role name, an escape sequence
//! in an event name, a right-to-left override in an ARN — and whatever shows or runs that text
//! (a terminal, a shell script, a YAML or HCL reader, a page) must not let it end a line, move the
//! cursor or reorder what is read. This module says which characters are such *hidden* characters
//! and writes them visibly, as `\u{…}`, for the places that show text to people; the exports
//! escape the same set in each format's own syntax.

use std::borrow::Cow;

/// A character that acts on layout or the reader instead of showing as a glyph: the C0 and C1
/// controls and DEL (`\n`, ESC, U+0085 NEL…), the line and paragraph separators U+2028/U+2029,
/// the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F,
/// U+202A–U+202E, U+2066–U+2069), zero-width characters and joiners (U+200B–U+200D, U+2060–
/// U+2064), the byte-order mark U+FEFF and the interlinear annotation marks U+FFF9–U+FFFB.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Whether the text holds a hidden character.
pub fn has_hidden(text: &str) -> bool {
    text.chars().any(is_hidden)
}

/// The text with each hidden character written as `\u{XXXX}` (and each backslash that would
/// start such a sequence left as it is: the form is for reading, not for parsing back). Borrowed
/// when there is nothing to escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_hidden(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_of_hidden_character_is_written_visibly() {
        for c in [
            '\0', '\u{7}', '\n', '\r', '\t', '\u{1B}', '\u{7F}', '\u{80}', '\u{85}', '\u{9B}', '\u{2028}', '\u{2029}', '\u{202E}', '\u{2066}', '\u{200F}',
            '\u{FEFF}',
        ] {
            assert!(is_hidden(c), "{:04X}", c as u32);
            let text = format!("a{c}b");
            assert_eq!(visible(&text), format!("a\\u{{{:04X}}}b", c as u32));
        }
        assert_eq!(visible("arn:aws:iam::1:role/app\ntouch PWNED #"), "arn:aws:iam::1:role/app\\u{000A}touch PWNED #");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in ["arn:aws:s3:::bucket/キー/é ü", "a b\\c", "日本語", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
