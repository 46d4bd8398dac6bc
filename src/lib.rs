//! sellerlint: lints Amazon sellers' automated buyer-email sequences against Amazon's
//! buyer-messaging rules.
//!
//! Data flows one way: [`walk`]/[`input`] (paths → text) → [`parse`] (text → [`model`] with
//! spans, through [`scalar`] position maps) → [`text`] views (visible text via [`html`],
//! canonical [`placeholder`]s) → [`rules`] (phrase rules from `rules/*.yaml`, structural rules
//! in `src/rules/`) → [`diagnostic`]s with [`profile`] severities ([`lint`], [`run`]) →
//! one renderer per format in [`output`]. [`cli`] ties a command line to that pipeline.

// `FileError` (file, message, position, help) is returned once per file that cannot be read or
// parsed: a cold path, where boxing it would only add noise to every caller.
#![allow(clippy::result_large_err)]

pub mod alphabet;
pub mod body_store;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod css;
pub mod diagnostic;
pub mod docs;
pub mod fix;
pub mod html;
pub mod input;
pub mod language;
pub mod links;
pub mod lint;
pub mod model;
pub mod output;
pub mod parse;
pub mod placeholder;
pub mod profile;
pub mod rules;
pub mod run;
pub mod run_size;
pub mod scalar;
pub mod schema;
pub mod source;
pub mod suppress;
pub mod template;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod text_index;
pub mod verdict;
pub mod walk;
pub mod yaml_errors;
