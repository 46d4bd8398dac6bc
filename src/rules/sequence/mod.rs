//! Rules about a sequence as a whole (several messages to one order).

pub mod message_count;
pub mod repeat_review_request;
