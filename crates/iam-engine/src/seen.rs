//! The events seen, to drop duplicate deliveries: the one part of reading whose memory grows
//! with the number of events. An event is the same delivery seen again only when its `eventID`,
//! time, `eventSource`, `eventName` and principal are all the same: shared and anonymised logs
//! often scrub IDs (101 different records with `eventID` "1"), and those records are kept. The
//! same delivery read from two exports (an S3 log file and a Lake or Athena result) must give the
//! same key, so the time is compared as seconds and the principal as its account, kind and name
//! (a session and its role's ARN, with or without a path, are the same caller).
//!
//! Each distinct ID is kept as a pair of 64-bit hashes (the ID's, and the whole key's of the first
//! record that had it), in 256 tables chosen by the ID hash's top byte; a record whose ID another
//! record already holds adds its key hash to a second set, also in 256 tables. So an ordinary event
//! costs one entry (16 bytes; about 24–36 with the tables' slack), and a false duplicate needs two
//! keys with the same hash (about 3 × 10⁻⁸ at a million events). A table grows by doubling on its
//! own, so growing never holds two copies of a whole set at once.

use crate::fast::FastState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

const PARTS: usize = 256;

/// What a record is, by its delivery key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The first record with this key.
    New,
    /// The same delivery again.
    Duplicate,
    /// A new record whose `eventID` another, different record already has: kept.
    SharedId,
}

/// The parts of a record that make one delivery.
#[derive(Clone, Copy, Debug, Hash)]
pub struct DeliveryKey<'a> {
    pub event_id: &'a str,
    /// The time in seconds when it parses, else its text.
    pub time: Result<i64, &'a str>,
    pub event_source: &'a str,
    pub event_name: &'a str,
    /// The caller as account, kind and name (`principal::caller_key`).
    pub principal: (&'a str, &'a str, &'a str),
}

pub struct SeenIds {
    /// (ID hash, key hash of the first record with that ID).
    parts: Vec<HashTable<(u64, u64)>>,
    /// Key hashes of the records whose ID a different record had first.
    shared: Vec<HashTable<u64>>,
    hasher: FastState,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds { parts: (0..PARTS).map(|_| HashTable::new()).collect(), shared: (0..PARTS).map(|_| HashTable::new()).collect(), hasher: FastState::default() }
    }
}

impl SeenIds {
    /// Notes a record by its key.
    pub fn insert(&mut self, key: &DeliveryKey<'_>) -> Seen {
        let id_hash = self.hasher.hash_one(key.event_id);
        let key_hash = self.hasher.hash_one(key);
        let part = &mut self.parts[(id_hash >> 56) as usize];
        // Within a table the low bits choose the slot (the top byte is the same for all).
        match part.entry(id_hash, |(seen, _)| *seen == id_hash, |(seen, _)| *seen) {
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                vacant.insert((id_hash, key_hash));
                Seen::New
            }
            hashbrown::hash_table::Entry::Occupied(occupied) if occupied.get().1 == key_hash => Seen::Duplicate,
            hashbrown::hash_table::Entry::Occupied(_) => match self.shared[(key_hash >> 56) as usize].entry(key_hash, |seen| *seen == key_hash, |seen| *seen) {
                hashbrown::hash_table::Entry::Occupied(_) => Seen::Duplicate,
                hashbrown::hash_table::Entry::Vacant(vacant) => {
                    vacant.insert(key_hash);
                    Seen::SharedId
                }
            },
        }
    }

    /// How many distinct IDs are held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.parts.iter().map(HashTable::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(id: &'a str, time: &'a str, name: &'a str) -> DeliveryKey<'a> {
        let time = crate::timestamp::Timestamp::parse(time).map(|time| time.0).ok_or(time);
        DeliveryKey { event_id: id, time, event_source: "s3.amazonaws.com", event_name: name, principal: ("1", "user", "a") }
    }

    #[test]
    fn keeps_each_delivery_once() {
        let mut seen = SeenIds::default();
        for round in 0..2 {
            for index in 0..10_000 {
                let id = format!("id-{index}");
                let expected = if round == 0 { Seen::New } else { Seen::Duplicate };
                assert_eq!(seen.insert(&key(&id, "2026-01-01T00:00:00Z", "GetObject")), expected);
            }
        }
        assert_eq!(seen.len(), 10_000);
    }

    #[test]
    fn records_that_share_a_scrubbed_id_are_kept() {
        let mut seen = SeenIds::default();
        assert_eq!(seen.insert(&key("1", "2026-01-01T00:00:00Z", "GetObject")), Seen::New);
        assert_eq!(seen.insert(&key("1", "2026-01-01T00:00:01Z", "GetObject")), Seen::SharedId);
        assert_eq!(seen.insert(&key("1", "2026-01-01T00:00:00Z", "PutObject")), Seen::SharedId);
        // The same deliveries again, the first and a shared one.
        assert_eq!(seen.insert(&key("1", "2026-01-01T00:00:00Z", "GetObject")), Seen::Duplicate);
        assert_eq!(seen.insert(&key("1", "2026-01-01T00:00:01Z", "GetObject")), Seen::Duplicate);
        assert_eq!(seen.len(), 1);
    }
}
