//! `content/insecure-link`: an `http://` (not `https://`) link or image, in the text or in an
//! `href`/`src` attribute. Amazon's own pages too: the rule is about the scheme, not the site.

use crate::diagnostic::{Applicability, Edit, Finding, Fix, Severity};
use crate::links::all_links;
use crate::rules::support::{link_finding, text_fields};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct InsecureLink;

const ID: &str = "content/insecure-link";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("links to or loads an image over insecure http"),
    why: Cow::Borrowed(
        "The 2020 Communication Guidelines allow only \"secure working links (https, not \
         http)\" and list \"unsecure images (http instead of https)\" among the content a \
         message may not have. An http address can be read and altered on the way to the buyer.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Use the `https://` address (or remove the link or image)."),
    example_bad: Cow::Borrowed("<img src=\"http://cdn.example.com/logo.png\" alt=\"Example Co\">"),
    example_good: Cow::Borrowed(
        "<img src=\"https://cdn.example.com/logo.png\" alt=\"Example Co\">",
    ),
    fixable: Applicability::Unsafe,
    languages: Vec::new(),
};

impl Rule for InsecureLink {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Any `http://` address: in the text, in an `<a href>`, or as the source of an image (`<img src>`, `srcset`, backgrounds). Amazon's own addresses too, since the rule is about the connection, not the site. The unsafe fix changes `http` to `https`; check that the site serves it.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            for (field, view, text_field) in text_fields(mv) {
                for link in all_links(view) {
                    if !link.is_insecure() {
                        continue;
                    }
                    let what = if link.is_image { "image" } else { "link" };
                    let host = link.host.clone().unwrap_or_else(|| link.url.clone());
                    let message = format!("insecure http {what} to `{host}`");
                    let mut finding =
                        link_finding(ID, index, field, view, text_field, link, message);
                    let value_range = link.value_range(view);
                    // `http:` → `https:`: unsafe, since the site may not serve https.
                    let scheme_end = value_range.start + "http".len();
                    let written = text_field.value.get(value_range.start..scheme_end);
                    if written.is_some_and(|s| s.eq_ignore_ascii_case("http")) {
                        if let Some(range) =
                            text_field.map.source_range(value_range.start..scheme_end)
                        {
                            finding.fix = Some(Fix {
                                applicability: Applicability::Unsafe,
                                title: "use https".to_string(),
                                edits: vec![Edit {
                                    range,
                                    replacement: "https".to_string(),
                                }],
                            });
                        }
                    }
                    out.push(finding);
                }
            }
        }
    }
}
