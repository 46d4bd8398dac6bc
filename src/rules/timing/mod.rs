//! Timing rules: when a message goes out relative to delivery.

pub mod proactive_30_days;
pub mod review_window;
