//! `iamwb-bench`: measures end-to-end ingest through the engine's public API (`Ingest`,
//! `IngestOptions`, `Analysis`) and, on the same bytes, the floor of a bare `serde_json` pass
//! into `IgnoredAny`. It reports wall time, CPU time of this (single-threaded) process, events/s,
//! MB/s of uncompressed JSON and peak resident memory. It is a measuring tool, not a test: run it
//! through `scripts/bench.sh`.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use flate2::read::MultiGzDecoder;
use iam_engine::{Analysis, Ingest, IngestOptions};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(name = "iamwb-bench", about = "Measure CloudTrail ingest throughput")]
struct Arguments {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand, Debug)]
enum Mode {
    /// Push every file through `iam_engine::Ingest` in chunks, then `finish()`.
    Engine {
        /// Load the files into memory before timing (measures the engine alone; peak memory then includes the input).
        #[arg(long)]
        in_memory: bool,
        /// Bytes pushed per call.
        #[arg(long, default_value_t = 1 << 20)]
        chunk_bytes: usize,
        /// Write the resulting `Analysis` as JSON to this file (after timing), to compare runs.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Print every file's problems (kind, location, message).
        #[arg(long)]
        problems: bool,
        /// Files or directories (walked recursively in name order).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// The floor: `serde_json::from_slice::<IgnoredAny>` over the same (decompressed) bytes, and for gzip files the inflate time alone.
    Floor {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(path: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot list {}", path.display()))?
                .map(|entry| entry.map(|entry| entry.path()))
                .collect::<Result<_, _>>()?;
            entries.sort();
            for entry in entries {
                walk(&entry, files)?;
            }
        } else {
            files.push(path.to_owned());
        }
        Ok(())
    }
    let mut files = Vec::new();
    for path in paths {
        walk(path, &mut files)?;
    }
    if files.is_empty() {
        bail!("no input files");
    }
    Ok(files)
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

fn inflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut inflated = Vec::new();
    MultiGzDecoder::new(bytes).read_to_end(&mut inflated)?;
    Ok(inflated)
}

/// CPU time this thread has run and time it waited for a CPU, in seconds (`/proc/thread-self/schedstat`).
fn cpu_and_wait() -> Option<(f64, f64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(|field| field.parse::<f64>().ok());
    Some((fields.next()?? / 1e9, fields.next()?? / 1e9))
}

/// A `/proc/self/status` field in MB (`VmHWM` is the peak resident set).
fn status_mb(field: &str) -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|line| line.starts_with(field))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024.0 / 1e6)
}

struct Clock {
    wall: Instant,
    cpu: Option<(f64, f64)>,
}

impl Clock {
    fn start() -> Clock {
        Clock { wall: Instant::now(), cpu: cpu_and_wait() }
    }

    /// (wall seconds, CPU seconds, seconds waiting for a CPU).
    fn stop(&self) -> (f64, f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64();
        match (self.cpu, cpu_and_wait()) {
            (Some((cpu_start, wait_start)), Some((cpu_end, wait_end))) => (wall, cpu_end - cpu_start, wait_end - wait_start),
            _ => (wall, wall, 0.0),
        }
    }
}

fn report(mode: &str, files: usize, events: u64, json_bytes: u64, input_bytes: u64, (wall, cpu, wait): (f64, f64, f64)) {
    let json_mb = json_bytes as f64 / 1e6;
    let peak = status_mb("VmHWM:").unwrap_or(f64::NAN);
    // Printing stops quietly when the reader goes away (`| head`).
    let _ = writeln!(
        std::io::stdout(),
        "{mode}: files={files} events={events} json_MB={json_mb:.1} input_MB={:.1} wall_s={wall:.3} cpu_s={cpu:.3} runqueue_wait_s={wait:.3} events_per_cpu_s={:.0} MB_per_cpu_s={:.1} MB_per_wall_s={:.1} peak_rss_MB={peak:.1}",
        input_bytes as f64 / 1e6,
        events as f64 / cpu,
        json_mb / cpu,
        json_mb / wall
    );
}

fn engine(paths: &[PathBuf], in_memory: bool, chunk_bytes: usize, dump: Option<&Path>, show_problems: bool) -> Result<()> {
    let files = expand(paths)?;
    // Uncompressed sizes are measured before the clock starts, so the figure is MB/s of JSON.
    let mut json_bytes = 0u64;
    let mut input_bytes = 0u64;
    let mut loaded: Vec<(String, Vec<u8>)> = Vec::new();
    for path in &files {
        // Streamed, so that nothing but the engine's own memory shows in the peak of a streaming run.
        let mut head = [0u8; 2];
        let head_length = File::open(path)?.read(&mut head)?;
        input_bytes += std::fs::metadata(path)?.len();
        json_bytes += if is_gzip(&head[..head_length]) {
            std::io::copy(&mut MultiGzDecoder::new(std::io::BufReader::new(File::open(path)?)), &mut std::io::sink())?
        } else {
            std::fs::metadata(path)?.len()
        };
        if in_memory {
            loaded.push((path.display().to_string(), std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?));
        }
    }
    let chunk_bytes = chunk_bytes.max(1);
    let clock = Clock::start();
    let mut ingest = Ingest::new(IngestOptions::default());
    if in_memory {
        for (name, bytes) in &loaded {
            let mut reader = ingest.file(name);
            for chunk in bytes.chunks(chunk_bytes) {
                reader.push(chunk);
            }
            reader.finish();
        }
    } else {
        let mut buffer = vec![0u8; chunk_bytes];
        for path in &files {
            let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
            let mut reader = ingest.file(&path.display().to_string());
            loop {
                let read = file.read(&mut buffer)?;
                if read == 0 {
                    break;
                }
                reader.push(&buffer[..read]);
            }
            reader.finish();
        }
    }
    // The peak while reading, before `finish` writes the result out next to the aggregates.
    let reading_peak = status_mb("VmHWM:").unwrap_or(f64::NAN);
    let analysis: Analysis = ingest.finish();
    let times = clock.stop();
    let problems: usize = analysis.files.iter().map(|file| file.problems.len()).sum();
    report(if in_memory { "engine-in-memory" } else { "engine-streaming" }, files.len(), analysis.activity.n_events, json_bytes, input_bytes, times);
    let _ = writeln!(
        std::io::stdout(),
        "  analysis: events={} duplicates={} principals={} facts={} problems={problems} peak_rss_before_finish_MB={reading_peak:.1}",
        analysis.activity.n_events,
        analysis.activity.n_duplicates,
        analysis.activity.principals.len(),
        analysis.activity.principals.iter().map(|principal| principal.calls.len()).sum::<usize>()
    );
    if show_problems {
        for file in &analysis.files {
            for problem in &file.problems {
                let message: String = problem.message.chars().take(160).collect();
                let _ = writeln!(std::io::stdout(), "  problem in {}: {:?} at {}: {message}", file.name, problem.kind, problem.location);
            }
        }
    }
    if let Some(dump) = dump {
        let text = serde_json::to_string(&analysis)?;
        std::fs::write(dump, text).with_context(|| format!("cannot write {}", dump.display()))?;
    }
    Ok(())
}

fn floor(paths: &[PathBuf]) -> Result<()> {
    let files = expand(paths)?;
    let mut compressed = Vec::new();
    let mut plain = Vec::new();
    let mut input_bytes = 0u64;
    for path in &files {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        input_bytes += bytes.len() as u64;
        if is_gzip(&bytes) {
            compressed.push(bytes);
        } else {
            plain.push(bytes);
        }
    }
    if !compressed.is_empty() {
        let clock = Clock::start();
        let mut inflated = Vec::with_capacity(compressed.len());
        for bytes in &compressed {
            inflated.push(inflate(bytes)?);
        }
        let times = clock.stop();
        let json_bytes: u64 = inflated.iter().map(|bytes| bytes.len() as u64).sum();
        report("floor-inflate-only", compressed.len(), 0, json_bytes, compressed.iter().map(|bytes| bytes.len() as u64).sum(), times);
        plain.extend(inflated);
        compressed.clear();
    }
    let json_bytes: u64 = plain.iter().map(|bytes| bytes.len() as u64).sum();
    let clock = Clock::start();
    for bytes in &plain {
        // A stream of values, so NDJSON is measured as well as one-document files.
        for value in serde_json::Deserializer::from_slice(bytes).into_iter::<serde::de::IgnoredAny>() {
            value.context("the floor pass expects valid JSON")?;
        }
    }
    let times = clock.stop();
    report("floor-serde-ignored-any", plain.len(), 0, json_bytes, input_bytes, times);
    Ok(())
}

fn main() -> Result<()> {
    match Arguments::parse().mode {
        Mode::Engine { in_memory, chunk_bytes, paths, dump, problems } => engine(&paths, in_memory, chunk_bytes, dump.as_deref(), problems),
        Mode::Floor { paths } => floor(&paths),
    }
}
