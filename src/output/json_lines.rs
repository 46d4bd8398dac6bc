//! `--format json-lines`: one JSON object per line, for streaming consumers (`jq -c`,
//! reviewdog, log shippers). Each diagnostic line has exactly the fields of a diagnostic in
//! the JSON report plus `"kind": "diagnostic"`; an input that could not be linted is a line
//! with `"kind": "error"` and the fields of the report's `errors`. No summary line.

use crate::run::RunReport;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    kind: &'static str,
    #[serde(flatten)]
    item: &'a T,
}

pub fn render(report: &RunReport) -> String {
    let mut out = String::new();
    for e in report.errors() {
        if let Ok(s) = serde_json::to_string(&Line {
            kind: "error",
            item: e,
        }) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    for d in report.diagnostics() {
        if let Ok(s) = serde_json::to_string(&Line {
            kind: "diagnostic",
            item: d,
        }) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}
