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
        elements: Vec::new(),
    }
}
