//! `style/emoji`: emoji in the subject or the body.
//!
//! An emoji is a character shown as a picture by default (Unicode `Emoji_Presentation`:
//! 😊 🎉 ✨ 📦, flags), a pictograph asked to show as a picture (followed by U+FE0F, as in ❤️),
//! a keycap (1️⃣), or one of the few text pictographs every mail client draws as emoji (❤ ☺
//! ✌). Joined sequences (👍🏽, 👨‍👩‍👧) count as one. Text symbols such as ★ ☆ ✓ ♪ © ™ are
//! typography, not emoji, and are not reported: Japanese sellers write ratings as "★5", which
//! is `review/positive-only`'s business when it asks for five stars.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::support::remove_words_fix;
use crate::rules::support::{text_fields, text_finding};
use crate::rules::{Context, Rule, RuleMeta};
use regex::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct Emoji;

const ID: &str = "style/emoji";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("uses emoji"),
    why: Cow::Borrowed(
        "Emoji are on the list of styling that permitted messages may not contain in Amazon's \
         2020 Communication Guidelines (\"Emojis\"), together with GIFs and overridden fonts. \
         The list does not say whether it covers the subject line; this rule checks both, \
         since the subject is part of the message the buyer sees.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Remove the emoji; say it in words if it carried meaning."),
    example_bad: Cow::Borrowed("subject: \"Your engraving proof is ready 🎉\""),
    example_good: Cow::Borrowed("subject: \"Your engraving proof is ready\""),
    fixable: Applicability::Unsafe,
    languages: Vec::new(),
};

fn emoji_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let atom = r"(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\x{FE0F}|[0-9#*]\x{FE0F}?\x{20E3}|[\x{2764}\x{263A}\x{270C}\x{261D}\x{2708}])";
        let pattern = format!(
            r"{atom}(?:[\x{{FE0F}}\p{{Emoji_Modifier}}]|\x{{200D}}\p{{Extended_Pictographic}}\x{{FE0F}}?|{atom})*"
        );
        Regex::new(&pattern)
            .unwrap_or_else(|_| Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!()))
    })
}

/// The first char an emoji can start with: the lowest `Emoji_Presentation` char (U+231A
/// WATCH). A text pictograph below it (© ™ ↔) is an emoji only with U+FE0F after it, and a
/// keycap only with U+20E3 after its digit.
const FIRST_EMOJI_PRESENTATION: char = '\u{231A}';

/// Could `text` have an emoji? Without a char an emoji needs, it has none, and the regex
/// (whose Unicode emoji classes are slow to compile, which a pre-commit run would pay) is not
/// needed: plain ASCII mail, and Latin text with accents, `€`, `“”` and `–`.
fn may_have_emoji(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| c >= FIRST_EMOJI_PRESENTATION || c == '\u{20E3}')
}

impl Rule for Emoji {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Emoji in the subject or the body: characters shown as pictures by default (😊 🎉 ✨ 📦, flags), pictographs followed by the emoji selector U+FE0F (❤️), keycaps (1️⃣), and the few text pictographs mail clients draw as emoji anyway (❤ ☺ ✌ ☝ ✈). Joined sequences (👍🏽, 👨‍👩‍👧) are one finding.

Text symbols such as ★ ☆ ✓ ✔ ♪ © ® ™ are typography, not emoji, and are not reported: Japanese sellers write ratings as \"★5\", which `review/positive-only` reports when it asks for five stars.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            for (field, view, text_field) in text_fields(mv) {
                if !may_have_emoji(&view.text) {
                    continue;
                }
                for m in emoji_re().find_iter(&view.text) {
                    let mut finding = text_finding(
                        ID,
                        index,
                        field,
                        view,
                        text_field,
                        m.range(),
                        format!("emoji `{}`", m.as_str()),
                    );
                    // Drop one space before it too, so "ready 🎉" becomes "ready".
                    let spaced = view.text[..m.start()].ends_with(' ');
                    let from = if spaced { m.start() - 1 } else { m.start() };
                    finding.fix = remove_words_fix(
                        text_field,
                        view,
                        from..m.end(),
                        Applicability::Unsafe,
                        "remove the emoji".to_string(),
                    );
                    out.push(finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        emoji_re().find_iter(text).map(|m| m.as_str()).collect()
    }

    #[test]
    fn emoji_and_sequences() {
        assert_eq!(found("Ready 🎉!"), ["🎉"]);
        assert_eq!(found("I ❤️ it, I ❤ it"), ["❤️", "❤"]);
        assert_eq!(found("👍🏽 👨‍👩‍👧"), ["👍🏽", "👨‍👩‍👧"]);
        assert_eq!(found("press 1️⃣ now ✨📦"), ["1️⃣", "✨📦"]);
        assert_eq!(found("🇩🇪 quality"), ["🇩🇪"]);
    }

    /// No char below [`FIRST_EMOJI_PRESENTATION`] starts an emoji alone, so a text without
    /// such a char (nor a keycap) has none.
    #[test]
    fn texts_without_an_emoji_char_need_no_regex() {
        let presentation = Regex::new(r"\p{Emoji_Presentation}").unwrap();
        for c in ('\0'..FIRST_EMOJI_PRESENTATION).filter(|c| c.len_utf8() > 1) {
            let text = format!("a{c}b");
            assert!(!presentation.is_match(&text), "{c:?}");
            assert!(found(&text).is_empty(), "{c:?}");
            assert_eq!(may_have_emoji(&text), c == '\u{20E3}', "{c:?}");
        }
        for text in ["Ready 🎉!", "I ❤️ it", "press 1️⃣ now", "©\u{FE0F}", "⌚"] {
            assert!(may_have_emoji(text), "{text}");
        }
        assert!(!may_have_emoji("Grüße, 10 € – „danke“ © ™"));
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        assert!(found("★5のレビュー ☆ ✓ ✔ ♪ © ® ™ → 100% #1 *note*").is_empty());
    }
}
