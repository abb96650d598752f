//! Reading inputs: bytes in, aggregates and diagnostics out. A file is pushed in chunks of any
//! size (the CLI reads them from disk, the browser worker from `Blob` slices), gzip is detected
//! and inflated on the fly, the container is recognised from its first bytes, and every record is
//! folded into the `ActivityBuilder` as soon as it is complete. A bad record is a problem next
//! to a usable result; only a file that is no known format at all is an error.

mod split;

use crate::activity::{Activity, ActivityBuilder, Folded};
use crate::record::Record;
use serde::{Deserialize, Serialize};
use split::{Piece, SplitMode, Splitter};
use std::io::Write;

/// Limits that keep hostile input from exhausting memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest decompressed size of one file (gzip bombs end here).
    pub max_decompressed_bytes: u64,
    /// Largest single record or document held in memory.
    pub max_value_bytes: usize,
    /// Problems kept per file; further ones are counted.
    pub max_problems_per_file: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_decompressed_bytes: 16 << 30, max_value_bytes: 64 << 20, max_problems_per_file: 50 }
    }
}

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Not recognised (yet, or at all).
    Unknown,
    /// `{"Records":[…]}`: S3-delivered CloudTrail logs, Event history JSON downloads.
    CloudtrailRecords,
    /// A bare JSON array of records.
    CloudtrailArray,
    /// One record per line (NDJSON), or records concatenated.
    CloudtrailLines,
    /// A CloudTrail digest file: not activity, skipped.
    CloudtrailDigest,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Unknown => "unknown",
            Format::CloudtrailRecords => "cloudtrail-records",
            Format::CloudtrailArray => "cloudtrail-array",
            Format::CloudtrailLines => "cloudtrail-lines",
            Format::CloudtrailDigest => "cloudtrail-digest",
        }
    }
}

/// Where in a file a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based record (array element or line value) number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub record: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is no format the workbench reads; nothing was taken from it.
    UnknownFormat,
    /// The gzip stream is corrupt.
    BadGzip,
    /// Decompressed beyond the size limit.
    TooLarge,
    /// The file ended in the middle of a record.
    Truncated,
    /// One record could not be read; the others were.
    BadRecord,
    /// A record or document is beyond the size limit.
    OversizedRecord,
    /// The file was read but holds no activity (a digest, an Insights file).
    Skipped,
}

/// A diagnostic about one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    pub format: Format,
    /// Events taken from this file (duplicates excluded).
    pub events: u64,
    pub duplicates: u64,
    /// Bytes pushed (compressed size for gzip).
    pub bytes: u64,
    pub problems: Vec<Problem>,
    /// Problems beyond `max_problems_per_file`, counted only.
    #[serde(default)]
    pub more_problems: u64,
}

impl FileReport {
    /// True when nothing usable came from this file.
    pub fn is_unusable(&self) -> bool {
        self.events == 0
            && self.problems.iter().any(|problem| matches!(problem.kind, ProblemKind::UnknownFormat | ProblemKind::BadGzip | ProblemKind::TooLarge))
    }
}

/// The result of reading every input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub activity: Activity,
    pub files: Vec<FileReport>,
}

pub struct Ingest {
    builder: ActivityBuilder,
    files: Vec<FileReport>,
    options: IngestOptions,
}

impl Default for Ingest {
    fn default() -> Self {
        Ingest::new(IngestOptions::default())
    }
}

impl Ingest {
    /// Reads with the IAM catalog compiled into the crate (the CLI, tests).
    pub fn new(options: IngestOptions) -> Self {
        Ingest { builder: ActivityBuilder::new(), files: Vec::new(), options }
    }

    /// Reads with this IAM catalog: the web app fetches the catalog file once, decodes it with
    /// `Catalog::from_gzip` and leaks or stores it for the page's lifetime.
    pub fn with_catalog(options: IngestOptions, catalog: &'static crate::catalog::Catalog) -> Self {
        Ingest { builder: ActivityBuilder::with_catalog(catalog), files: Vec::new(), options }
    }

    /// Starts reading one file; push its bytes, then `finish` it.
    pub fn file(&mut self, name: &str) -> FileReader<'_> {
        FileReader {
            options: self.options,
            report: FileReport { name: name.to_owned(), format: Format::Unknown, events: 0, duplicates: 0, bytes: 0, problems: Vec::new(), more_problems: 0 },
            ingest: self,
            stage: Stage::Sniffing(Vec::new()),
            gzip: GzipState::Undecided,
            decompressed: 0,
            records: 0,
        }
    }

    /// Reads a whole file held in memory.
    pub fn read_bytes(&mut self, name: &str, bytes: &[u8]) -> &FileReport {
        let mut reader = self.file(name);
        reader.push(bytes);
        reader.finish()
    }

    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    pub fn n_events(&self) -> u64 {
        self.builder.n_events()
    }

    pub fn finish(self) -> Analysis {
        Analysis { activity: self.builder.finish(), files: self.files }
    }
}

enum GzipState {
    Undecided,
    Plain,
    Gzip(Box<flate2::write::MultiGzDecoder<Vec<u8>>>),
    Failed,
}

enum Stage {
    /// The first bytes, kept until the container is recognised.
    Sniffing(Vec<u8>),
    Splitting(Splitter),
    /// Nothing more is read from this file.
    Stopped,
}

/// How many bytes are looked at before deciding what a file is.
const SNIFF_BYTES: usize = 4096;
/// Compressed bytes inflated at a time: bounds how far one step can expand.
const INFLATE_STEP: usize = 16 * 1024;

pub struct FileReader<'i> {
    ingest: &'i mut Ingest,
    options: IngestOptions,
    report: FileReport,
    stage: Stage,
    gzip: GzipState,
    decompressed: u64,
    records: u64,
}

impl<'i> FileReader<'i> {
    /// Events taken from this file so far.
    pub fn events(&self) -> u64 {
        self.report.events
    }

    /// Bytes pushed so far.
    pub fn bytes(&self) -> u64 {
        self.report.bytes
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.report.bytes += chunk.len() as u64;
        if matches!(self.stage, Stage::Stopped) {
            return;
        }
        if matches!(self.gzip, GzipState::Undecided) {
            // Two bytes decide; a one-byte first chunk is rare enough to treat as plain text.
            self.gzip = if chunk.starts_with(&[0x1f, 0x8b]) {
                GzipState::Gzip(Box::new(flate2::write::MultiGzDecoder::new(Vec::new())))
            } else if chunk.starts_with(b"PK\x03\x04") {
                self.problem(ProblemKind::UnknownFormat, None, "this is a ZIP archive; unzip it and drop the files inside".to_owned());
                self.stage = Stage::Stopped;
                return;
            } else {
                GzipState::Plain
            };
        }
        match &mut self.gzip {
            GzipState::Gzip(_) => {
                for step in chunk.chunks(INFLATE_STEP) {
                    let inflated = match &mut self.gzip {
                        GzipState::Gzip(decoder) => match decoder.write_all(step).and_then(|()| decoder.flush()) {
                            Ok(()) => std::mem::take(decoder.get_mut()),
                            Err(error) => {
                                self.gzip = GzipState::Failed;
                                self.problem(ProblemKind::BadGzip, None, format!("the gzip data is corrupt: {error}"));
                                self.stage = Stage::Stopped;
                                return;
                            }
                        },
                        _ => return,
                    };
                    self.feed(&inflated);
                    if matches!(self.stage, Stage::Stopped) {
                        return;
                    }
                }
            }
            GzipState::Plain => self.feed(chunk),
            GzipState::Undecided | GzipState::Failed => {}
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.decompressed += bytes.len() as u64;
        if self.decompressed > self.options.max_decompressed_bytes {
            self.problem(
                ProblemKind::TooLarge,
                None,
                format!("the file expands beyond {} bytes; the rest of it was not read", self.options.max_decompressed_bytes),
            );
            self.stage = Stage::Stopped;
            return;
        }
        match &mut self.stage {
            Stage::Stopped => {}
            Stage::Splitting(_) => self.split(bytes),
            Stage::Sniffing(buffer) => {
                buffer.extend_from_slice(bytes);
                if buffer.len() >= SNIFF_BYTES {
                    self.decide(false);
                }
            }
        }
    }

    /// Recognises the container from the first bytes and starts splitting.
    fn decide(&mut self, at_end: bool) {
        let Stage::Sniffing(buffer) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        let text = strip_bom(&buffer);
        let start = text.iter().position(|byte| !byte.is_ascii_whitespace());
        let Some(start) = start else {
            if at_end {
                self.problem(ProblemKind::UnknownFormat, None, "the file is empty".to_owned());
            } else {
                // Only whitespace so far: keep sniffing.
                self.stage = Stage::Sniffing(buffer);
            }
            return;
        };
        let offset = buffer.len() - text.len() + start;
        match buffer[offset] {
            b'[' => {
                self.report.format = Format::CloudtrailArray;
                self.stage = Stage::Splitting(Splitter::new(SplitMode::Array, self.options.max_value_bytes));
                self.split(&buffer[offset + 1..]);
            }
            b'{' => match records_container_body(&buffer[offset..]) {
                Some(body) => {
                    self.report.format = Format::CloudtrailRecords;
                    self.stage = Stage::Splitting(Splitter::new(SplitMode::Array, self.options.max_value_bytes));
                    let body_start = offset + body;
                    self.split(&buffer[body_start..]);
                }
                None if !at_end && buffer.len() < SNIFF_BYTES => self.stage = Stage::Sniffing(buffer),
                None => {
                    self.report.format = Format::CloudtrailLines;
                    self.stage = Stage::Splitting(Splitter::new(SplitMode::Sequence, self.options.max_value_bytes));
                    self.split(&buffer[offset..]);
                }
            },
            _ => {
                let preview: String = String::from_utf8_lossy(&buffer[offset..buffer.len().min(offset + 40)]).chars().filter(|c| !c.is_control()).collect();
                self.problem(
                    ProblemKind::UnknownFormat,
                    None,
                    format!("not a format the workbench reads (expected CloudTrail JSON such as {{\"Records\":[…]}}); it starts with {preview:?}"),
                );
            }
        }
    }

    fn split(&mut self, bytes: &[u8]) {
        let Stage::Splitting(mut splitter) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        splitter.push(bytes, &mut |piece| self.take(piece));
        if self.report.format != Format::CloudtrailDigest {
            self.stage = Stage::Splitting(splitter);
        }
    }

    fn take(&mut self, piece: Piece<'_>) {
        if matches!(self.report.format, Format::CloudtrailDigest) {
            return;
        }
        self.records += 1;
        let record_number = self.records;
        match piece {
            Piece::Value(bytes) => match serde_json::from_slice::<Record>(bytes) {
                Ok(record) => {
                    if record.digest_start_time.is_some() && !record.is_event() {
                        self.report.format = Format::CloudtrailDigest;
                        self.problem(ProblemKind::Skipped, None, "a CloudTrail digest file (integrity hashes, no activity): skipped".to_owned());
                        return;
                    }
                    match self.ingest.builder.fold(&record) {
                        Folded::Counted => self.report.events += 1,
                        Folded::Duplicate => self.report.duplicates += 1,
                        Folded::NotAnEvent => {
                            let what = if record.insight_details.is_some() {
                                "an Insights event, not an API call"
                            } else {
                                "not a CloudTrail event (no eventSource and eventName)"
                            };
                            self.problem(ProblemKind::BadRecord, Some(record_number), what.to_owned());
                        }
                    }
                }
                Err(error) => {
                    let message =
                        if bytes.first() == Some(&b'{') { format!("not a readable CloudTrail record: {error}") } else { "not a JSON object".to_owned() };
                    self.problem(ProblemKind::BadRecord, Some(record_number), message);
                }
            },
            Piece::Oversized { bytes } => self.problem(
                ProblemKind::OversizedRecord,
                Some(record_number),
                format!("{bytes} bytes, beyond the {}-byte limit for one record: skipped", self.options.max_value_bytes),
            ),
            Piece::Unexpected { byte } => {
                let shown = if byte.is_ascii_graphic() { format!("{:?}", byte as char) } else { format!("byte 0x{byte:02x}") };
                self.problem(ProblemKind::BadRecord, Some(record_number), format!("{shown} where a JSON value was expected"));
            }
        }
    }

    fn problem(&mut self, kind: ProblemKind, record: Option<u64>, message: String) {
        if self.report.problems.len() < self.options.max_problems_per_file {
            self.report.problems.push(Problem { kind, location: Location { record }, message });
        } else {
            self.report.more_problems += 1;
        }
    }

    /// Ends the file and files its report.
    pub fn finish(mut self) -> &'i FileReport {
        if let GzipState::Gzip(decoder) = &mut self.gzip {
            let result = decoder.try_finish();
            let tail = std::mem::take(decoder.get_mut());
            match result {
                Ok(()) => self.feed(&tail),
                Err(error) => {
                    self.feed(&tail);
                    self.problem(ProblemKind::BadGzip, None, format!("the gzip data ends early or is corrupt: {error}"));
                }
            }
        }
        if matches!(self.stage, Stage::Sniffing(_)) {
            self.decide(true);
        }
        if let Stage::Splitting(mut splitter) = std::mem::replace(&mut self.stage, Stage::Stopped) {
            if splitter.is_inside_value() {
                let record = self.records + 1;
                self.problem(ProblemKind::Truncated, Some(record), "the file ends in the middle of this record".to_owned());
            } else if self.report.format != Format::CloudtrailLines && !splitter.is_done() && self.report.format != Format::CloudtrailDigest {
                self.problem(ProblemKind::Truncated, None, "the file ends before the closing ] of its record list".to_owned());
            }
            splitter.finish(&mut |piece| self.take(piece));
        }
        if self.report.format == Format::Unknown && self.report.problems.is_empty() {
            self.problem(ProblemKind::UnknownFormat, None, "no CloudTrail records found".to_owned());
        }
        let ingest = self.ingest;
        ingest.files.push(self.report);
        ingest.files.last().expect("just pushed")
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)
}

/// For `{"Records": [`, the offset just after the `[`.
fn records_container_body(bytes: &[u8]) -> Option<usize> {
    let mut index = 1;
    let skip = |index: &mut usize| {
        while *index < bytes.len() && bytes[*index].is_ascii_whitespace() {
            *index += 1;
        }
    };
    skip(&mut index);
    let key = b"\"Records\"";
    if !bytes[index..].starts_with(key) {
        return None;
    }
    index += key.len();
    skip(&mut index);
    if bytes.get(index) != Some(&b':') {
        return None;
    }
    index += 1;
    skip(&mut index);
    (bytes.get(index) == Some(&b'[')).then_some(index + 1)
}
