//! Plain template files: a `.txt`, `.md`, `.html` or `.htm` file named on the command line (or
//! given through `--stdin-filename`) is one message, as a seller copies it out of an e-mail
//! tool, and is linted as a one-message sequence. The whole file is the body (after a UTF-8 BOM
//! and an optional first line `Subject: …`), mapped byte for byte, so every position reported
//! is exact.
//!
//! The sequence is named after the file stem, sold on amazon.com, written in the language the
//! text is detected to be in (English when it cannot be told), in HTML for `.html`/`.htm`.

use crate::language::{detect, prose};
use crate::model::{BodyFormat, Located, Message, Sequence, TextField};
use crate::parse::FileError;
use crate::scalar::ScalarMap;
use crate::source::SourceFile;
use crate::text::TextView;
use std::path::Path;

/// Extensions of plain template files.
pub const TEMPLATE_EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// Is this file name a plain template rather than a YAML sequence file?
pub fn is_template(name: &str) -> bool {
    extension(name).is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e.as_str()))
}

fn extension(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// A field whose value is `source[start..end]`, mapped one to one.
fn whole_range_field(source: &SourceFile, start: usize, end: usize) -> TextField {
    let value = source.text.get(start..end).unwrap_or("");
    TextField {
        map: ScalarMap::identity(value, start),
        value: value.to_string(),
    }
}

/// The one-message sequence of a template file.
pub fn parse_template(source: &SourceFile) -> Result<Vec<Sequence>, Vec<FileError>> {
    let text = source.text.as_str();
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(vec![FileError::whole_file(
            &source.name,
            "the template is empty: there is no message to check",
        )]);
    }
    let is_html = matches!(extension(&source.name).as_deref(), Some("html" | "htm"));

    // `Subject: …` on the first line, as e-mail tools export it, is the subject.
    let mut subject = None;
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first = &text[start..first_end];
    if let Some(rest) = first
        .strip_prefix("Subject:")
        .or_else(|| first.strip_prefix("subject:"))
    {
        let value_start = first_end - rest.len() + (rest.len() - rest.trim_start().len());
        let value_end = first_end - (first.len() - first.trim_end().len());
        subject = Some(whole_range_field(
            source,
            value_start,
            value_end.max(value_start),
        ));
        start = (first_end + 1).min(text.len());
    }

    let body = whole_range_field(source, start, text.len());
    let stem = Path::new(&source.name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("template")
        .to_string();
    let format = if is_html {
        BodyFormat::Html
    } else {
        BodyFormat::Text
    };
    let language = detect(&prose(&TextView::new(&body, Some(format)))).unwrap_or("en");
    let whole = 0..text.len();
    let at_start = |value: String| Located { value, span: 0..0 };
    let message = Message {
        id: at_start(stem.clone()),
        trigger: None,
        delay_hours: None,
        subject,
        format: Some(Located {
            value: format,
            span: 0..0,
        }),
        attachments: Vec::new(),
        purpose: None,
        body,
        allow: Vec::new(),
        span: whole.clone(),
    };
    Ok(vec![Sequence {
        name: at_start(stem),
        marketplace: at_start("amazon.com".to_string()),
        language: at_start(language.to_string()),
        language_declared: false,
        messages: vec![message],
        span: whole,
        document: 0,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_files_by_extension() {
        assert!(is_template("welcome.txt"));
        assert!(is_template("dir/Review.HTML"));
        assert!(is_template("a.md"));
        assert!(!is_template("seq.yaml"));
        assert!(!is_template("noext"));
    }

    #[test]
    fn the_body_maps_one_to_one_after_bom_and_subject() {
        let text = "\u{feff}Subject: Hello there\nHi {{buyer_name}}, thanks!\n";
        let source = SourceFile::new("t.txt", text.to_string());
        let seqs = parse_template(&source).unwrap_or_default();
        let m = &seqs[0].messages[0];
        let subject = m.subject.as_ref().map(|s| s.value.as_str());
        assert_eq!(subject, Some("Hello there"));
        let at = m.body.value.find("thanks").unwrap_or(0);
        let span = m.body.source_range(at..at + 6);
        assert_eq!(&text[span], "thanks");
        assert_eq!(seqs[0].messages[0].id.value, "t");
    }

    #[test]
    fn empty_templates_are_errors() {
        let source = SourceFile::new("t.md", "  \n".to_string());
        assert!(parse_template(&source).is_err());
    }
}
