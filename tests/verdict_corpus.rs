//! Measures the content evidence of critical messages (`sellerlint::verdict::evidence`) on the
//! labeled corpus in ../shared/corpus: messages labeled critical that the content shows as
//! critical (recall), and messages shown as critical that are not labeled so (false positives,
//! which would be reported as reaching buyers who opted out).

use sellerlint::parse::parse_file;
use sellerlint::source::SourceFile;
use sellerlint::verdict::content_evidence;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Expected {
    files: BTreeMap<String, BTreeMap<String, Label>>,
}

#[derive(serde::Deserialize)]
struct Label {
    #[serde(default)]
    critical: bool,
}

#[test]
fn content_evidence_on_the_labeled_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(text) = std::fs::read_to_string(root.join("expected.yaml")) else {
        eprintln!("no corpus at {}: skipped", root.display());
        return;
    };
    let expected: Expected = serde_saphyr::from_str(&text).expect("expected.yaml parses");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (file, labels) in &expected.files {
        let Ok(text) = std::fs::read_to_string(root.join("cases").join(file)) else {
            continue;
        };
        let source = SourceFile::new(file.clone(), text);
        let Ok(sequences) = parse_file(&source) else {
            continue;
        };
        for m in sequences.iter().flat_map(|s| &s.messages) {
            let labeled = labels.get(&m.id.value).is_some_and(|l| l.critical);
            match (content_evidence(m).is_some(), labeled) {
                (true, true) => tp += 1,
                (true, false) => {
                    fp += 1;
                    wrong.push(format!("false positive {file}:{}", m.id.value));
                }
                (false, true) => {
                    fn_ += 1;
                    wrong.push(format!("missed {file}:{}", m.id.value));
                }
                (false, false) => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!("content evidence: precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_})");
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(tp + fn_ > 0, "the corpus has critical messages");
    // A wrong "critical" tells a seller a message reaches buyers it does not reach.
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.65, "recall {recall:.3}");
}
