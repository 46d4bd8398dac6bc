//! Required metadata: the order id and the buyer's language.

pub mod language;
pub mod order_id_missing;
