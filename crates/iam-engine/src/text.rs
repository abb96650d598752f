//! Input text is data, never layout or code. Logs can carry any character in any field — a
//! workshop sample or someone else's file may hold a newline in a role name, an escape sequence
//! in an event name, a right-to-left override in an ARN — and whatever shows or runs that text
//! (a terminal, a shell script, a YAML or HCL reader, a page) must not let it end a line, move the
//! cursor or reorder what is read. This module says which characters are such *hidden* characters
//! and writes them visibly, as `\u{…}`, for the places that show text to people; the exports
//! escape the same set in each format's own syntax.

use std::borrow::Cow;

/// A character that acts on layout or the reader instead of showing as a glyph, or that no
/// text should hold: the C0 and C1 controls and DEL (`\n`, ESC, U+0085 NEL…), the line and
/// paragraph separators U+2028/U+2029, the bidirectional marks, embeddings, overrides and
/// isolates (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), the invisible format characters
/// (soft hyphen, zero-width characters and joiners, the combining grapheme joiner, word joiner
/// and invisible operators U+2060–U+2064, deprecated format characters U+206A–U+206F, musical
/// format characters, tags U+E0000–U+E007F), variation selectors, the Hangul fillers and other
/// blank letters, the byte-order mark U+FEFF, the specials U+FFF0–U+FFFB and the
/// noncharacters (U+FDD0–U+FDEF and every code point ending in FFFE or FFFF).
pub fn is_hidden(c: char) -> bool {
    let code = c as u32;
    c.is_control()
        || code & 0xFFFE == 0xFFFE
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FDD0}'..='\u{FDEF}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// `\uXXXX` for a character of the Basic Multilingual Plane, the UTF-16 surrogate pair
/// `\uXXXX\uXXXX` beyond it: the escape JSON reads.
pub fn json_escape(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{unit:04x}"));
    }
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

/// JSON text (valid or not) with each hidden character other than the whitespace JSON allows
/// (tab, line feed, carriage return) written as a `\uXXXX` escape. Where JSON allows such a
/// character at all, inside a string, the escape means the same character: a valid document stays
/// valid and reads back the same. For showing JSON that came from outside (a shared link).
pub fn json_visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && !matches!(c, '\t' | '\n' | '\r')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) && !matches!(c, '\t' | '\n' | '\r') {
            json_escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pretty JSON (two-space indentation, as `serde_json::to_string_pretty`) in which every hidden
/// character is written as a `\uXXXX` escape, a final newline added. A JSON reader gets exactly
/// the same strings back; a person, an editor or a terminal sees the escape instead of a line
/// break or reordered text. Every JSON document the workbench writes goes through here.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, VisibleFormatter(serde_json::ser::PrettyFormatter::new()));
    value.serialize(&mut serializer).expect("values of the workbench always serialise");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's pretty formatter, with hidden characters in strings escaped.
struct VisibleFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for VisibleFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        let mut escaped = String::new();
        for (index, c) in fragment.char_indices().filter(|(_, c)| is_hidden(*c)) {
            writer.write_all(&fragment.as_bytes()[start..index])?;
            escaped.clear();
            json_escape(c, &mut escaped);
            writer.write_all(escaped.as_bytes())?;
            start = index + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_hidden_characters_and_reads_back_the_same() {
        let value = serde_json::json!({"Resource": ["arn:aws:s3:::b/\u{202e}gpj.exe", "a\u{85}b\u{2028}c\u{7f}", "plain é 日本 😀", "tag\u{E0041}"], "n": 1});
        let text = to_json_pretty(&value);
        assert!(!text.chars().filter(|c| *c != '\n').any(is_hidden), "{text}");
        assert!(text.contains("b/\\u202egpj.exe") && text.contains("a\\u0085b\\u2028c\\u007f") && text.contains("plain é 日本 😀"), "{text}");
        assert!(text.contains("tag\\udb40\\udc41"), "a surrogate pair beyond the BMP: {text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        let plain = serde_json::json!({"a": [1, {"b": "c"}], "d": []});
        assert_eq!(to_json_pretty(&plain), serde_json::to_string_pretty(&plain).unwrap() + "\n");
    }

    #[test]
    fn every_class_of_hidden_character_is_written_visibly() {
        for c in [
            '\0',
            '\u{7}',
            '\n',
            '\r',
            '\t',
            '\u{1B}',
            '\u{7F}',
            '\u{80}',
            '\u{85}',
            '\u{9B}',
            '\u{2028}',
            '\u{2029}',
            '\u{202E}',
            '\u{2066}',
            '\u{200F}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{FE0F}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{E0041}',
            '\u{1FFFF}',
            '\u{3164}',
        ] {
            assert!(is_hidden(c), "{:04X}", c as u32);
            let text = format!("a{c}b");
            assert_eq!(visible(&text), format!("a\\u{{{:04X}}}b", c as u32));
        }
        assert_eq!(visible("arn:aws:iam::1:role/app\ntouch PWNED #"), "arn:aws:iam::1:role/app\\u{000A}touch PWNED #");
    }

    #[test]
    fn json_text_shows_hidden_characters_as_json_escapes() {
        let text = "{\n\t\"Sid\": \"a\u{202e}b\u{85}\"\r\n}";
        let shown = json_visible(text);
        assert_eq!(shown, "{\n\t\"Sid\": \"a\\u202eb\\u0085\"\r\n}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&shown).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in ["arn:aws:s3:::bucket/キー/é ü", "a b\\c", "日本語", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
