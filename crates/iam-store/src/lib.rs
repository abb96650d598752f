//! The analysis as the page saves it for a reload and as the reading worker sends it: JSON in a
//! versioned envelope (`{"format", "written_by", "value"}`), gzip-compressed. Pure, no I/O.
//!
//! A crate of its own for one reason: speed in the page. The page's wasm is built for size
//! (`opt-level = "z"`, profile `web-app`), and decoding an analysis is the one heavy job it does
//! itself, when a result arrives (46 MB of JSON at 1 GB of logs) and after a reload. Generic
//! serde code is compiled in the crate that instantiates it, so the functions here instantiate it
//! for `Analysis`, and the `web-app` profile builds this crate (and serde_json, miniz_oxide) at
//! `opt-level = 3`: the decode took 0.8–0.9 s at 1 GB in the size-optimised page, and about half
//! that this way.

use iam_engine::Analysis;
use serde::de::Deserializer as _;
use serde::{Deserialize, Serialize};
use std::io::Read;

/// Bumped when a saved value can no longer be read as the current types; older values are then
/// refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// A saved analysis is never inflated beyond this (a corrupted or foreign value must not take
/// the page's memory).
pub const MAX_ANALYSIS_BYTES: u64 = 512 * 1024 * 1024;

/// The envelope every saved value travels in.
#[derive(Serialize)]
pub struct Envelope<'a, T> {
    pub format: u32,
    /// The workbench version that wrote it (for people reading their storage, not checked).
    pub written_by: &'a str,
    pub value: &'a T,
}

impl<'a, T: Serialize> Envelope<'a, T> {
    pub fn new(value: &'a T) -> Envelope<'a, T> {
        Envelope { format: FORMAT_VERSION, written_by: iam_engine::VERSION, value }
    }
}

/// The analysis, gzip-compressed JSON in its envelope, written straight into the compressor (no
/// JSON copy in memory).
pub fn encode_analysis(analysis: &Analysis) -> Vec<u8> {
    // serde_json writes a few bytes at a time; each write into the deflater has a fixed cost, which
    // in wasm made this take longer than reading the logs (1.5 CPU-s per 100k events). Buffered,
    // the deflater sees 256 KiB at a time.
    let mut writer = std::io::BufWriter::with_capacity(256 * 1024, flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast()));
    serde_json::to_writer(&mut writer, &Envelope::new(analysis)).expect("writing to memory cannot fail");
    let encoder = writer.into_inner().unwrap_or_else(|_| unreachable!("flushing into memory cannot fail"));
    encoder.finish().expect("writing to memory cannot fail")
}

/// An analysis saved by `encode_analysis`, inflated and parsed as it is read: never whole in
/// memory as JSON next to the analysis being built. Its format is checked before its value is
/// read.
pub fn decode_analysis(reader: &mut dyn Read) -> Result<Analysis, String> {
    let json = std::io::BufReader::with_capacity(256 * 1024, flate2::read::GzDecoder::new(reader).take(MAX_ANALYSIS_BYTES));
    let mut deserializer = serde_json::Deserializer::from_reader(json);
    let analysis = deserializer.deserialize_map(EnvelopeValue::<Analysis>(std::marker::PhantomData)).map_err(|error| error.to_string())?;
    deserializer.end().map_err(|error| error.to_string())?;
    Ok(analysis)
}

/// A saved value of any type: its format checked first, then its value (for small values such as
/// the page's session; generic, so compiled where it is used).
pub fn decode_value<T: for<'de> Deserialize<'de>>(json: &[u8]) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = deserializer.deserialize_map(EnvelopeValue::<T>(std::marker::PhantomData)).map_err(|error| error.to_string())?;
    deserializer.end().map_err(|error| error.to_string())?;
    Ok(value)
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
    use iam_engine::Ingest;

    const EVENTS: &str = r#"{"Records":[{"eventID":"1","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a"},"sourceIPAddress":"192.0.2.7"}]}"#;

    fn gzip(json: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut encoder, json).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn an_analysis_round_trips() {
        let mut ingest = Ingest::default();
        ingest.read_bytes("x.json", EVENTS.as_bytes());
        let analysis = ingest.finish();
        let bytes = encode_analysis(&analysis);
        assert_eq!(decode_analysis(&mut bytes.as_slice()).unwrap(), analysis);
    }

    #[test]
    fn values_of_another_format_truncated_or_garbage_are_refused() {
        let other = br#"{"format":999,"written_by":"9","value":{}}"#;
        assert!(decode_analysis(&mut gzip(other).as_slice()).unwrap_err().contains("another version"));
        assert!(decode_value::<u32>(other).unwrap_err().contains("another version"));
        assert!(decode_analysis(&mut gzip(br#"{"value":{},"format":1}"#).as_slice()).unwrap_err().contains("without its format first"));
        assert!(decode_analysis(&mut gzip(br#"{"format":1,"written_by":"0.1.0"}"#).as_slice()).unwrap_err().contains("missing field `value`"));
        assert!(decode_analysis(&mut &b"\x1f\x8b not really gzip"[..]).is_err());
        assert!(decode_value::<u32>(b"not json").is_err());
        let mut stored = encode_analysis(&Ingest::default().finish());
        stored.truncate(stored.len() - 9);
        assert!(decode_analysis(&mut stored.as_slice()).is_err(), "a truncated value is refused");
        assert_eq!(decode_value::<u32>(br#"{"format":1,"written_by":"x","value":7}"#), Ok(7));
    }
}
