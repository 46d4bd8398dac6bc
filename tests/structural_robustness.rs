//! Bad input never panics: every rule runs over arbitrary text and HTML-ish templates, and every
//! reported span lies inside the file and on character boundaries.

use proptest::prelude::*;
use sellerlint::lint::{lint_source, Settings};
use sellerlint::profile::Profile;
use sellerlint::rules::registry::Registry;
use sellerlint::source::SourceFile;

fn check(name: &str, text: String) {
    let Ok(profile) = Profile::named("amazon") else {
        panic!("the default profile loads");
    };
    let len = text.len();
    let report = lint_source(
        SourceFile::new(name, text.clone()),
        Registry::builtin(),
        &Settings::new(profile),
    );
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= len, "{d:?}");
        assert!(text.is_char_boundary(d.span.start), "{d:?}");
        assert!(d.line >= 1 && d.column >= 1);
    }
}

/// Pieces that exercise the rules: tags, links, placeholders, thanks, emoji, order ids.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<a href=\"".to_string()),
        Just("\">".to_string()),
        Just("</a>".to_string()),
        Just("<img src=\"http://x.example.com/p.gif?uid=1\" width=1 height=1>".to_string()),
        Just("https://".to_string()),
        Just("example-shop.com".to_string()),
        Just("{{tracking_url}}".to_string()),
        Just("[[review-link]]".to_string()),
        Just("{{order_id}}".to_string()),
        Just("Thank you! ".to_string()),
        Just("ありがとう。".to_string()),
        Just("🎉👍🏽❤️".to_string()),
        Just("Subject: ".to_string()),
        Just("\n".to_string()),
        Just("<".to_string()),
        Just("\"".to_string()),
        Just("123-1234567-1234567".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn html_templates_never_panic(parts in prop::collection::vec(piece(), 0..24)) {
        check("t.html", parts.concat());
    }

    #[test]
    fn text_templates_never_panic(parts in prop::collection::vec(piece(), 0..24)) {
        check("t.txt", parts.concat());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check("t.md", text);
    }
}
