//! `meta/` rules: about the sequence file itself and its required metadata (the order id,
//! the buyer's language, suppressions) rather than about what a buyer reads.

pub mod allow_without_reason;
pub mod language;
pub mod order_id_missing;
pub mod unused_allow;
