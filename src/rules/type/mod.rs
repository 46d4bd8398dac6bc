//! Message-type rules: messages whose kind is not allowed at all.

pub mod thank_you_only;
