//! The one list of rules: built-in phrase rules (embedded `rules/*.yaml`) and structural rules
//! (one line each below). Selection by id or prefix (`review/`) resolves against it.

use crate::rules::phrase::{PhraseRule, RuleLoadError};
use crate::rules::{Rule, RuleMeta};
use arcstr::ArcStr;
use std::collections::HashMap;
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Structural rules, in the order they run: a rule may read the findings of those before it.
/// Message rules (the default [`crate::rules::Scope`]) all run before any sequence rule.
fn structural() -> Vec<Box<dyn Rule>> {
    vec![
        // One line per rule, e.g. Box::new(crate::rules::timing::review_window::ReviewWindow),
        Box::new(crate::rules::r#type::thank_you_only::ThankYouOnly),
        Box::new(crate::rules::critical::not_critical_content::NotCriticalContent),
        Box::new(crate::rules::critical::important_tag::ImportantTag),
        Box::new(crate::rules::review::before_delivery::BeforeDelivery),
        Box::new(crate::rules::sequence::repeat_review_request::RepeatReviewRequest),
        Box::new(crate::rules::sequence::message_count::MessageCount),
        Box::new(crate::rules::timing::review_window::ReviewWindow),
        Box::new(crate::rules::timing::proactive_30_days::Proactive30Days),
        Box::new(crate::rules::content::external_link::ExternalLink),
        Box::new(crate::rules::content::amazon_page_link::AmazonPageLink),
        Box::new(crate::rules::content::insecure_link::InsecureLink),
        Box::new(crate::rules::content::attachment_type::AttachmentType),
        Box::new(crate::rules::content::tracking_pixel::TrackingPixel),
        Box::new(crate::rules::content::logo_with_link::LogoWithLink),
        Box::new(crate::rules::style::emoji::Emoji),
        Box::new(crate::rules::style::gif::Gif),
        Box::new(crate::rules::style::image_width::ImageWidth),
        Box::new(crate::rules::style::margins::Margins),
        Box::new(crate::rules::style::font_override::FontOverride),
        Box::new(crate::rules::style::font_sizes::FontSizes),
        Box::new(crate::rules::style::centered::Centered),
        Box::new(crate::rules::style::line_breaks::LineBreaks),
        Box::new(crate::rules::style::accessibility::Accessibility),
        Box::new(crate::rules::meta::order_id_missing::OrderIdMissing),
        Box::new(crate::rules::meta::language::Language),
        Box::new(crate::rules::meta::unused_allow::UnusedAllow),
        Box::new(crate::rules::meta::allow_without_reason::AllowWithoutReason),
    ]
}

/// All rules of a run.
pub struct Registry {
    /// Phrase rules first (they classify messages), then structural rules.
    pub rules: Vec<Box<dyn Rule>>,
    /// Position in `rules` by id, as every finding looks its rule up, and the rule's advice,
    /// shared by all its diagnostics (a big file has hundreds of thousands; a copy each was a
    /// quarter of such a run's memory).
    by_id: HashMap<String, (usize, Advice)>,
}

/// What every diagnostic of a rule says besides its own message: the fix in words and the link
/// to the policy.
#[derive(Debug, Clone)]
pub struct Advice {
    /// The rule's id, shared by its diagnostics.
    pub rule: ArcStr,
    pub fix: ArcStr,
    /// `None` when the rule names no source.
    pub url: Option<ArcStr>,
}

impl Advice {
    fn of(meta: &RuleMeta) -> Advice {
        Advice {
            rule: ArcStr::from(meta.id.as_ref()),
            fix: ArcStr::from(meta.fix.as_ref()),
            url: Some(ArcStr::from(meta.source.as_ref())).filter(|s: &ArcStr| !s.is_empty()),
        }
    }
}

impl Registry {
    /// A registry of these rules, in this order.
    pub fn new(rules: Vec<Box<dyn Rule>>) -> Registry {
        let mut by_id = HashMap::with_capacity(rules.len());
        for (at, rule) in rules.iter().enumerate() {
            // The first of two rules with one id wins, as a scan would find it.
            by_id
                .entry(rule.meta().id.to_string())
                .or_insert_with(|| (at, Advice::of(rule.meta())));
        }
        Registry { rules, by_id }
    }

    /// The built-in rules. Built once per process.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            let mut rules: Vec<Box<dyn Rule>> = Vec::new();
            for (origin, text) in embedded::BUILTIN_RULES {
                // Built-in rules are checked by `cargo test` (every example of every rule);
                // a broken one is skipped here rather than taking the whole linter down.
                // Their JSON form (build.rs) loads fastest; the YAML is the fallback.
                let loaded = builtin_json(origin)
                    .and_then(|(json, examples)| {
                        PhraseRule::load_trusted_json(origin, json, examples).ok()
                    })
                    .map_or_else(|| PhraseRule::load_trusted(origin, text), Ok);
                if let Ok(rule) = loaded {
                    rules.push(Box::new(rule));
                }
            }
            rules.extend(structural());
            Registry::new(rules)
        })
    }

    /// The built-in rules plus extra phrase rules (a config's rule packs), which run after the
    /// built-in phrase rules and before the structural rules.
    pub fn with_phrase_rules(extra: Vec<PhraseRule>) -> Registry {
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        for (origin, text) in embedded::BUILTIN_RULES {
            if let Ok(rule) = PhraseRule::load(origin, text) {
                rules.push(Box::new(rule));
            }
        }
        rules.extend(extra.into_iter().map(|r| Box::new(r) as Box<dyn Rule>));
        rules.extend(structural());
        Registry::new(rules)
    }

    /// Built-in phrase rule files with their load results (for tests and `sellerlint rules`).
    pub fn builtin_phrase_files() -> Vec<(&'static str, Result<PhraseRule, RuleLoadError>)> {
        embedded::BUILTIN_RULES
            .iter()
            .map(|(origin, text)| (*origin, PhraseRule::load(origin, text)))
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.get_with_advice(id).map(|(rule, _)| rule)
    }

    /// A rule with the advice its diagnostics share.
    pub fn get_with_advice(&self, id: &str) -> Option<(&dyn Rule, Advice)> {
        // `rules` is public: the index is checked, and a scan finds rules added after
        // [`Registry::new`].
        let indexed = self.by_id.get(id).and_then(|(at, advice)| {
            let rule = self.rules.get(*at).filter(|r| r.meta().id == id)?;
            Some((rule.as_ref(), advice.clone()))
        });
        indexed.or_else(|| {
            let rule = self.rules.iter().find(|r| r.meta().id == id)?;
            Some((rule.as_ref(), Advice::of(rule.meta())))
        })
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.meta().id.as_ref())
    }

    /// Does `selector` (an id, a category prefix `review/` or `review`, or `all`) name any rule?
    pub fn selector_matches(&self, selector: &str) -> bool {
        self.ids().any(|id| selector_covers(selector, id))
    }
}

/// Does `selector` cover rule `id`? `all`, an exact id, or a prefix ending at a `/`.
pub fn selector_covers(selector: &str, id: &str) -> bool {
    let s = selector.trim();
    if s == "all" || s == id {
        return true;
    }
    let prefix = s.trim_end_matches('/');
    id.strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Embedded phrase rule files: `(origin, YAML text)`.
pub fn builtin_rule_sources() -> &'static [(&'static str, &'static str)] {
    embedded::BUILTIN_RULES
}

/// The JSON form build.rs made of a built-in rule file, by origin (`rules/<file>.yaml`): the
/// rule without its examples, and its examples.
fn builtin_json(origin: &str) -> Option<(&'static str, &'static str)> {
    embedded::BUILTIN_RULES_JSON
        .iter()
        .find(|(o, _, _)| *o == origin)
        .map(|(_, json, examples)| (*json, *examples))
}

/// Embedded profile files.
pub fn builtin_profiles() -> &'static [(&'static str, &'static str)] {
    embedded::BUILTIN_PROFILES
}

/// The JSON form build.rs made of the profile files: `(origin, JSON text)`.
pub fn builtin_profiles_json() -> &'static [(&'static str, &'static str)] {
    embedded::BUILTIN_PROFILES_JSON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert!(selector_covers("review/", "review/gating"));
        assert!(selector_covers("review", "review/gating"));
        assert!(selector_covers("review/gating", "review/gating"));
        assert!(!selector_covers("review/gat", "review/gating"));
        assert!(!selector_covers("rev", "review/gating"));
        assert!(selector_covers("all", "review/gating"));
    }

    #[test]
    fn lookups_share_each_rules_advice_and_find_rules_added_later() {
        let builtin = Registry::builtin();
        let (rule, advice) = builtin
            .get_with_advice("content/external-link")
            .expect("a built-in rule");
        assert_eq!(rule.meta().id, "content/external-link");
        assert_eq!(&*advice.fix, rule.meta().fix.as_ref());
        assert_eq!(advice.url.as_deref(), Some(rule.meta().source.as_ref()));
        let (_, again) = builtin
            .get_with_advice("content/external-link")
            .expect("a built-in rule");
        assert!(ArcStr::ptr_eq(&advice.fix, &again.fix), "one copy per rule");
        assert!(builtin.get("content/no-such-rule").is_none());

        // `rules` is public: a rule pushed after `new` is still found, with its own advice.
        let mut registry = Registry::new(Vec::new());
        registry
            .rules
            .push(Box::new(crate::rules::content::external_link::ExternalLink));
        let (rule, advice) = registry
            .get_with_advice("content/external-link")
            .expect("a rule added later");
        assert_eq!(&*advice.fix, rule.meta().fix.as_ref());
    }

    /// The JSON form of each built-in rule loads to exactly what its YAML loads to.
    #[test]
    fn builtin_rules_load_the_same_from_json() {
        assert_eq!(
            embedded::BUILTIN_RULES_JSON.len(),
            embedded::BUILTIN_RULES.len()
        );
        for (origin, yaml) in embedded::BUILTIN_RULES {
            let json = builtin_json(origin);
            let from_json =
                json.map(|(j, examples)| PhraseRule::load_trusted_json(origin, j, examples));
            let from_yaml = PhraseRule::load_trusted(origin, yaml);
            assert_eq!(
                format!("{:?}", from_json.map(|r| r.map_err(|e| e.to_string()))),
                format!("{:?}", Some(from_yaml.map_err(|e| e.to_string()))),
                "{origin}"
            );
        }
    }

    /// `Registry::builtin()` only parses the built-in rules (no pattern compiled, no example
    /// run, for start-up time): this is where they are verified.
    #[test]
    fn every_builtin_rule_verifies() {
        for (origin, result) in Registry::builtin_phrase_files() {
            assert!(result.is_ok(), "{origin}: {:?}", result.err());
        }
    }
}
