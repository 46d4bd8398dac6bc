//! `meta/unused-allow`: a suppression that suppresses nothing. Reported by
//! [`crate::suppress`] after all other rules ran; this file holds its documentation.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct UnusedAllow;

impl Rule for UnusedAllow {
    fn meta(&self) -> &RuleMeta {
        static META: OnceLock<RuleMeta> = OnceLock::new();
        META.get_or_init(|| RuleMeta {
            id: Cow::Borrowed(crate::suppress::UNUSED_ALLOW),
            severity: Severity::Warning,
            summary: Cow::Borrowed("suppression comment or `allow:` entry that allows nothing"),
            why: Cow::Borrowed(
                "A `# sellerlint: allow RULE` comment or `allow:` entry that matches no problem \
                 is left over from text that has since changed, names a rule that does not \
                 exist, or is misspelt. Left in place it would silently hide the next real \
                 problem of that kind in that message, so it is reported like Ruff's unused \
                 `noqa`.",
            ),
            source: Cow::Borrowed("https://docs.astral.sh/ruff/rules/unused-noqa/"),
            fix: Cow::Borrowed(
                "Delete the suppression, or correct the rule id it names (`sellerlint rules` \
                 lists them).",
            ),
            example_bad: Cow::Borrowed(
                "# sellerlint: allow review/gating -- legal approved\n- id: thanks\n  body: Thank you for your order {{order_id}}.",
            ),
            example_good: Cow::Borrowed(
                "- id: thanks\n  body: Thank you for your order {{order_id}}.",
            ),
            fixable: Applicability::Safe,
            languages: Vec::new(),
        })
    }

    // The check runs in `crate::suppress::apply`, which sees every other rule's diagnostics.
    fn details(&self) -> Option<&'static str> {
        Some(
            "A `# sellerlint: allow RULE` comment (on or above a message or line), an `allow-file` comment, or an `allow: [RULE]` key that suppressed no diagnostic in this run: the rule it names did not fire there, or the name matches no rule (then a did-you-mean suggestion is given). A suppression for a rule switched off in the configuration is not reported. The report points at the rule id inside the comment or key.",
        )
    }

    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
