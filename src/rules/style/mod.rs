//! Styling rules from the 2020 list of styling permitted messages may not use.

pub mod accessibility;
pub mod centered;
pub mod emoji;
pub mod font_override;
pub mod font_sizes;
pub mod gif;
pub mod image_width;
pub mod line_breaks;
pub mod margins;
