//! `meta/allow-without-reason`: with `--require-reason` (or `require-reason: true` in the
//! config), a suppression must say why. Reported by [`crate::suppress`]; this file holds its
//! documentation.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct AllowWithoutReason;

impl Rule for AllowWithoutReason {
    fn meta(&self) -> &RuleMeta {
        static META: OnceLock<RuleMeta> = OnceLock::new();
        META.get_or_init(|| RuleMeta {
            id: Cow::Borrowed(crate::suppress::ALLOW_WITHOUT_REASON),
            severity: Severity::Error,
            summary: Cow::Borrowed("suppression without a reason (only with `--require-reason`)"),
            why: Cow::Borrowed(
                "A suppression silences a policy check. Without a reason the next person \
                 cannot tell a considered exception (the buyer asked for the phone number) \
                 from a way to make the linter quiet. Teams that review sequences turn this \
                 on with `--require-reason` or `require-reason: true`.",
            ),
            source: Cow::Borrowed("https://eslint-community.github.io/eslint-plugin-eslint-comments/rules/require-description.html"),
            fix: Cow::Borrowed(
                "Add the reason after `--`: `# sellerlint: allow RULE -- why this is fine`; \
                 for an `allow:` entry, a comment on its line.",
            ),
            example_bad: Cow::Borrowed("# sellerlint: allow content/phone-number"),
            example_good: Cow::Borrowed(
                "# sellerlint: allow content/phone-number -- carrier's number, allowed by policy",
            ),
            fixable: Applicability::Manual,
            languages: Vec::new(),
        })
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Only with `--require-reason` (or `require-reason` in the config): a suppression comment that has no ` -- reason` after its rule ids, or an `allow:` key without a reason comment on its line. Reasons make suppressions reviewable: the next person can tell a deliberate exception from a silenced problem.",
        )
    }

    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
