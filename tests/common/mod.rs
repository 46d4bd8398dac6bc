//! Test rules that attach fixes the way rule authors do (through `sellerlint::fix::edits`),
//! and a registry with them plus the fixture phrase rules of `tests/fixtures/fix/rules/`.
#![allow(dead_code)]

use regex::Regex;
use sellerlint::diagnostic::{Applicability, Edit, Field, Finding, Fix, Severity};
use sellerlint::fix::edits::{
    fix_or_manual, remove_bracket_tag, remove_html_attribute, remove_html_element, replace_value,
};
use sellerlint::html::{Attr, Element};
use sellerlint::lint::Settings;
use sellerlint::profile::Profile;
use sellerlint::rules::phrase::PhraseRule;
use sellerlint::rules::registry::Registry;
use sellerlint::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::path::Path;

const fn meta(id: &'static str, fixable: Applicability) -> RuleMeta {
    RuleMeta {
        id: Cow::Borrowed(id),
        severity: Severity::Error,
        summary: Cow::Borrowed("test rule"),
        why: Cow::Borrowed("test"),
        source: Cow::Borrowed(""),
        fix: Cow::Borrowed("fix it"),
        example_bad: Cow::Borrowed(""),
        example_good: Cow::Borrowed(""),
        fixable,
        languages: Vec::new(),
    }
}

fn finding(
    rule: &str,
    index: usize,
    field: Field,
    span: std::ops::Range<usize>,
    fix: Fix,
) -> Finding {
    Finding {
        rule: rule.to_string(),
        message_index: index,
        field,
        span,
        message: format!("{rule} fired"),
        matched: None,
        help: None,
        fix: Some(fix),
    }
}

/// `[Important]` in a subject: removed (safe).
pub struct ImportantTag;
static IMPORTANT: RuleMeta = meta("test/important-tag", Applicability::Safe);
impl Rule for ImportantTag {
    fn meta(&self) -> &RuleMeta {
        &IMPORTANT
    }
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let re = Regex::new(r"(?i)\[\s*important\s*\]").unwrap();
        for (i, mv) in ctx.messages.iter().enumerate() {
            let Some(subject) = &mv.message.subject else {
                continue;
            };
            let Some(m) = re.find(&subject.value) else {
                continue;
            };
            let edits = remove_bracket_tag(&ctx.source.text, subject, "Important");
            let fix = fix_or_manual(Applicability::Safe, "remove `[Important]`", edits);
            out.push(finding(
                IMPORTANT.id.as_ref(),
                i,
                Field::Subject,
                subject.source_range(m.range()),
                fix,
            ));
        }
    }
}

/// A 1×1 `<img>` in a body: the element removed (safe); a `data-track` attribute removed.
pub struct TrackingPixel;
static PIXEL: RuleMeta = meta("test/tracking-pixel", Applicability::Safe);
impl Rule for TrackingPixel {
    fn meta(&self) -> &RuleMeta {
        &PIXEL
    }
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let img = Regex::new(r#"(?i)<img\b[^>]*\bwidth\s*=\s*["']?1["']?[^>]*>"#).unwrap();
        let attr = Regex::new(r#"\sdata-track\s*=\s*"([^"]*)""#).unwrap();
        for (i, mv) in ctx.messages.iter().enumerate() {
            let body = &mv.message.body;
            for m in img.find_iter(&body.value) {
                let element = Element {
                    name: "img".into(),
                    range: m.range(),
                    attrs: Vec::new(),
                    inside_link: None,
                };
                let edit = remove_html_element(&ctx.source.text, body, &element).map(|e| vec![e]);
                let fix = fix_or_manual(Applicability::Safe, "remove the tracking pixel", edit);
                out.push(finding(
                    PIXEL.id.as_ref(),
                    i,
                    Field::Body,
                    body.source_range(m.range()),
                    fix,
                ));
            }
            for c in attr.captures_iter(&body.value) {
                let (Some(all), Some(value)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                let a = Attr {
                    name: "data-track".into(),
                    value: value.as_str().into(),
                    value_range: value.range(),
                };
                let edit = remove_html_attribute(&ctx.source.text, body, &a).map(|e| vec![e]);
                let fix = fix_or_manual(Applicability::Safe, "remove the tracking attribute", edit);
                out.push(finding(
                    PIXEL.id.as_ref(),
                    i,
                    Field::Body,
                    body.source_range(all.range()),
                    fix,
                ));
            }
        }
    }
}

/// Broken on purpose: rewrites each message id (outside any text field).
pub struct Vandal;
static VANDAL: RuleMeta = meta("test/vandal", Applicability::Safe);
impl Rule for Vandal {
    fn meta(&self) -> &RuleMeta {
        &VANDAL
    }
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, mv) in ctx.messages.iter().enumerate() {
            let span = mv.message.id.span.clone();
            let fix = Fix {
                applicability: Applicability::Safe,
                title: "rename".into(),
                edits: vec![Edit {
                    range: span.clone(),
                    replacement: "renamed".into(),
                }],
            };
            out.push(finding(VANDAL.id.as_ref(), i, Field::Id, span, fix));
        }
    }
}

/// Never satisfied: appends `!` to every body, every round.
pub struct Restless;
static RESTLESS: RuleMeta = meta("test/restless", Applicability::Safe);
impl Rule for Restless {
    fn meta(&self) -> &RuleMeta {
        &RESTLESS
    }
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, mv) in ctx.messages.iter().enumerate() {
            let body = &mv.message.body;
            let end = body.value.trim_end().len();
            let edit = replace_value(&ctx.source.text, body, end..end, "!").map(|e| vec![e]);
            let fix = fix_or_manual(Applicability::Safe, "shout", edit);
            out.push(finding(
                RESTLESS.id.as_ref(),
                i,
                Field::Body,
                body.source_range(0..1),
                fix,
            ));
        }
    }
}

pub fn fixture_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fix"))
}

pub fn phrase_rules() -> Vec<Box<dyn Rule>> {
    let mut out: Vec<Box<dyn Rule>> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(fixture_dir().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let rule = PhraseRule::load(&p.display().to_string(), &text).unwrap();
        out.push(Box::new(rule));
    }
    out
}

/// Fixture phrase rules, then the structural test rules.
pub fn registry() -> Registry {
    Registry::new(rules())
}

fn rules() -> Vec<Box<dyn Rule>> {
    let mut rules = phrase_rules();
    rules.push(Box::new(ImportantTag));
    rules.push(Box::new(TrackingPixel));
    rules
}

pub fn registry_with(extra: Box<dyn Rule>) -> Registry {
    let mut rules = rules();
    rules.push(extra);
    Registry::new(rules)
}

pub fn settings() -> Settings {
    Settings::new(Profile::named("amazon").unwrap())
}
