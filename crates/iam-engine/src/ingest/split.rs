//! Finds complete JSON values in a stream of byte chunks without parsing them. At the top level
//! of a file it sees a sequence of values (one document, NDJSON, concatenated pages); a top-level
//! array and the record lists of known containers (`"Records"`, `"Events"`, `"QueryResultRows"`,
//! `"events"`, `"results"`, whatever their position among the object's keys) are streamed element by element,
//! so memory is bounded by the largest element, not by the file. Each value is handed out as one
//! contiguous slice, borrowed from the chunk when it lies inside it and copied only when it
//! straddles chunks. Line numbers are counted on the way (one `memchr` pass over the bytes).

use memchr::{memchr2, memchr3};

/// Where a value handed out was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Container {
    /// A value at the top level of the file: a whole document, or one line of NDJSON.
    TopLevel,
    /// An element of a top-level array.
    Array,
    /// An element of `"Records":[…]` (S3 log files, Event history JSON downloads).
    Records,
    /// An element of `"Events":[…]` (`aws cloudtrail lookup-events`).
    Events,
    /// An element of `"QueryResultRows":[…]` (CloudTrail Lake `get-query-results`).
    QueryResultRows,
    /// An element of `"events":[…]` (CloudWatch Logs `filter-log-events`, `get-log-events`).
    LogEvents,
    /// An element of `"results":[…]` (CloudWatch Logs Insights `get-query-results`: a row of
    /// `{"field": …, "value": …}` cells).
    InsightsResults,
}

/// Keys of a top-level object whose array value is streamed.
const STREAMED_KEYS: &[(&[u8], Container)] = &[
    (b"Records", Container::Records),
    (b"Events", Container::Events),
    (b"QueryResultRows", Container::QueryResultRows),
    (b"events", Container::LogEvents),
    (b"results", Container::InsightsResults),
];
/// Longer keys cannot be one of `STREAMED_KEYS`; only this many bytes of a key are kept.
const MAX_KEY_BYTES: usize = 16;

/// A piece of the stream that is handed to the caller.
#[derive(Debug)]
pub enum Piece<'a> {
    /// A complete value; `depth` is how deeply its brackets nest (counting one kind of
    /// bracket only, so a lower bound).
    Value { bytes: &'a [u8], container: Container, line: u64, depth: u64 },
    /// The array of a known container key started streaming (its elements follow as values).
    Streaming { container: Container },
    /// The rest of a top-level object some of whose arrays were streamed, with those arrays left
    /// empty (`{"NextToken":"…","Events":[]}`), for the other keys.
    Remainder { bytes: &'a [u8], line: u64 },
    /// A value larger than the limit was skipped; `bytes` is how large it was.
    Oversized { bytes: u64, container: Container, line: u64 },
    /// An object starting an element of `"Records"` or of a top-level array, offered to be
    /// parsed in place: `text` runs from its `{` to the end of the chunk's valid UTF-8. The
    /// callback answers how many bytes it took (the whole record), or 0 to let the splitter find
    /// the value's end and hand it out as a `Value` as usual (a record cut by the chunk's end,
    /// one that is not valid JSON, anything that is not a record).
    Record { text: &'a str, container: Container, line: u64 },
    /// A byte that cannot start a value where one was expected.
    Unexpected { byte: u8, line: u64 },
    /// Two array elements without a comma between them (read anyway).
    MissingComma { line: u64 },
}

/// What happens when the value being scanned ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Then {
    /// It was a top-level value (a scalar, or an object whose keys could not be followed).
    EmitTop,
    /// It was the value of a member of the top-level object: continue with that object.
    Member,
    /// It was an element of a streamed array.
    Element(Container),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between top-level values.
    Top,
    /// In the top-level object, expecting a key or `}`.
    Key,
    /// In a key of the top-level object.
    KeyString { escaped: bool },
    /// After a key, expecting `:`.
    Colon,
    /// After `:`, expecting the member's value.
    MemberValue,
    /// After a member's value, expecting `,` or `}`.
    AfterMember,
    /// Inside an object or array value: only `open`/`close` outside strings change the depth.
    Nested { open: u8, close: u8, depth: u64, in_string: bool, escaped: bool, then: Then },
    /// Inside a string or a literal (`12`, `true`).
    Scalar { in_string: bool, escaped: bool, then: Then },
    /// In a streamed array, expecting an element, `,` or `]`.
    ArrayItem { container: Container, expect_comma: bool },
    /// After an unexpected byte between top-level values: up to the next line or value.
    SkipTop,
    /// After an unexpected byte in a streamed array: up to the next separator.
    SkipItem { container: Container },
}

/// Where the stream stopped when it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenAt {
    /// Between top-level values: nothing is missing.
    Nothing,
    /// Inside an element of a streamed array.
    Element(Container),
    /// Between the elements of a streamed array, before its `]`.
    Array(Container),
    /// Inside a top-level value.
    TopValue,
}

pub struct Splitter {
    state: State,
    max_value_bytes: usize,
    /// The bytes of the value being captured that came in earlier chunks.
    carry: Vec<u8>,
    /// Whether a value is being captured, and from where in the current chunk.
    capturing: bool,
    capture_start: usize,
    /// Bytes of the current capture dropped because it grew beyond the limit.
    oversized_bytes: u64,
    /// The line on which the current capture started.
    capture_line: u64,
    /// The deepest nesting seen in the current capture.
    capture_depth: u64,
    /// The start of the top-level object while one of its arrays is being streamed.
    held: Vec<u8>,
    held_oversized: u64,
    held_line: u64,
    /// The top-level object being scanned had an array streamed.
    object_streamed: bool,
    /// The first bytes of the current key, to recognise container keys.
    key: [u8; MAX_KEY_BYTES],
    key_len: usize,
    /// The current key has an escape or is longer than `MAX_KEY_BYTES`: it is no container key.
    key_unusable: bool,
    /// 1-based line of the position `counted` in the current chunk.
    line: u64,
    counted: usize,
}

impl Splitter {
    pub fn new(max_value_bytes: usize, first_line: u64) -> Self {
        Splitter {
            state: State::Top,
            max_value_bytes,
            carry: Vec::new(),
            capturing: false,
            capture_start: 0,
            oversized_bytes: 0,
            capture_line: first_line,
            capture_depth: 0,
            held: Vec::new(),
            held_oversized: 0,
            held_line: first_line,
            object_streamed: false,
            key: [0; MAX_KEY_BYTES],
            key_len: 0,
            key_unusable: false,
            line: first_line,
            counted: 0,
        }
    }

    /// Where the stream is, for reporting a file that ends early.
    pub fn open_at(&self) -> OpenAt {
        match self.state {
            State::Top | State::SkipTop => OpenAt::Nothing,
            State::ArrayItem { container, .. } | State::SkipItem { container } => OpenAt::Array(container),
            State::Nested { then: Then::Element(container), .. } | State::Scalar { then: Then::Element(container), .. } => OpenAt::Element(container),
            _ => OpenAt::TopValue,
        }
    }

    /// The line being read (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }

    fn line_at(&mut self, chunk: &[u8], index: usize) -> u64 {
        if index > self.counted {
            self.line += memchr::memchr_iter(b'\n', &chunk[self.counted..index]).count() as u64;
            self.counted = index;
        }
        self.line
    }

    fn start_capture(&mut self, chunk: &[u8], index: usize) {
        self.capture_line = self.line_at(chunk, index);
        self.capturing = true;
        self.capture_start = index;
        self.capture_depth = 0;
        self.carry.clear();
        self.oversized_bytes = 0;
    }

    /// Appends `bytes` to the capture's carry, or counts them once it is beyond the limit.
    fn keep(&mut self, bytes: &[u8]) {
        if self.oversized_bytes > 0 || self.carry.len() + bytes.len() > self.max_value_bytes {
            self.oversized_bytes += (self.carry.len() + bytes.len()) as u64;
            self.carry = Vec::new();
        } else {
            self.carry.extend_from_slice(bytes);
        }
    }

    /// Ends the capture with `chunk[capture_start..end]` and hands the value out.
    fn finish_capture(
        &mut self,
        chunk: &[u8],
        end: usize,
        on_piece: &mut dyn FnMut(Piece<'_>) -> usize,
        make: &dyn Fn(&[u8], u64) -> Piece<'_>,
        container: Container,
    ) {
        self.capturing = false;
        let tail = &chunk[self.capture_start..end];
        let line = self.capture_line;
        if self.oversized_bytes > 0 {
            let bytes = self.oversized_bytes + tail.len() as u64;
            self.oversized_bytes = 0;
            on_piece(Piece::Oversized { bytes, container, line });
        } else if self.carry.is_empty() {
            if tail.len() > self.max_value_bytes {
                on_piece(Piece::Oversized { bytes: tail.len() as u64, container, line });
            } else {
                on_piece(make(tail, line));
            }
        } else {
            let mut carry = std::mem::take(&mut self.carry);
            if carry.len() + tail.len() > self.max_value_bytes {
                on_piece(Piece::Oversized { bytes: (carry.len() + tail.len()) as u64, container, line });
            } else {
                carry.extend_from_slice(tail);
                on_piece(make(&carry, line));
            }
            carry.clear();
            self.carry = carry;
        }
    }

    fn emit_value(&mut self, chunk: &[u8], end: usize, container: Container, on_piece: &mut dyn FnMut(Piece<'_>) -> usize) {
        let depth = self.capture_depth;
        self.finish_capture(chunk, end, on_piece, &|bytes, line| Piece::Value { bytes, container, line, depth }, container);
    }

    /// The top-level object ended at `end` (exclusive).
    fn emit_object(&mut self, chunk: &[u8], end: usize, on_piece: &mut dyn FnMut(Piece<'_>) -> usize) {
        self.state = State::Top;
        if self.object_streamed {
            self.object_streamed = false;
            self.finish_capture(chunk, end, on_piece, &|bytes, line| Piece::Remainder { bytes, line }, Container::TopLevel);
        } else {
            self.emit_value(chunk, end, Container::TopLevel, on_piece);
        }
    }

    /// The key just read, if it names a streamed container.
    fn container_key(&self) -> Option<Container> {
        if self.key_unusable {
            return None;
        }
        let key = &self.key[..self.key_len];
        STREAMED_KEYS.iter().find(|(name, _)| *name == key).map(|(_, container)| *container)
    }

    /// The top-level object's keys can no longer be followed (invalid JSON): scan the rest of
    /// it as one value and let the parser describe the problem.
    fn give_up_on_keys(&mut self) {
        self.state = State::Nested { open: b'{', close: b'}', depth: 1, in_string: false, escaped: false, then: Then::EmitTop };
    }

    pub fn push(&mut self, chunk: &[u8], on_piece: &mut dyn FnMut(Piece<'_>) -> usize) {
        self.counted = 0;
        // One UTF-8 check per chunk for the records parsed in place (a character cut by the
        // chunk's end, or invalid bytes, end the part that can be).
        let text = match std::str::from_utf8(chunk) {
            Ok(text) => text,
            Err(error) => std::str::from_utf8(&chunk[..error.valid_up_to()]).unwrap_or(""),
        };
        let mut index = 0;
        while index < chunk.len() {
            match self.state {
                State::Top => {
                    let byte = chunk[index];
                    match byte {
                        b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF => index += 1,
                        b'{' => {
                            self.start_capture(chunk, index);
                            self.object_streamed = false;
                            self.state = State::Key;
                            index += 1;
                        }
                        b'[' => {
                            on_piece(Piece::Streaming { container: Container::Array });
                            self.state = State::ArrayItem { container: Container::Array, expect_comma: false };
                            index += 1;
                        }
                        b'"' => {
                            self.start_capture(chunk, index);
                            self.state = State::Scalar { in_string: true, escaped: false, then: Then::EmitTop };
                            index += 1;
                        }
                        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                            self.start_capture(chunk, index);
                            self.state = State::Scalar { in_string: false, escaped: false, then: Then::EmitTop };
                            index += 1;
                        }
                        other => {
                            let line = self.line_at(chunk, index);
                            on_piece(Piece::Unexpected { byte: other, line });
                            // Skip to the next line or value so that one bad line is one problem.
                            self.state = State::SkipTop;
                            index += 1;
                        }
                    }
                }
                State::Key => {
                    let byte = chunk[index];
                    match byte {
                        b' ' | b'\t' | b'\r' | b'\n' | b',' => index += 1,
                        b'"' => {
                            self.key_len = 0;
                            self.key_unusable = false;
                            self.state = State::KeyString { escaped: false };
                            index += 1;
                        }
                        b'}' => {
                            index += 1;
                            self.emit_object(chunk, index, on_piece);
                        }
                        _ => self.give_up_on_keys(),
                    }
                }
                State::KeyString { escaped } => {
                    if escaped {
                        self.key_unusable = true;
                        self.state = State::KeyString { escaped: false };
                        index += 1;
                        continue;
                    }
                    let rest = &chunk[index..];
                    let found = memchr2(b'"', b'\\', rest);
                    let text_end = found.unwrap_or(rest.len());
                    let text = &rest[..text_end];
                    if self.key_len + text.len() <= MAX_KEY_BYTES {
                        self.key[self.key_len..self.key_len + text.len()].copy_from_slice(text);
                        self.key_len += text.len();
                    } else {
                        self.key_unusable = true;
                    }
                    index += text_end;
                    if let Some(offset) = found {
                        debug_assert_eq!(offset, text_end);
                        if rest[offset] == b'\\' {
                            self.state = State::KeyString { escaped: true };
                        } else {
                            self.state = State::Colon;
                        }
                        index += 1;
                    }
                }
                State::Colon => match chunk[index] {
                    b' ' | b'\t' | b'\r' | b'\n' => index += 1,
                    b':' => {
                        self.state = State::MemberValue;
                        index += 1;
                    }
                    _ => self.give_up_on_keys(),
                },
                State::MemberValue => {
                    let byte = chunk[index];
                    match byte {
                        b' ' | b'\t' | b'\r' | b'\n' => index += 1,
                        b'[' => match self.container_key() {
                            Some(container) => {
                                // Park the object read so far, with an empty array in place of
                                // the streamed one, and stream the elements.
                                let head_end = index;
                                if self.capturing {
                                    let head = &chunk[self.capture_start..head_end];
                                    self.keep(head);
                                    self.keep(b"[]");
                                    self.capturing = false;
                                }
                                self.held = std::mem::take(&mut self.carry);
                                self.held_oversized = self.oversized_bytes;
                                self.held_line = self.capture_line;
                                self.oversized_bytes = 0;
                                self.object_streamed = true;
                                on_piece(Piece::Streaming { container });
                                self.state = State::ArrayItem { container, expect_comma: false };
                                index += 1;
                            }
                            None => {
                                self.state = State::Nested { open: b'[', close: b']', depth: 1, in_string: false, escaped: false, then: Then::Member };
                                index += 1;
                            }
                        },
                        b'{' => {
                            self.state = State::Nested { open: b'{', close: b'}', depth: 1, in_string: false, escaped: false, then: Then::Member };
                            index += 1;
                        }
                        b'"' => {
                            self.state = State::Scalar { in_string: true, escaped: false, then: Then::Member };
                            index += 1;
                        }
                        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                            self.state = State::Scalar { in_string: false, escaped: false, then: Then::Member };
                            index += 1;
                        }
                        _ => self.give_up_on_keys(),
                    }
                }
                State::AfterMember => match chunk[index] {
                    b' ' | b'\t' | b'\r' | b'\n' => index += 1,
                    b',' => {
                        self.state = State::Key;
                        index += 1;
                    }
                    b'}' => {
                        index += 1;
                        self.emit_object(chunk, index, on_piece);
                    }
                    _ => self.give_up_on_keys(),
                },
                State::ArrayItem { container, expect_comma } => {
                    let byte = chunk[index];
                    if byte == b'{' && !expect_comma && matches!(container, Container::Records | Container::Array) && index < text.len() {
                        let line = self.line_at(chunk, index);
                        let taken = on_piece(Piece::Record { text: &text[index..], container, line });
                        if taken > 0 {
                            index += taken;
                            self.state = State::ArrayItem { container, expect_comma: true };
                            continue;
                        }
                    }
                    let then = Then::Element(container);
                    match byte {
                        b' ' | b'\t' | b'\r' | b'\n' => index += 1,
                        b',' => {
                            self.state = State::ArrayItem { container, expect_comma: false };
                            index += 1;
                        }
                        b']' => {
                            index += 1;
                            if container == Container::Array {
                                self.state = State::Top;
                            } else {
                                // Back in the top-level object: resume its capture.
                                self.carry = std::mem::take(&mut self.held);
                                self.oversized_bytes = self.held_oversized;
                                self.capture_line = self.held_line;
                                self.capturing = true;
                                self.capture_start = index;
                                self.state = State::AfterMember;
                            }
                        }
                        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                            if expect_comma {
                                let line = self.line_at(chunk, index);
                                on_piece(Piece::MissingComma { line });
                            }
                            self.start_capture(chunk, index);
                            self.capture_depth = 1;
                            self.state = match byte {
                                b'{' => State::Nested { open: b'{', close: b'}', depth: 1, in_string: false, escaped: false, then },
                                b'[' => State::Nested { open: b'[', close: b']', depth: 1, in_string: false, escaped: false, then },
                                b'"' => State::Scalar { in_string: true, escaped: false, then },
                                _ => State::Scalar { in_string: false, escaped: false, then },
                            };
                            index += 1;
                        }
                        other => {
                            let line = self.line_at(chunk, index);
                            on_piece(Piece::Unexpected { byte: other, line });
                            // Skip to the next separator so that one bad byte is one problem.
                            self.state = State::SkipItem { container };
                            index += 1;
                        }
                    }
                }
                State::SkipTop => match memchr3(b'\n', b'{', b'[', &chunk[index..]) {
                    Some(offset) => {
                        index += offset;
                        self.state = State::Top;
                    }
                    None => index = chunk.len(),
                },
                State::SkipItem { container } => match memchr3(b',', b']', b'{', &chunk[index..]) {
                    Some(offset) => {
                        index += offset;
                        self.state = State::ArrayItem { container, expect_comma: false };
                    }
                    None => index = chunk.len(),
                },
                State::Nested { open, close, mut depth, mut in_string, mut escaped, then } => {
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
                            match memchr3(b'"', open, close, &chunk[index..]) {
                                Some(offset) => {
                                    index += offset;
                                    let byte = chunk[index];
                                    index += 1;
                                    if byte == b'"' {
                                        in_string = true;
                                    } else if byte == open {
                                        depth += 1;
                                        self.capture_depth = self.capture_depth.max(depth);
                                    } else {
                                        depth -= 1;
                                        if depth == 0 {
                                            finished_at = Some(index);
                                            break;
                                        }
                                    }
                                }
                                None => index = chunk.len(),
                            }
                        }
                    }
                    self.state = State::Nested { open, close, depth, in_string, escaped, then };
                    if let Some(end) = finished_at {
                        self.value_ended(chunk, end, then, on_piece);
                    }
                }
                State::Scalar { in_string, mut escaped, then } => {
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
                                        index += 1;
                                    } else {
                                        index += 1;
                                        finished_at = Some(index);
                                        break;
                                    }
                                }
                                None => index = chunk.len(),
                            }
                        } else {
                            if matches!(chunk[index], b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' | b'{' | b'[' | b'"' | b':') {
                                finished_at = Some(index);
                                break;
                            }
                            index += 1;
                        }
                    }
                    self.state = State::Scalar { in_string, escaped, then };
                    if let Some(end) = finished_at {
                        self.value_ended(chunk, end, then, on_piece);
                    }
                }
            }
        }
        // The chunk ended inside a capture: keep what we have of it.
        if self.capturing {
            let start = self.capture_start.min(chunk.len());
            self.keep(&chunk[start..]);
            self.capture_start = 0;
        }
        let _ = self.line_at(chunk, chunk.len());
        self.counted = 0;
    }

    fn value_ended(&mut self, chunk: &[u8], end: usize, then: Then, on_piece: &mut dyn FnMut(Piece<'_>) -> usize) {
        match then {
            Then::Member => self.state = State::AfterMember,
            Then::Element(container) => {
                self.state = State::ArrayItem { container, expect_comma: true };
                self.emit_value(chunk, end, container, on_piece);
            }
            Then::EmitTop => self.emit_object(chunk, end, on_piece),
        }
    }

    /// Ends the stream. A literal still open at the top level (`12` without a final newline) is
    /// complete; anything else still open is reported by the caller (`open_at`).
    pub fn finish(&mut self, on_piece: &mut dyn FnMut(Piece<'_>) -> usize) {
        if let State::Scalar { in_string: false, then: Then::EmitTop, .. } = self.state {
            self.emit_object(&[], 0, on_piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(chunks: &[&[u8]], limit: usize) -> (Vec<String>, OpenAt) {
        let mut splitter = Splitter::new(limit, 1);
        let mut found = Vec::new();
        let mut on_piece = |piece: Piece<'_>| {
            if let Piece::Record { .. } = piece {
                // Declined: the value is then handed out whole.
                return 0;
            }
            found.push(match piece {
                Piece::Value { bytes, container, line, .. } => format!("{container:?}@{line} {}", String::from_utf8_lossy(bytes)),
                Piece::Streaming { container } => format!("<streaming {container:?}>"),
                Piece::Remainder { bytes, line } => format!("<remainder@{line} {}>", String::from_utf8_lossy(bytes)),
                Piece::Oversized { bytes, container, line } => format!("<oversized {container:?}@{line} {bytes}>"),
                Piece::Unexpected { byte, line } => format!("<unexpected {}@{line}>", byte as char),
                Piece::MissingComma { line } => format!("<missing comma@{line}>"),
                Piece::Record { .. } => unreachable!("declined above"),
            });
            0
        };
        for chunk in chunks {
            splitter.push(chunk, &mut on_piece);
        }
        let open = splitter.open_at();
        splitter.finish(&mut on_piece);
        (found, open)
    }

    fn at_every_cut(text: &[u8], limit: usize) -> (Vec<String>, OpenAt) {
        let whole = split(&[text], limit);
        for cut in 0..text.len() {
            assert_eq!(split(&[&text[..cut], &text[cut..]], limit), whole, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(split(&bytes, limit), whole, "one byte at a time");
        whole
    }

    #[test]
    fn splits_array_elements_at_any_chunk_boundary() {
        let text = br#" [{"a":"}{\"","b":[1,{"c":2}]} , {"d":"\\"},"x",12,[1,[2]] ]  "#;
        let (found, open) = at_every_cut(text, 1 << 20);
        assert_eq!(
            found,
            vec![r#"<streaming Array>"#, r#"Array@1 {"a":"}{\"","b":[1,{"c":2}]}"#, r#"Array@1 {"d":"\\"}"#, r#"Array@1 "x""#, "Array@1 12", "Array@1 [1,[2]]"]
        );
        assert_eq!(open, OpenAt::Nothing);
    }

    #[test]
    fn streams_container_keys_wherever_they_are_and_keeps_the_rest() {
        let text = b"{\"NextToken\":\"t\",\n\"Events\": [\n{\"a\":1},\n{\"b\":[2]}\n],\n\"x\":{\"Records\":[1]}}\n{\"Records\":[{\"r\":1}]}";
        let (found, open) = at_every_cut(text, 1 << 20);
        assert_eq!(
            found,
            vec![
                "<streaming Events>",
                "Events@3 {\"a\":1}",
                "Events@4 {\"b\":[2]}",
                "<remainder@1 {\"NextToken\":\"t\",\n\"Events\": [],\n\"x\":{\"Records\":[1]}}>",
                "<streaming Records>",
                "Records@7 {\"r\":1}",
                "<remainder@7 {\"Records\":[]}>",
            ]
        );
        assert_eq!(open, OpenAt::Nothing);
    }

    #[test]
    fn splits_lines_and_reports_truncation_size_and_garbage() {
        let (found, open) = at_every_cut(b"{\"a\":1}\n{\"b\":2}\r\n{\"c\":", 1 << 20);
        assert_eq!(found, vec!["TopLevel@1 {\"a\":1}", "TopLevel@2 {\"b\":2}"]);
        assert_eq!(open, OpenAt::TopValue);
        let (found, _) = at_every_cut(b"{\"a\":\"0123456789\"}\n{\"b\":2}", 10);
        assert_eq!(found, vec!["<oversized TopLevel@1 18>", "TopLevel@2 {\"b\":2}"]);
        let (found, _) = at_every_cut(b"garbage\n{\"b\":2}\n12", 100);
        assert_eq!(found, vec!["<unexpected g@1>", "TopLevel@2 {\"b\":2}", "TopLevel@3 12"]);
        let (_, open) = at_every_cut(b"[{\"a\":1},{\"b\"", 100);
        assert_eq!(open, OpenAt::Element(Container::Array));
        let (_, open) = at_every_cut(b"{\"Records\":[{\"a\":1}", 100);
        assert_eq!(open, OpenAt::Array(Container::Records));
    }

    #[test]
    fn a_missing_comma_between_records_is_noted_and_both_are_read() {
        let (found, _) = at_every_cut(b"{\"Records\":[{\"a\":1}\n{\"b\":2}]}", 100);
        assert_eq!(found[1..4], ["Records@1 {\"a\":1}".to_owned(), "<missing comma@2>".to_owned(), "Records@2 {\"b\":2}".to_owned()]);
    }

    #[test]
    fn broken_keys_fall_back_to_one_value() {
        let (found, open) = at_every_cut(b"{\"a\" 1, \"Records\":[1]}\n{\"b\":2}", 100);
        assert_eq!(found, vec!["TopLevel@1 {\"a\" 1, \"Records\":[1]}", "TopLevel@2 {\"b\":2}"]);
        assert_eq!(open, OpenAt::Nothing);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let mut text = vec![b'['; 10_000];
        text.extend(vec![b']'; 10_000]);
        let (found, open) = split(&[&text], 1 << 20);
        assert_eq!(found.len(), 2);
        assert_eq!(open, OpenAt::Nothing);
    }
}
