//! What structural rules share: building findings that point at text, fields or values; the
//! message classification they build on (is this a review request? does it carry critical
//! content?); and send times relative to delivery.

use crate::diagnostic::{Applicability, Edit, Field, Finding, Fix};
use crate::links::{all_links, LinkSite};
use crate::model::{Located, Message, TextField, Trigger};
use crate::placeholder::PlaceholderKind;
use crate::rules::lazy_regex::{GatedAlternatives, GatedRegex};
use crate::rules::{Context, Mark, MessageView};
use crate::text::TextView;
use std::ops::Range;
use std::sync::OnceLock;

/// The phrase rule that classifies review and seller-feedback requests.
pub const FEEDBACK_REQUEST: &str = "unsolicited/feedback-request";

/// Rule categories whose findings say what a message is *for* (as opposed to content or style
/// problems, which any message can have).
pub const PURPOSE_CATEGORIES: [&str; 5] =
    ["unsolicited/", "type/", "review/", "feedback/", "critical/"];

/// A constant pattern (case-insensitive), compiled on the first text that has its words (see
/// [`GatedRegex`]). The patterns are literals in this crate, so a failure is a bug that the
/// unit tests catch; such a pattern never matches.
pub fn constant_regex(pattern: &str) -> GatedRegex {
    GatedRegex::new(pattern)
}

/// The view and the field of a message's subject or body.
pub fn field_view<'a>(
    mv: &'a MessageView<'a>,
    field: Field,
) -> Option<(&'a TextView, &'a TextField)> {
    match field {
        Field::Subject => match (&mv.subject, &mv.message.subject) {
            (Some(v), Some(f)) => Some((v, f)),
            _ => None,
        },
        Field::Body => Some((&mv.body, &mv.message.body)),
        _ => None,
    }
}

/// The subject (if any) and the body, with their field names.
pub fn text_fields<'a>(mv: &'a MessageView<'a>) -> Vec<(Field, &'a TextView, &'a TextField)> {
    [Field::Subject, Field::Body]
        .into_iter()
        .filter_map(|f| field_view(mv, f).map(|(v, t)| (f, v, t)))
        .collect()
}

/// A finding about words of a view.
pub fn text_finding(
    rule: &str,
    index: usize,
    field: Field,
    view: &TextView,
    text_field: &TextField,
    view_range: Range<usize>,
    message: String,
) -> Finding {
    let matched = view
        .text
        .get(view_range.clone())
        .map(|s| s.trim().to_string());
    Finding {
        rule: rule.to_string(),
        message_index: index,
        field,
        span: text_field.source_range(view.value_range(view_range)),
        message,
        matched,
        help: None,
        fix: None,
    }
}

/// A finding about bytes of a field value (an HTML attribute, say).
pub fn value_finding(
    rule: &str,
    index: usize,
    field: Field,
    text_field: &TextField,
    value_range: Range<usize>,
    message: String,
) -> Finding {
    let matched = text_field
        .value
        .get(value_range.clone())
        .map(str::to_string);
    Finding {
        rule: rule.to_string(),
        message_index: index,
        field,
        span: text_field.source_range(value_range),
        message,
        matched,
        help: None,
        fix: None,
    }
}

/// A finding about a link or web address of a subject or body, wherever it was written: in
/// the visible text or in an attribute of the markup.
pub fn link_finding(
    rule: &str,
    index: usize,
    field: Field,
    view: &TextView,
    text_field: &TextField,
    link: &crate::links::Link,
    message: String,
) -> Finding {
    match &link.site {
        LinkSite::Text { view: r } => {
            text_finding(rule, index, field, view, text_field, r.clone(), message)
        }
        LinkSite::Attr { value, .. } => {
            value_finding(rule, index, field, text_field, value.clone(), message)
        }
    }
}

/// Reports each link of the subjects and bodies of the messages a rule checks for which
/// `message` has words, once per message: a link and the same address written as its text
/// (or twice) count once.
pub fn report_links_once(
    ctx: &Context<'_>,
    rule: &str,
    out: &mut Vec<Finding>,
    message: impl Fn(&crate::links::Link) -> Option<String>,
) {
    for (index, mv) in ctx.each_message() {
        let mut seen = std::collections::HashSet::new();
        for (field, view, text_field) in text_fields(mv) {
            for link in all_links(view) {
                let Some(words) = message(link) else {
                    continue;
                };
                if seen.insert(link.key()) {
                    out.push(link_finding(
                        rule, index, field, view, text_field, link, words,
                    ));
                }
            }
        }
    }
}

/// A finding about a located value (trigger, delay, an attachment, the id).
pub fn located_finding<T>(
    rule: &str,
    index: usize,
    field: Field,
    at: &Located<T>,
    message: String,
) -> Finding {
    Finding {
        rule: rule.to_string(),
        message_index: index,
        field,
        span: at.span.clone(),
        message,
        matched: None,
        help: None,
        fix: None,
    }
}

/// Where a message-level finding points when nothing smaller is to blame: the message id.
pub fn message_finding(rule: &str, index: usize, message: &Message, text: String) -> Finding {
    located_finding(rule, index, Field::Id, &message.id, text)
}

/// Evidence that message `index` asks for a product review or seller feedback: the span of
/// the phrase rule's finding, of a review-link placeholder, or of a link to Amazon's review or
/// feedback pages. `None` when it is not a review request.
///
/// On a message that declares a critical purpose and carries critical content (an engraving
/// proof to "review", a preview to check), the phrase rule's word is not taken alone: only a
/// review link proves a review request there, so a critical message is never counted wrongly.
pub fn review_request(ctx: &Context<'_>, index: usize) -> Option<(Field, Range<usize>)> {
    let mv = ctx.message(index)?;
    let critical = mv.message.declared_critical()
        && (mentions_critical_content(&mv.body.text)
            || mv
                .subject
                .as_ref()
                .is_some_and(|s| mentions_critical_content(&s.text)));
    if let Some(f) = ctx
        .findings_on(index)
        .find(|f| f.rule == FEEDBACK_REQUEST)
        .filter(|_| !critical)
    {
        return Some((f.field, f.span.clone()));
    }
    for (field, view, text_field) in text_fields(mv) {
        if let Some(p) = view
            .placeholders
            .iter()
            .find(|p| p.kind == PlaceholderKind::ReviewLink)
        {
            return Some((field, text_field.source_range(p.value.clone())));
        }
        for link in all_links(view) {
            let lower = link.url.to_ascii_lowercase();
            let is_review_page = link.placeholder == Some(PlaceholderKind::ReviewLink)
                || link
                    .host
                    .as_deref()
                    .is_some_and(crate::links::is_amazon_host)
                    && (lower.contains("/review/")
                        || lower.contains("create-review")
                        || lower.contains("/feedback")
                        || lower.contains("review-your-purchases"));
            if is_review_page {
                return Some((field, text_field.source_range(link.value_range(view))));
            }
        }
    }
    None
}

/// Hours after delivery at which a message goes out, when its trigger is `delivered`.
pub fn hours_after_delivery(message: &Message) -> Option<u64> {
    let trigger = message.trigger.as_ref()?;
    (trigger.value == Trigger::Delivered)
        .then(|| message.delay_hours.as_ref().map_or(0, |d| d.value))
}

/// `96h` → "4 days", `36h` → "1.5 days", `24h` → "1 day".
pub fn describe_hours(hours: u64) -> String {
    if hours % 24 == 0 {
        let d = hours / 24;
        if d == 1 {
            "1 day".to_string()
        } else {
            format!("{d} days")
        }
    } else {
        format!("{:.1} days", hours as f64 / 24.0)
    }
}

/// Does `text` have words that only a genuinely critical message carries: a question about a
/// customization (engraving, monogram, proof, size, colour), delivery scheduling (a slot, an
/// appointment, a freight delivery), or a problem with the shipping address? In the six
/// languages.
pub fn mentions_critical_content(text: &str) -> bool {
    critical_words().is_match(text)
}

/// The words of [`mentions_critical_content`].
fn critical_words() -> &'static GatedAlternatives {
    static WORDS: OnceLock<GatedAlternatives> = OnceLock::new();
    WORDS.get_or_init(|| {
        GatedAlternatives::new(
            &[
                // en
                r"engrav\w*",
                r"monogram\w*",
                r"personali[sz]ation",
                r"custom (?:text|name|design|order)",
                r"(?:design |digital )?proofs?\b",
                r"mock-?up",
                r"artwork",
                r"initials",
                r"which (?:font|colou?r|size|length|initials|thread)",
                r"which \w+ (?:looks|would you|do you|should we)",
                r"previews?",
                r"crop (?:looks|choice)",
                r"thread colou?r",
                r"(?:another|which) shade",
                r"delivery (?:date|day|slot|window|time|appointment)",
                r"time slot",
                r"book (?:a|the|your) (?:slot|delivery|installation)",
                r"schedul\w+ (?:the |your |a )?(?:delivery|installation)",
                r"curbside",
                r"freight",
                r"(?:shipping|delivery) address",
                r"address (?:is|was|on your order)",
                r"suite (?:number|no)",
                r"apartment number",
                r"flat number",
                r"house number",
                r"unit number",
                r"zip code",
                r"postal code",
                r"postcode",
                // de
                r"gravur\w*",
                r"korrekturabzug",
                r"liefertermin\w*",
                r"zustelltermin",
                r"lieferadresse",
                r"hausnummer",
                r"postleitzahl",
                r"personalisierung",
                // fr
                r"gravure",
                r"personnalisation",
                r"maquette",
                r"bon à tirer",
                r"créneau",
                r"rendez-vous de livraison",
                r"adresse de livraison",
                r"numéro de rue",
                r"code postal",
                // es
                r"grabado",
                r"personalización",
                r"franja horaria",
                r"dirección (?:de envío|de entrega|incompleta)",
                r"código postal",
                r"número de (?:calle|portal|piso)",
                // it
                r"incisione",
                r"personalizzazione",
                r"bozza",
                r"fascia oraria",
                r"indirizzo di (?:consegna|spedizione)",
                r"numero civico",
                r"codice postale",
                r"cap\b",
            ],
            // ja (no word boundaries)
            &[
                "刻印",
                "名入れ",
                "配達日時",
                "お届け日時",
                "配達希望",
                "住所",
                "番地",
                "郵便番号",
                "プレビュー",
            ],
        )
    })
}

/// True when an earlier finding on message `index` is in one of the purpose categories.
pub fn has_purpose_finding(ctx: &Context<'_>, index: usize, except: &str) -> bool {
    ctx.findings_on(index)
        .any(|f| f.rule != except && PURPOSE_CATEGORIES.iter().any(|c| f.rule.starts_with(c)))
}

/// A fix that deletes words of a subject or body (a view range), offered only when the words'
/// source bytes are known exactly; `None` leaves the rule's advice in words.
pub fn remove_words_fix(
    field: &TextField,
    view: &TextView,
    view_range: Range<usize>,
    applicability: Applicability,
    title: String,
) -> Option<Fix> {
    let range = field.map.source_range(view.value_range(view_range))?;
    Some(Fix {
        applicability,
        title,
        edits: vec![Edit {
            range,
            replacement: String::new(),
        }],
    })
}

/// An HTML subject or body of a message a rule checks.
pub struct HtmlField<'a> {
    /// Index of the message in its sequence.
    pub index: usize,
    pub field: Field,
    pub view: &'a TextView,
    pub text_field: &'a TextField,
    pub scan: &'a crate::html::HtmlScan,
}

impl HtmlField<'_> {
    /// A finding about bytes of the field value (a tag, an attribute value).
    pub fn finding(&self, rule: &str, value_range: Range<usize>, message: String) -> Finding {
        value_finding(
            rule,
            self.index,
            self.field,
            self.text_field,
            value_range,
            message,
        )
    }
}

/// The HTML subjects and bodies of the messages a rule checks, in order (plain-text fields
/// are left out).
pub fn html_fields<'a>(ctx: &Context<'a>) -> Vec<HtmlField<'a>> {
    let mut out = Vec::new();
    for (index, mv) in ctx.each_message() {
        for (field, view, text_field) in text_fields(mv) {
            if let Some(scan) = &view.html {
                out.push(HtmlField {
                    index,
                    field,
                    view,
                    text_field,
                    scan,
                });
            }
        }
    }
    out
}

/// An HTML image in a message's subject or body, with what a rule needs to report on it.
pub struct HtmlImage<'a> {
    /// Index of the message in its sequence.
    pub index: usize,
    pub field: Field,
    pub text_field: &'a TextField,
    pub scan: &'a crate::html::HtmlScan,
    pub element: &'a crate::html::Element,
}

/// Every HTML image (`<img>` and the like) in the subjects and bodies of the messages a rule
/// checks, in order.
pub fn html_images<'a>(ctx: &Context<'a>) -> Vec<HtmlImage<'a>> {
    let mut out = Vec::new();
    for f in html_fields(ctx) {
        for element in f
            .scan
            .elements
            .iter()
            .filter(|e| crate::links::is_image_element(e))
        {
            out.push(HtmlImage {
                index: f.index,
                field: f.field,
                text_field: f.text_field,
                scan: f.scan,
                element,
            });
        }
    }
    out
}

/// A CSS declaration in the HTML of a message's subject or body: in the `style` attribute of
/// an element, or in a `<style>` sheet.
pub struct HtmlStyle<'a> {
    /// Index of the message in its sequence.
    pub index: usize,
    pub field: Field,
    pub text_field: &'a TextField,
    /// The element whose `style` attribute holds the declaration; `None` in a sheet.
    pub element: Option<&'a crate::html::Element>,
    /// The CSS the declaration's ranges refer to: the attribute's value (entities decoded) or
    /// the sheet's text.
    pub css: &'a str,
    /// The declaration, and where it was read from in the field value.
    found: &'a crate::css::HtmlDeclaration,
}

impl<'a> HtmlStyle<'a> {
    /// The declaration (its ranges are offsets into [`HtmlStyle::css`]).
    pub fn declaration(&self) -> &'a crate::css::Declaration {
        &self.found.declaration
    }

    /// A range of [`HtmlStyle::css`] as a range of the field value: exact when the CSS was
    /// written without entities, else the whole attribute value.
    pub fn field_range(&self, css_range: Range<usize>) -> Range<usize> {
        let source = &self.found.source;
        if self.found.exact {
            source.start + css_range.start..source.start + css_range.end
        } else {
            source.clone()
        }
    }

    /// A finding about bytes of the declaration (a CSS range).
    pub fn finding(&self, rule: &str, css_range: Range<usize>, message: String) -> Finding {
        value_finding(
            rule,
            self.index,
            self.field,
            self.text_field,
            self.field_range(css_range),
            message,
        )
    }
}

/// Every CSS declaration in the HTML subjects and bodies of the messages a rule checks, in
/// source order within each field: `<style>` sheets first, then `style` attributes. Each
/// field's CSS is read once, for all the styling rules (see [`TextView::css`]).
pub fn html_styles<'a>(ctx: &Context<'a>) -> Vec<HtmlStyle<'a>> {
    let mut out = Vec::new();
    for f in html_fields(ctx) {
        let value = f.text_field.value.as_str();
        for found in f.view.css(value) {
            let element = found.element.and_then(|at| f.scan.elements.get(at));
            let css = match element {
                Some(el) => el.attr("style").map_or("", |a| a.value.as_str()),
                None => value.get(found.source.clone()).unwrap_or(""),
            };
            out.push(HtmlStyle {
                index: f.index,
                field: f.field,
                text_field: f.text_field,
                element,
                css,
                found,
            });
        }
    }
    out
}

/// Does a diagnostic of this rule say the message is a non-critical type (so that it is not
/// delivered to buyers who opted out, whatever its `purpose` says)?
pub fn disqualifies_critical(rule: &str) -> bool {
    const TYPE_CATEGORIES: [&str; 4] = ["unsolicited/", "type/", "review/", "feedback/"];
    // Rules outside those categories that only fire on review or feedback requests, or on a
    // message whose content is not critical.
    const TYPE_RULES: [&str; 5] = [
        "critical/not-critical-content",
        "sequence/repeat-review-request",
        "sequence/request-a-review-plus-custom",
        "timing/review-window",
        "timing/feedback-too-early",
    ];
    TYPE_CATEGORIES.iter().any(|c| rule.starts_with(c)) || TYPE_RULES.contains(&rule)
}

/// Where message `index` of `messages` comes in the order buyers get them: by trigger (order
/// placed, shipped, delivered; none counts as order placed), then delay, then the order in
/// the file. Sequence rules that name "the first" of something sort by it.
pub fn send_order(messages: &[Message], index: usize) -> (u8, u64, usize) {
    let m = messages.get(index);
    let trigger = match m.and_then(|m| m.trigger.as_ref()).map(|t| t.value) {
        Some(Trigger::OrderPlaced) | None => 0,
        Some(Trigger::Shipped) => 1,
        Some(Trigger::Delivered) => 2,
    };
    let delay = m
        .and_then(|m| m.delay_hours.as_ref())
        .map_or(0, |d| d.value);
    (trigger, delay, index)
}

/// The messages a sequence rule [marked](crate::rules::Rule::mark), with their marks, in send
/// order (see [`send_order`]).
pub fn marked_in_send_order<'c>(ctx: &Context<'c>) -> Vec<(usize, &'c Mark)> {
    let mut marked: Vec<(usize, &Mark)> = ctx
        .marks
        .iter()
        .enumerate()
        .filter_map(|(i, mark)| Some((i, mark.as_ref()?)))
        .collect();
    marked.sort_by_key(|&(i, _)| send_order(&ctx.sequence.messages, i));
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small run asks the words one by one, a big run their alternation: both find the same.
    #[test]
    fn critical_words_one_by_one_find_what_their_alternation_finds() {
        assert!(critical_words().parts_agree_with_whole_on_corpus() > 100);
    }

    #[test]
    fn critical_cues_in_six_languages() {
        for t in [
            "Which thread colour would you like for the monogram?",
            "we'd welcome your feedback on which crop looks best - both previews are attached",
            "The suite number is missing from your shipping address.",
            "Bitte nennen Sie uns Ihren Wunschtermin für den Liefertermin.",
            "Pouvez-vous valider la maquette ?",
            "¿Qué franja horaria le viene mejor?",
            "Ci manca il numero civico.",
            "配達日時のご希望をお知らせください。",
        ] {
            assert!(mentions_critical_content(t), "{t}");
        }
        for t in [
            "Thank you for your order!",
            "Customize your next umbrella on our site",
            "Vielen Dank für Ihren Einkauf.",
        ] {
            assert!(!mentions_critical_content(t), "{t}");
        }
    }

    #[test]
    fn hours_read_as_days() {
        assert_eq!(describe_hours(96), "4 days");
        assert_eq!(describe_hours(24), "1 day");
        assert_eq!(describe_hours(36), "1.5 days");
    }
}
