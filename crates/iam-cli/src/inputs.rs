//! Turning command-line INPUT arguments (files, directories, `-`) into chunks pushed to the
//! engine. Files are streamed, never loaded whole.

use anyhow::{bail, Context, Result};
use iam_engine::{Analysis, Ingest, IngestOptions};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const CHUNK_BYTES: usize = 1 << 20;

/// Expands directories (recursively, in name order, skipping hidden entries) into files.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(input.clone());
            continue;
        }
        let metadata = std::fs::metadata(input).with_context(|| format!("cannot read {}", input.display()))?;
        if metadata.is_dir() {
            let walker = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                let entry = entry.with_context(|| format!("cannot walk {}", input.display()))?;
                if entry.file_type().is_file() {
                    files.push(entry.into_path());
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    if files.is_empty() {
        bail!("no input files found in {}", inputs.iter().map(|input| input.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    Ok(files)
}

pub fn read_all(inputs: &[PathBuf]) -> Result<Analysis> {
    let mut ingest = Ingest::new(IngestOptions::default());
    let mut buffer = vec![0u8; CHUNK_BYTES];
    for path in expand(inputs)? {
        if path.as_os_str() == "-" {
            read_stream(&mut ingest, "(standard input)", std::io::stdin().lock(), &mut buffer)?;
        } else {
            let file = File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
            read_stream(&mut ingest, &display_name(&path), file, &mut buffer)?;
        }
    }
    Ok(ingest.finish())
}

fn read_stream(ingest: &mut Ingest, name: &str, mut source: impl Read, buffer: &mut [u8]) -> Result<()> {
    let mut reader = ingest.file(name);
    loop {
        let read = source.read(buffer).with_context(|| format!("cannot read {name}"))?;
        if read == 0 {
            break;
        }
        reader.push(&buffer[..read]);
    }
    reader.finish();
    Ok(())
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}
