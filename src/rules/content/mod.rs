//! Content rules: links, images, attachments and other things a message may not carry.

pub mod amazon_page_link;
pub mod attachment_type;
pub mod external_link;
pub mod insecure_link;
pub mod logo_with_link;
pub mod tracking_pixel;
