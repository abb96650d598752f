//! Where each value of a JSON text is: a map from JSON pointer (`/Statement/0/Action/2`) to the
//! 1-based line and column where the value starts, so findings about a pasted policy can point
//! into the text the user sees. A small scanner rather than a parser: the text was already parsed
//! by serde_json; this only walks it again to note positions. On malformed text it stops and
//! returns what it found so far.

use std::collections::HashMap;

/// A position in a text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

/// Escapes one JSON pointer token (RFC 6901): `~` → `~0`, `/` → `~1`.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The position of every value in `text`, by JSON pointer. The first occurrence wins when an
/// object repeats a key.
pub fn locate(text: &str) -> HashMap<String, TextPosition> {
    let mut scanner = Scanner { chars: text.chars().collect(), index: 0, line: 1, column: 1, found: HashMap::new() };
    scanner.skip_whitespace();
    scanner.value(String::new(), 0);
    scanner.found
}

/// The position for a pointer, or for its nearest located ancestor.
pub fn position_of(positions: &HashMap<String, TextPosition>, pointer: &str) -> Option<TextPosition> {
    let mut current = pointer;
    loop {
        if let Some(position) = positions.get(current) {
            return Some(*position);
        }
        let cut = current.rfind('/')?;
        current = &current[..cut];
    }
}

/// Nesting beyond this is not walked (the policy would be rejected anyway).
const MAX_DEPTH: usize = 64;

struct Scanner {
    chars: Vec<char>,
    index: usize,
    line: usize,
    column: usize,
    found: HashMap<String, TextPosition>,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.index).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.index += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r' | '\u{feff}')) {
            self.bump();
        }
    }

    /// Reads one value starting at the current character and notes its position.
    fn value(&mut self, pointer: String, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let first = self.peek()?;
        self.found.entry(pointer.clone()).or_insert(TextPosition { line: self.line, column: self.column });
        match first {
            '{' => {
                self.bump();
                self.skip_whitespace();
                if self.peek()? == '}' {
                    self.bump();
                    return Some(());
                }
                loop {
                    self.skip_whitespace();
                    let key = self.string()?;
                    self.skip_whitespace();
                    if self.bump()? != ':' {
                        return None;
                    }
                    self.skip_whitespace();
                    self.value(format!("{pointer}/{}", escape_token(&key)), depth + 1)?;
                    self.skip_whitespace();
                    match self.bump()? {
                        ',' => continue,
                        '}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            '[' => {
                self.bump();
                self.skip_whitespace();
                if self.peek()? == ']' {
                    self.bump();
                    return Some(());
                }
                let mut element = 0usize;
                loop {
                    self.skip_whitespace();
                    self.value(format!("{pointer}/{element}"), depth + 1)?;
                    element += 1;
                    self.skip_whitespace();
                    match self.bump()? {
                        ',' => continue,
                        ']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            '"' => self.string().map(|_| ()),
            _ => {
                // A number or a literal: everything up to a delimiter.
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | '}' | ']') || c.is_whitespace() {
                        break;
                    }
                    self.bump();
                }
                Some(())
            }
        }
    }

    /// Reads a string and returns its (unescaped) text.
    fn string(&mut self) -> Option<String> {
        if self.bump()? != '"' {
            return None;
        }
        let mut out = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(out),
                '\\' => match self.bump()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            code = code * 16 + self.bump()?.to_digit(16)?;
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                },
                other => out.push(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_values() {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:Nope\"], \"a/b\": 1}\n  ]\n}\n";
        let positions = locate(text);
        assert_eq!(positions[""], TextPosition { line: 1, column: 1 });
        assert_eq!(positions["/Version"], TextPosition { line: 2, column: 14 });
        assert_eq!(positions["/Statement/0"], TextPosition { line: 4, column: 5 });
        assert_eq!(positions["/Statement/0/Action/1"], TextPosition { line: 4, column: 52 });
        assert_eq!(positions["/Statement/0/a~1b"], TextPosition { line: 4, column: 71 });
        assert_eq!(position_of(&positions, "/Statement/0/Resource/3"), Some(TextPosition { line: 4, column: 5 }));
    }

    #[test]
    fn malformed_text_keeps_what_was_found() {
        let positions = locate("{\"Version\": \"x\", \"Statement\": [tru");
        assert!(positions.contains_key("/Version"));
        assert!(locate("").is_empty());
    }
}
