//! Points in time as whole UTC seconds, parsed from the many spellings AWS exports use and always
//! written back as RFC 3339 (`2026-11-23T07:48:43Z`). The engine never reads a clock: "now" is
//! always a parameter.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// Seconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

/// A UTC calendar day, as days since the Unix epoch. Activity is aggregated per day, so time
/// windows work at day resolution everywhere (CLI and browser alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Day(pub i32);

const SECONDS_PER_DAY: i64 = 86_400;

impl Timestamp {
    /// The stand-in for "no time known" (a record without `eventTime`, an aggregated row without
    /// `first_seen`/`last_seen`): the epoch, which no CloudTrail event carries.
    pub const UNKNOWN: Timestamp = Timestamp(0);

    /// The earlier of two times, where an unknown time never wins over a known one.
    pub fn earliest_known(self, other: Timestamp) -> Timestamp {
        match (self == Timestamp::UNKNOWN, other == Timestamp::UNKNOWN) {
            (true, _) => other,
            (_, true) => self,
            _ => self.min(other),
        }
    }

    /// Parses `2017-12-11T15:01:51Z`, `2021-11-18T09:41:02-08:00`, fractional seconds, the
    /// CloudTrail Lake form `2023-01-22 16:53:53.000`, a bare date `2026-11-01`, or epoch seconds.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if let Some(fast) = parse_fast_utc(text.as_bytes()) {
            return Some(fast);
        }
        if let Ok(parsed) = OffsetDateTime::parse(text, &Rfc3339) {
            return Some(Timestamp(parsed.unix_timestamp()));
        }
        let bytes = text.as_bytes();
        // `YYYY-MM-DD HH:MM:SS[.fff]` (CloudTrail Lake, Athena), taken as UTC.
        if bytes.len() >= 19 && bytes[10] == b' ' {
            let mut normalised = String::with_capacity(text.len() + 1);
            normalised.push_str(&text[..10]);
            normalised.push('T');
            normalised.push_str(&text[11..]);
            if !normalised.ends_with('Z') && !has_offset(&normalised) {
                normalised.push('Z');
            }
            if let Ok(parsed) = OffsetDateTime::parse(&normalised, &Rfc3339) {
                return Some(Timestamp(parsed.unix_timestamp()));
            }
        }
        // `YYYY-MM-DDTHH:MM:SS` without a zone: UTC.
        if bytes.len() == 19 && bytes[10] == b'T' {
            let mut with_zone = text.to_owned();
            with_zone.push('Z');
            if let Ok(parsed) = OffsetDateTime::parse(&with_zone, &Rfc3339) {
                return Some(Timestamp(parsed.unix_timestamp()));
            }
        }
        if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
            let date = parse_date(bytes)?;
            return Some(Timestamp(date.midnight().assume_utc().unix_timestamp()));
        }
        if !text.is_empty() && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
            let seconds: f64 = text.parse().ok()?;
            // Epoch milliseconds are thirteen digits long; seconds are ten.
            let seconds = if seconds > 1e11 { seconds / 1000.0 } else { seconds };
            // Only instants that RFC 3339 can write (years 0000 to 9999) are times: anything
            // else would not survive the trip to the page as text.
            let moment = OffsetDateTime::from_unix_timestamp(seconds as i64).ok().filter(|moment| moment.year() <= 9999)?;
            return Some(Timestamp(moment.unix_timestamp()));
        }
        None
    }

    pub fn day(self) -> Day {
        Day(self.0.div_euclid(SECONDS_PER_DAY) as i32)
    }

    /// RFC 3339 in UTC with second precision.
    pub fn to_rfc3339(self) -> String {
        match OffsetDateTime::from_unix_timestamp(self.0) {
            Ok(moment) => {
                let (year, month, day) = (moment.year(), moment.month() as u8, moment.day());
                let (hour, minute, second) = (moment.hour(), moment.minute(), moment.second());
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
            }
            Err(_) => "1970-01-01T00:00:00Z".to_owned(),
        }
    }
}

impl Day {
    pub fn first_second(self) -> Timestamp {
        Timestamp(i64::from(self.0) * SECONDS_PER_DAY)
    }

    pub fn last_second(self) -> Timestamp {
        Timestamp(i64::from(self.0) * SECONDS_PER_DAY + SECONDS_PER_DAY - 1)
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso_date(self) -> String {
        self.first_second().to_rfc3339()[..10].to_owned()
    }
}

fn has_offset(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 6 && matches!(bytes[bytes.len() - 6], b'+' | b'-') && bytes[bytes.len() - 3] == b':'
}

fn digits(bytes: &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for byte in bytes {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(byte - b'0');
    }
    Some(value)
}

fn parse_date(bytes: &[u8]) -> Option<Date> {
    let year = digits(&bytes[0..4])? as i32;
    let month = Month::try_from(digits(&bytes[5..7])? as u8).ok()?;
    let day = digits(&bytes[8..10])? as u8;
    Date::from_calendar_date(year, month, day).ok()
}

/// The shape CloudTrail writes for every record, `YYYY-MM-DDTHH:MM:SSZ`, parsed without
/// allocation: it is on the hot path of ingest.
fn parse_fast_utc(bytes: &[u8]) -> Option<Timestamp> {
    if bytes.len() != 20 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' || bytes[13] != b':' || bytes[16] != b':' || bytes[19] != b'Z' {
        return None;
    }
    let date = parse_date(bytes)?;
    let time = Time::from_hms(digits(&bytes[11..13])? as u8, digits(&bytes[14..16])? as u8, digits(&bytes[17..19])? as u8).ok()?;
    Some(Timestamp(PrimitiveDateTime::new(date, time).assume_utc().unix_timestamp()))
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a time: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_aws_spelling() {
        let expected = Timestamp(1_513_004_511);
        assert_eq!(Timestamp::parse("2017-12-11T15:01:51Z"), Some(expected));
        assert_eq!(Timestamp::parse("2017-12-11T15:01:51.000Z"), Some(expected));
        assert_eq!(Timestamp::parse("2017-12-11 15:01:51.000"), Some(expected));
        assert_eq!(Timestamp::parse("2017-12-11T07:01:51-08:00"), Some(expected));
        assert_eq!(Timestamp::parse("2017-12-11T15:01:51"), Some(expected));
        assert_eq!(Timestamp::parse("1513004511"), Some(expected));
        assert_eq!(Timestamp::parse("1513004511000"), Some(expected));
        assert_eq!(Timestamp::parse("2017-12-11"), Some(Timestamp(1_512_950_400)));
        assert_eq!(Timestamp::parse("yesterday"), None);
        // Regression (found by fuzzing): an epoch beyond year 9999 was kept and written back as
        // 1970-01-01.
        assert_eq!(Timestamp::parse("99999999999999999"), None);
        assert_eq!(Timestamp::parse("99999999999"), Some(Timestamp(99_999_999_999)));
        assert_eq!(Timestamp::parse("2017-13-11T15:01:51Z"), None);
    }

    #[test]
    fn writes_rfc3339_and_days() {
        assert_eq!(Timestamp(1_513_004_511).to_rfc3339(), "2017-12-11T15:01:51Z");
        assert_eq!(Timestamp(1_513_004_511).day().to_iso_date(), "2017-12-11");
        assert_eq!(Timestamp(-1).day(), Day(-1));
    }
}
