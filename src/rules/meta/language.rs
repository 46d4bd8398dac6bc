//! `meta/language`: the body is written in another language than the sequence's (declared
//! with `language:`, or the marketplace's).
//!
//! Detection uses [`crate::language::detect`]: placeholders, links, e-mail addresses and numbers
//! are removed first, and the rule stays silent unless the text is long enough and the detector
//! confident, because a wrong language accusation is worse than a missed one.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::language::{detect, prose};
use crate::rules::meta::order_id_missing::first_line;
use crate::rules::support::text_finding;
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Language;

const ID: &str = "meta/language";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("is written in another language than the buyer's"),
    why: Cow::Borrowed(
        "Since 2020 proactive messages must be written in the buyer's language of preference, \
         in every marketplace; when the seller cannot know it, that is the marketplace's \
         language. A Spanish-preferring buyer on amazon.com must not get English text. The \
         sequence's `language:` (or its marketplace) says which language the buyers read.",
    ),
    source: Cow::Borrowed(
        "https://sellercentral.amazon.com/forums/t/updated-communications-guidelines-for-buyer-seller-messaging/694586",
    ),
    fix: Cow::Borrowed(
        "Write the message in the sequence's language, or declare the language the buyers \
         really read with `language:`.",
    ),
    example_bad: Cow::Borrowed(
        "marketplace: amazon.de\nbody: \"Thank you for your order! Here is the invoice you asked for.\"",
    ),
    example_good: Cow::Borrowed(
        "marketplace: amazon.de\nbody: \"Vielen Dank für Ihre Bestellung! Anbei die gewünschte Rechnung.\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "ja" => "Japanese",
        "nl" => "Dutch",
        "sv" => "Swedish",
        "pl" => "Polish",
        "tr" => "Turkish",
        "ar" => "Arabic",
        "pt" => "Portuguese",
        "zh" => "Chinese",
        other => other,
    }
}

impl Rule for Language {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A message whose body is, with confidence, written in another language than the sequence's: the declared `language:`, else the marketplace's (amazon.de: German, amazon.co.jp: Japanese, …). Placeholders, links, e-mail addresses and numbers are removed before detection (with whatlang), and bodies shorter than about 40 letters (12 CJK characters) or detected with low confidence are not judged, so mixed-in product names and short notes do not fire.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let want = ctx.sequence.language.value.as_str();
        for (index, mv) in ctx.each_message() {
            let Some(found) = detect(&prose(&mv.body)) else {
                continue;
            };
            if found == want {
                continue;
            }
            let why = if ctx.sequence.language_declared {
                "the sequence's language".to_string()
            } else {
                format!("the language of {}", ctx.sequence.marketplace.value)
            };
            out.push(text_finding(
                ID,
                index,
                Field::Body,
                &mv.body,
                &mv.message.body,
                first_line(&mv.body.text),
                format!(
                    "the message is written in {}, but buyers here read {} ({why})",
                    language_name(found),
                    language_name(want)
                ),
            ));
        }
    }
}
