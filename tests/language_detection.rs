//! Language detection (`sellerlint::language`, behind the `meta/language` rule).
//!
//! Latin-script text is scored by sellerlint's own copy of whatlang's method (an inverted
//! trigram index, for speed); these tests hold it to whatlang's exact answer (language and
//! confidence, bit for bit) on every message of the labeled corpus and the fixtures and on
//! generated text, and check the rule's decisions end to end on long, mixed, short, templated
//! and HTML bodies.

use proptest::prelude::*;
use sellerlint::language::{detect, detect_with_confidence, prose};
use sellerlint::model::BodyFormat;
use sellerlint::parse::parse_file;
use sellerlint::source::SourceFile;
use sellerlint::text::TextView;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// whatlang's own answer, as sellerlint used it before it scored Latin text itself.
fn whatlang_answer(text: &str) -> Option<(whatlang::Lang, u64)> {
    whatlang::Detector::new()
        .detect(text)
        .map(|info| (info.lang(), info.confidence().to_bits()))
}

fn sellerlint_answer(text: &str) -> Option<(whatlang::Lang, u64)> {
    detect_with_confidence(text).map(|(lang, confidence)| (lang, confidence.to_bits()))
}

fn assert_same_as_whatlang(text: &str, origin: &str) {
    assert_eq!(
        sellerlint_answer(text),
        whatlang_answer(text),
        "{origin}: {text:?}"
    );
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "txt" || e == "html")
        {
            out.push(path);
        }
    }
}

#[test]
fn same_answer_as_whatlang_on_the_corpus_and_the_fixtures() {
    let mut files = Vec::new();
    yaml_files(Path::new("../shared/corpus/cases"), &mut files);
    yaml_files(Path::new("tests/fixtures"), &mut files);
    yaml_files(Path::new("rules"), &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let mut messages = 0;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let origin = path.display().to_string();
        assert_same_as_whatlang(&text, &origin);
        for line in text.lines() {
            assert_same_as_whatlang(line, &origin);
        }
        let Ok(sequences) = parse_file(&SourceFile::new(origin.clone(), text)) else {
            continue;
        };
        for message in sequences.iter().flat_map(|s| &s.messages) {
            messages += 1;
            let format = message.format.as_ref().map(|f| f.value);
            let body = TextView::new(&message.body, format);
            assert_same_as_whatlang(&prose(&body), &origin);
            assert_same_as_whatlang(&body.text, &origin);
            assert_same_as_whatlang(&message.body.value, &origin);
            if let Some(subject) = &message.subject {
                let view = TextView::new(subject, Some(BodyFormat::Text));
                assert_same_as_whatlang(&prose(&view), &origin);
            }
        }
    }
    assert!(messages > 200, "read only {messages} messages");
}

#[test]
fn same_answer_as_whatlang_on_edge_cases() {
    for text in [
        "",
        " ",
        "a",
        "ab",
        "123 456, 789!",
        "???",
        "İSTANBUL'DA ÇOK GÜZEL BİR GÜN, SİPARİŞİNİZ İÇİN TEŞEKKÜR EDERİZ",
        "STRASSE, GRÖSSE, MASSE: ẞ ß",
        "Cảm ơn bạn đã đặt hàng. Chúng tôi sẽ gửi hàng sớm nhất có thể.",
        "Dziękujemy za zamówienie. Prosimy o potwierdzenie adresu dostawy.",
        "Tack för din beställning! Vi skickar paketet i morgon.",
        "Hvala za vaše naročilo; pošiljko bomo odposlali jutri.",
        "e\u{301}te\u{301} ça a\u{300} l'e\u{301}cole",
        "😀 Thank you 🙏 for your order 📦",
        "thank\u{a0}you\u{a0}for\u{a0}your\u{a0}order",
        "ご注文ありがとうございます。",
        "感谢您的订购，我们会尽快发货。",
        "Спасибо за ваш заказ, мы скоро его отправим.",
        "شكرا لطلبك، سنرسله قريبا",
    ] {
        assert_same_as_whatlang(text, "edge case");
    }
    // Long text: more than the 600 distinct trigrams whatlang compares.
    let long: String = (0..400)
        .map(|i| format!("Paket {i} für Herrn Müller; thank you, señora García, à bientôt! "))
        .collect();
    assert_same_as_whatlang(&long, "long text");
}

const WORDS: &[&str] = &[
    "thank",
    "you",
    "for",
    "your",
    "order",
    "please",
    "the",
    "engraving",
    "delivery",
    "Vielen",
    "Dank",
    "für",
    "Ihre",
    "Bestellung",
    "Größe",
    "Grüße",
    "merci",
    "pour",
    "votre",
    "commande",
    "été",
    "expédiée",
    "très",
    "garçon",
    "gracias",
    "por",
    "su",
    "pedido",
    "año",
    "¿Podría",
    "reseña",
    "grazie",
    "per",
    "il",
    "suo",
    "ordine",
    "perché",
    "città",
    "bedankt",
    "voor",
    "uw",
    "bestelling",
    "tack",
    "för",
    "beställning",
    "dziękujemy",
    "zamówienie",
    "teşekkürler",
    "sipariş",
    "İstanbul",
    "obrigado",
    "pelo",
    "seu",
    "pedido",
    "não",
    "ação",
    "tak",
    "for",
    "din",
    "bestilling",
    "på",
    "låget",
    "ÆØÅ",
    "kiitos",
    "tilauksesta",
    "köszönjük",
    "děkujeme",
    "objednávku",
    "ご注文",
    "ありがとう",
    "感谢",
    "Спасибо",
    "{{order_id}}",
    "https://x.example/a",
    "a@b.example",
    "123",
    "4.5",
    "—",
    "…",
    "«",
    "»",
    "&amp;",
    "<p>",
    "😀",
    "\u{a0}",
    "\u{301}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn same_answer_as_whatlang_on_generated_text(
        words in proptest::collection::vec(0..WORDS.len(), 0..120),
        separators in proptest::collection::vec(prop::sample::select(vec![" ", ", ", ". ", "\n", "", "-", "'"]), 120),
        upper in any::<bool>(),
    ) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(WORDS[*w]);
            text.push_str(separators[i % separators.len()]);
        }
        if upper {
            text = text.to_uppercase();
        }
        prop_assert_eq!(sellerlint_answer(&text), whatlang_answer(&text), "{:?}", text);
    }

    #[test]
    fn same_answer_as_whatlang_on_arbitrary_strings(text in "\\PC{0,300}") {
        prop_assert_eq!(sellerlint_answer(&text), whatlang_answer(&text), "{:?}", text);
    }
}

#[test]
fn a_language_the_rule_cannot_name_is_no_guess() {
    // whatlang reads this as Danish, which no marketplace or `language:` uses: no guess, so the
    // rule stays silent rather than calling it the closest language it can name.
    let danish = "Tak for din bestilling. Vil du venligst fortælle os, hvilken farve du ønsker \
                  til graveringen på låget? Så sender vi dig et korrektur, før vi går i gang.";
    assert_eq!(
        detect_with_confidence(danish).map(|(l, _)| l),
        Some(whatlang::Lang::Dan)
    );
    assert_eq!(detect(danish), None);
}

#[test]
fn confident_guesses_only() {
    let english = "Thank you for your order. Please let us know which colour you would like for \
                   the engraving on the lid, and we will send you a proof before we start.";
    assert_eq!(detect(english), Some("en"));
    assert_eq!(detect(&english.repeat(50)), Some("en"));
    // Too few letters to judge.
    assert_eq!(detect("Thank you for your order!"), None);
    // Half German, half English: whatlang is not confident.
    assert_eq!(
        detect(
            "Vielen Dank für Ihre Bestellung, wir freuen uns sehr. Thank you for your order, \
             we are very happy about it."
        ),
        None
    );
}

fn language_findings(path: &str) -> Vec<(String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json", path])
        .output()
        .expect("the binary runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "meta/language")
        .map(|d| {
            (
                d["message_id"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_rule_on_long_mixed_short_templated_and_html_bodies() {
    let findings = language_findings("tests/fixtures/language/detection.yaml");
    let fired: Vec<&str> = findings.iter().map(|(id, _)| id.as_str()).collect();
    // Fires: a long body in the wrong language, an HTML body with placeholders and a link in
    // the wrong language, Japanese on amazon.de, English on amazon.co.jp, Spanish on amazon.it.
    assert_eq!(
        fired,
        [
            "long-english",
            "english-html-with-placeholders",
            "japanese",
            "english-on-jp",
            "spanish-on-it",
        ]
    );
    // Silent (not listed above): long-german, mixed-half-and-half,
    // german-with-one-english-line, short-english, german-html-with-placeholders, danish,
    // japanese-on-jp, italian-on-it.
    let message = |id: &str| {
        findings
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, m)| m.as_str())
            .unwrap_or("")
    };
    assert!(message("long-english").contains("written in English, but buyers here read German"));
    assert!(message("japanese").contains("written in Japanese, but buyers here read German"));
    assert!(message("english-on-jp").contains("buyers here read Japanese"));
    assert!(message("spanish-on-it").contains("written in Spanish, but buyers here read Italian"));
}
