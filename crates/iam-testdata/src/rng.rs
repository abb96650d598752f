//! The seeded pseudo-random source of the generator. Every value comes from ChaCha8 streams keyed
//! by the seed, and every helper here is written on top of `next_u64` alone, so the output depends
//! only on the ChaCha8 algorithm and this file, not on how a `rand` release maps bits to ranges.

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// A ChaCha8 stream with the small helpers the generator needs.
pub struct Prng {
    inner: ChaCha8Rng,
}

/// Mixes values into one well-spread 64-bit number (SplitMix64 finaliser), used to name
/// derived streams such as "the session of principal 3 in hour 1234".
pub fn mix(values: &[u64]) -> u64 {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for value in values {
        state ^= value.wrapping_add(0x9E37_79B9_7F4A_7C15).wrapping_add(state << 6).wrapping_add(state >> 2);
        state = splitmix(state);
    }
    state
}

fn splitmix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Prng {
    /// The stream `stream` of the generator seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Prng {
        let mut inner = ChaCha8Rng::seed_from_u64(seed);
        inner.set_stream(stream);
        Prng { inner }
    }

    /// A stream derived from a seed and a list of values (a principal, an hour, a tag).
    pub fn derived(seed: u64, values: &[u64]) -> Prng {
        Prng::new(seed, mix(values))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// True with probability `per_million` / 1,000,000.
    pub fn chance(&mut self, per_million: u64) -> bool {
        self.below(1_000_000) < per_million
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn from cumulative weights (the last entry is the total).
    pub fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0);
        let drawn = self.below(total);
        cumulative.partition_point(|&bound| bound <= drawn)
    }

    fn text(&mut self, alphabet: &[u8], length: usize) -> String {
        (0..length).map(|_| char::from(*self.pick(alphabet))).collect()
    }

    /// Upper-case letters and digits 2–7, as in AWS access key and principal IDs.
    pub fn upper(&mut self, length: usize) -> String {
        self.text(UPPER_ALNUM, length)
    }

    pub fn alnum(&mut self, length: usize) -> String {
        self.text(ALNUM, length)
    }

    pub fn hex(&mut self, length: usize) -> String {
        self.text(HEX, length)
    }

    pub fn base64url(&mut self, length: usize) -> String {
        self.text(BASE64URL, length)
    }

    pub fn base64(&mut self, length: usize) -> String {
        let mut text = self.text(BASE64, length);
        text.push('=');
        text
    }

    pub fn digits(&mut self, length: usize) -> String {
        (0..length).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    /// A version-4-shaped UUID.
    pub fn uuid(&mut self) -> String {
        let high = self.next_u64();
        let low = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xfff,
            8 + (low >> 62),
            (low >> 48) & 0xfff,
            low & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        assert_eq!(Prng::new(7, 1).next_u64(), Prng::new(7, 1).next_u64());
        assert_ne!(Prng::new(7, 1).next_u64(), Prng::new(7, 2).next_u64());
        assert_ne!(Prng::new(7, 1).next_u64(), Prng::new(8, 1).next_u64());
    }

    #[test]
    fn uuid_is_shaped_like_a_v4_uuid() {
        let uuid = Prng::new(1, 1).uuid();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut rng = Prng::new(3, 3);
        for _ in 0..1000 {
            assert_ne!(rng.weighted(&[5, 5, 10]), 1);
        }
    }
}
