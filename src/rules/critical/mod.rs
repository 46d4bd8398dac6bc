//! Critical-message rules: the critical route (opt-out bypass) and what may use it.

pub mod important_tag;
pub mod not_critical_content;
