//! Writing generated records: one document in any container the workbench reads, or a tree of
//! log files named and laid out exactly as CloudTrail delivers them to S3
//! (`AWSLogs/<account>/CloudTrail/<region>/<YYYY>/<MM>/<DD>/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz`).

use crate::generate::Generator;
use crate::record::DateTime;
use crate::rng::Prng;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{self, Write};
use std::path::Path;

/// How records are wrapped in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// `{"Records":[…]}`, as in S3-delivered log files.
    Records,
    /// One record per line.
    Ndjson,
    /// A bare JSON array.
    Array,
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Records written, duplicate deliveries included.
    pub records: u64,
    /// Records that are second deliveries of an earlier event.
    pub duplicates: u64,
    /// Uncompressed JSON bytes.
    pub json_bytes: u64,
    /// Bytes written (compressed size for gzip).
    pub written_bytes: u64,
    pub files: u64,
}

impl Totals {
    /// Distinct events: what a reader that removes duplicates by `eventID` counts.
    pub fn distinct_events(&self) -> u64 {
        self.records - self.duplicates
    }

    fn add(&mut self, other: Totals) {
        self.records += other.records;
        self.duplicates += other.duplicates;
        self.json_bytes += other.json_bytes;
        self.written_bytes += other.written_bytes;
        self.files += other.files;
    }
}

/// Counts bytes passing to the inner writer.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buffer)?;
        self.bytes += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One CloudTrail log file of a split output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFile {
    /// Relative path, `AWSLogs/…/<name>.json.gz` (or `.json` without gzip).
    pub path: String,
    pub region: &'static str,
    /// Record numbers in this file, ascending.
    pub records: Vec<u64>,
}

impl Generator {
    /// Writes records `indices` in `container` to `writer`.
    fn write_indices(&self, indices: impl Iterator<Item = u64>, container: Container, writer: impl Write) -> io::Result<Totals> {
        let mut out = Counting { inner: io::BufWriter::with_capacity(1 << 16, writer), bytes: 0 };
        let mut totals = Totals::default();
        match container {
            Container::Records => out.write_all(b"{\"Records\":[")?,
            Container::Array => out.write_all(b"[")?,
            Container::Ndjson => {}
        }
        for index in indices {
            if totals.records > 0 && container != Container::Ndjson {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, &self.record(index))?;
            if container == Container::Ndjson {
                out.write_all(b"\n")?;
            }
            totals.records += 1;
            totals.duplicates += u64::from(self.duplicate_of(index).is_some());
        }
        match container {
            Container::Records => out.write_all(b"]}")?,
            Container::Array => out.write_all(b"]")?,
            Container::Ndjson => {}
        }
        out.flush()?;
        totals.json_bytes = out.bytes;
        totals.written_bytes = out.bytes;
        totals.files = 1;
        Ok(totals)
    }

    /// Writes every record as one document.
    pub fn write(&self, container: Container, writer: impl Write) -> io::Result<Totals> {
        self.write_indices(0..self.options().n_events, container, writer)
    }

    /// Writes every record as one gzip-compressed document.
    pub fn write_gzip(&self, container: Container, writer: impl Write) -> io::Result<Totals> {
        let mut counted = Counting { inner: writer, bytes: 0 };
        let mut encoder = GzEncoder::new(&mut counted, Compression::default());
        let mut totals = self.write(container, &mut encoder)?;
        encoder.finish()?;
        totals.written_bytes = counted.bytes;
        Ok(totals)
    }

    /// Every record as one document in memory.
    pub fn to_vec(&self, container: Container) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write(container, &mut bytes).expect("writing to memory does not fail");
        bytes
    }

    /// Splits the records into `n_files` log files (at least one per region with events),
    /// each holding one region's records of a stretch of time, as CloudTrail delivers them.
    pub fn plan_log_files(&self, n_files: usize, gzip: bool) -> Vec<LogFile> {
        let options = self.options();
        let n_events = options.n_events;
        let mut by_region: Vec<(&'static str, Vec<(u64, i64)>)> = Vec::new();
        for index in 0..n_events {
            let record = self.record(index);
            let time = parse_event_time(&record.event_time);
            match by_region.iter_mut().find(|(region, _)| *region == record.aws_region) {
                Some((_, entries)) => entries.push((index, time)),
                None => by_region.push((record.aws_region, vec![(index, time)])),
            }
        }
        by_region.sort_by_key(|(region, _)| *region);
        // Files per region in proportion to its events (largest remainder), one at least.
        let n_files = (n_files.max(1) as u64).max(by_region.len() as u64);
        let mut shares: Vec<(u64, u64, usize)> = by_region
            .iter()
            .enumerate()
            .map(|(position, (_, entries))| {
                let exact = entries.len() as u64 * n_files;
                ((exact / n_events.max(1)).max(1), exact % n_events.max(1), position)
            })
            .collect();
        let mut assigned: u64 = shares.iter().map(|share| share.0).sum();
        shares.sort_by(|left, right| right.1.cmp(&left.1).then(left.2.cmp(&right.2)));
        let mut cursor = 0;
        while assigned < n_files && !shares.is_empty() {
            let position = cursor % shares.len();
            shares[position].0 += 1;
            assigned += 1;
            cursor += 1;
        }
        shares.sort_by_key(|share| share.2);

        let account = &options.account_id;
        let mut files = Vec::new();
        for ((region, entries), (count, _, _)) in by_region.iter().zip(&shares) {
            let count = (*count as usize).min(entries.len()).max(1);
            for part in 0..count {
                let from = entries.len() * part / count;
                let until = entries.len() * (part + 1) / count;
                let chunk = &entries[from..until];
                let last_event = chunk.iter().map(|entry| entry.1).max().unwrap_or(options.start_unix);
                let mut rng = Prng::derived(options.seed, &[0xF11E, files.len() as u64]);
                let delivered = DateTime::from_unix(last_event + 120 + rng.below(480) as i64);
                let path = format!(
                    "AWSLogs/{account}/CloudTrail/{region}/{:04}/{:02}/{:02}/{account}_CloudTrail_{region}_{}_{}.json{}",
                    delivered.year,
                    delivered.month,
                    delivered.day,
                    delivered.file_stamp(),
                    rng.alnum(16),
                    if gzip { ".gz" } else { "" }
                );
                files.push(LogFile { path, region, records: chunk.iter().map(|entry| entry.0).collect() });
            }
        }
        files
    }

    /// Writes one planned log file (`{"Records":[…]}`, gzip-compressed when asked).
    pub fn write_log_file(&self, file: &LogFile, gzip: bool, writer: impl Write) -> io::Result<Totals> {
        if gzip {
            let mut counted = Counting { inner: writer, bytes: 0 };
            let mut encoder = GzEncoder::new(&mut counted, Compression::default());
            let mut totals = self.write_indices(file.records.iter().copied(), Container::Records, &mut encoder)?;
            encoder.finish()?;
            totals.written_bytes = counted.bytes;
            Ok(totals)
        } else {
            self.write_indices(file.records.iter().copied(), Container::Records, writer)
        }
    }

    /// Writes a whole `AWSLogs/` tree under `directory`.
    pub fn write_log_tree(&self, directory: &Path, n_files: usize, gzip: bool) -> io::Result<Totals> {
        let mut totals = Totals::default();
        for file in self.plan_log_files(n_files, gzip) {
            let path = directory.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let output = std::fs::File::create(&path)?;
            totals.add(self.write_log_file(&file, gzip, output)?);
        }
        Ok(totals)
    }

    /// The log files in memory, as (relative path, bytes): for tests and benchmarks.
    pub fn log_files_in_memory(&self, n_files: usize, gzip: bool) -> Vec<(String, Vec<u8>)> {
        self.plan_log_files(n_files, gzip)
            .into_iter()
            .map(|file| {
                let mut bytes = Vec::new();
                self.write_log_file(&file, gzip, &mut bytes).expect("writing to memory does not fail");
                (file.path, bytes)
            })
            .collect()
    }
}

/// Unix seconds of a generated `eventTime` (`YYYY-MM-DDTHH:MM:SSZ`).
fn parse_event_time(text: &str) -> i64 {
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|part| part.parse::<i64>().ok()).unwrap_or(0);
    DateTime::unix_from_date(number(0..4), number(5..7) as u32, number(8..10) as u32) + number(11..13) * 3600 + number(14..16) * 60 + number(17..19)
}
