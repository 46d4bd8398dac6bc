//! Project configuration: `.sellerlint.yaml` files ([`options`]: the keys as written and their
//! checks) and how they apply to each linted file ([`resolve`]: discovery, rule packs, globs,
//! per-file overrides, the command line's rule selection). Also the starter config written by
//! `sellerlint init` and the report of `sellerlint config FILE`.

pub mod options;
pub mod resolve;
pub mod rule_options;
pub mod settings;

pub use options::ConfigError;
pub use resolve::{CliOverrides, FileSetup, LoadedConfig, Resolver, CONFIG_NAMES};

use std::fmt::Write;

/// What `sellerlint init` writes: every key, commented, with the defaults.
pub const STARTER_CONFIG: &str = r#"# sellerlint configuration. Docs: `sellerlint --help`, README "Configuration".
# Paths and globs below are relative to this file's folder.

# Policy era to lint against: amazon (current), amazon-2020, amazon-2017.
profile: amazon

# Marketplace for sequences that do not name one (their default language follows it).
# marketplace: amazon.com

# Rule levels: off, info, warning or error, by rule id or category prefix.
# The most specific key wins: `review/gating` beats `review/`, which beats `all`.
rules:
  # review/influence-content: error
  # content/: error

# Which files a directory walk lints (default: every *.yaml and *.yml).
# include: ["sequences/**/*.yaml"]

# Files and folders never linted, even when named on the command line (gitignore-style:
# `drafts` matches a folder at any depth). Config files, .pre-commit-*.yaml, .github/ and
# .gitlab-ci.yml are always skipped.
# exclude: [drafts, "old/*.yaml"]

# Settings for some files only; later entries win over earlier ones.
# per-file:
#   "legacy/**":
#     profile: amazon-2020
#     rules:
#       style/: warning

# Folders of extra phrase rules, in the format of sellerlint's own rules/*.yaml.
# rule-packs: [lint-rules]

# Make every `# sellerlint: allow RULE` comment give a reason after `--`.
# require-reason: true

# Numbers some rules read, over the profile's (`sellerlint config FILE` shows them all):
# settings:
#   max-proactive-messages: 3      # sequence/message-count: non-critical messages per order
#   review-window-min-days: 5      # timing/review-window: days after delivery
#   review-window-max-days: 30

# Rule options, all off by default (`sellerlint explain RULE` lists a rule's options).
# Do not report the numbers of a carrier, a manufacturer or a warranty service:
# rule-options:
#   content/phone-number: [allow-service-numbers]
"#;

/// `sellerlint config FILE`: which config applies and each rule's resolved level.
pub fn describe(resolver: &Resolver, path: &std::path::Path, setup: &FileSetup) -> String {
    let mut out = String::new();
    let cwd = resolver.cwd();
    let config = &setup.config;
    let _ = writeln!(out, "file: {}", path.display());
    match &config.path {
        Some(p) => {
            let _ = writeln!(out, "config: {}", resolve::display_path(p, cwd));
        }
        None => {
            let _ = writeln!(
                out,
                "config: none (no {} or {} in this folder or above; built-in defaults)",
                CONFIG_NAMES[0], CONFIG_NAMES[1]
            );
        }
    }
    let abs = resolver.absolute(path);
    if config.is_excluded(&abs) {
        let _ = writeln!(out, "excluded: yes (by `exclude`; the file is not linted)");
    }
    let _ = writeln!(out, "profile: {}", setup.settings.profile.name);
    let _ = writeln!(
        out,
        "marketplace: {}",
        setup
            .settings
            .default_marketplace
            .as_deref()
            .unwrap_or("amazon.com (default)")
    );
    for pack in &config.file.rule_packs {
        let _ = writeln!(out, "rule pack: {}", pack.value);
    }
    let _ = writeln!(
        out,
        "require-reason: {}",
        if setup.settings.require_reason {
            "yes"
        } else {
            "no"
        }
    );
    rule_options::describe(&setup.settings.rule_options, &mut out);
    settings::describe(
        &setup.settings.profile.settings,
        &setup.settings.profile.name,
        &settings::entries_for(&config.file, &config.per_file_matches(&abs)),
        &mut out,
    );
    let _ = writeln!(out, "rules:");
    let rules = Resolver::explain_levels(setup);
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(10);
    for mut r in rules {
        if r.id == crate::suppress::ALLOW_WITHOUT_REASON && !setup.settings.require_reason {
            r.level = None;
            r.origin = "require-reason is off".into();
        }
        let _ = writeln!(
            out,
            "  {:<width$}  {:<7}  ({})",
            r.id,
            r.level.map_or("off", |s| s.as_str()),
            r.origin
        );
    }
    out
}
