//! HTML message bodies: visible text and elements, each tied to byte ranges of the source.
//!
//! This module owns everything the linter knows about HTML: whether a body looks like HTML at
//! all ([`looks_like_html`]), and [`scan`], which turns a body (a fragment, broken tag soup, or
//! plain text with a stray `<`) into the text a buyer would see plus the elements and attributes,
//! so that a rule can point at the exact tag, attribute value or phrase in the template.
//!
//! Tokenizing is done by `html5gum` 0.9: it implements the WHATWG tokenizer states (so it
//! recovers from broken markup the way a mail client's browser engine does), is
//! `#![forbid(unsafe_code)]` with no dependencies, and its callback emitter reports byte spans for
//! tags, attribute values and text. `lol_html` locates tags and text but not attribute values and
//! brings a CSS-selector stack; `html5ever`'s tokenizer reports only line numbers.
//!
//! On top of the tokens this module adds the few tree-builder rules that change what is visible
//! or linked: raw-text elements (`script`, `style`, `title`, ...) and `<head>`/`<template>` are
//! hidden, block elements break lines, and `<a>` does not nest or leak out of table cells. Not
//! modelled: the rest of the tree builder, CSS (`display:none` text counts as visible), and
//! character encodings (the input is already a `&str`).

use std::borrow::Cow;
use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};

/// A piece of visible text and the bytes of the input it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPiece {
    pub text: String,
    pub range: Range<usize>,
    /// true when `text == &input[range]` (no entity decoding, no synthetic break)
    pub exact: bool,
}

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Lowercase (the tokenizer folds ASCII case, as browsers do).
    pub name: String,
    /// Entity-decoded value; empty for a valueless attribute.
    pub value: String,
    /// The raw value bytes in the input, without quotes; for a valueless attribute an empty
    /// range right after the name, for `x=""` an empty range between the quotes.
    pub value_range: Range<usize>,
}

/// A start tag that the tokenizer completed (a tag cut off by the end of the input is dropped,
/// as browsers drop it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lowercase tag name.
    pub name: String,
    /// Bytes of the start tag `<a href=...>` in the input.
    pub range: Range<usize>,
    /// In source order; duplicates are kept (browsers use the first, see [`Element::attr`]).
    pub attrs: Vec<Attr>,
    /// index (into HtmlScan::elements) of the innermost enclosing `<a>` element that is still open, if any
    pub inside_link: Option<usize>,
}

/// The result of [`scan`].
///
/// Invariants (checked by the property tests): `text` pieces are never empty, their ranges lie on
/// char boundaries of the input and are in order without overlap, and an `exact` piece's text is
/// `&input[range]`. Element ranges and attribute value ranges lie on char boundaries, and an
/// attribute's value range lies inside its element's range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlScan {
    pub text: Vec<TextPiece>,
    pub elements: Vec<Element>,
    /// Bytes of the text of each `<style>` element (a style sheet, not visible text), in
    /// order; on char boundaries of the input.
    pub style_sheets: Vec<Range<usize>>,
    /// The text pieces inside links: (the `<a>`'s index in `elements`, indices of its pieces
    /// in `text`), in order; see [`HtmlScan::link_text`].
    pub link_pieces: Vec<(usize, Range<usize>)>,
}

impl Element {
    /// The first attribute with this (lowercase) name: browsers ignore later duplicates.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

impl HtmlScan {
    /// The visible text of the link `<a>` at `element` (an index into `elements`), and the
    /// bytes of the input it spans (`None` when it has no text).
    pub fn link_text(&self, element: usize) -> (String, Option<Range<usize>>) {
        let mut text = String::new();
        let mut span: Option<Range<usize>> = None;
        for (_, pieces) in self.link_pieces.iter().filter(|(link, _)| *link == element) {
            for piece in self.text.get(pieces.clone()).unwrap_or_default() {
                text.push_str(&piece.text);
                if !piece.range.is_empty() {
                    span = Some(match span {
                        Some(s) => s.start..piece.range.end.max(s.end),
                        None => piece.range.clone(),
                    });
                }
            }
        }
        (text, span)
    }

    /// The visible text: all pieces joined.
    pub fn visible_text(&self) -> String {
        self.text.iter().map(|p| p.text.as_str()).collect()
    }

    /// Map a byte range of [`HtmlScan::visible_text`] back to a byte range of the input.
    ///
    /// Exact pieces map byte for byte; a range that starts or ends inside an inexact piece (an
    /// entity, a line break) widens to that piece's whole source range. Out-of-bounds ranges are
    /// clamped. This walks the pieces once; use [`HtmlScan::text_index`] for many look-ups.
    pub fn input_range(&self, joined_range: Range<usize>) -> Range<usize> {
        let mut starts = Vec::with_capacity(self.text.len());
        let mut off = 0;
        for p in &self.text {
            starts.push(off);
            off += p.text.len();
        }
        map_range(&self.text, &starts, joined_range)
    }

    /// Joined visible text with piece offsets, for repeated [`TextIndex::input_range`] calls in
    /// logarithmic time.
    pub fn text_index(&self) -> TextIndex<'_> {
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(self.text.len());
        for p in &self.text {
            starts.push(joined.len());
            joined.push_str(&p.text);
        }
        TextIndex {
            pieces: &self.text,
            joined,
            starts,
        }
    }
}

/// The joined visible text of a scan and where each piece starts in it.
#[derive(Debug, Clone)]
pub struct TextIndex<'a> {
    pieces: &'a [TextPiece],
    joined: String,
    starts: Vec<usize>,
}

impl TextIndex<'_> {
    /// Same as [`HtmlScan::visible_text`].
    pub fn text(&self) -> &str {
        &self.joined
    }

    /// Same as [`HtmlScan::input_range`].
    pub fn input_range(&self, joined_range: Range<usize>) -> Range<usize> {
        map_range(self.pieces, &self.starts, joined_range)
    }
}

/// `starts[i]` is where `pieces[i]` begins in the joined text. Pieces are never empty, so
/// `starts` is strictly increasing and a binary search finds the piece holding a byte.
fn map_range(pieces: &[TextPiece], starts: &[usize], joined: Range<usize>) -> Range<usize> {
    let (Some(last), Some(&last_start)) = (pieces.last(), starts.last()) else {
        return 0..0;
    };
    let total = last_start + last.text.len();
    let start = joined.start.min(total);
    let end = joined.end.clamp(start, total);
    if start == total {
        return last.range.end..last.range.end;
    }
    // The piece holding byte `pos` of the joined text.
    let piece_at = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);

    let i = piece_at(start);
    let (p, off) = (&pieces[i], starts[i]);
    let from = if p.exact {
        p.range.start + (start - off)
    } else {
        p.range.start
    };
    if end == start {
        return from..from;
    }
    let j = piece_at(end - 1);
    let (q, off) = (&pieces[j], starts[j]);
    let to = if q.exact {
        q.range.start + (end - off)
    } else {
        q.range.end
    };
    from..to.max(from)
}

/// Heuristic: does this body contain HTML markup (a known tag like `<p>`, `<br>`, `<a `, `<img`,
/// `<div>`, a closing tag, a comment or `<!DOCTYPE`)? Plain text like "size < 5" or "<3" is not.
///
/// A known tag name must be followed by `>`, `/>`, or whitespace and then `>`, `/` or an
/// attribute with `=`, so `if a <b then`, `a<b and b>c` or `<https://x>` stay plain text.
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(off) = b
        .get(from..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        let lt = from + off;
        from = lt + 1;
        let rest = &b[lt + 1..];
        if starts_with_ignore_case(rest, b"!doctype") || rest.starts_with(b"!--") {
            return true;
        }
        let (closing, rest) = match rest.split_first() {
            Some((b'/', r)) => (true, r),
            _ => (false, rest),
        };
        let name_len = rest
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_len);
        if !is_known_tag(name) {
            continue;
        }
        match after.first() {
            Some(b'>') => return true,
            Some(b'/') if !closing && after.get(1) == Some(&b'>') => return true,
            Some(c) if c.is_ascii_whitespace() => {
                // Only `<b >`, `<br />` or a first attribute with a value (`<a href=`) count:
                // "a <b and b> c" is prose. Each scan stops at a byte that is not whitespace or
                // name, so the total work stays linear.
                let ws = after.iter().take_while(|c| c.is_ascii_whitespace()).count();
                let rest = &after[ws..];
                if matches!(rest.first(), Some(b'>' | b'/')) {
                    return true;
                }
                let attr = rest
                    .iter()
                    .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':'))
                    .count();
                let ws = rest[attr..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
                if attr > 0 && rest.get(attr + ws) == Some(&b'=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn starts_with_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
}

/// Tags seen in email bodies; a name outside this list (`<3`, `<https`, `<foo>`) is not taken as
/// evidence of HTML.
fn is_known_tag(name: &[u8]) -> bool {
    const KNOWN: &str = "a abbr address article aside b big blockquote body br button caption \
        center cite code col colgroup dd div dl dt em figure font footer form h1 h2 h3 h4 h5 h6 \
        head header hr html i img input label li link main meta nav ol p pre s section small \
        span strike strong style sub sup table tbody td tfoot th thead title tr tt u ul";
    !name.is_empty()
        && KNOWN
            .split_ascii_whitespace()
            .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
}

/// Scan an HTML body. Never panics; linear in the input length.
///
/// Visible text is the text content with character references decoded (`&nbsp;` becomes a plain
/// space), CR LF and CR read as LF, and without the content of `script`, `style`, `title`,
/// `iframe`, `noembed`, `noframes`, `template`, `<head>`, comments and doctypes. Block elements
/// (`p`, `div`, `br`, `li`, `tr`, `td`, `h1`, ... see `is_block`) add a synthetic `"\n"` piece,
/// inexact with an empty range at the position of their start and end tags. `alt` text is not
/// visible text. Whitespace is kept as it is.
pub fn scan(input: &str) -> HtmlScan {
    // Belt and braces: `scan_unguarded` is fuzzed, but the tokenizer is a dependency we do not
    // control. Should it ever panic, lint the body as plain text rather than abort the whole run.
    std::panic::catch_unwind(|| scan_unguarded(input)).unwrap_or_else(|_| plain_text(input))
}

fn plain_text(input: &str) -> HtmlScan {
    let text = if input.is_empty() {
        Vec::new()
    } else {
        vec![TextPiece {
            text: input.to_owned(),
            range: 0..input.len(),
            exact: true,
        }]
    };
    HtmlScan {
        text,
        elements: Vec::new(),
        style_sheets: Vec::new(),
        link_pieces: Vec::new(),
    }
}

fn scan_unguarded(input: &str) -> HtmlScan {
    let mask = PlaceholderMask::new(input);
    let masked = mask.apply(input);
    let mut b = Builder::new(&masked);
    let emitter = Tracker {
        inner: CallbackEmitter::new(Sink(&mut b)),
        pos: 0,
        tag_is_start: false,
        tag_name: Vec::new(),
    };
    // The string reader's error type is `Infallible`.
    let _ = Tokenizer::new_with_emitter(&*masked, emitter).finish();
    let mut scan = b.scan;
    mask.restore(input, &mut scan);
    enforce_order(&mut scan.text);
    scan
}

/// Template placeholders are replaced before the mail is rendered, so the browser never sees
/// their insides. `{$order->url}` and `{{> partial}}` contain `>`, which would end an unquoted
/// attribute value and the tag (`<a href={$order->url}>`). While tokenizing, such a `>` is swapped
/// for a control byte that does not occur in the input (same length, so offsets hold), and swapped
/// back in every string afterwards.
struct PlaceholderMask {
    /// The stand-in byte, or None when no `>` needs masking.
    byte: Option<u8>,
    positions: Vec<usize>,
}

impl PlaceholderMask {
    /// Longest placeholder considered; bounds the look-ahead so the pass stays linear.
    const MAX_LEN: usize = 256;

    fn new(input: &str) -> Self {
        let b = input.as_bytes();
        let mut positions = Vec::new();
        let mut i = 0;
        while i + 1 < b.len() {
            let close: &[u8] = match (b[i], b[i + 1]) {
                (b'{', b'$') => b"}",
                (b'{', b'{') => b"}}",
                _ => {
                    i += 1;
                    continue;
                }
            };
            let body_start = i + 2;
            let window = &b[body_start..b.len().min(body_start + Self::MAX_LEN)];
            // Stop at the first byte that cannot be inside a placeholder. A start whose window
            // holds none of them has no `{` there either, so the next start lies past the window
            // and the look-aheads add up to linear time.
            let end = window
                .iter()
                .enumerate()
                .find(|&(e, &c)| matches!(c, b'<' | b'\n' | b'{') || window[e..].starts_with(close))
                .and_then(|(e, &c)| (c == b'}').then_some(e));
            match end {
                Some(e) => {
                    positions.extend((body_start..body_start + e).filter(|&p| b[p] == b'>'));
                    i = body_start + e + close.len();
                }
                None => i += 1,
            }
        }
        // Control characters that survive tokenizing unchanged (NUL, tab, LF, FF, CR do not).
        let byte = if positions.is_empty() {
            None
        } else {
            (0x01u8..0x20)
                .filter(|c| !matches!(c, b'\t' | b'\n' | 0x0c | b'\r'))
                .find(|c| !b.contains(c))
        };
        PlaceholderMask { byte, positions }
    }

    /// The input with the masked `>` swapped; the input itself (no copy) when nothing is
    /// masked, which is nearly always.
    fn apply<'a>(&self, input: &'a str) -> Cow<'a, str> {
        let Some(m) = self.byte else {
            return Cow::Borrowed(input);
        };
        let mut bytes = input.as_bytes().to_vec();
        for &p in &self.positions {
            bytes[p] = m;
        }
        // Only ASCII `>` bytes were replaced by ASCII bytes.
        Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| input.to_owned()))
    }

    fn restore(&self, input: &str, scan: &mut HtmlScan) {
        let Some(m) = self.byte else { return };
        let m = char::from(m);
        let fix = |s: &mut String| {
            if s.contains(m) {
                *s = s.replace(m, ">");
            }
        };
        for p in &mut scan.text {
            if p.exact {
                if let Some(orig) = input.get(p.range.clone()) {
                    p.text = orig.to_owned();
                }
            } else {
                fix(&mut p.text);
            }
        }
        for e in &mut scan.elements {
            fix(&mut e.name);
            for a in &mut e.attrs {
                fix(&mut a.name);
                fix(&mut a.value);
            }
        }
    }
}

/// Keep the documented ordering invariant even if the tokenizer ever reported an odd span:
/// a piece that would overlap its predecessor is pinned after it and marked inexact.
fn enforce_order(pieces: &mut [TextPiece]) {
    let mut last_end = 0;
    for p in pieces {
        if p.range.start < last_end {
            p.exact = false;
            p.range = last_end..p.range.end.max(last_end);
        }
        last_end = p.range.end;
    }
}

/// Raw-text elements whose content a mail client does not display. Their tokenizer state (set in
/// [`next_state`]) only ends at their own end tag.
fn is_hidden_raw(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "title" | "iframe" | "noembed" | "noframes"
    )
}

/// The tokenizer state after a start tag, as the tree builder would set it. Unlike
/// `html5gum::naive_next_state`, `noscript` stays normal markup: mail clients run no scripts, so
/// they render its content.
fn next_state(tag: &[u8]) -> Option<State> {
    match tag {
        b"title" | b"textarea" => Some(State::RcData),
        b"script" => Some(State::ScriptData),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframes" => Some(State::RawText),
        b"plaintext" => Some(State::PlainText),
        _ => None,
    }
}

/// Elements that start a new line of rendered text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "caption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "nav"
            | "main"
            | "header"
            | "footer"
            | "address"
            | "center"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
    )
}

/// Elements allowed in `<head>`; any other start tag implicitly ends the head (tree builder rule
/// "in head: anything else").
fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "basefont"
            | "bgsound"
            | "style"
            | "script"
            | "noscript"
            | "template"
    )
}

/// Elements that put a marker on the tree builder's list of active formatting elements: an `<a>`
/// opened inside one of them ends with it (so a link in one table cell does not leak into the next).
fn is_formatting_marker(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "caption" | "object" | "applet" | "marquee" | "template"
    )
}

/// One `emit_string` call of the tokenizer: where its raw bytes end and how many decoded bytes it
/// produced. A text event covers several calls; splitting at them isolates each character
/// reference and newline normalisation, so the rest of the text stays exact.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    raw_end: usize,
    decoded_len: usize,
}

#[derive(Debug, Clone, Copy)]
enum LinkEntry {
    Marker,
    Link(usize),
}

struct Builder<'i> {
    input: &'i str,
    scan: HtmlScan,
    chunks: Vec<Chunk>,
    /// The start tag being read; committed when its `>` arrives.
    pending: Option<Element>,
    /// Whether the last attribute of `pending` still waits for its value event.
    attr_open: bool,
    /// The `<a>` part of the list of active formatting elements.
    links: Vec<LinkEntry>,
    raw_hidden: bool,
    /// The raw-text element open is a `<style>`: its text is a style sheet.
    in_style: bool,
    in_head: bool,
    template_depth: usize,
}

impl<'i> Builder<'i> {
    fn new(input: &'i str) -> Self {
        Builder {
            input,
            scan: HtmlScan::default(),
            chunks: Vec::new(),
            pending: None,
            attr_open: false,
            links: Vec::new(),
            raw_hidden: false,
            in_style: false,
            in_head: false,
            template_depth: 0,
        }
    }

    fn visible(&self) -> bool {
        !self.raw_hidden && !self.in_head && self.template_depth == 0
    }

    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.pending = Some(Element {
                    name: lossy(name),
                    range: span.start..span.start,
                    attrs: Vec::new(),
                    inside_link: None,
                });
                self.attr_open = false;
            }
            CallbackEvent::AttributeName { name } => {
                // Attributes of end tags arrive with no pending start tag and are ignored.
                if let Some(el) = &mut self.pending {
                    el.attrs.push(Attr {
                        name: lossy(name),
                        value: String::new(),
                        value_range: span.end..span.end,
                    });
                    self.attr_open = true;
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let (Some(el), true) = (&mut self.pending, self.attr_open) {
                    if let Some(a) = el.attrs.last_mut() {
                        a.value = lossy(value);
                        a.value_range = span.start..span.end;
                    }
                }
                self.attr_open = false;
            }
            CallbackEvent::CloseStartTag { .. } => {
                if let Some(mut el) = self.pending.take() {
                    el.range.end = span.end;
                    self.finish_attrs(&mut el);
                    self.start_tag(el);
                }
                self.attr_open = false;
            }
            CallbackEvent::EndTag { name } => {
                self.pending = None;
                self.end_tag(&lossy(name), span.start);
            }
            CallbackEvent::String { value } => self.string(value, span),
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => {}
        }
    }

    /// Check attribute spans against the tag and place empty values between their quotes.
    fn finish_attrs(&self, el: &mut Element) {
        let bytes = self.input.as_bytes();
        let tag = el.range.clone();
        for a in &mut el.attrs {
            let r = a.value_range.clone();
            let sane = tag.start <= r.start
                && r.start <= r.end
                && r.end <= tag.end
                && self.input.is_char_boundary(r.start)
                && self.input.is_char_boundary(r.end);
            if !sane {
                a.value_range = tag.start..tag.start;
            }
            if a.value.is_empty() {
                // No value event: `x`, `x=""` or `x=''`. The range starts as the empty range
                // after the name; move it past `=` and an opening quote if there are some.
                let mut p = a.value_range.start;
                let skip_ws = |mut p: usize| {
                    while p < tag.end && bytes.get(p).is_some_and(|c| c.is_ascii_whitespace()) {
                        p += 1;
                    }
                    p
                };
                let q = skip_ws(p);
                if q < tag.end && bytes.get(q) == Some(&b'=') {
                    p = skip_ws(q + 1);
                    if p < tag.end && matches!(bytes.get(p), Some(b'"' | b'\'')) {
                        p += 1;
                    }
                }
                a.value_range = p..p;
            }
        }
    }

    fn start_tag(&mut self, mut el: Element) {
        let idx = self.scan.elements.len();
        let name = el.name.as_str();
        if self.in_head && !is_head_content(name) {
            self.in_head = false;
        }
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "template" => self.template_depth += 1,
            _ => {}
        }
        if is_hidden_raw(name) {
            self.raw_hidden = true;
            self.in_style = name == "style";
        }
        if name == "a" {
            // A new `<a>` closes an open one (adoption agency): links do not nest.
            self.close_link();
        }
        el.inside_link = self.open_link();
        if is_formatting_marker(name) {
            self.links.push(LinkEntry::Marker);
        }
        if name == "a" {
            self.links.push(LinkEntry::Link(idx));
        }
        if is_block(name) && self.visible() {
            self.line_break(el.range.start);
        }
        self.scan.elements.push(el);
    }

    fn end_tag(&mut self, name: &str, at: usize) {
        if self.raw_hidden {
            // In a raw-text state the only end tag the tokenizer reports is the one closing it.
            self.raw_hidden = false;
            self.in_style = false;
            return;
        }
        match name {
            "head" => self.in_head = false,
            "template" => self.template_depth = self.template_depth.saturating_sub(1),
            "a" => self.close_link(),
            _ => {}
        }
        if is_formatting_marker(name) {
            if let Some(m) = self
                .links
                .iter()
                .rposition(|e| matches!(e, LinkEntry::Marker))
            {
                self.links.truncate(m);
            }
        }
        if is_block(name) && self.visible() {
            self.line_break(at);
        }
    }

    /// The innermost open `<a>` after the last marker.
    fn open_link(&self) -> Option<usize> {
        match self.links.last() {
            Some(LinkEntry::Link(i)) => Some(*i),
            _ => None,
        }
    }

    /// Close the open `<a>` after the last marker, if any. At most one can be open there, and it
    /// is always on top, because a new `<a>` closes the previous one and markers only sit on it
    /// until their own end tag.
    fn close_link(&mut self) {
        if let Some(LinkEntry::Link(_)) = self.links.last() {
            self.links.pop();
        }
    }

    fn line_break(&mut self, at: usize) {
        self.scan.text.push(TextPiece {
            text: "\n".to_owned(),
            range: at..at,
            exact: false,
        });
    }

    /// Adds raw bytes of a `<style>` element's text to its sheet (the tokenizer may report the
    /// text in several events).
    fn style_text(&mut self, range: Range<usize>) {
        let sane = range.start <= range.end
            && self.input.is_char_boundary(range.start)
            && self.input.is_char_boundary(range.end);
        if !sane || range.is_empty() {
            return;
        }
        let sheets = &mut self.scan.style_sheets;
        match sheets.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => sheets.push(range),
        }
    }

    fn string(&mut self, value: &[u8], span: Span<usize>) {
        let chunks = std::mem::take(&mut self.chunks);
        if self.in_style && self.raw_hidden && self.template_depth == 0 {
            self.style_text(span.start..span.end);
        }
        if self.raw_hidden || self.template_depth > 0 {
            return;
        }
        if self.in_head {
            if value.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            // Text in the head implicitly ends it ("in head: anything else").
            self.in_head = false;
        }
        let first = self.scan.text.len();
        text_pieces(
            self.input,
            value,
            span.start..span.end,
            &chunks,
            &mut self.scan.text,
        );
        let pieces = first..self.scan.text.len();
        if let (Some(link), false) = (self.open_link(), pieces.is_empty()) {
            match self.scan.link_pieces.last_mut() {
                Some((last, range)) if *last == link && range.end == pieces.start => {
                    range.end = pieces.end;
                }
                _ => self.scan.link_pieces.push((link, pieces)),
            }
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A run of raw input bytes and the decoded bytes the tokenizer produced for them.
#[derive(Debug, Clone)]
struct Seg {
    raw: Range<usize>,
    dec: Range<usize>,
}

/// Turn one text event into pieces: per tokenizer chunk when the chunk bookkeeping is consistent,
/// else for the whole event; each split is validated before use.
fn text_pieces(
    input: &str,
    value: &[u8],
    span: Range<usize>,
    chunks: &[Chunk],
    out: &mut Vec<TextPiece>,
) {
    if value.is_empty() {
        return;
    }
    let whole = [Seg {
        raw: span.clone(),
        dec: 0..value.len(),
    }];
    let segs = chunk_segments(value.len(), &span, chunks);
    for segs in [segs.as_deref(), Some(&whole[..])].into_iter().flatten() {
        if let Some(pieces) = build_pieces(input, value, segs) {
            out.extend(pieces);
            return;
        }
    }
    // Unreachable with the tokenizer as it is; keep the text, with a range that is at least on
    // char boundaries, rather than lose it.
    let mut start = span.start.min(input.len());
    while !input.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, input.len());
    while !input.is_char_boundary(end) {
        end += 1;
    }
    out.push(TextPiece {
        text: lossy(value),
        range: start..end,
        exact: false,
    });
}

fn chunk_segments(value_len: usize, span: &Range<usize>, chunks: &[Chunk]) -> Option<Vec<Seg>> {
    let mut segs = Vec::with_capacity(chunks.len());
    let (mut raw, mut dec) = (span.start, 0);
    for c in chunks {
        if c.raw_end < raw || c.raw_end > span.end {
            return None;
        }
        segs.push(Seg {
            raw: raw..c.raw_end,
            dec: dec..dec + c.decoded_len,
        });
        raw = c.raw_end;
        dec += c.decoded_len;
    }
    (raw == span.end && dec == value_len).then_some(segs)
}

/// Pieces for the segments, or None if a boundary falls inside a character.
fn build_pieces(input: &str, value: &[u8], segs: &[Seg]) -> Option<Vec<TextPiece>> {
    let bytes = input.as_bytes();
    // Byte-level pieces first; a chunk may end inside a multibyte character (the tokenizer
    // reconsumes single bytes), which merging adjacent pieces repairs.
    let mut parts: Vec<(Range<usize>, Range<usize>, bool)> = Vec::new();
    let mut push = |raw: Range<usize>, dec: Range<usize>, exact: bool| {
        if raw.is_empty() && dec.is_empty() {
            return;
        }
        if let Some(last) = parts.last_mut() {
            let contiguous = last.0.end == raw.start && last.1.end == dec.start;
            let split_char = !input.is_char_boundary(raw.start)
                || std::str::from_utf8(&value[last.1.clone()]).is_err();
            // Merge like with like, an inexact piece that decoded to nothing (the LF of a CRLF
            // after its CR) into the inexact one before it, and anything that splits a character.
            if contiguous
                && ((exact && last.2) || (!exact && !last.2 && dec.is_empty()) || split_char)
            {
                last.0.end = raw.end;
                last.1.end = dec.end;
                last.2 &= exact;
                return;
            }
        }
        parts.push((raw, dec, exact));
    };
    for s in segs {
        let raw = bytes.get(s.raw.clone())?;
        let dec = value.get(s.dec.clone())?;
        if raw == dec {
            push(s.raw.clone(), s.dec.clone(), true);
            continue;
        }
        let (Ok(r), Ok(d)) = (std::str::from_utf8(raw), std::str::from_utf8(dec)) else {
            push(s.raw.clone(), s.dec.clone(), false);
            continue;
        };
        let (pre, suf) = common_affixes(r, d);
        push(
            s.raw.start..s.raw.start + pre,
            s.dec.start..s.dec.start + pre,
            true,
        );
        push(
            s.raw.start + pre..s.raw.end - suf,
            s.dec.start + pre..s.dec.end - suf,
            false,
        );
        push(s.raw.end - suf..s.raw.end, s.dec.end - suf..s.dec.end, true);
    }
    let mut pieces = Vec::with_capacity(parts.len());
    for (raw, dec, exact) in parts {
        if dec.is_empty() {
            // Raw bytes that render as nothing and had no inexact piece to join: nothing to show.
            continue;
        }
        if !input.is_char_boundary(raw.start) || !input.is_char_boundary(raw.end) {
            return None;
        }
        let text = std::str::from_utf8(value.get(dec)?).ok()?;
        // `&nbsp;` decodes to U+00A0; the linter matches phrases on plain spaces. Exact pieces
        // keep a literal U+00A0, since their text must equal the source.
        let text = if exact {
            text.to_owned()
        } else {
            text.replace('\u{a0}', " ")
        };
        pieces.push(TextPiece {
            text,
            range: raw,
            exact,
        });
    }
    Some(pieces)
}

/// Lengths in bytes of the common prefix and (non-overlapping) common suffix of `raw` and `dec`,
/// on char boundaries. The prefix backs off by a character when taking it would leave the
/// decoded middle empty: `&amp;` → `&` should map to the whole reference, not to its `&`.
fn common_affixes(raw: &str, dec: &str) -> (usize, usize) {
    let mut pre = raw
        .chars()
        .zip(dec.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let limit = raw.len().min(dec.len()) - pre;
    let mut suf = 0;
    for (a, b) in raw.chars().rev().zip(dec.chars().rev()) {
        if a != b || suf + a.len_utf8() > limit {
            break;
        }
        suf += a.len_utf8();
    }
    if pre > 0 && pre + suf == dec.len() {
        if let Some(c) = dec[..pre].chars().next_back() {
            pre -= c.len_utf8();
        }
    }
    (pre, suf)
}

/// Receives the callback emitter's events.
struct Sink<'a, 'i>(&'a mut Builder<'i>);

impl Callback<Infallible, usize> for Sink<'_, '_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Infallible> {
        self.0.event(event, span);
        None
    }
}

/// Wraps the callback emitter to record chunk boundaries of text (the callback only sees whole
/// text runs) and to pick the tokenizer state after raw-text start tags ([`next_state`]).
struct Tracker<'a, 'i> {
    inner: CallbackEmitter<Sink<'a, 'i>, Infallible, usize>,
    /// Mirrors the inner emitter's byte position, which it does not expose.
    pos: usize,
    tag_is_start: bool,
    tag_name: Vec<u8>,
}

impl<'a, 'i> ForwardingEmitter for Tracker<'a, 'i> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    fn emit_string(&mut self, s: &[u8]) {
        // The callback emitter ends a text span at the position of its last `emit_string`, so
        // the same position ends this chunk.
        let chunks = &mut self.inner.callback_mut().0.chunks;
        if !s.is_empty() {
            chunks.push(Chunk {
                raw_end: self.pos,
                decoded_len: s.len(),
            });
        } else if let Some(last) = chunks.last_mut() {
            // An empty call still moves the span's end: the LF of a CRLF, skipped after the CR
            // was emitted as LF. Those raw bytes belong to the chunk before.
            last.raw_end = self.pos;
        }
        self.inner.emit_string(s);
    }

    fn init_start_tag(&mut self) {
        self.tag_is_start = true;
        self.tag_name.clear();
        self.inner.init_start_tag();
    }

    fn init_end_tag(&mut self) {
        self.tag_is_start = false;
        self.tag_name.clear();
        self.inner.init_end_tag();
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
        self.inner.push_tag_name(s);
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        // Naive state switching is off in the inner emitter, so this is always None.
        let _ = self.inner.emit_current_tag();
        let next = if self.tag_is_start {
            next_state(&self.tag_name)
        } else {
            None
        };
        if next.is_some() {
            // Raw-text states do not start a text run themselves; the callback emitter does
            // this too when it switches states.
            self.inner.init_string();
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn el<'a>(s: &'a HtmlScan, name: &str) -> &'a Element {
        s.elements
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no <{name}> in {s:#?}"))
    }

    /// The invariants promised on [`HtmlScan`].
    fn check_invariants(input: &str, s: &HtmlScan) -> Result<(), String> {
        let mut last_end = 0;
        for p in &s.text {
            if p.text.is_empty() {
                return Err(format!("empty piece {p:?}"));
            }
            if p.range.start > p.range.end || p.range.end > input.len() {
                return Err(format!("bad range {p:?}"));
            }
            if !input.is_char_boundary(p.range.start) || !input.is_char_boundary(p.range.end) {
                return Err(format!("range not on char boundary {p:?}"));
            }
            if p.range.start < last_end {
                return Err(format!("piece out of order {p:?}"));
            }
            last_end = p.range.end;
            if p.exact && input.get(p.range.clone()) != Some(p.text.as_str()) {
                return Err(format!("inexact exact piece {p:?}"));
            }
        }
        for (link, pieces) in &s.link_pieces {
            if s.elements.get(*link).map(|e| e.name.as_str()) != Some("a")
                || pieces.is_empty()
                || pieces.end > s.text.len()
            {
                return Err(format!("bad link pieces {link} {pieces:?}"));
            }
        }
        let mut sheet_end = 0;
        for r in &s.style_sheets {
            if input.get(r.clone()).is_none() || r.start < sheet_end || r.is_empty() {
                return Err(format!("bad style sheet range {r:?}"));
            }
            sheet_end = r.end;
        }
        for e in &s.elements {
            let tag = input
                .get(e.range.clone())
                .ok_or_else(|| format!("bad element range {e:?}"))?;
            if !tag.starts_with('<') || !tag.ends_with('>') {
                return Err(format!("element range is not a tag {e:?}: {tag:?}"));
            }
            if e.name.chars().any(|c| c.is_ascii_uppercase()) {
                return Err(format!("uppercase name {e:?}"));
            }
            if let Some(l) = e.inside_link {
                if s.elements.get(l).map(|a| a.name.as_str()) != Some("a") {
                    return Err(format!("inside_link is not an <a> {e:?}"));
                }
            }
            for a in &e.attrs {
                let r = &a.value_range;
                if r.start < e.range.start || r.end > e.range.end || r.start > r.end {
                    return Err(format!("attr range outside tag {a:?} in {e:?}"));
                }
                let Some(raw) = input.get(r.clone()) else {
                    return Err(format!("attr range not on char boundary {a:?}"));
                };
                // Without references, CR or NUL nothing is decoded: the value is its source.
                if !raw.contains(['&', '\r', '\0']) && raw != a.value {
                    return Err(format!("attr value differs from its source {a:?}: {raw:?}"));
                }
            }
        }
        let joined = s.visible_text();
        let idx = s.text_index();
        if idx.text() != joined {
            return Err("text_index disagrees with visible_text".into());
        }
        for (a, b) in [(0, joined.len()), (0, 0), (joined.len(), joined.len() + 5)] {
            let r1 = s.input_range(a..b);
            if r1 != idx.input_range(a..b) || r1.start > r1.end || r1.end > input.len() {
                return Err(format!("bad input_range {r1:?}"));
            }
        }
        Ok(())
    }

    fn scan_checked(input: &str) -> HtmlScan {
        let s = scan_unguarded(input);
        if let Err(e) = check_invariants(input, &s) {
            panic!("{e}\ninput: {input:?}\nscan: {s:#?}");
        }
        s
    }

    #[test]
    fn the_text_of_each_link() {
        let input = "<a href=\"a\">Click <b>here</b></a>, <a href=\"b\"><img src=\"x.png\"></a> \
                     <a href=\"c\">one<a href=\"d\">two</a>";
        let s = scan_checked(input);
        let links: Vec<usize> = (0..s.elements.len())
            .filter(|&i| s.elements[i].name == "a")
            .collect();
        let texts: Vec<String> = links.iter().map(|&i| s.link_text(i).0).collect();
        assert_eq!(texts, ["Click here", "", "one", "two"]);
        let (_, span) = s.link_text(links[0]);
        assert_eq!(span.map(|r| &input[r]), Some("Click <b>here"));
        assert_eq!(s.link_text(links[1]).1, None);
    }

    #[test]
    fn style_sheets_are_kept_apart_from_the_text() {
        let input = "<style>p { color: red }</style><p>Hi</p><STYLE>td{font-size:9px}</STYLE>\
                     <script>x = '<style>'</script><title>t</title>";
        let s = scan_checked(input);
        let sheets: Vec<&str> = s.style_sheets.iter().map(|r| &input[r.clone()]).collect();
        assert_eq!(sheets, ["p { color: red }", "td{font-size:9px}"]);
        assert_eq!(s.visible_text().trim(), "Hi");
        // An unclosed sheet runs to the end, as in a browser; a template's is not a sheet.
        let input = "<template><style>a{}</style></template><style>b { color: #333 }";
        let sheets: Vec<&str> = scan_checked(input)
            .style_sheets
            .iter()
            .map(|r| &input[r.clone()])
            .collect();
        assert_eq!(sheets, ["b { color: #333 }"]);
    }

    #[test]
    fn logo_link_contains_image() {
        let input = r#"<a href="https://shop.example"><img src="https://shop.example/logo.png" alt="Shop"></a>"#;
        let s = scan_checked(input);
        assert_eq!(s.elements.len(), 2);
        let a = &s.elements[0];
        assert_eq!(a.name, "a");
        assert_eq!(a.inside_link, None);
        assert_eq!(
            &input[a.range.clone()],
            r#"<a href="https://shop.example">"#
        );
        let href = a.attr("href").expect("href");
        assert_eq!(href.value, "https://shop.example");
        assert_eq!(&input[href.value_range.clone()], "https://shop.example");
        let img = &s.elements[1];
        assert_eq!(img.name, "img");
        assert_eq!(img.inside_link, Some(0));
        assert_eq!(
            &input[img.range.clone()],
            r#"<img src="https://shop.example/logo.png" alt="Shop">"#
        );
        assert_eq!(
            &input[img.attr("alt").expect("alt").value_range.clone()],
            "Shop"
        );
        // alt text is not visible text.
        assert_eq!(s.visible_text(), "");
    }

    #[test]
    fn link_closes_and_later_elements_are_outside() {
        let input = "<a href=x>one</a><img src=y><a href=z>two<a href=w><b>three</b></a><i>";
        let s = scan_checked(input);
        let names: Vec<_> = s.elements.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "img", "a", "a", "b", "i"]);
        assert_eq!(s.elements[1].inside_link, None);
        // A second <a> closes the first instead of nesting.
        assert_eq!(s.elements[3].inside_link, None);
        assert_eq!(s.elements[4].inside_link, Some(3));
        assert_eq!(s.elements[5].inside_link, None);
    }

    #[test]
    fn link_does_not_leak_out_of_table_cell() {
        let input = "<table><tr><td><a href=x>Shop</td><td><img src=y></td></tr></table>";
        let s = scan_checked(input);
        assert_eq!(el(&s, "img").inside_link, None);
        let s = scan_checked("<td><a href=x><span>in</span></td>");
        assert_eq!(el(&s, "span").inside_link, Some(1));
    }

    #[test]
    fn tracking_pixel() {
        let input = r#"<p>Thanks!</p><img src="https://t.example/o.gif?u=1" width="1" height="1">"#;
        let s = scan_checked(input);
        let img = el(&s, "img");
        assert_eq!(img.inside_link, None);
        assert_eq!(img.attr("width").map(|a| a.value.as_str()), Some("1"));
        assert_eq!(img.attr("height").map(|a| a.value.as_str()), Some("1"));
        let src = img.attr("src").expect("src");
        assert_eq!(src.value, "https://t.example/o.gif?u=1");
        assert_eq!(&input[src.value_range.clone()], src.value);
        assert_eq!(&input[img.range.clone()], &input[14..]);
    }

    #[test]
    fn entities_decode_with_ranges() {
        let input = "<p>Tom &amp; Jerry&#39;s&nbsp;shop &copy &#x263A; &bogus; a&b</p>";
        let s = scan_checked(input);
        assert_eq!(s.visible_text(), "\nTom & Jerry's shop © ☺ &bogus; a&b\n");
        let amp = s.text.iter().find(|p| p.text == "&").expect("& piece");
        assert!(!amp.exact);
        assert_eq!(&input[amp.range.clone()], "&amp;");
        let apos = s.text.iter().find(|p| p.text == "'").expect("' piece");
        assert_eq!(&input[apos.range.clone()], "&#39;");
        let nbsp = s
            .text
            .iter()
            .find(|p| p.text == " " && !p.exact)
            .expect("nbsp");
        assert_eq!(&input[nbsp.range.clone()], "&nbsp;");
        // Plain text between references stays exact.
        assert!(s.text.iter().any(|p| p.exact && p.text == "Tom "));
        assert!(s.text.iter().any(|p| p.exact && p.text == " Jerry"));

        // Mapping a phrase of the joined text back to the source.
        let joined = s.visible_text();
        let at = joined.find("Tom & Jerry").expect("phrase");
        let r = s.input_range(at..at + "Tom & Jerry".len());
        assert_eq!(&input[r], "Tom &amp; Jerry");
        let at = joined.find('©').expect("copy");
        assert_eq!(&input[s.input_range(at..at + 2)], "&copy");
        let idx = s.text_index();
        let at = joined.find("shop").expect("shop");
        assert_eq!(&input[idx.input_range(at..at + 4)], "shop");
    }

    #[test]
    fn attribute_values_are_decoded_with_raw_ranges() {
        let input = r#"<a href="https://x.example/?a=1&amp;b=2" title='It&#39;s' data-x=plain download class="">"#;
        let s = scan_checked(input);
        let a = &s.elements[0];
        let href = a.attr("href").expect("href");
        assert_eq!(href.value, "https://x.example/?a=1&b=2");
        assert_eq!(
            &input[href.value_range.clone()],
            "https://x.example/?a=1&amp;b=2"
        );
        let title = a.attr("title").expect("title");
        assert_eq!(title.value, "It's");
        assert_eq!(&input[title.value_range.clone()], "It&#39;s");
        let x = a.attr("data-x").expect("data-x");
        assert_eq!(&input[x.value_range.clone()], "plain");
        let d = a.attr("download").expect("download");
        assert_eq!(d.value, "");
        assert!(d.value_range.is_empty());
        assert_eq!(
            &input[..d.value_range.start],
            &input[..input.find(" class").expect("c")]
        );
        let c = a.attr("class").expect("class");
        assert!(c.value_range.is_empty());
        assert_eq!(
            &input[c.value_range.start - 1..c.value_range.start + 1],
            "\"\""
        );
    }

    #[test]
    fn hidden_content() {
        let input = "<!DOCTYPE html><html><head><title>Secret title</title>\
            <style>p { color: red }</style><meta charset=utf-8></head>\
            <body><!-- a comment --><script>var a = '<p>not text</p>';</script>\
            <p>Shown</p><template><p>inert</p></template><iframe>fallback</iframe>\
            <noscript>no js</noscript></body></html>";
        let s = scan_checked(input);
        assert_eq!(s.visible_text().trim(), "Shown\nno js");
        // Elements inside script are not elements.
        assert_eq!(s.elements.iter().filter(|e| e.name == "p").count(), 2);
    }

    #[test]
    fn head_ends_implicitly() {
        let s = scan_checked("<head><title>t</title><p>Body text</p>");
        assert_eq!(s.visible_text(), "\nBody text\n");
        let s = scan_checked("<html><head>Hello there");
        assert_eq!(s.visible_text(), "Hello there");
    }

    #[test]
    fn block_tags_break_lines() {
        let input = "<h1>Hi</h1><p>Thanks<br>for <b>buying</b></p><ul><li>one<li>two</ul>end";
        let s = scan_checked(input);
        assert_eq!(
            s.visible_text(),
            "\nHi\n\nThanks\nfor buying\n\n\none\ntwo\nend"
        );
        let br = s
            .text
            .iter()
            .find(|p| p.text == "\n" && input[p.range.start..].starts_with("<br>"))
            .expect("br break");
        assert!(!br.exact);
        assert!(br.range.is_empty());
    }

    #[test]
    fn broken_markup() {
        for input in [
            "<p>Hello <b>world",
            "<div><span>text</div>",
            "</p>stray end",
            "<<>>",
            "<a href=\"unterminated>text",
            "<a href='x' <b>bold</b>",
            "<p class=\"x\"",
            "<",
            "</",
            "<!--",
            "<!-- unclosed comment <p>x</p>",
            "<![CDATA[x]]>",
            "<p>a</p",
            "<img src=x alt=\"a\">",
            "&",
            "&#",
            "&#x;",
            "&#99999999999;",
            "&am",
            "<a href=x&amp=y>",
            "\0<p>\0</p>",
            "<scr<script>ipt>",
            "<script>never closed <p>",
            "<title>never closed",
            "<plaintext><p>everything is text",
            "<p =x ==y>z",
        ] {
            let s = scan_checked(input);
            let _ = s.visible_text();
        }
        let s = scan_checked("<p>Hello <b>world");
        assert_eq!(s.visible_text(), "\nHello world");
        // A tag cut off by the end of the input is no element, like in a browser.
        let s = scan_checked("Click <a href=\"https://x");
        assert!(s.elements.is_empty());
        assert_eq!(s.visible_text(), "Click ");
        let s = scan_checked("<plaintext><p>everything is text");
        assert_eq!(s.visible_text(), "<p>everything is text");
    }

    #[test]
    fn plain_text_with_less_than() {
        for plain in [
            "size < 5",
            "<3",
            "I <3 you",
            "a<b and b>c",
            "if a <b then c",
            "x << y >> z",
            "see <https://example.com>",
            "<foo>",
            "price: <$10",
            "",
            "{{review_link}}",
        ] {
            assert!(!looks_like_html(plain), "{plain:?}");
        }
        for html in [
            "<p>Hi</p>",
            "Hi<br>there",
            "Hi<br/>there",
            "Hi<BR />there",
            "<a href=\"x\">y</a>",
            "<img src=x>",
            "<div class=\"a\">",
            "<TABLE>",
            "<span>",
            "<b>bold</b>",
            "<strong>",
            "<html>",
            "<body>",
            "<!DOCTYPE html>",
            "<!doctype html>",
            "text</p>",
            "x</a>",
            "<!-- c -->",
        ] {
            assert!(looks_like_html(html), "{html:?}");
        }
        let s = scan_checked("size < 5 and <3");
        assert_eq!(s.visible_text(), "size < 5 and <3");
        assert!(s.elements.is_empty());
    }

    #[test]
    fn placeholders_survive() {
        let input = "<p>Hi {{buyer_name}}, [[order-link]] %%x%% #x# ${x} {$order->trackingURL}</p>\
            <a href=\"{$order->trackingURL}\">Track</a>\
            <a href={{shop_url}}>Shop</a>\
            <a href=[[order-link]]>Order</a>\
            <a href={$order->url}>Unquoted</a>\
            <a href=%%link%%>P</a><a href='${x}#x#'>Q</a>";
        let s = scan_checked(input);
        let text = s.visible_text();
        assert!(
            text.contains("Hi {{buyer_name}}, [[order-link]] %%x%% #x# ${x} {$order->trackingURL}"),
            "{text:?}"
        );
        assert!(text.contains("TrackShopOrderUnquotedPQ"), "{text:?}");
        let hrefs: Vec<_> = s
            .elements
            .iter()
            .filter_map(|e| e.attr("href"))
            .map(|a| (a.value.as_str(), &input[a.value_range.clone()]))
            .collect();
        assert_eq!(
            hrefs,
            [
                ("{$order->trackingURL}", "{$order->trackingURL}"),
                ("{{shop_url}}", "{{shop_url}}"),
                ("[[order-link]]", "[[order-link]]"),
                ("{$order->url}", "{$order->url}"),
                ("%%link%%", "%%link%%"),
                ("${x}#x#", "${x}#x#"),
            ]
        );
        assert!(s.text.iter().all(|p| !p.text.contains('\u{1}')));
    }

    #[test]
    fn uppercase_crlf_multibyte() {
        let input =
            "<P CLASS=x>Grüße\r\nZeile 2 &eacute;t&eacute; 日本</P>\r\n<A HREF=\"X\">Ünï</A>";
        let s = scan_checked(input);
        assert_eq!(s.elements[0].name, "p");
        assert_eq!(s.elements[0].attrs[0].name, "class");
        assert_eq!(s.elements[1].name, "a");
        assert_eq!(
            s.elements[1].attr("href").map(|a| a.value.as_str()),
            Some("X")
        );
        assert_eq!(s.visible_text(), "\nGrüße\nZeile 2 été 日本\n\nÜnï");
        assert!(s.text.iter().any(|p| p.exact && p.text == "Grüße"));
        assert!(s.text.iter().any(|p| p.exact && p.text == "Zeile 2 "));
        let crlf = s
            .text
            .iter()
            .find(|p| p.text == "\n" && !p.range.is_empty());
        assert_eq!(crlf.map(|p| &input[p.range.clone()]), Some("\r\n"));
        assert!(s.text.iter().any(|p| p.exact && p.text == " 日本"));
    }

    #[test]
    fn literal_nbsp_stays_exact() {
        let input = "a\u{a0}b &nbsp;c";
        let s = scan_checked(input);
        assert_eq!(s.visible_text(), "a\u{a0}b  c");
        assert!(s.text[0].exact);
    }

    #[test]
    fn input_range_edges() {
        let s = scan_checked("");
        assert_eq!(s.input_range(0..10), 0..0);
        let input = "<p>a&amp;b</p>";
        let s = scan_checked(input);
        let joined = s.visible_text();
        assert_eq!(joined, "\na&b\n");
        // Starting on the synthetic break maps to the tag's position.
        assert_eq!(s.input_range(0..2), 0..4);
        assert_eq!(&input[s.input_range(2..3)], "&amp;");
        assert_eq!(s.input_range(2..2), 4..4);
        assert_eq!(s.input_range(99..100), 10..10);
        assert_eq!(s.input_range(Range { start: 3, end: 1 }), 9..9);
    }

    #[test]
    fn scan_of_plain_text_is_exact() {
        let input = "Hello,\nyour order has shipped. Reply STOP to opt out.";
        let s = scan_checked(input);
        assert_eq!(
            s.text,
            [TextPiece {
                text: input.to_owned(),
                range: 0..input.len(),
                exact: true
            }]
        );
    }

    #[test]
    fn large_input_is_linear_enough() {
        let unit = "<div><a href=\"{$x->y}\">t&amp;x</a><td>{{a}}<p>\r\n";
        let input = unit.repeat(20_000);
        let start = std::time::Instant::now();
        let s = scan(&input);
        assert_eq!(s.elements.len(), 4 * 20_000);
        // Generous bound: catches quadratic blow-ups, not slow machines.
        assert!(start.elapsed().as_secs() < 20);
        let deep = "<td><a>".repeat(50_000) + &"</a></td>".repeat(50_000);
        let _ = scan(&deep);
        let masks = "{{>".repeat(100_000);
        let _ = scan(&masks);
    }

    fn htmlish() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "<",
            ">",
            "/",
            "=",
            "\"",
            "'",
            " ",
            "\r\n",
            "\r",
            "\n",
            "\t",
            "&",
            ";",
            "#",
            "x",
            "amp",
            "&amp;",
            "&nbsp;",
            "&#39;",
            "&#x1F600;",
            "&#0;",
            "&notin",
            "<a href=",
            "<img src=",
            "<p>",
            "</p>",
            "<br>",
            "<A HREF='",
            "</a>",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<title>",
            "<head>",
            "</head>",
            "<body>",
            "<template>",
            "</template>",
            "<td>",
            "</td>",
            "<!--",
            "-->",
            "<!DOCTYPE html>",
            "<![CDATA[",
            "]]>",
            "é",
            "日本",
            "\u{a0}",
            "\u{1F600}",
            "\0",
            "\u{1}",
            "{{shop_url}}",
            "{$order->url}",
            "{$",
            "{{",
            "}}",
            "}",
            "[[x]]",
            "%%x%%",
            "${x}",
            "->",
            "<plaintext>",
            "<textarea>",
            "`",
            "<?",
            "<x y",
            "a",
            "Z",
            "0",
        ]);
        prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn prop_invariants_htmlish(input in htmlish()) {
            let s = scan_unguarded(&input);
            prop_assert_eq!(check_invariants(&input, &s), Ok(()));
            let _ = looks_like_html(&input);
        }

        #[test]
        fn prop_invariants_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let input = String::from_utf8_lossy(&bytes).into_owned();
            let s = scan_unguarded(&input);
            prop_assert_eq!(check_invariants(&input, &s), Ok(()));
            let _ = looks_like_html(&input);
        }

        #[test]
        fn prop_invariants_any_string(input in any::<String>()) {
            let s = scan_unguarded(&input);
            prop_assert_eq!(check_invariants(&input, &s), Ok(()));
        }

        #[test]
        fn prop_plain_text_round_trips(input in "[a-zA-Z0-9 ,.!?\n]{0,80}") {
            // Without `<`, `&` or CR the whole text is one exact piece.
            let s = scan_unguarded(&input);
            prop_assert_eq!(s.visible_text(), input.clone());
            prop_assert!(s.text.iter().all(|p| p.exact));
        }

        #[test]
        fn prop_input_range_is_monotone(input in htmlish(), a in 0usize..200, b in 0usize..200) {
            let s = scan_unguarded(&input);
            let (a, b) = (a.min(b), a.max(b));
            let r = s.input_range(a..b);
            prop_assert!(r.start <= r.end && r.end <= input.len());
            // Later joined positions never map to earlier input positions.
            prop_assert!(s.input_range(a..a).start <= s.input_range(b..b).start);
            prop_assert!(s.input_range(a..a).start <= r.start);
        }
    }
}
