//! TEMPORARY stand-in until the real HTML scanner lands.
use std::ops::Range;
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPiece {
    pub text: String,
    pub range: Range<usize>,
    pub exact: bool,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: String,
    pub value_range: Range<usize>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub range: Range<usize>,
    pub attrs: Vec<Attr>,
    pub inside_link: Option<usize>,
}
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlScan {
    pub text: Vec<TextPiece>,
    pub elements: Vec<Element>,
}
impl Element {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}
pub fn looks_like_html(s: &str) -> bool {
    s.contains("<p>")
        || s.contains("<a ")
        || s.contains("<img")
        || s.contains("<br")
        || s.contains("<div")
}
pub fn scan(input: &str) -> HtmlScan {
    let mut text = Vec::new();
    let mut in_tag = false;
    let mut start = 0;
    for (i, c) in input.char_indices() {
        if c == '<' {
            if !in_tag && i > start {
                text.push(TextPiece {
                    text: input[start..i].to_string(),
                    range: start..i,
                    exact: true,
                });
            }
            in_tag = true;
        } else if c == '>' && in_tag {
            in_tag = false;
            start = i + 1;
            text.push(TextPiece {
                text: "\n".into(),
                range: i..i,
                exact: false,
            });
        }
    }
    if !in_tag && start < input.len() {
        text.push(TextPiece {
            text: input[start..].to_string(),
            range: start..input.len(),
            exact: true,
        });
    }
    HtmlScan {
        text,
        elements: stub_elements(input),
    }
}

/// Start tags with their attributes (a simple scan, enough for rule tests until the real
/// scanner replaces this file). Names are lowercase; `inside_link` is the enclosing `<a>`.
fn stub_elements(input: &str) -> Vec<Element> {
    let mut elements: Vec<Element> = Vec::new();
    let mut open_links: Vec<usize> = Vec::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(len) = input[i..].find('>') else {
            break;
        };
        let end = i + len + 1;
        let inner = &input[i + 1..end - 1];
        if let Some(closing) = inner.strip_prefix('/') {
            if closing.trim().eq_ignore_ascii_case("a") {
                open_links.pop();
            }
        } else if inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name_len = inner
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(inner.len());
            let name = inner[..name_len].to_ascii_lowercase();
            let attrs = stub_attrs(input, i + 1 + name_len, end - 1);
            let index = elements.len();
            elements.push(Element {
                inside_link: open_links.last().copied(),
                name: name.clone(),
                range: i..end,
                attrs,
            });
            if name == "a" && !inner.ends_with('/') {
                open_links.push(index);
            }
        }
        i = end;
    }
    elements
}

fn stub_attrs(input: &str, from: usize, to: usize) -> Vec<Attr> {
    let mut attrs = Vec::new();
    let b = input.as_bytes();
    let mut i = from;
    while i < to {
        while i < to && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < to && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = input[start..i].to_ascii_lowercase();
        if i < to && b[i] == b'=' {
            i += 1;
            let (vs, ve) = if i < to && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let mut ve = vs;
                while ve < to && b[ve] != q {
                    ve += 1;
                }
                i = (ve + 1).min(to);
                (vs, ve)
            } else {
                let vs = i;
                while i < to && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                (vs, i)
            };
            attrs.push(Attr {
                name,
                value: input[vs..ve].to_string(),
                value_range: vs..ve,
            });
        } else {
            attrs.push(Attr {
                name,
                value: String::new(),
                value_range: i..i,
            });
        }
    }
    attrs
}
