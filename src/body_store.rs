//! Message bodies kept out of the model while a big file is linted: the parser moves each body
//! into a few large blocks as soon as the message is read, and the linter puts a chunk's bodies
//! back into its messages just before their rules run, then frees the blocks it is done with.
//!
//! Why: a body read from YAML is its own small allocation, and a big sequence's bodies are a
//! large share of the memory it needs at once. Freed one by one once linted, small allocations
//! stay with the process (the allocator keeps them for later small allocations, and the
//! diagnostics that grow meanwhile are one large allocation of their own); freed as large
//! blocks, they go back to the system, so the diagnostics grow into the memory the bodies held.

use crate::model::TextField;
use crate::scalar::ScalarMap;

/// The largest block: big enough that the allocator maps each block on its own (and unmaps it
/// when freed), small enough that a block is freed soon after its bodies are linted.
const MAX_BLOCK: usize = 1 << 20;
/// The first block of a store (a small file does not reserve a megabyte).
const MIN_BLOCK: usize = 4 << 10;

/// Texts appended into large blocks; a text is never split between blocks.
#[derive(Debug, Default)]
pub struct BodyStore {
    blocks: Vec<String>,
}

/// Where a stored text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredText {
    block: usize,
    start: usize,
    len: usize,
}

impl StoredText {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl BodyStore {
    /// Appends `text`, in the last block when it has room, else in a new one (twice as large
    /// as the last, up to `MAX_BLOCK`, or the text's size when larger).
    pub fn push(&mut self, text: &str) -> StoredText {
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= text.len());
        if !fits {
            let size = self
                .blocks
                .last()
                .map_or(MIN_BLOCK, |b| (b.capacity() * 2).min(MAX_BLOCK))
                .max(text.len());
            self.blocks.push(String::with_capacity(size));
        }
        let block = self.blocks.len() - 1;
        let stored = &mut self.blocks[block];
        let start = stored.len();
        stored.push_str(text);
        StoredText {
            block,
            start,
            len: text.len(),
        }
    }

    /// The text stored at `at`; empty once its block is freed.
    pub fn get(&self, at: StoredText) -> &str {
        self.blocks
            .get(at.block)
            .and_then(|b| b.get(at.start..at.start + at.len))
            .unwrap_or("")
    }

    /// Frees the blocks before the one holding `at` (texts are read in the order they were
    /// stored, so nothing before it is read again).
    pub fn free_before(&mut self, at: StoredText) {
        for block in self.blocks.iter_mut().take(at.block) {
            if block.capacity() > 0 {
                *block = String::new();
            }
        }
    }
}

/// The bodies of one sequence's messages, left out of its model by the parser (see
/// [`crate::parse::parse_file_lean`]): each message's body field is empty, with an unbuilt
/// map, until [`Bodies::restore`].
#[derive(Debug, Default)]
pub struct Bodies {
    store: BodyStore,
    /// By message index: where the body is, and the byte offset of its node in the source.
    at: Vec<(StoredText, usize)>,
}

impl Bodies {
    pub fn new(store: BodyStore, at: Vec<(StoredText, usize)>) -> Bodies {
        Bodies { store, at }
    }

    /// Length in bytes of message `index`'s body.
    pub fn len(&self, index: usize) -> usize {
        self.at.get(index).map_or(0, |(text, _)| text.len())
    }

    /// Puts message `index`'s body back into its field, with the map of its positions.
    pub fn restore(&self, index: usize, source: &str, field: &mut TextField) {
        if let Some(&(text, node_start)) = self.at.get(index) {
            let value = self.store.get(text).to_string();
            field.map = ScalarMap::build(source, node_start, &value);
            field.value = value;
        }
    }

    /// Frees the blocks that only hold bodies of messages before `index`.
    pub fn free_before(&mut self, index: usize) {
        if let Some(&(text, _)) = self.at.get(index) {
            self.store.free_before(text);
        } else {
            self.store = BodyStore::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_stored_across_blocks_until_freed() {
        let mut store = BodyStore::default();
        let texts: Vec<String> = (0..300).map(|i| format!("body {i} ").repeat(20)).collect();
        let at: Vec<StoredText> = texts.iter().map(|t| store.push(t)).collect();
        let big = "x".repeat(3 * MAX_BLOCK);
        let big_at = store.push(&big);
        assert!(
            store.blocks.len() > 2,
            "small blocks first, then larger ones"
        );
        for (text, at) in texts.iter().zip(&at) {
            assert_eq!(store.get(*at), text);
        }
        assert_eq!(store.get(big_at), big);
        store.free_before(big_at);
        assert_eq!(store.get(at[0]), "");
        assert_eq!(store.get(big_at), big);
    }

    #[test]
    fn a_restored_body_has_its_text_and_its_map() {
        let source = "body: |\n  Hello\n  there\n";
        let mut store = BodyStore::default();
        let at = store.push("Hello\nthere\n");
        let bodies = Bodies::new(store, vec![(at, 10)]);
        let mut field = TextField {
            value: String::new(),
            map: ScalarMap::fallback(10),
        };
        bodies.restore(0, source, &mut field);
        assert_eq!(field.value, "Hello\nthere\n");
        assert!(field.map.is_verified());
        assert_eq!(field.source_range(6..11), 18..23);
    }
}
