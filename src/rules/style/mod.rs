//! Styling rules from the 2020 list of styling permitted messages may not use.

pub mod emoji;
