//! The built-in patterns as build.rs prepared them for compiling: each pattern's NFA narrowed
//! to ASCII, to Latin and to seller mail (see [`super::nfa_codec`]), and its HIR narrowed to
//! seller mail (see [`super::hir_codec`]). A run compiles a built-in pattern from them without
//! parsing it.
//!
//! Why: in a small run, nearly all the time of a pattern's first tier went into parsing it
//! (case-folding its classes over all of Unicode, then narrowing them) and compiling the HIR
//! to an NFA through UTF-8 automata. The German example spent 11M of its 28.7M instructions
//! parsing; the ASCII examples, whose first tier was `regex-lite`, spent half of theirs
//! building and searching it. Now the first tier is the NFA as build.rs compiled it, searched
//! by the bounded backtracker; the full regex still compiles, from the prepared HIR. Patterns
//! from your own rule files, and texts beyond seller mail's alphabet, are parsed as before.

use crate::alphabet::Alphabet;
use crate::rules::{hir_codec, nfa_codec};
use regex_automata::nfa::thompson::{Builder, NFA};
use regex_syntax::hir::Hir;

mod generated {
    // `PREBUILT`: each built-in pattern (sorted) with the byte ranges in `PREBUILT_BYTES` of
    // its seller-mail HIR and its ASCII, Latin and seller-mail NFAs. Each form has its own
    // section of the bytes.
    include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));
}

/// A form build.rs prepares.
#[derive(Clone, Copy)]
enum Form {
    Nfa(Alphabet),
    SellerMailHir,
}

/// Where the prepared `form` of `pattern` is, if build.rs prepared one.
fn form(pattern: &str, form: Form) -> Option<&'static [u8]> {
    let at = generated::PREBUILT
        .binary_search_by(|(p, _)| (*p).cmp(pattern))
        .ok()?;
    let [hir, ascii, latin, seller_mail] = generated::PREBUILT[at].1;
    let [start, end] = match form {
        Form::SellerMailHir => hir,
        Form::Nfa(Alphabet::Ascii) => ascii,
        Form::Nfa(Alphabet::Latin) => latin,
        Form::Nfa(Alphabet::SellerMail) => seller_mail,
        Form::Nfa(Alphabet::Unicode) => return None,
    };
    let bytes =
        generated::PREBUILT_BYTES.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?;
    (!bytes.is_empty()).then_some(bytes)
}

/// The forward NFA of built-in `pattern`, case-insensitive and narrowed to `alphabet`, as the
/// first tier compiles it; `None` when build.rs did not prepare one (nor for
/// [`Alphabet::Unicode`]: texts beyond seller mail's alphabet are rare enough to compile for).
pub fn nfa(pattern: &str, alphabet: Alphabet) -> Option<NFA> {
    let form = form(pattern, Form::Nfa(alphabet))?;
    NFA_BUILDER.with_borrow_mut(|builder| nfa_codec::decode_with(builder, form))
}

thread_local! {
    /// The builder that decodes NFAs, one per thread and reused: its state list keeps the
    /// memory it grew.
    static NFA_BUILDER: std::cell::RefCell<Builder> = std::cell::RefCell::new(Builder::new());
}

/// The HIR of built-in `pattern`, case-insensitive and narrowed to seller mail's alphabet (as
/// [`crate::alphabet::narrowed`] narrows it); `None` when build.rs did not prepare it.
pub fn seller_mail_hir(pattern: &str) -> Option<Hir> {
    hir_codec::decode(form(pattern, Form::SellerMailHir)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet;
    use crate::rules::lazy_regex::first_tier_nfa;
    use crate::test_support::parsed;

    /// What build.rs prepared is what parsing, narrowing and compiling each pattern give now,
    /// as the run's first tier compiles it, for every built-in pattern (rules and the crate's
    /// constant patterns).
    #[test]
    fn every_builtin_pattern_decodes_to_what_compiling_it_gives() {
        assert!(generated::PREBUILT.len() > 500);
        assert!(generated::PREBUILT.windows(2).all(|w| w[0].0 < w[1].0));
        for (pattern, _) in generated::PREBUILT {
            let hir = parsed(pattern);
            let expected = alphabet::narrowed(hir.clone(), Alphabet::SellerMail);
            assert_eq!(seller_mail_hir(pattern), Some(expected), "{pattern}");
            for to in [Alphabet::Ascii, Alphabet::Latin, Alphabet::SellerMail] {
                let Some(compiled) = first_tier_nfa(&alphabet::narrowed(hir.clone(), to)) else {
                    panic!("{pattern} does not compile for {to:?}")
                };
                let Some(decoded) = nfa(pattern, to) else {
                    panic!("{pattern} has no {to:?} NFA")
                };
                assert_eq!(
                    format!("{decoded:?}"),
                    format!("{compiled:?}"),
                    "{pattern} {to:?}"
                );
            }
            assert!(nfa(pattern, Alphabet::Unicode).is_none());
        }
    }

    #[test]
    fn every_rule_pattern_is_prepared() {
        for pattern in crate::rules::literal_gate::builtin_patterns() {
            if regex_syntax::Parser::new().parse(pattern).is_ok() {
                assert!(seller_mail_hir(pattern).is_some(), "{pattern}");
                assert!(nfa(pattern, Alphabet::Ascii).is_some(), "{pattern}");
            }
        }
    }

    #[test]
    fn other_patterns_are_not_prepared() {
        assert!(nfa("not a built-in pattern", Alphabet::Latin).is_none());
        assert!(seller_mail_hir("").is_none());
    }
}
