//! The built-in patterns' HIRs, parsed and narrowed by build.rs (see [`super::hir_codec`]):
//! a run compiles a built-in pattern for Latin or seller-mail texts from them, without
//! parsing it.
//!
//! Why: parsing a case-insensitive pattern case-folds its classes over all of Unicode before
//! narrowing throws most of them away; on the German example that was 11M of 28.7M
//! instructions (its first tier compiles 18 patterns). Patterns from user rule files, and
//! texts beyond seller mail's alphabet, are parsed as before. ASCII texts have no HIR here:
//! their first tier is `regex-lite` (see [`super::lazy_regex::compile`]) and their full regex
//! is the seller-mail spelling.

use crate::alphabet::Alphabet;
use crate::rules::hir_codec;
use regex_syntax::hir::Hir;

mod generated {
    // `BUILTIN_HIRS`: each built-in pattern (sorted) with the offsets in `BUILTIN_HIR_BYTES`
    // of its Latin spelling, its seller-mail spelling and their end.
    include!(concat!(env!("OUT_DIR"), "/builtin_hirs.rs"));
}

/// The HIR of built-in `pattern`, case-insensitive and narrowed to `alphabet` (as
/// [`crate::alphabet::narrowed`] narrows it), or `None` when build.rs did not prepare it: a
/// pattern that is not built in, or an alphabet other than Latin and seller mail.
pub fn narrowed(pattern: &str, alphabet: Alphabet) -> Option<Hir> {
    let at = generated::BUILTIN_HIRS
        .binary_search_by(|(p, _)| (*p).cmp(pattern))
        .ok()?;
    let [latin, seller_mail, end] = generated::BUILTIN_HIRS[at].1;
    let range = match alphabet {
        Alphabet::Latin => latin..seller_mail,
        Alphabet::SellerMail => seller_mail..end,
        Alphabet::Ascii | Alphabet::Unicode => return None,
    };
    let bytes = generated::BUILTIN_HIR_BYTES
        .get(usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?)?;
    hir_codec::decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet;

    /// What build.rs prepared is what parsing and narrowing each pattern gives now, for every
    /// built-in pattern (rules and the crate's constant patterns) and both alphabets.
    #[test]
    fn every_builtin_pattern_decodes_to_its_parsed_and_narrowed_hir() {
        assert!(generated::BUILTIN_HIRS.len() > 500);
        assert!(generated::BUILTIN_HIRS.windows(2).all(|w| w[0].0 < w[1].0));
        for (pattern, _) in generated::BUILTIN_HIRS {
            let parsed = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(pattern)
                .unwrap();
            for to in [Alphabet::Latin, Alphabet::SellerMail] {
                let expected = alphabet::narrowed(parsed.clone(), to);
                assert_eq!(narrowed(pattern, to), Some(expected), "{pattern} {to:?}");
            }
            assert_eq!(narrowed(pattern, Alphabet::Ascii), None);
            assert_eq!(narrowed(pattern, Alphabet::Unicode), None);
        }
    }

    #[test]
    fn every_rule_pattern_is_prepared() {
        for pattern in crate::rules::literal_gate::builtin_patterns() {
            if regex_syntax::Parser::new().parse(pattern).is_ok() {
                assert!(
                    narrowed(pattern, Alphabet::SellerMail).is_some(),
                    "{pattern}"
                );
            }
        }
    }

    #[test]
    fn other_patterns_are_not_prepared() {
        assert_eq!(narrowed("not a built-in pattern", Alphabet::Latin), None);
        assert_eq!(narrowed("", Alphabet::SellerMail), None);
    }
}
