//! Finds complete JSON values in a stream of byte chunks without parsing them: the elements of a
//! JSON array (`{"Records":[…]}`, a bare array) or a sequence of values (one record per line).
//! Each value is handed out as one contiguous slice, borrowed from the chunk when it lies inside
//! it and copied only when it straddles chunks. Memory is bounded by the largest value.

use memchr::{memchr2, memchr3};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitMode {
    /// Values separated by commas, ending at `]` (the opening `[` already consumed).
    Array,
    /// Values separated by whitespace (NDJSON and concatenated JSON).
    Sequence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Between,
    InObject {
        depth: u32,
        in_string: bool,
        escaped: bool,
    },
    /// A value that starts with `[`: brackets and braces both count.
    InArray {
        depth: u32,
        in_string: bool,
        escaped: bool,
    },
    InScalar {
        in_string: bool,
        escaped: bool,
    },
    /// The closing `]` of the array was seen.
    Done,
}

/// A piece of the stream that is handed to the caller.
pub enum Piece<'a> {
    Value(&'a [u8]),
    /// A value larger than the limit was skipped; `bytes` is how large it was.
    Oversized {
        bytes: u64,
    },
    /// A byte that cannot start a value where one was expected.
    Unexpected {
        byte: u8,
    },
}

pub struct Splitter {
    mode: SplitMode,
    state: State,
    carry: Vec<u8>,
    max_value_bytes: usize,
    /// Bytes of the current value that were dropped because it grew beyond the limit.
    oversized_bytes: u64,
    /// Bytes after the closing `]` that are not whitespace (`}` of the container is expected).
    pub trailing: u64,
}

impl Splitter {
    pub fn new(mode: SplitMode, max_value_bytes: usize) -> Self {
        Splitter { mode, state: State::Between, carry: Vec::new(), max_value_bytes, oversized_bytes: 0, trailing: 0 }
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// True when the stream ended inside a value.
    pub fn is_inside_value(&self) -> bool {
        !matches!(self.state, State::Between | State::Done)
    }

    pub fn push(&mut self, chunk: &[u8], on_piece: &mut dyn FnMut(Piece<'_>)) {
        let mut index = 0;
        let mut value_start = 0;
        while index < chunk.len() {
            match self.state {
                State::Done => {
                    self.trailing += chunk[index..].iter().filter(|byte| !byte.is_ascii_whitespace()).count() as u64;
                    return;
                }
                State::Between => {
                    let byte = chunk[index];
                    match byte {
                        b' ' | b'\t' | b'\r' | b'\n' => index += 1,
                        b',' if self.mode == SplitMode::Array => index += 1,
                        b']' if self.mode == SplitMode::Array => {
                            self.state = State::Done;
                            index += 1;
                        }
                        0xEF | 0xBB | 0xBF if self.mode == SplitMode::Sequence => index += 1,
                        b'{' => {
                            value_start = index;
                            self.state = State::InObject { depth: 1, in_string: false, escaped: false };
                            index += 1;
                        }
                        b'[' => {
                            value_start = index;
                            self.state = State::InArray { depth: 1, in_string: false, escaped: false };
                            index += 1;
                        }
                        b'"' => {
                            value_start = index;
                            self.state = State::InScalar { in_string: true, escaped: false };
                            index += 1;
                        }
                        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                            value_start = index;
                            self.state = State::InScalar { in_string: false, escaped: false };
                            index += 1;
                        }
                        other => {
                            on_piece(Piece::Unexpected { byte: other });
                            // Skip to the next line or separator so one bad byte is one problem.
                            let rest = &chunk[index..];
                            let skip = memchr3(b'\n', b',', b'{', rest).map(|found| found.max(1)).unwrap_or(rest.len());
                            index += skip;
                        }
                    }
                }
                State::InObject { mut depth, mut in_string, mut escaped } => {
                    let mut finished_at = None;
                    while index < chunk.len() {
                        if escaped {
                            escaped = false;
                            index += 1;
                            continue;
                        }
                        if in_string {
                            match memchr2(b'"', b'\\', &chunk[index..]) {
                                Some(offset) => {
                                    index += offset;
                                    if chunk[index] == b'\\' {
                                        escaped = true;
                                    } else {
                                        in_string = false;
                                    }
                                    index += 1;
                                }
                                None => index = chunk.len(),
                            }
                        } else {
                            match memchr3(b'"', b'{', b'}', &chunk[index..]) {
                                Some(offset) => {
                                    index += offset;
                                    match chunk[index] {
                                        b'"' => in_string = true,
                                        b'{' => depth += 1,
                                        _ => {
                                            depth -= 1;
                                            if depth == 0 {
                                                finished_at = Some(index);
                                            }
                                        }
                                    }
                                    index += 1;
                                    if finished_at.is_some() {
                                        break;
                                    }
                                }
                                None => index = chunk.len(),
                            }
                        }
                    }
                    self.state = State::InObject { depth, in_string, escaped };
                    if let Some(end) = finished_at {
                        self.emit(&chunk[value_start..=end], on_piece);
                    }
                }
                State::InArray { mut depth, mut in_string, mut escaped } => {
                    let mut finished_at = None;
                    while index < chunk.len() {
                        let byte = chunk[index];
                        index += 1;
                        if escaped {
                            escaped = false;
                        } else if in_string {
                            match byte {
                                b'\\' => escaped = true,
                                b'"' => in_string = false,
                                _ => {}
                            }
                        } else {
                            match byte {
                                b'"' => in_string = true,
                                b'{' | b'[' => depth += 1,
                                b'}' | b']' => {
                                    depth -= 1;
                                    if depth == 0 {
                                        finished_at = Some(index - 1);
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    self.state = State::InArray { depth, in_string, escaped };
                    if let Some(end) = finished_at {
                        self.emit(&chunk[value_start..=end], on_piece);
                    }
                }
                State::InScalar { mut in_string, mut escaped } => {
                    let mut finished = None;
                    while index < chunk.len() {
                        let byte = chunk[index];
                        if escaped {
                            escaped = false;
                        } else if in_string {
                            match byte {
                                b'\\' => escaped = true,
                                b'"' => {
                                    in_string = false;
                                    finished = Some(index + 1);
                                    index += 1;
                                    break;
                                }
                                _ => {}
                            }
                        } else if matches!(byte, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                            finished = Some(index);
                            break;
                        }
                        index += 1;
                    }
                    self.state = State::InScalar { in_string, escaped };
                    if let Some(end) = finished {
                        self.emit(&chunk[value_start..end], on_piece);
                    }
                }
            }
        }
        // The chunk ended inside a value: keep what we have of it.
        if self.is_inside_value() {
            self.keep(&chunk[value_start.min(chunk.len())..]);
        }
    }

    /// Ends the stream. A value still open is a truncated value; it is reported as such by the
    /// caller (`is_inside_value` before calling this).
    pub fn finish(&mut self, on_piece: &mut dyn FnMut(Piece<'_>)) {
        if let State::InScalar { in_string: false, .. } = self.state {
            let carry = std::mem::take(&mut self.carry);
            self.state = State::Between;
            on_piece(Piece::Value(&carry));
        }
    }

    fn keep(&mut self, bytes: &[u8]) {
        if self.oversized_bytes > 0 || self.carry.len() + bytes.len() > self.max_value_bytes {
            self.oversized_bytes += (self.carry.len() + bytes.len()) as u64;
            self.carry = Vec::new();
        } else {
            self.carry.extend_from_slice(bytes);
        }
    }

    fn emit(&mut self, tail: &[u8], on_piece: &mut dyn FnMut(Piece<'_>)) {
        self.state = State::Between;
        if self.oversized_bytes > 0 {
            let bytes = self.oversized_bytes + tail.len() as u64;
            self.oversized_bytes = 0;
            on_piece(Piece::Oversized { bytes });
        } else if self.carry.is_empty() {
            if tail.len() > self.max_value_bytes {
                on_piece(Piece::Oversized { bytes: tail.len() as u64 });
            } else {
                on_piece(Piece::Value(tail));
            }
        } else {
            let mut carry = std::mem::take(&mut self.carry);
            if carry.len() + tail.len() > self.max_value_bytes {
                on_piece(Piece::Oversized { bytes: (carry.len() + tail.len()) as u64 });
            } else {
                carry.extend_from_slice(tail);
                on_piece(Piece::Value(&carry));
            }
            carry.clear();
            self.carry = carry;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(mode: SplitMode, chunks: &[&[u8]], limit: usize) -> (Vec<String>, bool) {
        let mut splitter = Splitter::new(mode, limit);
        let mut found = Vec::new();
        let mut on_piece = |piece: Piece<'_>| {
            found.push(match piece {
                Piece::Value(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                Piece::Oversized { bytes } => format!("<oversized {bytes}>"),
                Piece::Unexpected { byte } => format!("<unexpected {}>", byte as char),
            })
        };
        for chunk in chunks {
            splitter.push(chunk, &mut on_piece);
        }
        let open = splitter.is_inside_value();
        splitter.finish(&mut on_piece);
        (found, open)
    }

    #[test]
    fn splits_array_elements_at_any_chunk_boundary() {
        let text = br#" {"a":"}{\"","b":[1,{"c":2}]} , {"d":"\\"},"x",12,[1,[2]] ]  "#;
        let expected = vec![r#"{"a":"}{\"","b":[1,{"c":2}]}"#, r#"{"d":"\\"}"#, r#""x""#, "12", "[1,[2]]"];
        for cut in 0..text.len() {
            let (found, open) = split(SplitMode::Array, &[&text[..cut], &text[cut..]], 1 << 20);
            assert_eq!(found, expected, "cut at {cut}");
            assert!(!open);
        }
        // One byte at a time.
        let chunks: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(split(SplitMode::Array, &chunks, 1 << 20).0, expected);
    }

    #[test]
    fn splits_lines_and_reports_truncation_and_size() {
        let (found, open) = split(SplitMode::Sequence, &[b"{\"a\":1}\n{\"b\":2}\r\n{\"c\":"], 1 << 20);
        assert_eq!(found, vec!["{\"a\":1}", "{\"b\":2}"]);
        assert!(open);
        let (found, _) = split(SplitMode::Sequence, &[b"{\"a\":\"0123456789\"}\n{\"b\":2}"], 10);
        assert_eq!(found, vec!["<oversized 18>", "{\"b\":2}"]);
        let (found, _) = split(SplitMode::Sequence, &[b"{\"a\":\"01234", b"56789\"}\n{\"b\":2}"], 10);
        assert_eq!(found, vec!["<oversized 18>", "{\"b\":2}"]);
        let (found, _) = split(SplitMode::Sequence, &[b"garbage\n{\"b\":2}"], 100);
        assert_eq!(found[0], "<unexpected g>");
        assert_eq!(found.last().unwrap(), "{\"b\":2}");
    }
}
