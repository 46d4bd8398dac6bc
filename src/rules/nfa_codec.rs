//! A compact binary form of a one-pattern Thompson NFA (`regex_automata::nfa::thompson::NFA`),
//! so that build.rs can compile the built-in patterns' first tier once and a run can rebuild
//! the NFA without compiling it (see [`crate::rules::prebuilt`]).
//!
//! Why: compiling a pattern's HIR to an NFA is most of the first tier's cost in a small run.
//! The compiler builds UTF-8 automata for every class through a range trie and suffix caches;
//! the NFA it ends with is small (the 606 built-in patterns narrowed to ASCII: 50,324 states
//! in all). Rebuilding it state by state with `thompson::Builder` skips all of that work.
//!
//! The form lists the NFA's states in order, each a tag byte and its fields; state ids are
//! stored relative to the state that names them (zigzag LEB128 varints), which mostly takes
//! one byte. Decoding adds each state to a builder in the same order. The NFA has no empty
//! states (the builder removed them when it was first built), so every state keeps its id and
//! the builder makes the same NFA again: a unit test compares every built-in pattern's NFA
//! with the decoded one. The format is private to one build: build.rs writes it and the same
//! crate reads it.
//!
//! This file is also compiled into build.rs (`#[path]`), so it uses nothing but
//! `regex_automata` and [`super::varint`].

use super::varint::{write_bytes, write_u64, Reader};
use regex_automata::nfa::thompson::{Builder, State, Transition, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};
use std::sync::Arc;

const BYTE_RANGE: u8 = 0;
const SPARSE: u8 = 1;
const LOOK: u8 = 2;
const UNION: u8 = 3;
const BINARY_UNION: u8 = 4;
const CAPTURE_START: u8 = 5;
const CAPTURE_END: u8 = 6;
const FAIL: u8 = 7;
const MATCH: u8 = 8;

/// The binary form of `nfa`, or `None` for an NFA it cannot hold: more than one pattern, or a
/// dense state (which the compiler does not make).
pub fn encode(nfa: &NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 {
        return None;
    }
    let pattern = PatternID::ZERO;
    let mut out = Vec::new();
    write_u64(nfa.states().len() as u64, &mut out);
    write_u64(nfa.start_anchored().as_u64(), &mut out);
    write_u64(nfa.start_unanchored().as_u64(), &mut out);
    write_u64(nfa.start_pattern(pattern)?.as_u64(), &mut out);
    out.push(u8::from(nfa.is_utf8()));
    for (id, state) in nfa.states().iter().enumerate() {
        let here = id as u64;
        let id_at = |next: StateID, out: &mut Vec<u8>| write_relative(here, next.as_u64(), out);
        match state {
            State::ByteRange { trans } => {
                out.push(BYTE_RANGE);
                write_transition(here, trans, &mut out);
            }
            State::Sparse(sparse) => {
                out.push(SPARSE);
                write_u64(sparse.transitions.len() as u64, &mut out);
                for trans in sparse.transitions.iter() {
                    write_transition(here, trans, &mut out);
                }
            }
            State::Dense(_) => return None,
            State::Look { look, next } => {
                out.push(LOOK);
                write_u64(u64::from(look.as_repr()), &mut out);
                id_at(*next, &mut out);
            }
            State::Union { alternates } => {
                out.push(UNION);
                write_u64(alternates.len() as u64, &mut out);
                for alternate in alternates.iter() {
                    id_at(*alternate, &mut out);
                }
            }
            State::BinaryUnion { alt1, alt2 } => {
                out.push(BINARY_UNION);
                id_at(*alt1, &mut out);
                id_at(*alt2, &mut out);
            }
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                let start_slot = nfa.group_info().slot(*pattern_id, group_index.as_usize())?;
                let index = group_index.as_u64();
                if slot.as_usize() == start_slot {
                    out.push(CAPTURE_START);
                    write_u64(index, &mut out);
                    match nfa
                        .group_info()
                        .to_name(*pattern_id, group_index.as_usize())
                    {
                        None => out.push(0),
                        Some(name) => {
                            out.push(1);
                            write_bytes(name.as_bytes(), &mut out);
                        }
                    }
                } else {
                    out.push(CAPTURE_END);
                    write_u64(index, &mut out);
                }
                id_at(*next, &mut out);
            }
            State::Fail => out.push(FAIL),
            State::Match { .. } => out.push(MATCH),
        }
    }
    Some(out)
}

/// The NFA whose binary form `bytes` holds entirely; `None` if it holds anything else. A form
/// that names a state it does not have is refused before the builder sees it (the builder
/// would panic on it).
pub fn decode(bytes: &[u8]) -> Option<NFA> {
    decode_with(&mut Builder::new(), bytes)
}

/// [`decode`] with `builder`, cleared first: a builder reused keeps the memory it grew.
pub fn decode_with(builder: &mut Builder, bytes: &[u8]) -> Option<NFA> {
    builder.clear();
    let mut reader = Reader::new(bytes);
    let len = reader.u64()?;
    let id = |raw: u64| (raw < len).then(|| StateID::new(usize::try_from(raw).ok()?).ok())?;
    let start_anchored = id(reader.u64()?)?;
    let start_unanchored = id(reader.u64()?)?;
    let pattern_start = id(reader.u64()?)?;
    builder.set_utf8(reader.byte()? != 0);
    builder.start_pattern().ok()?;
    // Group indices a capture start has named so far: an end of another group would make the
    // builder panic.
    let mut groups = 0u64;
    for here in 0..len {
        let next = |reader: &mut Reader<'_>| id(reader.relative(here)?);
        let added = match reader.byte()? {
            BYTE_RANGE => builder.add_range(reader.transition(here, &id)?),
            SPARSE => {
                let count = reader.count()?;
                let mut transitions = Vec::with_capacity(count);
                for _ in 0..count {
                    transitions.push(reader.transition(here, &id)?);
                }
                builder.add_sparse(transitions)
            }
            LOOK => {
                let look = Look::from_repr(u32::try_from(reader.u64()?).ok()?)?;
                builder.add_look(next(&mut reader)?, look)
            }
            UNION => {
                let count = reader.count()?;
                let mut alternates = Vec::with_capacity(count);
                for _ in 0..count {
                    alternates.push(next(&mut reader)?);
                }
                builder.add_union(alternates)
            }
            BINARY_UNION => {
                let alt1 = next(&mut reader)?;
                let alt2 = next(&mut reader)?;
                builder.add_union(vec![alt1, alt2])
            }
            CAPTURE_START => {
                let index = reader.u64()?;
                let name: Option<Arc<str>> = match reader.byte()? {
                    0 => None,
                    _ => Some(std::str::from_utf8(reader.bytes()?).ok()?.into()),
                };
                groups = groups.max(index.checked_add(1)?);
                builder.add_capture_start(next(&mut reader)?, u32::try_from(index).ok()?, name)
            }
            CAPTURE_END => {
                let index = reader.u64()?;
                if index >= groups {
                    return None;
                }
                builder.add_capture_end(next(&mut reader)?, u32::try_from(index).ok()?)
            }
            FAIL => builder.add_fail(),
            MATCH => builder.add_match(),
            _ => return None,
        };
        // Every state keeps its id: the form has no empty states, which the builder drops.
        if added.ok()?.as_u64() != here {
            return None;
        }
    }
    if !reader.is_done() {
        return None;
    }
    builder.finish_pattern(pattern_start).ok()?;
    builder.build(start_anchored, start_unanchored).ok()
}

/// `target` as its distance from `here`, zigzag-encoded (0, -1, 1, -2… as 0, 1, 2, 3…).
fn write_relative(here: u64, target: u64, out: &mut Vec<u8>) {
    let delta = target as i64 - here as i64;
    write_u64(((delta << 1) ^ (delta >> 63)) as u64, out);
}

fn write_transition(here: u64, trans: &Transition, out: &mut Vec<u8>) {
    out.push(trans.start);
    out.push(trans.end);
    write_relative(here, trans.next.as_u64(), out);
}

/// Reads the state ids and transitions of a binary form.
trait ReadStates {
    fn relative(&mut self, here: u64) -> Option<u64>;
    fn transition(&mut self, here: u64, id: &impl Fn(u64) -> Option<StateID>)
        -> Option<Transition>;
}

impl ReadStates for Reader<'_> {
    /// A state id written by [`write_relative`] from state `here`.
    fn relative(&mut self, here: u64) -> Option<u64> {
        let zigzag = self.u64()?;
        let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        u64::try_from(i64::try_from(here).ok()?.checked_add(delta)?).ok()
    }

    fn transition(
        &mut self,
        here: u64,
        id: &impl Fn(u64) -> Option<StateID>,
    ) -> Option<Transition> {
        let start = self.byte()?;
        let end = self.byte()?;
        let next = id(self.relative(here)?)?;
        // An empty range would trip an assertion in the builder.
        (start <= end).then_some(Transition { start, end, next })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson;

    fn compiled(pattern: &str) -> NFA {
        thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(true).shrink(false))
            .build(pattern)
            .unwrap()
    }

    #[test]
    fn every_kind_of_state_round_trips() {
        for pattern in [
            "",
            "(?i)bewertung",
            r"(?i)\b(?:5|five)[- ]?stars?\b",
            r"[^.!?\d]{0,25}",
            r"(?P<word>\w+)\s+(?P<other>\d)?",
            r"(?-u:[\x00-\x7F])+?(?-u:\bx\B)",
            r"^a|b$|\Bc|(?m:^d$)|x{3,}|y{2}z*",
            r"\p{Greek}+|ü|ß|İ",
            r"(a)(?:b|c)(d(e))",
            r"[a&&b]",
        ] {
            let nfa = compiled(pattern);
            let bytes = encode(&nfa).unwrap();
            let decoded = decode(&bytes).unwrap();
            assert_eq!(format!("{decoded:?}"), format!("{nfa:?}"), "{pattern}");
            assert_eq!(
                decoded
                    .group_info()
                    .pattern_names(PatternID::ZERO)
                    .collect::<Vec<_>>(),
                nfa.group_info()
                    .pattern_names(PatternID::ZERO)
                    .collect::<Vec<_>>(),
                "{pattern}"
            );
        }
    }

    #[test]
    fn damaged_forms_are_refused_not_misread() {
        let bytes = encode(&compiled(r"(?i)\b(?:gutschein|rabatt)\w*\b")).unwrap();
        assert!(decode(&bytes).is_some());
        // Cut short anywhere, or with a byte too many, it does not decode.
        for len in 0..bytes.len() {
            assert!(decode(&bytes[..len]).is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(FAIL);
        assert!(decode(&longer).is_none());
        // A byte changed anywhere never panics (it may still decode to some NFA).
        for at in 0..bytes.len() {
            for byte in [0, 1, 2, 0x7F, 0x80, 0xFF] {
                let mut changed = bytes.clone();
                changed[at] = byte;
                let _ = decode(&changed);
            }
        }
        // A state past the last one, a capture end before its start, an unknown tag.
        assert!(decode(&[1, 0, 0, 0, 1, BYTE_RANGE, b'a', b'a', 2]).is_none());
        assert!(decode(&[2, 0, 0, 0, 1, CAPTURE_END, 0, 2, MATCH]).is_none());
        assert!(decode(&[1, 0, 0, 0, 1, 9]).is_none());
    }

    #[test]
    fn a_multi_pattern_nfa_is_not_encoded() {
        let nfa = thompson::Compiler::new().build_many(&["a", "b"]).unwrap();
        assert!(encode(&nfa).is_none());
    }
}
