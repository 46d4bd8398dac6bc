//! Embeds the phrase rules (`rules/*.yaml`) and profiles (`profiles/*.yaml`) in the binary, so
//! that `sellerlint` works alone, wherever it is copied.
//!
//! Start-up time matters (a pre-commit hook runs the linter on every commit), so the built-in
//! rules are also prepared here: each is converted to JSON, which loads several times faster
//! than YAML, and the literal gate of each of their patterns (see
//! `src/rules/literal_gate/analysis.rs`) is computed into a table, so that a run does not
//! parse the patterns to learn which texts can match them. So are the gates of the crate's
//! own constant patterns (structural rules, verdict evidence), which the Rust code builds:
//! build.rs cannot run that code, so a unit test keeps their list in
//! `src/rules/literal_gate/constant_patterns.json`.

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/rules/literal_gate/analysis.rs"]
mod gate_analysis;

#[allow(dead_code)]
#[path = "src/alphabet.rs"]
mod alphabet;

#[allow(dead_code)]
#[path = "src/rules/varint.rs"]
mod varint;

#[allow(dead_code)]
#[path = "src/rules/hir_codec.rs"]
mod hir_codec;

#[allow(dead_code)]
#[path = "src/rules/nfa_codec.rs"]
mod nfa_codec;

#[path = "src/language/latin.rs"]
mod latin;

#[path = "src/language/latin_index.rs"]
mod latin_index;

fn yaml_files(dir: &str) -> std::io::Result<Vec<PathBuf>> {
    println!("cargo:rerun-if-changed={dir}");
    let root = env::var("CARGO_MANIFEST_DIR").map_err(std::io::Error::other)?;
    let mut files: Vec<_> = fs::read_dir(Path::new(&root).join(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn embed(dir: &str, name: &str, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[")?;
    for path in yaml_files(dir)? {
        let rel = format!("{dir}/{}", file_name(&path));
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    writeln!(out, "];")
}

/// Every regex a rule file holds, as the phrase engine will compile it.
fn rule_patterns(rule: &serde_json::Value, out: &mut Vec<String>) {
    let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let per_language = |v: Option<&serde_json::Value>| -> Vec<serde_json::Value> {
        v.and_then(|v| v.as_object())
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    };
    for list in per_language(rule.get("patterns")) {
        for spec in list.as_array().into_iter().flatten() {
            if let Some(regex) = spec.as_str() {
                out.push(regex.to_string());
                continue;
            }
            for key in [
                "regex",
                "requires",
                "unless_before",
                "unless_after",
                "focus",
            ] {
                if let Some(regex) = spec.get(key).and_then(|v| v.as_str()) {
                    out.push(regex.to_string());
                }
            }
            out.extend(strings(spec.get("near")));
            if let Some(phrase) = spec.get("phrase").and_then(|v| v.as_str()) {
                // Spaced and unspaced languages (see `phrase_regex`).
                out.push(gate_analysis::phrase_regex(phrase, true));
                out.push(gate_analysis::phrase_regex(phrase, false));
            }
        }
    }
    for list in per_language(rule.get("exceptions")) {
        out.extend(strings(Some(&list)));
    }
    for option in per_language(rule.get("options")) {
        for list in per_language(option.get("exceptions")) {
            out.extend(strings(Some(&list)));
        }
    }
}

/// Takes a rule's examples out of it: a run never reads them (`PhraseRule` parses them on
/// first need).
fn split_examples(rule: &mut serde_json::Value) -> serde_json::Value {
    rule.as_object_mut()
        .and_then(|fields| fields.remove("examples"))
        .unwrap_or_else(|| serde_json::json!({}))
}

/// The rules as JSON (`BUILTIN_RULES_JSON`) and the gates of their patterns (`BUILTIN_GATES`,
/// sorted by pattern, their literals named by index in `BUILTIN_LITERALS`). A rule file that
/// does not parse is left out: the YAML loader then reports it, and `cargo test` fails on it.
fn prepare_rules(
    out_dir: &Path,
    out: &mut impl Write,
    gates_out: &mut impl Write,
) -> std::io::Result<()> {
    let json_dir = out_dir.join("rules-json");
    fs::create_dir_all(&json_dir)?;
    let mut patterns = Vec::new();
    writeln!(
        out,
        "pub static BUILTIN_RULES_JSON: &[(&str, &str, &str)] = &["
    )?;
    for path in yaml_files("rules")? {
        let text = fs::read_to_string(&path)?;
        let Ok(mut rule) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        rule_patterns(&rule, &mut patterns);
        let examples = split_examples(&mut rule);
        let json_path = json_dir.join(format!("{}.json", file_name(&path)));
        fs::write(&json_path, rule.to_string())?;
        let examples_path = json_dir.join(format!("{}.examples.json", file_name(&path)));
        fs::write(&examples_path, examples.to_string())?;
        writeln!(
            out,
            "    (\"rules/{}\", include_str!({:?}), include_str!({:?})),",
            file_name(&path),
            json_path.display().to_string(),
            examples_path.display().to_string()
        )?;
    }
    writeln!(out, "];")?;
    patterns.extend(constant_patterns()?);
    patterns.sort();
    patterns.dedup();
    let out = gates_out;
    // The gates come from the analysis, which build.rs compiles in: a change to it must
    // rebuild them.
    println!("cargo:rerun-if-changed=src/rules/literal_gate/analysis.rs");
    let gates: Vec<(String, gate_analysis::Gate)> = patterns
        .into_iter()
        .map(|pattern| {
            let gate = gate_analysis::Gate::of_regex(&pattern);
            (pattern, gate)
        })
        .collect();
    // Every literal of every gate, once, sorted: the gates name them by index, so that a big
    // run finds all of a text's literals in one pass (see `literal_gate::BuiltinLiterals`).
    // With each literal's form without word edges, which the patterns tried on pieces of a
    // text use (see `literal_gate::GateSource::of_piece_pattern`).
    let literals: Vec<&str> = gates
        .iter()
        .flat_map(|(_, gate)| gate.sets.iter().flatten().map(String::as_str))
        .flat_map(|literal| [literal, gate_analysis::without_edges(literal)])
        .collect::<std::collections::BTreeSet<&str>>()
        .into_iter()
        .collect();
    if literals.len() > usize::from(u16::MAX) {
        return Err(std::io::Error::other("over 65,535 gate literals"));
    }
    writeln!(out, "pub static BUILTIN_LITERALS: &[&str] = &{literals:?};")?;
    writeln!(out, "pub static BUILTIN_GATES: &[(&str, &[&[u16]])] = &[")?;
    for (pattern, gate) in &gates {
        let sets: Vec<String> = gate
            .sets
            .iter()
            .map(|set| {
                let ids: Vec<usize> = set
                    .iter()
                    .filter_map(|lit| literals.binary_search(&lit.as_str()).ok())
                    .collect();
                format!("&{ids:?}")
            })
            .collect();
        writeln!(out, "    ({pattern:?}, &[{}]),", sets.join(", "))?;
    }
    writeln!(out, "];")?;
    let patterns: Vec<&str> = gates.iter().map(|(pattern, _)| pattern.as_str()).collect();
    write_prebuilt(&patterns, out_dir)
}

/// Every built-in pattern prepared for compiling at run time (see `src/rules/prebuilt.rs`):
/// its HIR narrowed to seller mail, for the full regex, in the binary form of
/// `src/rules/hir_codec.rs`; its NFA narrowed to ASCII, to Latin and to seller mail, for the
/// first tier of a small run, in the form of `src/rules/nfa_codec.rs`. All in `prebuilt.bin`,
/// indexed by `PREBUILT` (sorted by pattern; the byte range of each form) in `prebuilt.rs`. A
/// pattern that does not parse is left out: the run then parses it and reports the error.
/// The NFAs are compiled as the run's first tier compiles them (`NFA_COMPILER` in
/// `src/rules/lazy_regex.rs`); a unit test checks that they are the same.
fn write_prebuilt(patterns: &[&str], out_dir: &Path) -> std::io::Result<()> {
    use alphabet::Alphabet;
    use regex_automata::nfa::thompson;
    let out = &mut std::io::BufWriter::new(fs::File::create(out_dir.join("prebuilt.rs"))?);
    println!("cargo:rerun-if-changed=src/alphabet.rs");
    println!("cargo:rerun-if-changed=src/rules/hir_codec.rs");
    println!("cargo:rerun-if-changed=src/rules/nfa_codec.rs");
    println!("cargo:rerun-if-changed=src/rules/varint.rs");
    let compiler = {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(thompson::Config::new().utf8(true).shrink(false));
        compiler
    };
    // One section per form, so that a run touches the pages of the forms it reads only: a
    // big run reads HIRs alone, a small run over English mail ASCII NFAs alone.
    let mut sections: [Vec<u8>; 4] = Default::default();
    let mut entries = Vec::new();
    for pattern in patterns {
        let Ok(hir) = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
        else {
            continue;
        };
        let [hirs, ascii, latin, seller_mail] = &mut sections;
        let mut ranges = Vec::new();
        let start = hirs.len();
        hir_codec::encode(&alphabet::narrowed(hir.clone(), Alphabet::SellerMail), hirs);
        ranges.push((start, hirs.len()));
        for (to, section) in [
            (Alphabet::Ascii, ascii),
            (Alphabet::Latin, latin),
            (Alphabet::SellerMail, seller_mail),
        ] {
            let start = section.len();
            // An NFA the form cannot hold is left out (an empty range): the run compiles it.
            let nfa = compiler.build_from_hir(&alphabet::narrowed(hir.clone(), to));
            if let Some(form) = nfa.ok().as_ref().and_then(nfa_codec::encode) {
                section.extend_from_slice(&form);
            }
            ranges.push((start, section.len()));
        }
        entries.push((pattern, ranges));
    }
    writeln!(
        out,
        "pub static PREBUILT_BYTES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/prebuilt.bin\"));"
    )?;
    writeln!(out, "pub static PREBUILT: &[(&str, [[u32; 2]; 4])] = &[")?;
    let bases: Vec<usize> = sections
        .iter()
        .scan(0, |base, section| {
            let this = *base;
            *base += section.len();
            Some(this)
        })
        .collect();
    let at = |offset: usize| u32::try_from(offset).map_err(std::io::Error::other);
    for (pattern, ranges) in entries {
        let mut spans = Vec::new();
        for ((start, end), base) in ranges.into_iter().zip(&bases) {
            spans.push(format!("[{}, {}]", at(base + start)?, at(base + end)?));
        }
        writeln!(out, "    ({pattern:?}, [{}]),", spans.join(", "))?;
    }
    writeln!(out, "];")?;
    fs::write(out_dir.join("prebuilt.bin"), sections.concat())
}

/// The profiles as JSON (`BUILTIN_PROFILES_JSON`), which loads several times faster than YAML:
/// every run resolves one. A profile that does not parse is left out: the YAML loader's unit
/// test then fails on it.
fn prepare_profiles(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "pub static BUILTIN_PROFILES_JSON: &[(&str, &str)] = &["
    )?;
    for path in yaml_files("profiles")? {
        let text = fs::read_to_string(&path)?;
        // YAML 1.2 booleans only: a severity of `off` is the word, not YAML 1.1's `false`.
        let options = serde_saphyr::options! { strict_booleans: true };
        let Ok(profile) = serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options)
        else {
            continue;
        };
        writeln!(
            out,
            "    (\"profiles/{}\", {:?}),",
            file_name(&path),
            profile.to_string()
        )?;
    }
    writeln!(out, "];")
}

/// The crate's constant patterns, as the unit test `the_constant_pattern_list_is_current`
/// (`src/rules/literal_gate/mod.rs`) lists them.
fn constant_patterns() -> std::io::Result<Vec<String>> {
    const LIST: &str = "src/rules/literal_gate/constant_patterns.json";
    println!("cargo:rerun-if-changed={LIST}");
    let root = env::var("CARGO_MANIFEST_DIR").map_err(std::io::Error::other)?;
    let text = fs::read_to_string(Path::new(&root).join(LIST))?;
    serde_json::from_str(&text).map_err(std::io::Error::other)
}

/// The index language detection scores Latin-script text with (see
/// `src/language/latin_index.rs`), as static tables. Empty tables when the copied whatlang data
/// does not match whatlang: the run then uses whatlang itself.
fn write_latin_index(out: &mut impl Write) -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=src/language/latin.rs");
    println!("cargo:rerun-if-changed=src/language/latin_index.rs");
    let index = latin_index::build();
    let index = index.as_ref();
    let codes = index.map(|i| i.lang_codes.clone()).unwrap_or_default();
    writeln!(out, "pub static LANG_CODES: &[&str] = &{codes:?};")?;
    let chars = index.map(|i| i.alphabet_chars.clone()).unwrap_or_default();
    writeln!(out, "pub static ALPHABET_CHARS: &[char] = &{chars:?};")?;
    write!(out, "pub static ALPHABET_LANGS: &[&[u8]] = &[")?;
    for langs in index.iter().flat_map(|i| &i.alphabet_langs) {
        write!(out, "&{langs:?},")?;
    }
    writeln!(out, "];")?;
    let bits = index.map_or(0, |i| i.trigram_bits);
    writeln!(out, "pub static TRIGRAM_BITS: u32 = {bits};")?;
    let slots = index.map(|i| i.trigram_slots.clone()).unwrap_or_default();
    writeln!(
        out,
        "pub static TRIGRAM_SLOTS: &[(u64, u32, u32)] = &{slots:?};"
    )?;
    let postings = index.map(|i| i.postings.clone()).unwrap_or_default();
    writeln!(out, "pub static POSTINGS: &[(u16, u16)] = &{postings:?};")
}

fn main() -> std::io::Result<()> {
    let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(std::io::Error::other)?);
    let mut out = fs::File::create(out_dir.join("embedded.rs"))?;
    embed("rules", "BUILTIN_RULES", &mut out)?;
    embed("profiles", "BUILTIN_PROFILES", &mut out)?;
    prepare_profiles(&mut out)?;
    let mut gates = fs::File::create(out_dir.join("builtin_gates.rs"))?;
    prepare_rules(&out_dir, &mut out, &mut gates)?;
    write_latin_index(&mut fs::File::create(out_dir.join("latin_index.rs"))?)?;
    Ok(())
}
