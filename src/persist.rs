//! What survives a reload, as bytes for `browser::storage_put`: the `Workbench` model's
//! serialisable part (language, chosen principal, and whatever the workspace adds) under
//! `SESSION_KEY`, and the analysis (derived aggregates: per-principal calls with counts, file
//! reports, findings — never a log record) gzip-compressed under `ANALYSIS_KEY`. The two are
//! kept apart because the analysis is large (about 6.6 MB of JSON, 0.75 MB gzip, for 100k
//! generated events) and changes only when inputs are read, while the session changes on every
//! choice. Pure: the hook `use_persistence` does the storing.

use crate::state::Workbench;
use iam_engine::Analysis;
use iam_store::Envelope;
use std::io::Read;

pub const SESSION_KEY: &str = "session";
pub const ANALYSIS_KEY: &str = "analysis";

/// The session: the model without inputs, job, notices and analysis (see `Workbench`).
pub fn encode_session(state: &Workbench) -> Vec<u8> {
    serde_json::to_vec(&Envelope::new(state)).expect("the model always serialises")
}

pub fn decode_session(bytes: &[u8]) -> Result<Workbench, String> {
    iam_store::decode_value(bytes)
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

/// An analysis already `storable`, gzip-compressed JSON in its envelope (`iam_store`). The
/// worker calls this, so the page neither encodes nor compresses.
pub fn encode_storable(analysis: &Analysis) -> Vec<u8> {
    iam_store::encode_analysis(analysis)
}

/// A saved analysis, inflated and parsed as it is read from `reader`: never whole in memory as
/// JSON (46 MB of it for 1 GB of logs) next to the analysis being built.
pub fn decode_analysis(mut reader: impl Read) -> Result<Analysis, String> {
    iam_store::decode_analysis(&mut reader)
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
        assert_eq!(decode_analysis(bytes.as_slice()).unwrap(), storable(&analysis));
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
        assert_eq!(decode_analysis(encode_storable(&analysis).as_slice()).unwrap(), expected);
    }

    #[test]
    fn values_of_another_format_or_garbage_are_refused() {
        let other = br#"{"format":999,"written_by":"9","value":{}}"#;
        assert!(decode_session(other).unwrap_err().contains("another version"));
        assert!(decode_session(b"not json").is_err());
        // The analysis's own cases (another format, truncated, no format first) are iam-store's.
        assert!(decode_analysis(&b"\x1f\x8b not really gzip"[..]).is_err());
    }
}
