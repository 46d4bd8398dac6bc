//! A compact binary form of a regex's HIR (`regex_syntax::hir::Hir`), so that build.rs can
//! parse and narrow the built-in patterns once and a run can rebuild their HIRs without
//! parsing them (see [`crate::rules::prebuilt`]).
//!
//! Why: on a small run, parsing a case-insensitive pattern and translating it to HIR
//! (case-folding its classes over all of Unicode, then narrowing them to seller mail's
//! alphabet) was two thirds of compiling it: 11M of the German example's 28.7M instructions.
//! Rebuilding the narrowed HIR from this form skips all of that. An earlier attempt printed
//! the narrowed HIR as a pattern and parsed that instead: its classes cost more to parse than
//! the originals to case-fold.
//!
//! The form is a pre-order walk of the tree: one tag byte per node, then its fields, with
//! integers as LEB128 varints. A node is rebuilt with the same `Hir` constructors the
//! translator uses, so the tree decoded equals the tree encoded (a unit test checks every
//! built-in pattern). The format is private to one build: build.rs writes it and the same
//! crate reads it.
//!
//! This file is also compiled into build.rs (`#[path]`), so it uses nothing but
//! `regex_syntax` and [`super::varint`].

use super::varint::{write_bytes, write_u64, Reader};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Literal, Look, Repetition,
};

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const CLASS_UNICODE: u8 = 2;
const CLASS_BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

/// Deeper trees are refused when decoding: decoding recurses, and no built-in pattern nests
/// anywhere near this deep.
const MAX_DEPTH: usize = 256;

/// Appends the binary form of `hir` to `out`.
pub fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(Literal(bytes)) => {
            out.push(LITERAL);
            write_bytes(bytes, out);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(CLASS_UNICODE);
            write_len(class.ranges().len(), out);
            for range in class.ranges() {
                write_u32(u32::from(range.start()), out);
                write_u32(u32::from(range.end()), out);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(CLASS_BYTES);
            write_len(class.ranges().len(), out);
            for range in class.ranges() {
                out.push(range.start());
                out.push(range.end());
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            write_u32(look.as_repr(), out);
        }
        HirKind::Repetition(repetition) => {
            out.push(REPETITION);
            write_u32(repetition.min, out);
            // 0 for no maximum, otherwise the maximum plus one.
            write_u64(repetition.max.map_or(0, |max| u64::from(max) + 1), out);
            out.push(u8::from(repetition.greedy));
            encode(&repetition.sub, out);
        }
        HirKind::Capture(capture) => {
            out.push(CAPTURE);
            write_u32(capture.index, out);
            match &capture.name {
                None => out.push(0),
                Some(name) => {
                    out.push(1);
                    write_bytes(name.as_bytes(), out);
                }
            }
            encode(&capture.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                CONCAT
            } else {
                ALTERNATION
            });
            write_len(subs.len(), out);
            for sub in subs {
                encode(sub, out);
            }
        }
    }
}

/// The HIR whose binary form `bytes` holds entirely; `None` if it holds anything else.
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader::new(bytes);
    let hir = reader.hir(0)?;
    reader.is_done().then_some(hir)
}

fn write_u32(value: u32, out: &mut Vec<u8>) {
    write_u64(u64::from(value), out);
}

fn write_len(len: usize, out: &mut Vec<u8>) {
    write_u64(len as u64, out);
}

/// Reads the HIRs of a binary form.
trait ReadHir {
    fn char(&mut self) -> Option<char>;
    fn hir(&mut self, depth: usize) -> Option<Hir>;
}

impl ReadHir for Reader<'_> {
    fn char(&mut self) -> Option<char> {
        char::from_u32(self.u32()?)
    }

    fn hir(&mut self, depth: usize) -> Option<Hir> {
        if depth > MAX_DEPTH {
            return None;
        }
        let hir = match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => Hir::literal(self.bytes()?),
            CLASS_UNICODE => {
                let len = self.count()?;
                let mut ranges = Vec::with_capacity(len);
                for _ in 0..len {
                    ranges.push(ClassUnicodeRange::new(self.char()?, self.char()?));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            CLASS_BYTES => {
                let len = self.count()?;
                let mut ranges = Vec::with_capacity(len);
                for _ in 0..len {
                    ranges.push(ClassBytesRange::new(self.byte()?, self.byte()?));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.u32()?)?),
            REPETITION => {
                let min = self.u32()?;
                let max = match self.u64()? {
                    0 => None,
                    plus_one => Some(u32::try_from(plus_one - 1).ok()?),
                };
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.u32()?;
                let name = match self.byte()? {
                    0 => None,
                    _ => Some(std::str::from_utf8(self.bytes()?).ok()?.into()),
                };
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let len = self.count()?;
                let mut subs = Vec::with_capacity(len);
                for _ in 0..len {
                    subs.push(self.hir(depth + 1)?);
                }
                if tag == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        };
        Some(hir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(hir: &Hir) -> Option<Hir> {
        let mut bytes = Vec::new();
        encode(hir, &mut bytes);
        decode(&bytes)
    }

    #[test]
    fn every_kind_of_node_round_trips() {
        for pattern in [
            "",
            "bewertung",
            r"\b(?:5|five)[- ]?stars?\b",
            r"[^.!?\d]{0,25}",
            r"(?P<word>\w+)\s+",
            r"(?-u:\xFF)[\x00-\x7F]+?",
            r"^a|b$|\Bc|(?m:^d$)|x{3,}|y{2}z*",
            r"\p{Greek}+|ü|ß|İ",
            r"(a)(?:b|c)(d(e))",
        ] {
            let hir = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .utf8(false)
                .build()
                .parse(pattern)
                .unwrap();
            assert_eq!(round_trip(&hir).as_ref(), Some(&hir), "{pattern}");
        }
    }

    #[test]
    fn damaged_forms_are_refused_not_misread() {
        let mut bytes = Vec::new();
        encode(
            &crate::test_support::parsed(r"\b(?:gutschein|rabatt)\w*\b"),
            &mut bytes,
        );
        assert!(decode(&bytes).is_some());
        // Cut short anywhere, or with a byte too many, it does not decode.
        for len in 0..bytes.len() {
            assert!(decode(&bytes[..len]).is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(EMPTY);
        assert!(decode(&longer).is_none());
        // An unknown tag, a huge length and a too deep tree are refused.
        assert!(decode(&[9]).is_none());
        assert!(decode(&[CONCAT, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).is_none());
        let mut deep = [CAPTURE, 0, 0].repeat(MAX_DEPTH + 2);
        deep.push(EMPTY);
        assert!(decode(&deep).is_none());
    }
}
