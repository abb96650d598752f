//! The set of `eventID`s seen, to drop duplicate deliveries: the one part of reading whose memory
//! grows with the number of events. Each ID is kept as a 64-bit hash (a false duplicate needs
//! two IDs with the same hash: about 3 × 10⁻⁸ at a million events, 3 × 10⁻⁶ at ten million), in
//! 256 tables chosen by the hash's top byte. A table grows by doubling on its own, so growing
//! never holds two copies of the whole set at once (a single table does, for a moment, at every
//! doubling): about 12–18 bytes per event, 13 MB at a million.

use crate::fast::FastState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

const PARTS: usize = 256;

pub struct SeenIds {
    parts: Vec<HashTable<u64>>,
    hasher: FastState,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds { parts: (0..PARTS).map(|_| HashTable::new()).collect(), hasher: FastState::default() }
    }
}

impl SeenIds {
    /// Adds an ID; false when it was already there.
    pub fn insert(&mut self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        let part = &mut self.parts[(hash >> 56) as usize];
        // Within a table the low bits choose the slot (the top byte is the same for all).
        match part.entry(hash, |seen| *seen == hash, |seen| *seen) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                vacant.insert(hash);
                true
            }
        }
    }

    /// How many IDs are held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.parts.iter().map(HashTable::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_each_id_once() {
        let mut seen = SeenIds::default();
        for round in 0..2 {
            for index in 0..10_000 {
                assert_eq!(seen.insert(&format!("id-{index}")), round == 0);
            }
        }
        assert_eq!(seen.len(), 10_000);
    }
}
