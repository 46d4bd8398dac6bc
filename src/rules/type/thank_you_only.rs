//! `type/thank-you-only`: a message whose only purpose is to thank the buyer or to say the
//! seller is there to help.
//!
//! A message qualifies when it has a thank-you (in English, German, French, Spanish, Italian or
//! Japanese) and nothing else of substance: no earlier rule found a purpose (review request,
//! confirmation, tips, marketing, …), it declares no other purpose, carries no attachment, no
//! link the buyer could follow (a linked logo does not count) and no critical content, and
//! what is left once the thanks, the offers of help, the greeting and the sign-off are taken
//! out is a pleasantry of a few words. A thank-you inside an otherwise permitted message
//! (policy §7 question 12) is therefore never reported.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::links::{all_links, is_image_element, LinkSite};
use crate::rules::lazy_regex::GatedRegex;
use crate::rules::support::{
    constant_regex, field_view, has_purpose_finding, mentions_critical_content, text_finding,
};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TextView;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

pub struct ThankYouOnly;

const ID: &str = "type/thank-you-only";

/// More words than this outside thanks, help offers, greeting and sign-off are a purpose.
const MAX_OTHER_WORDS: usize = 25;

/// A thank-you or help sentence longer than this says something else too.
const MAX_THANKS_SENTENCE_WORDS: usize = 30;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("only thanks the buyer or offers help"),
    why: Cow::Borrowed(
        "Amazon's Communication Guidelines (2020) list messages \"that say only 'Thank you' or \
         that you are here to help if buyers have any problems\" among the messages sellers may \
         not send. A thank-you is fine inside a message that has a permitted purpose (an \
         invoice, a question about a customization); on its own it is an unsolicited message \
         and counts against the seller. The rule looks for thanks in English, German, French, \
         Spanish, Italian and Japanese, and fires only when nothing else of substance is left.",
    ),
    source: Cow::Borrowed(
        "https://www.junglescout.com/blog/amazon-updates-communication-guidelines/",
    ),
    fix: Cow::Borrowed(
        "Delete this message, or say thank you inside a message you are allowed to send (for \
         example the one that carries the invoice).",
    ),
    example_bad: Cow::Borrowed(
        "Hi {{buyer_name}}, thank you for shopping with us! If you have any questions, we're \
         here to help.",
    ),
    example_good: Cow::Borrowed(
        "Hi {{buyer_name}}, thank you for your order {{order_id}}. Your VAT invoice is attached.",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn thanks_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(concat!(
            r"\b(?:thank(?:s| you)|many thanks|grateful|we appreciate you|",
            r"danke\w*|dank(?:e|en)? (?:für|sehr|schön)|herzlichen dank|vielen dank|bedanken|",
            r"merci|remerci\w*|",
            r"gracias|agradec\w*|",
            r"grazie|ringrazi\w*)\b|",
            r"ありがとう|有難う|感謝|お礼|御礼"
        ))
    })
}

fn help_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(concat!(
            r"\b(?:here to help|here for you|here if you need|if you need (?:us|anything)|any questions|",
            r"don't hesitate|do not hesitate|feel free to (?:contact|reach|message|get in touch|reply)|",
            r"(?:just )?reply to this (?:message|email)|let us know if|happy to help|",
            r"für sie da|bei fragen|zögern sie nicht|(?:stehen|steht) (?:wir |ihnen )?(?:\w+ )?zur verfügung|",
            r"à votre (?:entière )?disposition|n'hésitez pas|n’hésitez pas|pour toute question|là pour vous aider|",
            r"aquí para ayudar\w*|a su (?:entera )?disposición|no dude en|cualquier (?:duda|pregunta|consulta)|",
            r"qui per aiutar\w*|a (?:tua|sua|vostra) (?:completa )?disposizione|non esitare|per qualsiasi)\b|",
            r"お問い合わせ|問い合わせ|ご不明な点|お気軽に|ご連絡ください"
        ))
    })
}

fn greeting_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(concat!(
            r"^\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe/r|liebe|lieber|",
            r"sehr geehrte\w*|guten tag|moin|bonjour|bonsoir|cher|chère|hola|estimad[oa]s?|buenos días|",
            r"buenas tardes|ciao|salve|gentile|car[oa]|buongiorno)\b[^,:;!\n]{0,40}[,:;!]?|",
            r"[^\n]{0,40}様)"
        ))
    })
}

fn closing_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(concat!(
            r"\b(?:regards|warmly|warm wishes|best wishes|cheers|sincerely|all the best|best|",
            r"grüße|grüßen|gruß|cordialement|bien à vous|à bientôt|amitiés|saludos|un saludo|",
            r"atentamente|cordiali saluti|saluti|a presto|un caro saluto)\b|",
            r"よろしくお願い|敬具"
        ))
    })
}

/// Words in a stretch of text: whitespace-separated tokens, and for CJK scripts (written
/// without spaces) one word per two characters.
fn word_count(text: &str) -> usize {
    let cjk = text
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF))
        .count();
    let spaced = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .filter(|w| {
            !w.chars().all(|c| {
                matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xFF00..=0xFFEF)
                    || !c.is_alphanumeric()
            })
        })
        .count();
    spaced + cjk.div_ceil(2)
}

/// Splits text into sentences and blocks: at sentence punctuation and at blank lines.
fn segments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '.' | '!' | '?' | '。' | '！' | '？' => {
                // `amazon.com`, `2.5`: not a sentence end.
                !(c == '.' && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()))
            }
            '\n' => text[end..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n'),
            _ => false,
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
    }
    out.push(start..text.len());
    out.into_iter()
        .filter(|r| text[r.clone()].chars().any(char::is_alphanumeric))
        .collect()
}

/// What is left of a body once thanks, help offers, greeting and sign-off are removed: the
/// number of words, and whether any of it asks a question.
struct Remainder {
    words: usize,
    question: bool,
    thanks: Option<Range<usize>>,
}

fn remainder(view: &TextView) -> Remainder {
    let text = view.text.as_str();
    let segs = segments(text);
    let mut rest = Remainder {
        words: 0,
        question: false,
        thanks: None,
    };
    let last = segs.len().saturating_sub(1);
    for (n, seg) in segs.iter().enumerate() {
        let mut s = &text[seg.clone()];
        let mut offset = seg.start;
        if n == 0 {
            if let Some(m) = greeting_re().find(s) {
                offset += m.end;
                s = &s[m.end..];
            }
        }
        // Placeholders are names and products, not content.
        let plain: String = crate::placeholder::find_placeholders(s).iter().rev().fold(
            s.to_string(),
            |mut acc, p| {
                acc.replace_range(p.range.clone(), " ");
                acc
            },
        );
        let words = word_count(&plain);
        // A long sentence that also thanks ("Thank you for your order; to descale the kettle,
        // …") still carries content, so only short thanks and help sentences are set aside.
        let short = words <= MAX_THANKS_SENTENCE_WORDS;
        if let Some(m) = thanks_re().find(s) {
            rest.thanks.get_or_insert(offset + m.start..offset + m.end);
            if short {
                continue;
            }
        } else if short && help_re().is_match(s) {
            continue;
        }
        let is_signoff = closing_re().is_match(s) && words <= 8;
        // The last lines without sentence punctuation are the signature.
        let is_signature = n >= last.saturating_sub(1)
            && words <= 6
            && !s.trim_end().ends_with(['.', '!', '?', '。', '！', '？']);
        if is_signoff || is_signature {
            continue;
        }
        rest.words += words;
        rest.question |= s.contains(['?', '？']);
    }
    rest
}

/// A link the buyer can follow in this view (a link that only wraps an image, such as a
/// logo, is left to `content/logo-with-link`).
fn has_followable_link(view: &TextView) -> bool {
    let wraps_image = |element: usize| {
        view.html.as_ref().is_some_and(|scan| {
            scan.elements
                .iter()
                .any(|e| is_image_element(e) && e.inside_link == Some(element))
        })
    };
    all_links(view).iter().any(|l| {
        if l.is_image {
            return false;
        }
        match &l.site {
            LinkSite::Attr { element, .. } => !wraps_image(*element),
            LinkSite::Text { .. } => true,
        }
    })
}

/// Declared purposes that mean "just a thank-you".
fn thanks_purpose(purpose: &str) -> bool {
    let p = crate::model::normalize_purpose(purpose);
    matches!(
        p.as_str(),
        "thank-you" | "thanks" | "thank-you-note" | "welcome" | "other"
    )
}

impl Rule for ThankYouOnly {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A message that thanks the buyer (in English, German, French, Spanish, Italian or Japanese) or offers help, and has nothing else to say. Once the thanks, the offers of help (\"we're here to help\", \"bei Fragen sind wir für Sie da\", \"お気軽にお問い合わせください\"), the greeting and the sign-off are taken out, at most a pleasantry of a few words may be left, and no question.

Never reported: a message in which another rule found a purpose (a review request, a confirmation, tips, marketing), a message with a declared purpose other than a thank-you, an attachment, a link the buyer can follow (a linked logo does not count), or critical content (an engraving, a delivery slot, an address problem). A thank-you inside a permitted message is fine.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let m = mv.message;
            if m.declared_critical()
                || m.purpose
                    .as_ref()
                    .is_some_and(|p| !thanks_purpose(&p.value))
                || !m.attachments.is_empty()
                || has_purpose_finding(ctx, index, ID)
            {
                continue;
            }
            let subject = mv.subject.as_ref();
            if mentions_critical_content(&mv.body.text)
                || subject.is_some_and(|s| mentions_critical_content(&s.text))
                || has_followable_link(&mv.body)
                || subject.is_some_and(has_followable_link)
            {
                continue;
            }
            let body = remainder(&mv.body);
            if body.words > MAX_OTHER_WORDS || body.question {
                continue;
            }
            // Point at the thanks: in the body, or else in the subject (a body that only offers
            // help under a "Thank you!" subject is the same message).
            let at = match body.thanks {
                Some(r) => Some((Field::Body, r)),
                None => subject
                    .and_then(|s| thanks_re().find(&s.text))
                    .map(|m| (Field::Subject, m)),
            };
            let Some((field, range)) = at else {
                continue;
            };
            let Some((view, text_field)) = field_view(mv, field) else {
                continue;
            };
            let words = view.text.get(range.clone()).unwrap_or("thanks").to_string();
            out.push(text_finding(
                ID,
                index,
                field,
                view,
                text_field,
                range,
                format!(
                    "this message only says thank you (`{words}`) or offers help; a message with no other purpose is not allowed"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(text: &str) -> (usize, bool, bool) {
        let r = remainder(&TextView::plain(text));
        (r.words, r.question, r.thanks.is_some())
    }

    #[test]
    fn thanks_and_help_leave_little() {
        let (words, q, thanks) = rest(
            "Hi {{buyer_name}},\n\nThank you so much for shopping with us. We're a family \
             business.\n\nIf you have any questions, we're here to help.\n\nWarmly,\nThe Team",
        );
        assert!(thanks && !q && words <= 5, "{words}");
        let (words, _, thanks) = rest(
            "{{buyer_name}} 様\n\nこの度は当店をお選びいただき、誠にありがとうございます。\n\
             何かご不明な点がございましたら、お気軽にお問い合わせください。\n\n土鍋の店 いろり",
        );
        assert!(thanks && words == 0, "{words}");
    }

    #[test]
    fn substance_remains() {
        let (words, _, _) = rest(
            "Thanks for your order! To keep the pan from rusting, dry it on the stove after \
             washing, rub a thin layer of oil into the surface, and store it in a dry place away \
             from the sink. Never soak it overnight.",
        );
        assert!(words > MAX_OTHER_WORDS, "{words}");
        let (_, q, _) = rest("Thank you! Which colour would you like?");
        assert!(q);
        let (words, _, _) = rest(
            "Thank you for your order, and here is how to keep the pan from rusting: dry it on \
             the stove after every wash, rub a thin layer of oil into it while warm, and store it \
             somewhere dry away from the sink.",
        );
        assert!(words > MAX_OTHER_WORDS, "{words}");
    }
}
