//! What must hold for every input, whatever its bytes: shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the stable replay test (`tests/fuzz_replay.rs`), so that a
//! crash found by the fuzzer is checked by `cargo test` with exactly the same assertions.
//!
//! Each `check_*` panics when an invariant breaks; libFuzzer records the input as a crash.
#![allow(dead_code)]

use sellerlint::input::decode;
use sellerlint::lint::{lint_source, Settings};
use sellerlint::output::{self, Format};
use sellerlint::parse::{parse_file, FileError};
use sellerlint::profile::Profile;
use sellerlint::rules::registry::Registry;
use sellerlint::run::RunReport;
use sellerlint::scalar::ScalarMap;
use sellerlint::source::SourceFile;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::ops::Range;

const NAME: &str = "fuzz.yaml";

fn check_error(e: &FileError, source: Option<&SourceFile>) {
    assert_eq!(e.file, NAME, "an error must name its file: {e:?}");
    assert!(
        !e.message.trim().is_empty(),
        "an error needs a message: {e:?}"
    );
    assert!(
        !e.message.contains('\n'),
        "an error message is one line: {e:?}"
    );
    assert!(e.line.is_none_or(|l| l >= 1), "lines are 1-based: {e:?}");
    assert!(
        e.column.is_none_or(|c| c >= 1),
        "columns are 1-based: {e:?}"
    );
    assert!(
        e.column.is_none() || e.line.is_some(),
        "a column without a line: {e:?}"
    );
    if let Some(src) = source {
        assert!(
            e.line.is_none_or(|l| l <= src.line_count()),
            "line past the end of the file ({} lines): {e:?}",
            src.line_count()
        );
        if let Some(span) = &e.span {
            assert!(
                span.start <= src.text.len(),
                "span starts past the end ({} bytes): {e:?}",
                src.text.len()
            );
            assert!(span.start <= span.end, "reversed span: {e:?}");
        }
    }
}

fn check_span(source: &SourceFile, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.start <= source.text.len(),
        "{what}: span {span:?} is not inside the file ({} bytes)",
        source.text.len()
    );
}

/// Parsing and validation: any UTF-8 text either parses into sequences whose spans lie in the
/// file, or fails with errors that name the file and valid positions. Never panics.
pub fn check_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new(NAME, text.to_string());
    match parse_file(&source) {
        Ok(sequences) => {
            assert!(!sequences.is_empty(), "Ok with no sequence");
            for seq in &sequences {
                check_span(&source, &seq.span, "sequence");
                check_span(&source, &seq.name.span, "sequence name");
                assert!(!seq.messages.is_empty(), "a sequence without messages");
                let mut ids = std::collections::HashSet::new();
                for m in &seq.messages {
                    check_span(&source, &m.span, "message");
                    check_span(&source, &m.id.span, "message id");
                    assert!(!m.id.value.is_empty(), "an empty id passed validation");
                    assert!(ids.insert(m.id.value.clone()), "duplicate id passed");
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "Err with no error");
            for e in &errors {
                check_error(e, Some(&source));
            }
        }
    }
}

fn settings() -> Settings {
    match Profile::named(sellerlint::profile::DEFAULT_PROFILE) {
        Ok(p) => Settings::new(p),
        Err(e) => panic!("the default profile does not load: {e}"),
    }
}

/// The whole pipeline on arbitrary bytes: decode, lint, render every format. Every
/// diagnostic points inside its file, ends after it starts, and every format renders.
pub fn check_lint(data: &[u8]) {
    let report = match decode(NAME, data.to_vec()) {
        Err(e) => {
            check_error(&e, None);
            RunReport {
                unreadable: vec![e],
                ..RunReport::default()
            }
        }
        Ok(source) => {
            let file = lint_source(source, Registry::builtin(), &settings());
            for e in &file.errors {
                check_error(e, Some(&file.source));
            }
            for d in &file.diagnostics {
                check_span(&file.source, &d.span, &d.rule);
                assert!(d.line >= 1 && d.column >= 1, "{d:?}");
                assert!(d.line as usize <= file.source.line_count(), "{d:?}");
                assert!(
                    (d.end_line, d.end_column) >= (d.line, d.column),
                    "end before start: {d:?}"
                );
                assert!(!d.message.trim().is_empty(), "{d:?}");
                assert!(!d.message.contains('\n'), "a message is one line: {d:?}");
            }
            RunReport {
                files: vec![file],
                ..RunReport::default()
            }
        }
    };
    for styled in [false, true] {
        let _ = output::render(Format::Human, &report, styled);
    }
    let json = output::render(Format::Json, &report, false);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("the JSON report is not JSON ({e}): {json}");
    }
}

/// Does this build have the real scalar mapper, or the temporary stand-in that maps nothing?
/// (A plain one-word scalar is the simplest case any real mapper maps exactly.)
pub fn scalar_map_is_real() -> bool {
    ScalarMap::build("a: x", 3, "x").source_range(0..1) == Some(3..4)
}

/// Byte ranges of the words (runs of alphanumeric characters) of a value.
fn words(value: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..value.len());
    }
    out
}

/// Scalar position mapping, on the maps the pipeline builds (every subject and body of a
/// file that parses) and on every scalar of a flat `key: value` document: a verified map
/// sends every word of the value to the source bytes that spell it (or, in a double-quoted
/// scalar, to an escape sequence that produces it), in order; no map ever points outside the
/// source or between the bytes of a character, and no query panics.
pub fn check_scalar(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut maps: Vec<(String, String, ScalarMap)> = Vec::new();
    let source = SourceFile::new(NAME, text.to_string());
    if let Ok(sequences) = parse_file(&source) {
        for seq in &sequences {
            for m in &seq.messages {
                let id = &m.id.value;
                if let Some(subject) = &m.subject {
                    maps.push((
                        format!("{id}.subject"),
                        subject.value.clone(),
                        subject.map.clone(),
                    ));
                }
                maps.push((
                    format!("{id}.body"),
                    m.body.value.clone(),
                    m.body.map.clone(),
                ));
            }
        }
    }
    if let Ok(doc) = serde_saphyr::from_str::<BTreeMap<String, Spanned<String>>>(text) {
        for (key, s) in doc {
            let span = s.defined.span();
            if let Some(start) = span.byte_offset().and_then(|b| usize::try_from(b).ok()) {
                let map = ScalarMap::build(text, start, &s.value);
                maps.push((key, s.value, map));
            }
        }
    }
    let strict = scalar_map_is_real();
    for (key, value, map) in &maps {
        let value = value.as_str();
        // Queries on any char-aligned range of the value must not panic, and what they
        // return must be inside the source on char boundaries.
        let mut probes: Vec<Range<usize>> = vec![0..0, 0..value.len(), value.len()..value.len()];
        let bounds: Vec<usize> = value
            .char_indices()
            .map(|(i, _)| i)
            .chain([value.len()])
            .collect();
        for w in bounds.windows(2).take(64) {
            probes.push(w[0]..w[1]);
        }
        for p in &probes {
            if let Some(r) = map.source_range(p.clone()) {
                assert!(
                    r.start <= r.end && r.end <= text.len(),
                    "`{key}`: {p:?} maps to {r:?}, outside the source"
                );
                assert!(
                    text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                    "`{key}`: {p:?} maps to {r:?}, inside a character"
                );
            }
        }
        if !map.is_verified() {
            continue;
        }
        let mut last_end = 0;
        for w in words(value) {
            let got = map.source_range(w.clone());
            let Some(r) = got else {
                assert!(
                    !strict,
                    "`{key}`: verified map has no source range for word {:?} ({w:?})",
                    &value[w.clone()]
                );
                continue;
            };
            let spelled = text.get(r.clone()).unwrap_or("");
            assert!(
                spelled == &value[w.clone()] || spelled.contains('\\'),
                "`{key}`: word {:?} maps to {r:?} = {spelled:?}",
                &value[w.clone()]
            );
            assert!(
                r.start >= last_end,
                "`{key}`: word {:?} maps to {r:?}, before the previous word (ends {last_end})",
                &value[w]
            );
            last_end = r.end;
        }
    }
}

/// Fixes, on the edits diagnostics carry (`Diagnostic::edits`): every edit lies inside the
/// file on character boundaries, the edits of one diagnostic do not overlap, and applying
/// them leaves a file that still parses. Then the `--fix` engine itself, see
/// [`check_fix_engine`].
pub fn check_fix(data: &[u8]) {
    let Ok(source) = decode(NAME, data.to_vec()) else {
        return;
    };
    let text = source.text.clone();
    let file = lint_source(source, Registry::builtin(), &settings());
    for d in &file.diagnostics {
        if d.edits.is_empty() {
            continue;
        }
        let mut edits = d.edits.clone();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        for e in &edits {
            assert!(
                e.range.start <= e.range.end && e.range.end <= text.len(),
                "{}: edit {:?} outside the file",
                d.rule,
                e.range
            );
            assert!(
                text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end),
                "{}: edit {:?} splits a character",
                d.rule,
                e.range
            );
        }
        for pair in edits.windows(2) {
            assert!(
                pair[0].range.end <= pair[1].range.start,
                "{}: overlapping edits {:?} and {:?}",
                d.rule,
                pair[0].range,
                pair[1].range
            );
        }
        let mut fixed = String::with_capacity(text.len());
        let mut at = 0;
        for e in &edits {
            fixed.push_str(&text[at..e.range.start]);
            fixed.push_str(&e.replacement);
            at = e.range.end;
        }
        fixed.push_str(&text[at..]);
        let after = SourceFile::new(NAME, fixed);
        if let Err(errors) = parse_file(&after) {
            panic!(
                "{}: the fixed file no longer parses: {:?}\n{}",
                d.rule, errors, after.text
            );
        }
    }
    check_fix_engine(&text);
}

/// The `--fix` engine itself (unsafe fixes included): a changed file still parses, the engine
/// never leaves a file it abandoned changed, and a second run changes nothing (idempotence).
fn check_fix_engine(text: &str) {
    use sellerlint::fix::{fix_source, FixOptions, FixStatus};
    let options = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let first = fix_source(
        SourceFile::new(NAME, text.to_string()),
        Registry::builtin(),
        &settings(),
        &options,
    );
    assert_eq!(
        first.original, text,
        "the engine reports the text it was given"
    );
    if matches!(first.status, FixStatus::Abandoned(_)) {
        assert_eq!(
            first.fixed, text,
            "an abandoned fix leaves the file as it was"
        );
        return;
    }
    if !first.changed() {
        return;
    }
    let after = SourceFile::new(NAME, first.fixed.clone());
    if let Err(errors) = parse_file(&after) {
        panic!(
            "--fix made a file that no longer parses: {errors:?}\n{}",
            after.text
        );
    }
    if matches!(first.status, FixStatus::NotConverged) {
        return;
    }
    let second = fix_source(after, Registry::builtin(), &settings(), &options);
    assert!(
        !second.changed(),
        "a second --fix changed the file again:\n--- first\n{}\n--- second\n{}",
        first.fixed,
        second.fixed
    );
}
