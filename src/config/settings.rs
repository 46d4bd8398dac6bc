//! The configuration's `settings:`: numbers and switches some rules read from the profile
//! (the review window, the 30-day limit, how many proactive messages a sequence may send),
//! changed for a project or for some files. Owns reading them (an unknown setting or a value
//! of the wrong type is an error at its `file:line:col`, with a did-you-mean), putting them
//! over the profile's, and their lines in `sellerlint config FILE`.
//!
//! A profile stays the policy era; `settings:` adjusts it without a profile of one's own:
//! `profile: amazon-2020` with `settings: {max-proactive-messages: 3}` is the 2020 rules with
//! a team's own limit.

use super::options::{error_at, error_with_help, ConfigError, ConfigFile};
use crate::parse::did_you_mean;
use crate::profile::ProfileSettings;
use crate::source::SourceFile;
use indexmap::IndexMap;
use serde_saphyr::Spanned;
use std::fmt::Write;

/// `settings:` as written: setting key → value (a number or true/false, checked against the
/// setting's type when read).
pub type RawSettings = IndexMap<String, Spanned<serde_json::Value>>;

/// One `key: value` of `settings:`, checked: the key is a setting and the value has its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingEntry {
    pub key: String,
    pub value: serde_json::Value,
    /// Where the key is written.
    pub offset: usize,
}

fn offset_of<T>(s: &Spanned<T>) -> usize {
    usize::try_from(s.defined.span().byte_offset().unwrap_or(0)).unwrap_or(0)
}

/// Reads `settings:`; each unknown key or mistyped value is added to `errors`.
pub fn read_settings(
    source: &SourceFile,
    raw: Option<RawSettings>,
    errors: &mut Vec<ConfigError>,
) -> Vec<SettingEntry> {
    let defaults = ProfileSettings::default();
    let keys: Vec<String> = defaults.entries().into_iter().map(|(k, _)| k).collect();
    let mut out = Vec::new();
    for (key, value) in raw.into_iter().flatten() {
        let key = key.trim().to_string();
        let value_at = offset_of(&value);
        // The key is written before its value, on the same line or one above.
        let offset = source
            .text
            .get(..value_at)
            .and_then(|head| head.rfind(&key))
            .unwrap_or(value_at);
        if !keys.contains(&key) {
            let help = did_you_mean(&key, keys.iter().map(String::as_str))
                .map(|d| format!("did you mean `{d}`?"))
                .unwrap_or_else(|| format!("the settings are `{}`", keys.join("`, `")));
            errors.push(error_with_help(
                source,
                offset,
                format!("unknown setting `{key}`"),
                Some(help),
            ));
            continue;
        }
        if let Err(e) = defaults.with(&key, &value.value) {
            errors.push(error_at(source, value_at, e));
            continue;
        }
        out.push(SettingEntry {
            key,
            value: value.value,
            offset,
        });
    }
    out
}

/// Puts `entries` (in order: a later one wins) over a profile's settings. The review window
/// must stay a window: a first day after the last is an error at the entry that made it so.
pub fn apply_settings<'e>(
    settings: &mut ProfileSettings,
    entries: impl Iterator<Item = &'e SettingEntry>,
    source: Option<&SourceFile>,
) -> Result<(), Vec<ConfigError>> {
    let mut last_window_entry = None;
    for entry in entries {
        // Read at load time, so the key and type are known to fit.
        if let Ok(changed) = settings.with(&entry.key, &entry.value) {
            *settings = changed;
        }
        if entry.key.starts_with("review-window-") {
            last_window_entry = Some(entry);
        }
    }
    if settings.review_window_min_days <= settings.review_window_max_days {
        return Ok(());
    }
    let message = format!(
        "the review window would start after it ends: `review-window-min-days` {} is more than `review-window-max-days` {}",
        settings.review_window_min_days, settings.review_window_max_days
    );
    Err(vec![match (source, last_window_entry) {
        (Some(source), Some(entry)) => error_at(source, entry.offset, message),
        (Some(source), None) => ConfigError::whole_file(&source.name, message),
        (None, _) => ConfigError::whole_file("<config>", message),
    }])
}

/// The `settings:` entries that apply to a file: the config's, then those of its matching
/// `per-file` entries in order, each with where it comes from.
pub fn entries_for<'c>(
    file: &'c ConfigFile,
    per_file_matches: &[usize],
) -> Vec<(&'c SettingEntry, String)> {
    let base = file.base.settings.iter().map(|e| (e, "config".to_string()));
    let per_file = per_file_matches
        .iter()
        .filter_map(|&i| file.per_file.get(i))
        .flat_map(|p| {
            p.overrides
                .settings
                .iter()
                .map(move |e| (e, format!("per-file `{}`", p.glob.value)))
        });
    base.chain(per_file).collect()
}

/// The settings' lines of `sellerlint config FILE`: each value and where it comes from.
pub fn describe(
    settings: &ProfileSettings,
    profile: &str,
    from_config: &[(&SettingEntry, String)],
    out: &mut String,
) {
    let _ = writeln!(out, "settings:");
    let entries = settings.entries();
    let width = entries.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, value) in entries {
        let origin = from_config
            .iter()
            .rev()
            .find(|(e, _)| e.key == key)
            .map_or_else(|| format!("profile {profile}"), |(_, o)| o.clone());
        let _ = writeln!(out, "  {key:<width$}  {:<7}  ({origin})", value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::options::tests::parse;

    #[test]
    fn a_setting_is_read_and_put_over_the_profile() {
        let c =
            parse("settings:\n  max-proactive-messages: 4\n  review-window-min-days: 6\n").unwrap();
        let mut s = ProfileSettings::default();
        apply_settings(&mut s, c.base.settings.iter(), c.source.as_ref()).unwrap();
        assert_eq!(s.max_proactive_messages, 4);
        assert_eq!(s.review_window_min_days, 6);
        assert_eq!(
            s.review_window_max_days, 30,
            "untouched settings keep the profile's"
        );
    }

    #[test]
    fn unknown_setting_has_position_and_suggestion() {
        let e = &parse("settings:\n  max-proactive-mesages: 4\n").unwrap_err()[0];
        assert_eq!(e.message, "unknown setting `max-proactive-mesages`");
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        assert_eq!(
            e.help.as_deref(),
            Some("did you mean `max-proactive-messages`?")
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_at_the_value() {
        for (text, wanted) in [
            ("settings:\n  proactive-max-days: -3\n", "a whole number"),
            (
                "settings:\n  proactive-max-days: \"30\"\n",
                "a whole number",
            ),
            ("settings:\n  proactive-max-days: 2.5\n", "a whole number"),
            (
                "settings:\n  important-tag-allowed-when-critical: 1\n",
                "true or false",
            ),
        ] {
            let errors = parse(text).unwrap_err();
            assert_eq!(errors.len(), 1, "{text}");
            assert!(errors[0].message.contains(wanted), "{text}: {errors:?}");
            assert_eq!(errors[0].line, Some(2), "{text}");
            assert!(errors[0].column.unwrap() > 3, "points at the value: {text}");
        }
    }

    #[test]
    fn a_window_that_ends_before_it_starts_is_an_error_at_its_entry() {
        let c = parse("settings:\n  review-window-min-days: 40\n").unwrap();
        let mut s = ProfileSettings::default();
        let e = apply_settings(&mut s, c.base.settings.iter(), c.source.as_ref()).unwrap_err();
        assert!(e[0].message.contains("40 is more than"), "{e:?}");
        assert_eq!((e[0].line, e[0].column), (Some(2), Some(3)));
    }

    #[test]
    fn per_file_settings_come_after_the_config_s_and_say_so() {
        let c = parse(
            "settings: {max-proactive-messages: 3}\nper-file:\n  'legacy/**':\n    settings: {max-proactive-messages: 5}\n",
        )
        .unwrap();
        let entries = entries_for(&c, &[0]);
        let mut s = ProfileSettings::default();
        apply_settings(&mut s, entries.iter().map(|(e, _)| *e), c.source.as_ref()).unwrap();
        assert_eq!(s.max_proactive_messages, 5);
        let mut out = String::new();
        describe(&s, "amazon", &entries, &mut out);
        assert!(
            out.contains("max-proactive-messages               5        (per-file `legacy/**`)"),
            "{out}"
        );
        assert!(out.contains("review-window-min-days"), "{out}");
        assert!(out.contains("(profile amazon)"), "{out}");
    }
}
