//! What a message's words show about a critical purpose when its `purpose:` does not say so:
//! a paragraph that asks the buyer something (a question, "please reply", "bitte", "ください")
//! about a customization (engraving, artwork, font), a delivery appointment (delivery slot,
//! freight) or the shipping address (suite number, ZIP code). A topic word alone is not enough:
//! "your engraved board has shipped" informs, it does not ask.
//!
//! Deliberately conservative: a message wrongly judged critical would be reported as reaching
//! buyers who opted out. Patterns cover the phrase languages (en de fr es it ja); they all run
//! on every message, because sellers mix English into every marketplace.

use super::CriticalPurpose;
use crate::rules::lazy_regex::{words_regex, GatedAlternatives, GatedRegex, LazilyIndexed};
use std::sync::OnceLock;

struct Patterns {
    /// Phrases whose words look like a topic but are not one (`email address`).
    not_topic: GatedRegex,
    ask: GatedAlternatives,
    topics: Vec<(CriticalPurpose, GatedAlternatives)>,
}

/// Case-insensitive; `words` get word boundaries, `cjk` (no spaces between words) do not.
/// Compiled on the first text that has the words (see [`GatedAlternatives`]). The patterns are
/// constants checked by the tests below; one that does not compile matches nothing, which
/// keeps a release build from panicking.
fn build(words: &[&str], cjk: &[&str]) -> GatedAlternatives {
    GatedAlternatives::new(words, cjk)
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        not_topic: GatedRegex::new(&words_regex(
            &[
                r"e-?mail\s+address(?:es)?",
                r"web\s*address(?:es)?",
                r"ip\s+address(?:es)?",
                r"return\s+address(?:es)?",
                r"proofs?\s+of\s+(?:purchase|delivery|shipment)",
                r"e-?mail-?adresse",
                r"adresse\s+e-?mail",
            ],
            &["メールアドレス"],
        )),
        ask: build(
            &[
                // en
                r"(?:please|kindly)\s+(?:reply|respond|confirm|send|let\s+us\s+know|choose|select|pick|upload|provide|check|tell|share|verify|update|book|schedule|approve)",
                r"reply\s+(?:with|to\s+this|here|before|by)",
                r"please\s+(?:review|approve)\s+(?:the|your)",
                r"let\s+us\s+know",
                r"we\s+(?:need|require)",
                r"could\s+you",
                r"can\s+you",
                r"would\s+you\s+(?:like|prefer)",
                // de
                r"bitte",
                r"teilen\s+sie\s+uns",
                r"antworten\s+sie",
                r"(?:benötigen|brauchen)\s+wir",
                r"wir\s+(?:benötigen|brauchen)",
                r"lassen\s+sie\s+uns\s+wissen",
                r"geben\s+sie\s+uns",
                // fr
                r"merci\s+de",
                r"veuillez",
                r"pourriez-vous",
                r"pouvez-vous",
                r"r[ée]pondez",
                r"indiquez",
                r"confirmez",
                r"nous\s+avons\s+besoin",
                // es
                r"por\s+favor",
                r"responda",
                r"resp[óo]ndanos",
                r"confirme",
                r"ind[ií]quenos",
                r"ind[ií]carnos\w*",
                r"respondiendo",
                r"necesitamos",
                r"podr[ií]a",
                // it
                r"per\s+favore",
                r"rispond\w+",
                r"conferm\w+",
                r"indicarci",
                r"indicarcel\w*",
                r"rispondendo",
                r"ci\s+serve",
                r"abbiamo\s+bisogno",
                r"potrebbe",
                r"potresti",
            ],
            &[r"[?？¿]", "ください", "下さい", "お願い", "ご返信", "ご連絡", "教えて"],
        ),
        topics: vec![
            (
                CriticalPurpose::AddressIssue,
                build(
                    &[
                        // en
                        r"address",
                        r"suite",
                        r"apartment",
                        r"apt",
                        r"unit\s+(?:number|no)",
                        r"flat\s+(?:number|no)",
                        r"house\s+number",
                        r"zip(?:\s*code)?",
                        r"post\s*code",
                        r"postal\s+code",
                        r"p\.?\s?o\.?\s+box",
                        r"buzzer",
                        r"gate\s+code",
                        // de (and fr `adresse`)
                        r"adresse",
                        r"anschrift",
                        r"hausnummer",
                        r"postleitzahl",
                        r"plz",
                        r"lieferadresse",
                        r"packstation",
                        r"wohnungsnummer",
                        // fr
                        r"code\s+postal",
                        r"num[ée]ro\s+de\s+(?:rue|porte|appartement)",
                        r"digicode",
                        r"interphone",
                        r"b[âa]timent",
                        // es
                        r"direcci[óo]n",
                        r"c[óo]digo\s+postal",
                        r"n[úu]mero\s+de\s+(?:calle|piso|portal)",
                        // it (`CAP` only in capitals: `cap` is an English word)
                        r"indirizzo",
                        r"numero\s+civico",
                        r"(?-i:CAP)",
                        r"citofono",
                    ],
                    &["住所", "番地", "部屋番号", "郵便番号", "建物名"],
                ),
            ),
            (
                CriticalPurpose::DeliveryScheduling,
                build(
                    &[
                        // en
                        r"delivery\s+(?:date|day|time|slot|window|appointment)s?",
                        r"time\s+slots?",
                        r"(?:schedule|book|arrange|pick|choose)\s+(?:a\s+|the\s+|your\s+)?(?:delivery|installation|install)",
                        r"freight",
                        r"curbside",
                        r"white[- ]glove",
                        r"installation\s+(?:date|appointment)s?",
                        // de
                        r"liefertermin\w*",
                        r"liefertag\w*",
                        r"zustelltermin\w*",
                        r"lieferfenster",
                        r"zeitfenster",
                        r"spedition",
                        r"anlieferung",
                        // fr
                        r"cr[ée]neau\w*",
                        r"rendez-vous\s+de\s+livraison",
                        r"(?:date|jour)\s+de\s+livraison",
                        // es
                        r"franjas?\s+(?:horaria|de\s+(?:mañana|tarde))",
                        r"cita\s+previa",
                        r"(?:fecha|d[ií]a|cita|horario)\s+de\s+entrega",
                        // it
                        r"fascia\s+oraria",
                        r"(?:data|giorno)\s+di\s+consegna",
                        r"appuntamento\s+(?:di|per\s+la)\s+consegna",
                    ],
                    &["配達日", "配送日", "お届け日", "日時指定", "時間帯", "配達時間", "お届け時間"],
                ),
            ),
            (
                CriticalPurpose::Customization,
                build(
                    &[
                        // en
                        r"engrav(?:e|ing|ings)",
                        r"personali[sz]ation",
                        r"monogram\w*",
                        r"inscription",
                        r"lettering",
                        r"fonts?",
                        r"typefaces?",
                        r"initials",
                        r"embroider\w*",
                        r"artwork",
                        r"mock-?ups?",
                        r"(?:the|your|a|design|digital|print|engraving)\s+proofs?",
                        r"custom(?:i[sz]ed|i[sz]ation)?\s+(?:text|design|details|name|message|print|wording)",
                        r"(?:ring|wrist|band|collar)\s+size",
                        r"gift\s+(?:note|message)",
                        r"thread\s+colou?rs?",
                        r"(?:logo|print|text|name)\s+(?:size|placement|position)",
                        r"made[- ]to[- ]order",
                        r"custom[- ]made",
                        r"bespoke",
                        r"(?:fabric|colou?r|finish|size)\s+(?:choices?|options?|swatch(?:es)?)",
                        // de
                        r"gravur\w*",
                        r"gravieren",
                        r"personalisierung",
                        r"wunschtext",
                        r"monogramm\w*",
                        r"schriftart\w*",
                        r"korrekturabzug\w*",
                        r"druckvorlage\w*",
                        // fr
                        r"gravure",
                        r"graver",
                        r"personnalisation",
                        r"texte\s+(?:à|a)\s+graver",
                        r"monogramme",
                        r"police\s+d'[ée]criture",
                        r"typographie",
                        r"maquette",
                        r"bon\s+à\s+tirer",
                        // es
                        r"grabado",
                        r"grabar",
                        r"personalizaci[óo]n",
                        r"monograma",
                        r"tipograf[ií]a",
                        r"boceto",
                        r"prueba\s+de\s+(?:diseño|grabado|impresi[óo]n)",
                        // it
                        r"incisione",
                        r"incidere",
                        r"personalizzazione",
                        r"monogramma",
                        r"bozza",
                        r"anteprima",
                    ],
                    &["刻印", "名入れ", "彫刻", "書体", "フォント", "校正", "プレビュー", "文字入れ"],
                ),
            ),
        ],
    })
}

/// Splits text into paragraphs at blank lines; hard-wrapped lines of one paragraph stay
/// together (joined by spaces).
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// The critical purpose the subject and body evidently ask about, if any: the purpose named
/// in most paragraphs that ask something (ties: address, then delivery, then customization).
/// A paragraph is the unit because sellers state the topic in one sentence and ask in the
/// next ("The engraving text didn't arrive. Could you reply with it?").
pub fn critical_purpose(subject: Option<&str>, body: &str) -> Option<CriticalPurpose> {
    let p = patterns();
    let mut counts = [0usize; 3];
    for text in subject.into_iter().chain(std::iter::once(body)) {
        for paragraph in paragraphs(text) {
            let cleaned = p.not_topic.replace_all(&paragraph, " ");
            // Asked of the ask words and of each topic's: indexed once.
            let cleaned = LazilyIndexed::new(&cleaned);
            if !p.ask.is_match_in(&cleaned) {
                continue;
            }
            for (i, (_, topic)) in p.topics.iter().enumerate() {
                if topic.is_match_in(&cleaned) {
                    counts[i] += 1;
                }
            }
        }
    }
    let (best, &n) = counts.iter().enumerate().rev().max_by_key(|(_, n)| **n)?;
    (n > 0).then(|| p.topics[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CriticalPurpose::*;

    #[test]
    fn patterns_compile() {
        // A pattern that does not compile matches nothing; make sure none of ours is one.
        let p = patterns();
        assert!(p.ask.is_match("please reply"));
        assert!(p.not_topic.is_match("email address"));
        assert_eq!(p.ask.compiles(), Ok(()));
        assert_eq!(p.not_topic.compiles(), Ok(()));
        for (purpose, re) in &p.topics {
            assert_eq!(re.compiles(), Ok(()), "{purpose:?}");
        }
    }

    /// A small run asks the words one by one, a big run their alternation: both find the same.
    #[test]
    fn words_one_by_one_find_what_their_alternation_finds() {
        let p = patterns();
        assert!(p.ask.parts_agree_with_whole_on_corpus() > 100);
        for (purpose, re) in &p.topics {
            assert!(re.parts_agree_with_whole_on_corpus() > 10, "{purpose:?}");
        }
    }

    #[test]
    fn asking_about_a_critical_topic() {
        let cases = [
            (
                "The engraving text didn't come through, so we need it from you.",
                Customization,
            ),
            ("Which lettering style would you like?", Customization),
            (
                "Please reply with the suite number so the carrier can deliver.",
                AddressIssue,
            ),
            (
                "Could you reply with the corrected city and ZIP?",
                AddressIssue,
            ),
            (
                "Please reply with the weekday that suits you for the freight delivery.",
                DeliveryScheduling,
            ),
            ("Bitte teilen Sie uns Ihre Hausnummer mit.", AddressIssue),
            ("Welcher Liefertermin passt Ihnen?", DeliveryScheduling),
            (
                "Merci de nous indiquer votre créneau de livraison.",
                DeliveryScheduling,
            ),
            ("¿Qué texto desea para el grabado?", Customization),
            ("Potrebbe indicarci il numero civico?", AddressIssue),
            ("刻印する文字を教えてください。", Customization),
            ("配達日時指定をご返信ください。", DeliveryScheduling),
        ];
        for (text, want) in cases {
            assert_eq!(critical_purpose(None, text), Some(want), "{text}");
        }
    }

    #[test]
    fn informing_or_other_topics_are_not_critical() {
        let cases = [
            "Your engraved board has shipped.",
            "Would you take a moment to write a review?",
            "If anything goes wrong with the finish, just reply here and we'll help.",
            "Please reply to this email address if you have questions.",
            "Keep your proof of purchase. Could you tell us what you think?",
            "Could you leave us a review of your new bottle cap?",
            "Thank you for your order! We hope you enjoy it.",
            "Ihre Bestellung wurde versandt.",
            "ご注文ありがとうございました。",
        ];
        for text in cases {
            assert_eq!(critical_purpose(None, text), None, "{text}");
        }
    }

    #[test]
    fn topic_and_ask_must_share_a_paragraph() {
        let text =
            "We engrave every board by hand.\n\nWould you tell other shoppers what you think?";
        assert_eq!(critical_purpose(None, text), None);
        let subject = "Engraving details for your order";
        assert_eq!(
            critical_purpose(Some(subject), "Thanks for ordering."),
            None
        );
        let text = "The engraving text didn't arrive.\nCould you reply with it?";
        assert_eq!(critical_purpose(None, text), Some(Customization));
    }

    #[test]
    fn paragraphs_join_hard_wrapped_lines() {
        let text =
            "Hello,\n\nThe engraving text didn't come\nthrough.\n  \n1. The name\n2. A date\n";
        assert_eq!(
            paragraphs(text),
            [
                "Hello,",
                "The engraving text didn't come through.",
                "1. The name 2. A date"
            ]
        );
    }

    #[test]
    fn most_asked_purpose_wins() {
        let text = "Please confirm the engraving text.\n\nWhich font would you like?\n\nCould you also check the ZIP code?";
        assert_eq!(critical_purpose(None, text), Some(Customization));
    }
}
