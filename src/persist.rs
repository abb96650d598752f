//! What survives a reload, as bytes for `browser::storage_put`: the `Workbench` model's
//! serialisable part (language, chosen principal, and whatever the workspace adds) under
//! `SESSION_KEY`, and the analysis (derived aggregates: per-principal calls with counts, file
//! reports, findings — never a log record) gzip-compressed under `ANALYSIS_KEY`. The two are
//! kept apart because the analysis is large (about 6.6 MB of JSON, 0.75 MB gzip, for 100k
//! generated events) and changes only when inputs are read, while the session changes on every
//! choice. Pure: the hook `use_persistence` does the storing.

use crate::state::Workbench;
use iam_engine::Analysis;
use serde::de::{DeserializeOwned, Deserializer as _};
use serde::{Deserialize, Serialize};
use std::io::Read;

pub const SESSION_KEY: &str = "session";
pub const ANALYSIS_KEY: &str = "analysis";

/// Bumped when a stored value can no longer be read as the current types; older values are then
/// dropped rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// A saved analysis is never inflated beyond this (a corrupted or foreign value must not take
/// the page's memory).
const MAX_ANALYSIS_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    format: u32,
    /// The workbench version that wrote it (for people reading their storage, not checked).
    written_by: String,
    value: T,
}

fn envelope<T: Serialize>(value: &T) -> Envelope<&T> {
    Envelope { format: FORMAT_VERSION, written_by: iam_engine::VERSION.to_owned(), value }
}

fn envelope_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(&envelope(value)).expect("the model always serialises")
}

fn from_envelope<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    let format: Format = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    if format.format != FORMAT_VERSION {
        return Err(format!("saved by another version of the workbench (format {})", format.format));
    }
    let envelope: Envelope<T> = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    Ok(envelope.value)
}

/// The session: the model without inputs, job, notices and analysis (see `Workbench`).
pub fn encode_session(state: &Workbench) -> Vec<u8> {
    envelope_bytes(state)
}

pub fn decode_session(bytes: &[u8]) -> Result<Workbench, String> {
    from_envelope(bytes)
}

/// The analysis as it is stored: without the principals' source addresses (kept in memory for
/// the `aws:SourceIp` condition, never written to storage; after a reload that condition has no
/// addresses and says so).
/// (The worker, done with its analysis, takes them out instead: `protocol::take_source_addresses`.)
pub fn storable(analysis: &Analysis) -> Analysis {
    let mut stored = analysis.clone();
    for principal in &mut stored.activity.principals {
        principal.source_ips.clear();
    }
    stored
}

/// The analysis, gzip-compressed JSON.
pub fn encode_analysis(analysis: &Analysis) -> Vec<u8> {
    encode_storable(&storable(analysis))
}

/// An analysis already `storable`, gzip-compressed JSON, written straight into the compressor
/// (no JSON copy in memory). The worker calls this, so the page neither encodes nor compresses.
pub fn encode_storable(analysis: &Analysis) -> Vec<u8> {
    // serde_json writes a few bytes at a time; each write into the deflater has a fixed cost, which
    // in wasm made this take longer than reading the logs (1.5 CPU-s per 100k events). Buffered,
    // the deflater sees 256 KiB at a time.
    let mut writer = std::io::BufWriter::with_capacity(256 * 1024, flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast()));
    serde_json::to_writer(&mut writer, &envelope(analysis)).expect("writing to memory cannot fail");
    let encoder = writer.into_inner().unwrap_or_else(|_| unreachable!("flushing into memory cannot fail"));
    encoder.finish().expect("writing to memory cannot fail")
}

pub fn decode_analysis(bytes: &[u8]) -> Result<Analysis, String> {
    decode_analysis_from(bytes)
}

/// `decode_analysis` from a reader: inflated and parsed as it is read, never whole in memory as
/// JSON (45 MB of it for 1 GB of logs), next to the analysis being built.
pub fn decode_analysis_from(reader: impl Read) -> Result<Analysis, String> {
    let json = std::io::BufReader::with_capacity(256 * 1024, flate2::read::GzDecoder::new(reader).take(MAX_ANALYSIS_BYTES));
    let mut deserializer = serde_json::Deserializer::from_reader(json);
    let analysis = deserializer.deserialize_map(EnvelopeValue::<Analysis>(std::marker::PhantomData)).map_err(|error| error.to_string())?;
    deserializer.end().map_err(|error| error.to_string())?;
    Ok(analysis)
}

/// An envelope's value, read in one pass: its `format` (written first) is checked before the
/// value is read, so a value of another format is refused rather than misread.
struct EnvelopeValue<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for EnvelopeValue<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a saved value with its format")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let mut format = None;
        let mut value = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let found: u32 = map.next_value()?;
                    if found != FORMAT_VERSION {
                        return Err(A::Error::custom(format!("saved by another version of the workbench (format {found})")));
                    }
                    format = Some(found);
                }
                "value" if format.is_none() => return Err(A::Error::custom("a saved value without its format first")),
                "value" => value = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        value.ok_or_else(|| A::Error::missing_field("value"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use iam_engine::Ingest;

    const EVENTS: &str = r#"{"Records":[{"eventID":"1","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a"},"userAgent":"secret-agent","sourceIPAddress":"192.0.2.7"}]}"#;

    #[test]
    fn the_session_round_trips_without_transient_parts() {
        let mut state = Workbench::new(Lang::Ja);
        state.selected_principal = Some("arn:aws:iam::111122223333:user/a".to_owned());
        state.notice = Some("a notice".to_owned());
        let restored = decode_session(&encode_session(&state)).unwrap();
        assert_eq!(restored.lang, Lang::Ja);
        assert_eq!(restored.selected_principal, state.selected_principal);
        assert_eq!(restored.notice, None);
    }

    #[test]
    fn the_analysis_round_trips_and_holds_no_raw_record() {
        let mut ingest = Ingest::default();
        ingest.read_bytes("x.json", EVENTS.as_bytes());
        let analysis = ingest.finish();
        let bytes = encode_analysis(&analysis);
        assert_eq!(decode_analysis(&bytes).unwrap(), storable(&analysis));
        let mut json = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice()).read_to_string(&mut json).unwrap();
        assert!(!json.contains("secret-agent") && !json.contains("192.0.2.7"), "user agents and source IPs are not stored: {json}");
    }

    #[test]
    fn the_workers_stored_bytes_read_as_the_pages_would_write_them() {
        let mut ingest = Ingest::default();
        ingest.read_bytes("x.json", EVENTS.as_bytes());
        let mut analysis = ingest.finish();
        let expected = storable(&analysis);
        crate::protocol::take_source_addresses(&mut analysis);
        assert_eq!(decode_analysis(&encode_storable(&analysis)).unwrap(), expected);
    }

    #[test]
    fn values_of_another_format_or_garbage_are_refused() {
        let other = br#"{"format":999,"written_by":"9","value":{}}"#;
        assert!(decode_session(other).unwrap_err().contains("another version"));
        assert!(decode_session(b"not json").is_err());
        assert!(decode_analysis(b"\x1f\x8b not really gzip").is_err());
        let gzip = |json: &[u8]| {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut encoder, json).unwrap();
            encoder.finish().unwrap()
        };
        assert!(decode_analysis(&gzip(other)).unwrap_err().contains("another version"));
        assert!(decode_analysis(&gzip(br#"{"value":{},"format":1}"#)).unwrap_err().contains("without its format first"));
        let mut stored = encode_analysis(&Ingest::default().finish());
        stored.truncate(stored.len() - 9);
        assert!(decode_analysis(&stored).is_err(), "a truncated value is refused");
    }
}
