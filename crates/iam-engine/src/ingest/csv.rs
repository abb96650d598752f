//! CSV read as it arrives: `csv-core` is push-based, so each chunk is parsed where it lies and
//! only the current row is held (at most `max_value_bytes`). The first row is the header; what
//! the table is comes from it (`table.rs`), and every later row is folded as soon as it ends.

use super::table::{self, TableSource};
use super::values::Once;
use super::{FileReader, Location, ProblemKind, EXPECTED_FORMATS};
use csv_core::{ReadRecordResult, Reader};

/// Columns beyond this make a row oversized (each costs an offset even when empty).
const MAX_FIELDS: usize = 4096;
const INITIAL_ROW_BYTES: usize = 4096;

/// One row, borrowed from the reader's buffers.
pub(super) struct CsvRow<'a> {
    output: &'a [u8],
    ends: &'a [usize],
    /// Line where the row starts.
    pub line: u64,
    /// 0 for the header, then 1, 2, ...
    pub number: u64,
}

impl CsvRow<'_> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn field(&self, index: usize) -> Option<&[u8]> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        self.output.get(start..end)
    }
}

pub(super) enum CsvPiece<'a> {
    Row(CsvRow<'a>),
    /// A row beyond the size or column limit was skipped.
    Oversized {
        bytes: u64,
        fields: usize,
        line: u64,
        number: u64,
    },
}

pub(super) struct CsvStream {
    reader: Reader,
    output: Vec<u8>,
    output_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    max_row_bytes: usize,
    /// Input bytes of the current row.
    row_bytes: u64,
    row_fields: usize,
    oversized: bool,
    /// Whether the current row's first byte was seen (line ends before it belong to the row
    /// before), and the newlines read since: the row's line is the reader's line at its end
    /// minus these.
    row_started: bool,
    row_newlines: u64,
    /// The line of the text's first byte.
    first_line: u64,
    rows: u64,
}

impl CsvStream {
    pub fn new(max_row_bytes: usize, first_line: u64) -> Self {
        CsvStream {
            reader: Reader::new(),
            output: vec![0; INITIAL_ROW_BYTES.min(max_row_bytes.max(1))],
            output_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            max_row_bytes,
            row_bytes: 0,
            row_fields: 0,
            oversized: false,
            row_started: false,
            row_newlines: 0,
            first_line,
            rows: 0,
        }
    }

    /// Rows read, header included.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn push(&mut self, mut input: &[u8], on_row: &mut dyn FnMut(CsvPiece<'_>)) {
        while !input.is_empty() {
            self.step(&mut input, on_row);
        }
    }

    /// Ends the input: the last row needs no final newline.
    pub fn finish(&mut self, on_row: &mut dyn FnMut(CsvPiece<'_>)) {
        let mut empty: &[u8] = &[];
        // An empty input means "end of data"; csv-core then ends the row and reports `End`.
        for _ in 0..4 {
            if self.step(&mut empty, on_row) {
                break;
            }
        }
    }

    /// One call of the reader; true at the end of the data.
    fn step(&mut self, input: &mut &[u8], on_row: &mut dyn FnMut(CsvPiece<'_>)) -> bool {
        let (result, n_in, n_out, n_ends) = self.reader.read_record(input, &mut self.output[self.output_len..], &mut self.ends[self.ends_len..]);
        let mut consumed = &input[..n_in];
        if !self.row_started {
            let leading = consumed.iter().take_while(|byte| matches!(byte, b'\r' | b'\n')).count();
            consumed = &consumed[leading..];
            self.row_started = !consumed.is_empty();
        }
        self.row_newlines += memchr::memchr_iter(b'\n', consumed).count() as u64;
        *input = &input[n_in..];
        self.row_bytes += n_in as u64;
        self.row_fields += n_ends;
        if !self.oversized {
            self.output_len += n_out;
            self.ends_len += n_ends;
            if self.row_bytes > self.max_row_bytes as u64 || self.row_fields > MAX_FIELDS {
                self.oversized = true;
            }
        }
        match result {
            ReadRecordResult::InputEmpty => false,
            ReadRecordResult::OutputFull => {
                if self.oversized || self.output.len() >= self.max_row_bytes {
                    // Keep scanning to the row's end without keeping its bytes.
                    self.oversized = true;
                    self.output_len = 0;
                } else {
                    let grown = (self.output.len() * 2).min(self.max_row_bytes.max(1));
                    self.output.resize(grown, 0);
                }
                false
            }
            ReadRecordResult::OutputEndsFull => {
                if self.oversized || self.ends.len() >= MAX_FIELDS {
                    self.oversized = true;
                    self.ends_len = 0;
                } else {
                    let grown = (self.ends.len() * 2).min(MAX_FIELDS);
                    self.ends.resize(grown, 0);
                }
                false
            }
            ReadRecordResult::Record => {
                let line = self.first_line + self.reader.line().saturating_sub(self.row_newlines) - 1;
                let number = self.rows;
                self.rows += 1;
                if self.oversized {
                    on_row(CsvPiece::Oversized { bytes: self.row_bytes, fields: self.row_fields, line, number });
                } else {
                    on_row(CsvPiece::Row(CsvRow { output: &self.output[..self.output_len], ends: &self.ends[..self.ends_len], line, number }));
                }
                self.output_len = 0;
                self.ends_len = 0;
                self.row_bytes = 0;
                self.row_fields = 0;
                self.row_started = false;
                self.row_newlines = 0;
                self.oversized = false;
                false
            }
            ReadRecordResult::End => true,
        }
    }
}

impl FileReader<'_> {
    pub(super) fn take_csv_row(&mut self, piece: CsvPiece<'_>) {
        if self.stopped_for_good() {
            return;
        }
        let row = match piece {
            CsvPiece::Row(row) => row,
            CsvPiece::Oversized { bytes, fields, line, number } => {
                let location = Location { record: (number > 0).then_some(number), line: Some(line) };
                let what = if number == 0 { "the header row" } else { "this row" };
                let limit = if fields > MAX_FIELDS {
                    format!("has more than {MAX_FIELDS} columns")
                } else {
                    format!("is {bytes} bytes, beyond the {}-byte limit", self.options.max_value_bytes)
                };
                if number == 0 {
                    self.problem(ProblemKind::UnknownFormat, location, format!("{what} {limit}: not a CSV file the workbench reads"));
                    self.stop();
                } else {
                    self.problem(ProblemKind::OversizedRecord, location, format!("{what} {limit}: skipped"));
                }
                return;
            }
        };
        let texts: Vec<std::borrow::Cow<'_, str>> = (0..row.len()).map(|index| String::from_utf8_lossy(row.field(index).unwrap_or_default())).collect();
        if row.number == 0 {
            let names: Vec<&str> = texts.iter().map(|text| text.trim()).collect();
            match table::classify(&names) {
                Ok(columns) => {
                    let format = Self::table_format(&columns, TableSource::Csv);
                    self.set_format(format, true);
                    // Prime the cache with the header so that rows reuse its classification.
                    self.take_table_header(&names);
                }
                Err(message) => {
                    let message = if names.len() == 1 {
                        let first: String = names[0].chars().take(60).collect();
                        format!("a text file whose first line is {first:?}: not a format the workbench reads; expected {EXPECTED_FORMATS}")
                    } else {
                        format!("a CSV file with {message}")
                    };
                    self.once |= Once::UnknownTable.bit();
                    self.problem(ProblemKind::UnknownFormat, Location { record: None, line: Some(row.line) }, message);
                    self.stop();
                }
            }
            return;
        }
        let cells: Vec<Option<&str>> = (0..self.table_width()).map(|index| texts.get(index).map(|text| text.as_ref())).collect();
        self.take_row_of_known_table(&cells, Location::at(row.number, row.line), TableSource::Csv);
    }
}
