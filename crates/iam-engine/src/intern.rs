//! String interning: aggregates store small integer ids instead of repeated strings, so memory
//! grows with distinct values, not with events. Each string is stored once (the table holds ids
//! and hashes by looking the string up), and hashed with foldhash.

use crate::fast::FastState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(pub u32);

#[derive(Debug, Default)]
pub struct Interner {
    ids: HashTable<Sym>,
    strings: Vec<Box<str>>,
    hasher: FastState,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        let hash = self.hasher.hash_one(text);
        let strings = &self.strings;
        if let Some(sym) = self.ids.find(hash, |sym| &*strings[sym.0 as usize] == text) {
            return *sym;
        }
        let sym = Sym(self.strings.len() as u32);
        self.strings.push(text.into());
        let strings = &self.strings;
        let hasher = &self.hasher;
        self.ids.insert_unique(hash, sym, |sym| hasher.hash_one(&*strings[sym.0 as usize]));
        sym
    }

    /// The id of a string already interned, without interning it.
    pub fn lookup(&self, text: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(text);
        self.ids.find(hash, |sym| &*self.strings[sym.0 as usize] == text).copied()
    }

    pub fn get(&self, sym: Sym) -> &str {
        &self.strings[sym.0 as usize]
    }
}
