//! The configuration file as written (`.sellerlint.yaml`): its keys, read with spans so that
//! every mistake is reported at its `file:line:col`, with a did-you-mean for misspelt keys,
//! levels, profiles, marketplaces and rule ids. Validation that needs the rule registry (rule
//! ids, rule packs) happens in [`super::resolve`].

use super::settings::{read_settings, RawSettings, SettingEntry};
use crate::diagnostic::Severity;
use crate::model::MARKETPLACES;
use crate::parse::did_you_mean;
use crate::source::SourceFile;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;

/// Keys a configuration file may have.
pub const CONFIG_KEYS: [&str; 10] = [
    "profile",
    "marketplace",
    "rules",
    "include",
    "exclude",
    "per-file",
    "rule-packs",
    "require-reason",
    "rule-options",
    "settings",
];

/// Keys of one `per-file` entry.
pub const PER_FILE_KEYS: [&str; 5] = [
    "profile",
    "marketplace",
    "rules",
    "rule-options",
    "settings",
];

/// A configuration problem, always exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    pub fn whole_file(file: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    fn at(source: &SourceFile, offset: usize, message: impl Into<String>) -> ConfigError {
        let pos = source.line_col(offset);
        ConfigError {
            file: source.name.clone(),
            line: Some(pos.line),
            column: Some(pos.column),
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: Option<String>) -> ConfigError {
        self.help = help;
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message)?,
            (Some(l), None) => write!(f, "{}:{l}: {}", self.file, self.message)?,
            _ => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    profile: Option<Spanned<String>>,
    #[serde(default)]
    marketplace: Option<Spanned<String>>,
    #[serde(default)]
    rules: Option<IndexMap<String, Spanned<String>>>,
    #[serde(default)]
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    per_file: Option<IndexMap<String, Spanned<RawPerFile>>>,
    #[serde(default)]
    rule_packs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    require_reason: Option<bool>,
    #[serde(default)]
    rule_options: Option<RawRuleOptions>,
    #[serde(default)]
    settings: Option<RawSettings>,
}

/// `rule-options:` as written: rule id → option names.
type RawRuleOptions = IndexMap<String, Spanned<Vec<Spanned<String>>>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPerFile {
    #[serde(default)]
    profile: Option<Spanned<String>>,
    #[serde(default)]
    marketplace: Option<Spanned<String>>,
    #[serde(default)]
    rules: Option<IndexMap<String, Spanned<String>>>,
    #[serde(default)]
    rule_options: Option<RawRuleOptions>,
    #[serde(default)]
    settings: Option<RawSettings>,
}

/// A string value of the config with where it is written (byte offset of the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub value: String,
    pub offset: usize,
}

/// `RULE-or-PREFIX: level` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLevel {
    pub selector: String,
    pub level: Option<Severity>,
    /// Where the key is written.
    pub offset: usize,
}

/// `RULE: [option, ...]` of `rule-options` as written (checked against the rules in
/// [`super::resolve`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOptionsEntry {
    pub rule: String,
    /// Where the rule id is written.
    pub offset: usize,
    pub options: Vec<Item>,
}

/// Settings that apply to the files a glob matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub profile: Option<Item>,
    pub marketplace: Option<Item>,
    pub rules: Vec<RuleLevel>,
    /// Options switched on per rule; an entry replaces what an earlier one said for its rule.
    pub rule_options: Vec<RuleOptionsEntry>,
    /// Profile settings changed (`settings:`), in the order written.
    pub settings: Vec<SettingEntry>,
}

/// One `per-file` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerFile {
    pub glob: Item,
    pub overrides: Overrides,
}

/// A parsed configuration file: syntax, keys, levels, profiles and marketplaces checked.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    /// The file as read (its name is the path to report).
    pub source: Option<SourceFile>,
    pub base: Overrides,
    pub include: Vec<Item>,
    pub exclude: Vec<Item>,
    pub per_file: Vec<PerFile>,
    pub rule_packs: Vec<Item>,
    pub require_reason: bool,
}

fn offset_of<T>(s: &Spanned<T>) -> usize {
    usize::try_from(s.defined.span().byte_offset().unwrap_or(0)).unwrap_or(0)
}

fn item(s: &Spanned<String>) -> Item {
    Item {
        value: s.value.trim().to_string(),
        offset: offset_of(s),
    }
}

/// Where `key` is written on the line of the value at `value_offset` (block mappings put a key
/// and its value on one line); the value's own offset when the key is elsewhere.
fn key_offset(source: &SourceFile, value_offset: usize, key: &str) -> usize {
    let line = source.line_range(source.line_index(value_offset));
    let before = source
        .text
        .get(line.start..value_offset.max(line.start))
        .unwrap_or("");
    match before.rfind(key) {
        Some(i) => line.start + i,
        None => value_offset,
    }
}

/// The config's YAML error in our words, with a did-you-mean for unknown keys.
fn yaml_error(source: &SourceFile, err: &serde_saphyr::Error) -> ConfigError {
    let bare = err.without_snippet().to_string();
    let mut message = bare.trim_start_matches("error: ").to_string();
    if message.starts_with("line ") {
        if let Some((_, rest)) = message.split_once(": ") {
            message = rest.to_string();
        }
    }
    let mut message = message.lines().next().unwrap_or("").trim().to_string();
    // serde-saphyr repeats the position; we print our own.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let mut help = None;
    for (theirs, ours, hint) in [
        (
            "expected mapping start",
            "expected a mapping here",
            "write `key: value` lines, e.g. `rules:` then `  review/: warning`",
        ),
        (
            "expected sequence start",
            "expected a list here",
            "write a list, e.g. `exclude: [drafts, \"old/*.yaml\"]`",
        ),
        (
            "expected string scalar",
            "expected a single value here",
            "a rule level is one of off, info, warning, error",
        ),
    ] {
        if message.starts_with(theirs) {
            message = ours.to_string();
            help = Some(hint.to_string());
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some(name) = rest.split('`').next() {
            let known: &[&str] = if message.contains("require-reason") {
                &CONFIG_KEYS
            } else {
                &PER_FILE_KEYS
            };
            help = Some(match did_you_mean(name, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the keys here are `{}`", known.join("`, `")),
            });
            message = format!("unknown key `{name}`");
        }
    }
    let (line, column) = match err.location() {
        Some(loc) if loc.line() > 0 => {
            match loc
                .span()
                .byte_offset()
                .and_then(|b| usize::try_from(b).ok())
            {
                Some(off) if off <= source.text.len() => {
                    let p = source.line_col(off);
                    (Some(p.line), Some(p.column))
                }
                _ => (
                    usize::try_from(loc.line()).ok(),
                    usize::try_from(loc.column()).ok(),
                ),
            }
        }
        _ => (None, None),
    };
    ConfigError {
        file: source.name.clone(),
        line,
        column,
        message,
        help,
    }
}

fn levels(
    source: &SourceFile,
    map: Option<IndexMap<String, Spanned<String>>>,
    errors: &mut Vec<ConfigError>,
) -> Vec<RuleLevel> {
    let mut out = Vec::new();
    for (selector, level) in map.into_iter().flatten() {
        let at = key_offset(source, offset_of(&level), &selector);
        match Severity::parse_level(&level.value) {
            Ok(sev) => out.push(RuleLevel {
                selector: selector.trim().to_string(),
                level: sev,
                offset: at,
            }),
            Err(_) => {
                let help = did_you_mean(&level.value, ["off", "info", "warning", "error"])
                    .map(|d| format!("did you mean `{d}`?"))
                    .or_else(|| Some("use off, info, warning or error".to_string()));
                errors.push(
                    ConfigError::at(
                        source,
                        offset_of(&level),
                        format!("unknown level `{}` for `{selector}`", level.value),
                    )
                    .help(help),
                );
            }
        }
    }
    out
}

fn rule_options(source: &SourceFile, map: Option<RawRuleOptions>) -> Vec<RuleOptionsEntry> {
    let mut out = Vec::new();
    for (rule, names) in map.into_iter().flatten() {
        let value_at = offset_of(&names);
        // The rule id is written before its list, on the same line or one above.
        let rule = rule.trim().to_string();
        let offset = source
            .text
            .get(..value_at)
            .and_then(|head| head.rfind(&rule))
            .unwrap_or(value_at);
        out.push(RuleOptionsEntry {
            rule,
            offset,
            options: names.value.iter().map(item).collect(),
        });
    }
    out
}

fn check_profile(source: &SourceFile, p: &Option<Spanned<String>>, errors: &mut Vec<ConfigError>) {
    if let Some(p) = p {
        if let Err(e) = crate::profile::Profile::named(p.value.trim()) {
            errors.push(ConfigError::at(source, offset_of(p), e));
        }
    }
}

/// Normalises a marketplace domain the way sequence files are read (`www.` and case).
pub fn normalize_marketplace(m: &str) -> String {
    let d = m.trim().to_ascii_lowercase();
    d.strip_prefix("www.").unwrap_or(&d).to_string()
}

fn check_marketplace(
    source: &SourceFile,
    m: &Option<Spanned<String>>,
    errors: &mut Vec<ConfigError>,
) -> Option<Item> {
    let m = m.as_ref()?;
    let domain = normalize_marketplace(&m.value);
    if crate::model::marketplace_language(&domain).is_none() {
        let help = did_you_mean(&domain, MARKETPLACES.iter().map(|(d, _)| *d))
            .map(|d| format!("did you mean `{d}`?"))
            .or_else(|| Some("use an Amazon marketplace domain such as `amazon.com`".into()));
        errors.push(
            ConfigError::at(
                source,
                offset_of(m),
                format!("unknown marketplace `{}`", m.value),
            )
            .help(help),
        );
        return None;
    }
    Some(Item {
        value: domain,
        offset: offset_of(m),
    })
}

/// Parses a configuration file's text. All problems are returned, not just the first.
pub fn parse_config(source: SourceFile) -> Result<ConfigFile, Vec<ConfigError>> {
    let raw: RawConfig = if source
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        RawConfig::default()
    } else {
        match serde_saphyr::from_str::<Option<RawConfig>>(&source.text) {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => return Err(vec![yaml_error(&source, &e)]),
        }
    };
    let mut errors = Vec::new();
    check_profile(&source, &raw.profile, &mut errors);
    let marketplace = check_marketplace(&source, &raw.marketplace, &mut errors);
    let base = Overrides {
        profile: raw.profile.as_ref().map(item),
        marketplace,
        rules: levels(&source, raw.rules, &mut errors),
        rule_options: rule_options(&source, raw.rule_options),
        settings: read_settings(&source, raw.settings, &mut errors),
    };
    let mut per_file = Vec::new();
    for (glob, entry) in raw.per_file.into_iter().flatten() {
        let at = key_offset(&source, offset_of(&entry), &glob);
        check_profile(&source, &entry.value.profile, &mut errors);
        let marketplace = check_marketplace(&source, &entry.value.marketplace, &mut errors);
        per_file.push(PerFile {
            glob: Item {
                value: glob,
                offset: at,
            },
            overrides: Overrides {
                profile: entry.value.profile.as_ref().map(item),
                marketplace,
                rules: levels(&source, entry.value.rules, &mut errors),
                rule_options: rule_options(&source, entry.value.rule_options),
                settings: read_settings(&source, entry.value.settings, &mut errors),
            },
        });
    }
    let items = |v: Option<Vec<Spanned<String>>>| v.iter().flatten().map(item).collect();
    let config = ConfigFile {
        base,
        include: items(raw.include),
        exclude: items(raw.exclude),
        per_file,
        rule_packs: items(raw.rule_packs),
        require_reason: raw.require_reason.unwrap_or(false),
        source: None,
    };
    if errors.is_empty() {
        Ok(ConfigFile {
            source: Some(source),
            ..config
        })
    } else {
        Err(errors)
    }
}

/// Position of a byte offset of a config file, as a [`ConfigError`] constructor.
pub fn error_at(source: &SourceFile, offset: usize, message: impl Into<String>) -> ConfigError {
    ConfigError::at(source, offset, message)
}

/// `error_at` with a help line.
pub fn error_with_help(
    source: &SourceFile,
    offset: usize,
    message: impl Into<String>,
    help: Option<String>,
) -> ConfigError {
    ConfigError::at(source, offset, message).help(help)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The configuration written in `text` (for this module's tests and the settings').
    pub(crate) fn parse(text: &str) -> Result<ConfigFile, Vec<ConfigError>> {
        parse_config(SourceFile::new("c.yaml", text.to_string()))
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "profile: amazon-2020\nmarketplace: amazon.de\nrules:\n  review/: off\n  review/gating: error\ninclude: ['**/*.yaml']\nexclude: [drafts]\nper-file:\n  'legacy/**':\n    rules: {unsolicited/: info}\nrule-packs: [packs]\nrequire-reason: true\n",
        )
        .unwrap();
        assert_eq!(c.base.profile.unwrap().value, "amazon-2020");
        assert_eq!(c.base.marketplace.unwrap().value, "amazon.de");
        assert_eq!(c.base.rules.len(), 2);
        assert_eq!(c.base.rules[0].level, None);
        assert_eq!(c.base.rules[1].level, Some(Severity::Error));
        assert_eq!(c.per_file[0].glob.value, "legacy/**");
        assert_eq!(c.per_file[0].overrides.rules[0].level, Some(Severity::Info));
        assert!(c.require_reason);
        assert_eq!(c.rule_packs[0].value, "packs");
    }

    #[test]
    fn empty_and_comment_only_files_are_defaults() {
        assert!(parse("").unwrap().base.rules.is_empty());
        assert!(parse("# nothing yet\n").unwrap().exclude.is_empty());
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let e = &parse("profile: amazon\nexlude: [x]\n").unwrap_err()[0];
        assert_eq!(e.message, "unknown key `exlude`");
        assert_eq!(e.line, Some(2));
        assert_eq!(e.help.as_deref(), Some("did you mean `exclude`?"));
    }

    #[test]
    fn bad_level_profile_and_marketplace() {
        let errs = parse("profile: amazn\nmarketplace: amazon.dee\nrules:\n  review/: warn1ng\n")
            .unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].line, Some(1));
        assert!(errs[0].message.contains("did you mean `amazon`"));
        assert_eq!(errs[1].help.as_deref(), Some("did you mean `amazon.de`?"));
        assert_eq!((errs[2].line, errs[2].column), (Some(4), Some(12)));
        assert_eq!(errs[2].help.as_deref(), Some("did you mean `warning`?"));
    }

    #[test]
    fn rule_key_position_points_at_the_key() {
        let c = parse("rules:\n  review/gating: off\n").unwrap();
        let src = SourceFile::new("c", "rules:\n  review/gating: off\n".into());
        assert_eq!(src.line_col(c.base.rules[0].offset).column, 3);
    }
}
