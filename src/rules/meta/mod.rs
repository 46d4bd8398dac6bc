//! `meta/` rules: about the sequence file itself rather than what a buyer reads.

pub mod allow_without_reason;
pub mod unused_allow;
