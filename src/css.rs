//! CSS in HTML bodies: the declarations (`font-family: Arial`) of `style` attributes and of
//! `<style>` sheets, each with the byte ranges it was written at, for the styling rules
//! (`style/*`) to point at.
//!
//! Tokenizing is done by `cssparser`, the CSS Syntax Level 3 tokenizer of Servo and Firefox:
//! it gets strings, escapes, comments, `url()` and nested blocks right (`font-family:
//! "A;B"` is one declaration, `/* color: red */` none), and reports byte positions. This
//! module only groups its tokens into declarations; it does not match selectors or compute
//! which declaration wins (a mail client's cascade is not ours to model), so a rule sees every
//! declaration a template writes.

use cssparser::{ParseError, Parser, Token};
use std::ops::Range;

/// One `property: value` of a declaration list.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The property name, ASCII-lowercased (`Font-Family` → `font-family`).
    pub property: String,
    /// The parts of the value, in order (whitespace and `!important` left out).
    pub parts: Vec<ValuePart>,
    /// Bytes of the whole declaration, from the property name to the end of its value (the
    /// `;` excluded).
    pub range: Range<usize>,
    /// Bytes of the value.
    pub value_range: Range<usize>,
}

/// One component of a declaration's value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuePart {
    pub kind: PartKind,
    /// Bytes of the component.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// `25%`, as written (25.0, not 0.25).
    Percent(f32),
    /// `12px`, `1.5em`: the number and the ASCII-lowercased unit.
    Dimension(f32, String),
    Number(f32),
    /// A keyword, ASCII-lowercased (`center`, `inherit`, `arial`).
    Ident(String),
    /// A quoted string (`"Open Sans"`), without its quotes.
    Text(String),
    /// The address of `url(…)`.
    Url(String),
    /// Anything else: `,`, `/`, a colour `#333`, a function such as `rgb(…)`.
    Other,
}

impl PartKind {
    /// A width relative to the message's, as (number, unit): a percentage (`25%`) or a
    /// viewport width (`25vw`). Pixel and `em` widths are not: the message's width in them is
    /// not known.
    pub fn relative_width(&self) -> Option<(f32, &'static str)> {
        match self {
            PartKind::Percent(p) => Some((*p, "%")),
            PartKind::Dimension(v, unit) if unit == "vw" => Some((*v, "vw")),
            _ => None,
        }
    }
}

impl Declaration {
    /// The value as written.
    pub fn value<'a>(&self, css: &'a str) -> &'a str {
        css.get(self.value_range.clone()).unwrap_or("")
    }

    /// Is the value one of the CSS-wide keywords (`inherit`, `initial`, `unset`, `revert`),
    /// which set nothing of their own?
    pub fn is_css_wide_keyword(&self) -> bool {
        matches!(
            self.parts.as_slice(),
            [ValuePart { kind: PartKind::Ident(k), .. }]
                if matches!(k.as_str(), "inherit" | "initial" | "unset" | "revert" | "revert-layer")
        )
    }
}

/// A declaration of a field's HTML, and where the CSS it was read from is.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlDeclaration {
    /// The element whose `style` attribute holds it (an index into the scan's elements);
    /// `None` in a `<style>` sheet.
    pub element: Option<usize>,
    /// Bytes of the field value the CSS was read from: the sheet, or the attribute's value.
    pub source: Range<usize>,
    /// The CSS is the field's bytes at `source`; false for an attribute value written with
    /// entities (`&quot;`), whose decoding moved the offsets.
    pub exact: bool,
    /// Its ranges are offsets into that CSS.
    pub declaration: Declaration,
}

/// Every declaration of an HTML field (`value`, scanned as `scan`): its `<style>` sheets'
/// first, then its `style` attributes', each in source order.
pub fn html_declarations(value: &str, scan: &crate::html::HtmlScan) -> Vec<HtmlDeclaration> {
    let mut out = Vec::new();
    for sheet in &scan.style_sheets {
        let Some(css) = value.get(sheet.clone()) else {
            continue;
        };
        out.extend(
            declarations(css)
                .into_iter()
                .map(|declaration| HtmlDeclaration {
                    element: None,
                    source: sheet.clone(),
                    exact: true,
                    declaration,
                }),
        );
    }
    for (at, element) in scan.elements.iter().enumerate() {
        let Some(style) = element.attr("style") else {
            continue;
        };
        let exact = value.get(style.value_range.clone()) == Some(style.value.as_str());
        out.extend(
            declarations(&style.value)
                .into_iter()
                .map(|declaration| HtmlDeclaration {
                    element: Some(at),
                    source: style.value_range.clone(),
                    exact,
                    declaration,
                }),
        );
    }
    out
}

/// The declarations of a `style` attribute's value, or of every rule of a style sheet (the
/// text of a `<style>` element, nested rules such as `@media` included), in source order.
/// Everything before a `{…}` block is read as that block's prelude (a selector), so one
/// reader serves both.
pub fn declarations(css: &str) -> Vec<Declaration> {
    let mut parser = Parser::new(css);
    let mut out = Vec::new();
    items(&mut parser, &mut out);
    out
}

/// What the reader knows of the item (declaration or rule) it is in.
#[derive(Default)]
struct Item {
    /// The property name and where it starts, once the item has begun with an identifier.
    name: Option<(String, usize)>,
    /// Where the `:` after the name ends, once it was read.
    colon_end: Option<usize>,
    /// Where the last token of the declaration (`!important` included) ends.
    end: usize,
    parts: Vec<ValuePart>,
    /// The item is not a declaration (it began with something else than `name:`).
    spoiled: bool,
    /// A `!` was read: what follows is `important`, not a value component.
    bang: bool,
}

impl Item {
    fn finish(self, out: &mut Vec<Declaration>) {
        if self.spoiled {
            return;
        }
        if let (Some((property, start)), Some(colon_end)) = (self.name, self.colon_end) {
            let value_range = match (self.parts.first(), self.parts.last()) {
                (Some(first), Some(last)) => first.range.start..last.range.end,
                _ => colon_end..colon_end,
            };
            out.push(Declaration {
                property,
                parts: self.parts,
                range: start..self.end.max(colon_end),
                value_range,
            });
        }
    }
}

/// Reads the items of a block (or of the whole input) into `out`: `name: value` up to a `;`
/// is a declaration; a `{…}` block ends a rule's prelude and is read the same way, so that
/// the declarations of rules nested at any depth are found.
fn items(parser: &mut Parser<'_>, out: &mut Vec<Declaration>) {
    let mut item = Item::default();
    loop {
        let start = parser.position().byte_index();
        let token = match parser.next_including_whitespace() {
            Ok(token) => token.clone(),
            Err(_) => break,
        };
        let end = parser.position().byte_index();
        match token {
            Token::WhiteSpace(_) => {}
            Token::Semicolon => std::mem::take(&mut item).finish(out),
            Token::CurlyBracketBlock => {
                // A rule's block: what came before was its selector, not a declaration.
                item = Item::default();
                let _ = parser.parse_nested_block(|nested| {
                    items(nested, out);
                    Ok::<(), ParseError<()>>(())
                });
            }
            Token::Ident(name) if item.name.is_none() && !item.spoiled => {
                item.name = Some((name.to_ascii_lowercase(), start));
            }
            Token::Colon if item.name.is_some() && item.colon_end.is_none() => {
                item.colon_end = Some(end);
            }
            _ if item.colon_end.is_none() => item.spoiled = true,
            Token::Delim('!') => {
                item.bang = true;
                item.end = end;
            }
            Token::Ident(ref word) if item.bang && word.eq_ignore_ascii_case("important") => {
                item.bang = false;
                item.end = end;
            }
            token => {
                let kind = part_kind(parser, &token);
                // A function's or block's end is where the parser stands after it.
                let part_end = parser.position().byte_index().max(end);
                item.parts.push(ValuePart {
                    kind,
                    range: start..part_end,
                });
                item.end = part_end;
            }
        }
    }
    item.finish(out);
}

/// What a value token is; reads the address out of a `url("…")` function.
fn part_kind(parser: &mut Parser<'_>, token: &Token<'_>) -> PartKind {
    match token {
        Token::Percentage { unit_value, .. } => PartKind::Percent(unit_value * 100.0),
        Token::Dimension { value, unit, .. } => {
            PartKind::Dimension(*value, unit.to_ascii_lowercase())
        }
        Token::Number { value, .. } => PartKind::Number(*value),
        Token::Ident(word) => PartKind::Ident(word.to_ascii_lowercase()),
        Token::QuotedString(text) => PartKind::Text(text.to_string()),
        Token::UnquotedUrl(url) => PartKind::Url(url.to_string()),
        Token::Function(name) if name.eq_ignore_ascii_case("url") => parser
            .parse_nested_block(|nested| {
                let url = nested.expect_string().map(|s| s.to_string())?;
                Ok::<String, ParseError<()>>(url)
            })
            .map_or(PartKind::Other, PartKind::Url),
        _ => PartKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(css: &str) -> Vec<(String, String)> {
        declarations(css)
            .iter()
            .map(|d| (d.property.clone(), d.value(css).to_string()))
            .collect()
    }

    fn pair(p: &str, v: &str) -> (String, String) {
        (p.to_string(), v.to_string())
    }

    #[test]
    fn a_style_attribute() {
        let css = "Font-Family: \"A;B\", serif; color:#333 ;margin: 0 25% !important";
        assert_eq!(
            summary(css),
            [
                pair("font-family", "\"A;B\", serif"),
                pair("color", "#333"),
                pair("margin", "0 25%"),
            ]
        );
        let margin = &declarations(css)[2];
        assert_eq!(&css[margin.range.clone()], "margin: 0 25% !important");
        let spaced = "color:red  ;";
        assert_eq!(&spaced[declarations(spaced)[0].range.clone()], "color:red");
        let kinds: Vec<&PartKind> = margin.parts.iter().map(|p| &p.kind).collect();
        assert_eq!(kinds, [&PartKind::Number(0.0), &PartKind::Percent(25.0)]);
        assert_eq!(&css[margin.parts[1].range.clone()], "25%");
    }

    #[test]
    fn a_style_sheet_with_nested_rules_and_comments() {
        let css = "/* color: red */ p, td { font-size: 14px; line-height:1.4 }\n\
                   @media (max-width: 600px) { .x { width: 100% } }";
        assert_eq!(
            summary(css),
            [
                pair("font-size", "14px"),
                pair("line-height", "1.4"),
                pair("width", "100%"),
            ]
        );
    }

    #[test]
    fn urls_quoted_or_not() {
        let css = "background: url(a.GIF) no-repeat; background-image: url('b.gif')";
        let urls: Vec<PartKind> = declarations(css)
            .into_iter()
            .flat_map(|d| d.parts)
            .map(|p| p.kind)
            .filter(|k| matches!(k, PartKind::Url(_)))
            .collect();
        assert_eq!(
            urls,
            [PartKind::Url("a.GIF".into()), PartKind::Url("b.gif".into())]
        );
    }

    #[test]
    fn broken_css_keeps_what_it_can() {
        assert_eq!(summary("color"), []);
        assert_eq!(summary(": red; color: blue"), [pair("color", "blue")]);
        assert_eq!(
            summary("color: red; 12px; width:"),
            [pair("color", "red"), pair("width", "")]
        );
        assert_eq!(summary("a { color: red"), [pair("color", "red")]);
        assert!(declarations("").is_empty());
        assert!(declarations("}}}{{{").is_empty());
    }

    #[test]
    fn css_wide_keywords() {
        assert!(declarations("color: inherit")[0].is_css_wide_keyword());
        assert!(!declarations("color: red")[0].is_css_wide_keyword());
    }

    proptest::proptest! {
        /// Any input: no panic, and every range lies on char boundaries inside the input.
        #[test]
        fn ranges_lie_inside_the_input(css in "\\PC{0,80}") {
            for d in declarations(&css) {
                proptest::prop_assert!(css.get(d.range.clone()).is_some());
                proptest::prop_assert!(css.get(d.value_range.clone()).is_some());
                for p in &d.parts {
                    proptest::prop_assert!(css.get(p.range.clone()).is_some());
                }
            }
        }
    }
}
