//! Lines of text from a stream of chunks, for line-based exports (CloudWatch Logs exports: a
//! timestamp, then the record). A line is handed out as one slice, borrowed from the chunk when
//! it lies inside it; a line longer than the limit is counted and skipped, never held.

/// What the callback receives: a line (without its `\n`), or the size of a line that was too
/// long; and the line's number.
pub(super) type OnLine<'f> = dyn FnMut(Result<&[u8], u64>, u64) + 'f;

pub(super) struct LineSplitter {
    carry: Vec<u8>,
    max_line_bytes: usize,
    /// Bytes of the current line dropped because it is too long.
    oversized: u64,
    /// Number of the current line.
    line: u64,
}

impl LineSplitter {
    pub fn new(max_line_bytes: usize, first_line: u64) -> Self {
        LineSplitter { carry: Vec::new(), max_line_bytes, oversized: 0, line: first_line }
    }

    pub fn push(&mut self, chunk: &[u8], on_line: &mut OnLine<'_>) {
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            let tail = &chunk[start..end];
            if self.oversized > 0 {
                on_line(Err(self.oversized + tail.len() as u64), self.line);
            } else if self.carry.is_empty() {
                if tail.len() > self.max_line_bytes {
                    on_line(Err(tail.len() as u64), self.line);
                } else {
                    on_line(Ok(tail), self.line);
                }
            } else if self.carry.len() + tail.len() > self.max_line_bytes {
                on_line(Err((self.carry.len() + tail.len()) as u64), self.line);
            } else {
                let mut carry = std::mem::take(&mut self.carry);
                carry.extend_from_slice(tail);
                on_line(Ok(&carry), self.line);
                carry.clear();
                self.carry = carry;
            }
            self.carry.clear();
            self.oversized = 0;
            self.line += 1;
            start = end + 1;
        }
        let rest = &chunk[start..];
        if self.oversized > 0 || self.carry.len() + rest.len() > self.max_line_bytes {
            self.oversized += (self.carry.len() + rest.len()) as u64;
            self.carry = Vec::new();
        } else {
            self.carry.extend_from_slice(rest);
        }
    }

    /// The last line needs no final newline.
    pub fn finish(&mut self, on_line: &mut OnLine<'_>) {
        if self.oversized > 0 {
            on_line(Err(self.oversized), self.line);
        } else if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            on_line(Ok(&carry), self.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(chunks: &[&[u8]], limit: usize) -> Vec<String> {
        let mut splitter = LineSplitter::new(limit, 1);
        let mut found = Vec::new();
        let mut on_line = |line: Result<&[u8], u64>, number: u64| {
            found.push(match line {
                Ok(text) => format!("{number}:{}", String::from_utf8_lossy(text)),
                Err(size) => format!("{number}:<{size} bytes>"),
            })
        };
        for chunk in chunks {
            splitter.push(chunk, &mut on_line);
        }
        splitter.finish(&mut on_line);
        found
    }

    #[test]
    fn lines_at_any_boundary_and_long_lines_are_skipped() {
        let text = b"a b\n\ncccccccccccc\nd";
        let expected = vec!["1:a b", "2:", "3:<12 bytes>", "4:d"];
        for cut in 0..text.len() {
            assert_eq!(lines(&[&text[..cut], &text[cut..]], 5), expected, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(lines(&bytes, 5), expected);
    }
}
