//! Hash maps for the hot paths of reading: foldhash with a fixed seed instead of SipHash. The
//! keys are strings and small ids from the user's own files, hashed in the user's own browser or
//! terminal, so HashDoS resistance buys nothing here; a fixed seed keeps every run identical.

/// foldhash's fast hasher with its fixed seed.
pub type FastState = foldhash::fast::FixedState;
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;
