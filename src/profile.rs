//! Profiles: which era of Amazon's policy to lint against. A profile is data
//! (`profiles/*.yaml`): a name, a description, severities that differ from the rules'
//! defaults (`off` switches a rule off) and the settings some rules read (the review window).

use crate::diagnostic::Severity;
use crate::rules::registry::builtin_profiles_json;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const DEFAULT_PROFILE: &str = "amazon";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Rule id → `off` | `info` | `warning` | `error`.
    #[serde(default)]
    pub severities: BTreeMap<String, String>,
    #[serde(default)]
    pub settings: ProfileSettings,
}

/// Numbers some rules take from the profile.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ProfileSettings {
    /// First day after delivery a review request may go out.
    pub review_window_min_days: u64,
    /// Last day after delivery a review request may go out.
    pub review_window_max_days: u64,
    /// Last day after delivery any proactive message may go out.
    pub proactive_max_days: u64,
    /// Whether `[Important]` is allowed on a critical message (before 2025).
    pub important_tag_allowed_when_critical: bool,
    /// Non-critical messages a sequence may send to one order; `sequence/message-count`
    /// reports a sequence that sends more (once, naming those beyond the limit).
    pub max_proactive_messages: u64,
}

impl Default for ProfileSettings {
    fn default() -> Self {
        ProfileSettings {
            review_window_min_days: 5,
            review_window_max_days: 30,
            proactive_max_days: 30,
            important_tag_allowed_when_critical: false,
            max_proactive_messages: 2,
        }
    }
}

impl ProfileSettings {
    /// Every setting by its key (`review-window-min-days`…) with its value, in key order: what
    /// a configuration's `settings:` may change, and what `sellerlint config` shows.
    pub fn entries(&self) -> Vec<(String, serde_json::Value)> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The settings with `key` set to `value`; an error in words when the key is unknown or
    /// the value is not of the setting's type (a whole number, or true/false).
    pub fn with(&self, key: &str, value: &serde_json::Value) -> Result<ProfileSettings, String> {
        let mut entries = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return Err("the settings could not be read".to_string()),
        };
        let Some(current) = entries.get_mut(key) else {
            return Err(format!("unknown setting `{key}`"));
        };
        let fits = matches!(
            (&*current, value),
            (serde_json::Value::Bool(_), serde_json::Value::Bool(_))
        ) || (current.is_u64() && value.is_u64());
        if !fits {
            let wanted = if current.is_boolean() {
                "true or false"
            } else {
                "a whole number (0 or more)"
            };
            return Err(format!("`{key}` takes {wanted}, not `{value}`"));
        }
        *current = value.clone();
        serde_json::from_value(serde_json::Value::Object(entries)).map_err(|e| e.to_string())
    }
}

/// A resolved profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub aliases: Vec<String>,
    /// Overrides of rule default severities; `None` = off.
    pub severities: BTreeMap<String, Option<Severity>>,
    pub settings: ProfileSettings,
}

impl Profile {
    fn from_file(origin: &str, file: ProfileFile) -> Result<Profile, String> {
        let mut severities = BTreeMap::new();
        for (rule, level) in file.severities {
            let sev = Severity::parse_level(&level)
                .map_err(|e| format!("{origin}: rule `{rule}`: {e}"))?;
            severities.insert(rule, sev);
        }
        Ok(Profile {
            name: file.name,
            description: file.description,
            aliases: file.aliases,
            severities,
            settings: file.settings,
        })
    }

    /// The severity of a rule under this profile, given its default; `None` = off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.severities.get(rule) {
            Some(s) => *s,
            None => Some(default),
        }
    }

    /// Every built-in profile, in name order.
    pub fn all() -> Vec<Profile> {
        Profile::builtin().to_vec()
    }

    /// The built-in profiles, parsed once per process (a run resolves a profile per file),
    /// from the JSON build.rs made of them: parsing their YAML was 2% of a one-file run.
    fn builtin() -> &'static [Profile] {
        static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut out: Vec<Profile> = builtin_profiles_json()
                .iter()
                .filter_map(|(origin, json)| {
                    let file: ProfileFile = serde_json::from_str(json).ok()?;
                    Profile::from_file(origin, file).ok()
                })
                .collect();
            out.sort_by(|a, b| a.name.cmp(&b.name));
            out
        })
    }

    /// A built-in profile by name or alias.
    pub fn named(name: &str) -> Result<Profile, String> {
        let all = Profile::builtin();
        let names: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
        all.iter()
            .find(|p| p.name == name || p.aliases.iter().any(|a| a == name))
            .cloned()
            .ok_or_else(|| {
                let hint = crate::parse::did_you_mean(name, names.iter().map(String::as_str))
                    .map(|d| format!(" (did you mean `{d}`?)"))
                    .unwrap_or_default();
                format!(
                    "unknown profile `{name}`{hint}; the profiles are: {}",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::registry::builtin_profiles;

    /// The JSON build.rs made of each profile is the profile its YAML gives.
    #[test]
    fn builtin_profiles_load_the_same_from_json() {
        assert_eq!(builtin_profiles().len(), builtin_profiles_json().len());
        assert_eq!(Profile::builtin().len(), builtin_profiles().len());
        for (origin, text) in builtin_profiles() {
            let from_yaml: ProfileFile = serde_saphyr::from_str(text).unwrap();
            let from_yaml = Profile::from_file(origin, from_yaml).unwrap();
            let from_json = Profile::builtin()
                .iter()
                .find(|p| p.name == from_yaml.name)
                .unwrap();
            assert_eq!(
                format!("{from_json:?}"),
                format!("{from_yaml:?}"),
                "{origin}"
            );
        }
    }

    #[test]
    fn every_builtin_profile_loads() {
        for (origin, text) in builtin_profiles() {
            let file: Result<ProfileFile, _> = serde_saphyr::from_str(text);
            assert!(file.is_ok(), "{origin}: {:?}", file.err());
            if let Ok(file) = file {
                assert!(Profile::from_file(origin, file).is_ok(), "{origin}");
            }
        }
        assert!(Profile::named(DEFAULT_PROFILE).is_ok());
        assert!(Profile::named("amazon-2017").is_ok());
    }
}
