//! `critical/important-tag`: `[Important]` (or a localized form: `[Importante]`, `[Wichtig]`,
//! `【重要】`, `« Important »`) in a subject line.
//!
//! Until 2025 the tag let a genuinely critical message through a buyer's opt-out; profiles
//! with `important-tag-allowed-when-critical` (amazon-2017, amazon-2020) accept it on a message
//! that declares a critical purpose and whose content no earlier rule classified as something
//! else. Since 2025 it no longer works, and using it is misuse.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::lazy_regex::GatedRegex;
use crate::rules::support::remove_words_fix;
use crate::rules::support::{constant_regex, has_purpose_finding, text_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct ImportantTag;

const ID: &str = "critical/important-tag";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("puts `[Important]` in the subject line"),
    why: Cow::Borrowed(
        "From 2017 a seller could add \"[Important]\" (in Spanish \"[Importante]\") to the \
         subject of a critical message, such as a question about a customization, so that it \
         reached buyers who had opted out of messages. Amazon removed that option in 2025: the \
         tag no longer overrides the buyer's choice, and putting it on a message that is not \
         critical was always misuse. Under the older profiles the tag is accepted on a message \
         that declares a critical purpose.",
    ),
    source: Cow::Borrowed(
        "https://sellercentral.amazon.sa/seller-forums/discussions/t/127a23ce-b7d7-48d3-b3c8-be5260ac8c12",
    ),
    fix: Cow::Borrowed(
        "Remove `[Important]` from the subject. For a critical message, use Amazon's Contact \
         Buyer templates or the Messaging API.",
    ),
    example_bad: Cow::Borrowed("subject: \"[Important] A question about your engraving\""),
    example_good: Cow::Borrowed("subject: \"A question about your engraving\""),
    fixable: Applicability::Safe,
    languages: Vec::new(),
};

fn tag_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(
            r"(?:\[\s*|【\s*|\(\s*|«\s*)(?:important|importante|wichtig|dringend|urgent|urgente|重要)(?:\s*\]|\s*】|\s*\)|\s*»)[ \t:\-–]*",
        )
    })
}

impl Rule for ImportantTag {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "`[Important]` in a subject line, in any letter case and in its localized forms: `[Importante]`, `[Wichtig]`, `[Urgent]`, `【重要】`, `« Important »`, also in round brackets.

Under the `amazon` profile (2025) the tag is reported on every message. Under `amazon-2017` and `amazon-2020` (profile setting `important-tag-allowed-when-critical`) it is accepted on a message that declares a critical purpose (`customization`, `delivery-scheduling`, `address-issue`) and in which no rule found a non-critical purpose. The fix removes the tag.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let (Some(view), Some(field)) = (&mv.subject, &mv.message.subject) else {
                continue;
            };
            let Some(m) = tag_re().find(&view.text) else {
                continue;
            };
            let genuinely_critical =
                mv.message.declared_critical() && !has_purpose_finding(ctx, index, ID);
            if ctx.profile.settings.important_tag_allowed_when_critical && genuinely_critical {
                continue;
            }
            let tag = view.text[m.clone()]
                .trim_end_matches([' ', '\t', ':', '-', '–'])
                .to_string();
            let message = if ctx.profile.settings.important_tag_allowed_when_critical {
                format!("`{tag}` in the subject of a message that is not critical")
            } else {
                format!("`{tag}` in the subject no longer gets a message past a buyer's opt-out")
            };
            let mut finding =
                text_finding(ID, index, Field::Subject, view, field, m.clone(), message);
            finding.matched = Some(tag.clone());
            // A safe edit only when the exact source bytes are known.
            finding.fix = remove_words_fix(
                field,
                view,
                m,
                Applicability::Safe,
                format!("remove `{tag}` from the subject"),
            );
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_tags() {
        for s in [
            "[Important] Your order",
            "[IMPORTANT]: engraving",
            "[Importante] Su pedido",
            "[Wichtig] Gravur",
            "【重要】ご注文について",
            "« Important » commande",
        ] {
            assert!(tag_re().is_match(s), "{s}");
        }
        for s in ["An important question", "Important: your engraving"] {
            assert!(!tag_re().is_match(s), "{s}");
        }
    }
}
