//! Review-request rules that look at the message's structure (phrase rules live in `rules/`).

pub mod before_delivery;
