//! Maps byte ranges inside a parsed YAML scalar's *value* back to byte ranges in the YAML *source*.
//!
//! This module owns the knowledge of how YAML 1.2 turns scalar source text into a value: block
//! scalars (literal `|` and folded `>`, chomping, indentation indicators), plain multi-line
//! folding, single-quoted `''` escapes and double-quoted escapes / escaped line breaks. The parser
//! (serde-saphyr) only tells us the parsed value and where the node starts, so lints that find a
//! match inside a value use [`ScalarMap`] to point their diagnostics at the right source bytes.
//!
//! Design: the source is re-scanned from the node start following the YAML rules, and every piece
//! of value text the scan produces is compared, as it is produced, with the value the parser
//! returned. Only when the whole value is reproduced exactly is the map "verified"; otherwise
//! every lookup falls back to the node start. A verified map therefore never points at bytes that
//! did not produce the value, even when our guess of the style or indentation was wrong. Every
//! scan moves forward only, so building is linear in the scalar length (a handful of attempts at
//! most, each aborting at the first mismatch).
//!
//! Mapping conventions (what a value char maps to):
//! - a char copied from the source maps to exactly its source bytes ("verbatim");
//! - a char produced by an escape (`\n`, `\x41`, `\u00e9`, a surrogate pair, `''`) maps to the
//!   whole escape sequence;
//! - a space or `\n` produced by line folding, and a `\n` produced by a line break of a block
//!   scalar, map to the source line break only (`\n`, or `\r\n` for CRLF sources); the
//!   indentation that follows the break is *not* included. When folding drops the first break of
//!   a run of breaks, each produced `\n` maps to the break of one of the empty lines that follow.
//! - a final `\n` that clip/keep chomping adds to a block scalar whose last line has no line
//!   break (end of file) maps to the empty range at the end of the source.
//!
//! Source byte ranges returned by lookups are always on char boundaries of the source.
//!
//! Accepted node starts: the opening quote; the first char of a plain scalar; a block indicator
//! (`|`, `>`); or, as serde-saphyr reports block scalars, the start of the first content line's
//! content (indentation spaces only before it) — from there we walk back over blank lines to the
//! header line. For an empty block scalar the parser reports the token after it; that works the
//! same way.
//!
//! Left unverified on purpose (lookups fall back to the node start): a start inside a later line
//! of a block scalar or in the middle of a line; an alias (`*a`) location, whose text does not
//! produce the anchored value; a block scalar with an indentation indicator whose parent
//! indentation we cannot infer from the header line or the reported start; and anything the
//! parser reads differently from YAML 1.2 as implemented here (the map never guesses).

use std::ops::Range;

/// How a scalar was written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    /// Not YAML at all: the value is a verbatim copy of the source (a plain template file,
    /// where the whole file is the body).
    Verbatim,
}

/// Source byte ranges for each char of a scalar value.
#[derive(Debug, Clone)]
pub struct ScalarMap {
    /// What lookups return when the exact range is unknown: the char at the node start, or an
    /// empty range when that is not a valid position.
    fallback: Range<usize>,
    /// Present only when the value was reproduced exactly from the source.
    mapped: Option<Mapped>,
}

/// Offsets are `u32`, as in [`Seg`] (a model holds two maps per message, and a big sequence
/// has tens of thousands); a map that would not fit is left unverified.
#[derive(Debug, Clone)]
struct Mapped {
    style: ScalarStyle,
    /// Length of the value in bytes.
    value_len: u32,
    /// The value, kept so that lookups can snap ranges to its char boundaries; `None` when it
    /// is ASCII (every offset is a boundary): most values, which then cost no second copy.
    non_ascii: Option<Box<str>>,
    /// Sorted by `val`, contiguous, covering the whole value.
    segs: Box<[Seg]>,
    node_start: u32,
    node_end: u32,
    /// Source position reported for empty lookups in an empty value.
    empty_at: u32,
    /// The segments were dropped ([`ScalarMap::drop_segments`]): lookups fall back.
    dropped: bool,
}

/// A run of value bytes and the source bytes that produced it. Verbatim segments may span many
/// chars (value and source bytes are identical, so offsets map by arithmetic); other segments
/// hold exactly one char. Offsets are `u32` (a map holds one or two segments per source line of
/// a scalar, and the YAML reader refuses texts over 64 MiB); a scalar beyond 4 GiB is left
/// unverified.
#[derive(Debug, Clone)]
struct Seg {
    val: u32,
    val_len: u32,
    src_start: u32,
    src_end: u32,
    verbatim: bool,
}

impl Seg {
    fn new(val: usize, val_len: usize, src: Range<usize>, verbatim: bool) -> Option<Seg> {
        // The end fits too, so that merging segments cannot overflow.
        u32::try_from(val.checked_add(val_len)?).ok()?;
        Some(Seg {
            val: u32::try_from(val).ok()?,
            val_len: u32::try_from(val_len).ok()?,
            src_start: u32::try_from(src.start).ok()?,
            src_end: u32::try_from(src.end).ok()?,
            verbatim,
        })
    }

    fn val(&self) -> usize {
        self.val as usize
    }

    /// End of the segment in the value.
    fn val_end(&self) -> usize {
        self.val as usize + self.val_len as usize
    }

    fn src_start(&self) -> usize {
        self.src_start as usize
    }

    fn src_end(&self) -> usize {
        self.src_end as usize
    }
}

impl ScalarMap {
    /// Builds the map. `source` is the whole file text, `node_start` the byte offset the parser
    /// reported, `value` the parsed value. Never panics, whatever the inputs (node_start out of
    /// range, not on a char boundary, value not matching the source...). When the value cannot be
    /// reconstructed from the source exactly, the map is "unverified" and every lookup falls back.
    pub fn build(source: &str, node_start: usize, value: &str) -> ScalarMap {
        let fallback = fallback_range(source, node_start);
        // `is_char_boundary` is false past the end, so this also rejects out-of-range starts.
        let mapped = if source.is_char_boundary(node_start) {
            map_scalar(source, node_start, value)
        } else {
            None
        };
        ScalarMap { fallback, mapped }
    }

    /// A map for a value that has no known source text: every lookup returns the fallback range
    /// `node_start..node_start + 1`. There is no source to clamp against, so callers should slice
    /// with `get` (as they should with any range).
    /// A map for a value that is a verbatim copy of the source bytes starting at `start` (a
    /// plain template file): every offset maps one to one.
    pub fn identity(value: &str, start: usize) -> ScalarMap {
        let end = start.saturating_add(value.len());
        let segs = if value.is_empty() {
            Some(Vec::new())
        } else {
            Seg::new(0, value.len(), start..end, true).map(|seg| vec![seg])
        };
        let mapped = segs
            .and_then(|segs| Mapped::new(ScalarStyle::Verbatim, value, segs, start..end, start));
        ScalarMap {
            fallback: start..start.saturating_add(1),
            mapped,
        }
    }

    pub fn fallback(node_start: usize) -> ScalarMap {
        ScalarMap {
            fallback: node_start..node_start.saturating_add(1),
            mapped: None,
        }
    }

    /// The style the scalar was written in; `None` when the map is unverified.
    pub fn style(&self) -> Option<ScalarStyle> {
        self.mapped.as_ref().map(|m| m.style)
    }

    /// True when every char of the value was matched to source bytes that produce it.
    pub fn is_verified(&self) -> bool {
        self.mapped.as_ref().is_some_and(|m| !m.dropped)
    }

    /// Drops what lookups need (the segments, the copy of a non-ASCII value), keeping the
    /// node range and the style: for a scalar whose value is no longer read, whose place still
    /// is (suppression comments are told from text by it). Lookups then fall back to the node
    /// start, and the map no longer counts as verified.
    pub fn drop_segments(&mut self) {
        if let Some(m) = &mut self.mapped {
            m.segs = Box::default();
            m.non_ascii = None;
            m.dropped = true;
        }
    }

    /// Source byte range that produced `value_range` (byte offsets into the value). Offsets that
    /// are not on char boundaries are widened to the enclosing chars. For an empty range, an
    /// empty source range at the position. Returns `None` when the map is unverified or the range
    /// is out of bounds (or reversed).
    pub fn source_range(&self, value_range: Range<usize>) -> Option<Range<usize>> {
        let m = self.mapped.as_ref().filter(|m| !m.dropped)?;
        if value_range.start > value_range.end || value_range.end > m.value_len() {
            return None;
        }
        let is_boundary = |i: usize| m.non_ascii.as_ref().is_none_or(|v| v.is_char_boundary(i));
        let mut start = value_range.start;
        while !is_boundary(start) {
            start -= 1;
        }
        let mut end = value_range.end;
        while !is_boundary(end) {
            end += 1;
        }
        if start == end {
            let at = if start == m.value_len() {
                m.segs.last().map_or(m.empty_at as usize, Seg::src_end)
            } else {
                m.source_pos(start)?
            };
            return Some(at..at);
        }
        let first = m.seg_index(start)?;
        let last = m.seg_index(end - 1)?;
        let first = m.segs.get(first)?;
        let last = m.segs.get(last)?;
        let src_start = if first.verbatim {
            first.src_start() + (start - first.val())
        } else {
            first.src_start()
        };
        let src_end = if last.verbatim {
            last.src_start() + (end - last.val())
        } else {
            last.src_end()
        };
        Some(src_start..src_end)
    }

    /// Like [`ScalarMap::source_range`] but falls back to the scalar's start when the exact range
    /// is unknown: the char at the reported node start (`node_start..node_start + 1` for the
    /// ASCII quote / indicator / first char), or an empty range when the reported start is not a
    /// valid position in the source. Never returns a wrong position.
    pub fn source_range_or_start(&self, value_range: Range<usize>) -> Range<usize> {
        self.source_range(value_range)
            .unwrap_or_else(|| self.fallback.clone())
    }

    /// Byte range of the whole scalar node in the source when known: from the opening quote /
    /// block indicator / first char to the closing quote / last content byte. For block scalars
    /// the end includes the line breaks that chomping keeps in the value. Unverified maps return
    /// the fallback range.
    pub fn node_range(&self) -> Range<usize> {
        self.mapped.as_ref().map_or_else(
            || self.fallback.clone(),
            |m| m.node_start as usize..m.node_end as usize,
        )
    }
}

impl Mapped {
    /// `None` when an offset does not fit in 32 bits.
    fn new(
        style: ScalarStyle,
        value: &str,
        segs: Vec<Seg>,
        node: Range<usize>,
        empty_at: usize,
    ) -> Option<Mapped> {
        Some(Mapped {
            style,
            value_len: u32::try_from(value.len()).ok()?,
            non_ascii: non_ascii(value),
            segs: segs.into_boxed_slice(),
            node_start: u32::try_from(node.start).ok()?,
            node_end: u32::try_from(node.end).ok()?,
            empty_at: u32::try_from(empty_at).ok()?,
            dropped: false,
        })
    }

    fn value_len(&self) -> usize {
        self.value_len as usize
    }

    /// Index of the segment containing value byte `off`.
    fn seg_index(&self, off: usize) -> Option<usize> {
        let i = self.segs.partition_point(|s| s.val_end() <= off);
        let seg = self.segs.get(i)?;
        (seg.val() <= off).then_some(i)
    }

    /// Source position of the value char starting at `off`.
    fn source_pos(&self, off: usize) -> Option<usize> {
        let seg = self.segs.get(self.seg_index(off)?)?;
        Some(if seg.verbatim {
            seg.src_start() + (off - seg.val())
        } else {
            seg.src_start()
        })
    }
}

/// A copy of `value` when it has chars of more than one byte (see `Mapped::non_ascii`).
fn non_ascii(value: &str) -> Option<Box<str>> {
    (!value.is_ascii()).then(|| value.into())
}

/// The char at `node_start` when that is a valid position, else an empty range at the nearest
/// char boundary at or before it (clamped to the source).
fn fallback_range(source: &str, node_start: usize) -> Range<usize> {
    if let Some(c) = source.get(node_start..).and_then(|s| s.chars().next()) {
        return node_start..node_start + c.len_utf8();
    }
    let mut at = node_start.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at..at
}

/// Tries the interpretations that fit the byte at `start`, most likely first. Any attempt that
/// reproduces the value exactly is a correct map, so the order only decides which style wins
/// when several would reproduce it (e.g. a block scalar line that starts with a quote).
fn map_scalar(src: &str, start: usize, value: &str) -> Option<Mapped> {
    let b = src.as_bytes();
    let first = b.get(start).copied();
    let direct = match first {
        Some(b'"') => quoted(src, value, start, true),
        Some(b'\'') => quoted(src, value, start, false),
        Some(b'|' | b'>') => try_block(src, value, start, None),
        _ => None,
    };
    if direct.is_some() {
        return direct;
    }
    // The parser reports block scalars at their first content char (or, for an empty block, at
    // whatever token follows), so look back for the header line.
    if let Some((ind, hint)) = find_indicator_before(b, start) {
        if let Some(m) = try_block(src, value, ind, Some(hint)) {
            return Some(m);
        }
    }
    plain(src, value, start)
}

// ---------------------------------------------------------------------------------------------
// Emission with on-the-fly verification
// ---------------------------------------------------------------------------------------------

/// Collects segments while checking each produced piece against the parser's value, so a wrong
/// interpretation is abandoned at its first divergence (keeps attempts linear).
struct Emitter<'a> {
    src: &'a str,
    value: &'a str,
    pos: usize,
    segs: Vec<Seg>,
}

impl<'a> Emitter<'a> {
    fn new(src: &'a str, value: &'a str) -> Self {
        Emitter {
            src,
            value,
            pos: 0,
            segs: Vec::new(),
        }
    }

    fn done(&self) -> bool {
        self.pos == self.value.len()
    }

    fn rest(&self) -> &'a str {
        self.value.get(self.pos..).unwrap_or("")
    }

    /// Copies source bytes verbatim into the value.
    fn copy(&mut self, r: Range<usize>) -> Option<()> {
        let text = self.src.get(r.clone())?;
        if text.is_empty() {
            return Some(());
        }
        if !self.rest().starts_with(text) {
            return None;
        }
        self.push(Seg::new(self.pos, text.len(), r, true)?);
        self.pos += text.len();
        Some(())
    }

    /// Copies the longest prefix of `r` that the value continues with; returns its length.
    /// Used where only the value tells where a plain scalar ends within a line.
    fn copy_prefix(&mut self, r: Range<usize>) -> Option<usize> {
        let text = self.src.get(r.clone())?;
        let mut n = text
            .bytes()
            .zip(self.rest().bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        self.copy(r.start..r.start + n)?;
        Some(n)
    }

    /// Records that the source bytes `r` produce the single value char `c`.
    fn produce(&mut self, c: char, r: Range<usize>) -> Option<()> {
        if !self.rest().starts_with(c) {
            return None;
        }
        // Only validates the range; produced chars are never "verbatim", even when the bytes
        // coincide (a `\n` break giving `\n`), because the bytes around them were dropped.
        self.src.get(r.clone())?;
        let len = c.len_utf8();
        self.push(Seg::new(self.pos, len, r, false)?);
        self.pos += len;
        Some(())
    }

    fn push(&mut self, seg: Seg) {
        if let Some(last) = self.segs.last_mut() {
            if last.verbatim
                && seg.verbatim
                && last.val_end() == seg.val()
                && last.src_end == seg.src_start
            {
                // Both lengths fit in u32 and so does their sum: it is an offset in the value.
                last.val_len = seg.val + seg.val_len - last.val;
                last.src_end = seg.src_end;
                return;
            }
        }
        self.segs.push(seg);
    }

    fn finish(self, style: ScalarStyle, node: Range<usize>, empty_at: usize) -> Option<Mapped> {
        if !self.done() {
            return None;
        }
        // Boxed: maps live as long as the model, and growth by doubling leaves up to half of a
        // vector unused.
        Mapped::new(style, self.value, self.segs, node, empty_at)
    }
}

// ---------------------------------------------------------------------------------------------
// Byte-level helpers (all bounds-checked; positions of ASCII bytes are char boundaries)
// ---------------------------------------------------------------------------------------------

const BOM: &[u8] = "\u{feff}".as_bytes();

fn is_ws(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_ws_at(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(|&c| is_ws(c))
}

/// Length of the line break at `p` (`\n`, `\r\n` or a lone `\r`), 0 when there is none.
fn break_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'\n') => 1,
        Some(b'\r') if b.get(p + 1) == Some(&b'\n') => 2,
        Some(b'\r') => 1,
        _ => 0,
    }
}

/// Position of the line break (or end of source) ending the line that contains `p`.
fn line_end(b: &[u8], mut p: usize) -> usize {
    while b.get(p).is_some_and(|&c| c != b'\n' && c != b'\r') {
        p += 1;
    }
    p.min(b.len())
}

/// Start of the line containing `p`.
fn line_start(b: &[u8], p: usize) -> usize {
    let mut p = p.min(b.len());
    while p > 0 && !matches!(b.get(p - 1), Some(b'\n' | b'\r')) {
        p -= 1;
    }
    p
}

fn skip_ws(b: &[u8], mut p: usize) -> usize {
    while is_ws_at(b, p) {
        p += 1;
    }
    p
}

/// Skips a UTF-8 BOM at the very start of the source (it is not part of any line's text).
fn skip_bom(b: &[u8], ls: usize) -> usize {
    if ls == 0 && b.starts_with(BOM) {
        BOM.len()
    } else {
        ls
    }
}

/// `---` or `...` at `ls` followed by whitespace, a break or the end: a document marker.
fn is_doc_marker(b: &[u8], ls: usize) -> bool {
    let marker = b.get(ls..ls + 3);
    (marker == Some(b"---") || marker == Some(b"..."))
        && (b.get(ls + 3).is_none() || is_ws_at(b, ls + 3) || break_len(b, ls + 3) > 0)
}

// ---------------------------------------------------------------------------------------------
// Folding shared by plain and quoted scalars
// ---------------------------------------------------------------------------------------------

/// Consumes empty (whitespace-only) lines starting at `p`, producing `\n` for each one's break,
/// then the indentation of the next content line. Returns the position of that content and
/// whether any empty line was seen.
fn empty_lines(e: &mut Emitter, b: &[u8], mut p: usize) -> Option<(usize, bool)> {
    let mut any = false;
    loop {
        let q = skip_ws(b, p);
        let n = break_len(b, q);
        if n == 0 {
            return Some((q, any));
        }
        e.produce('\n', q..q + n)?;
        any = true;
        p = q + n;
    }
}

/// Folds the unescaped line break at `le` (flow folding): a single break becomes a space mapped
/// to the break; with empty lines after it, the first break is dropped and each empty line gives
/// a `\n`. Returns the position of the next line's first non-whitespace byte.
fn fold(e: &mut Emitter, b: &[u8], le: usize) -> Option<usize> {
    let n = break_len(b, le);
    if n == 0 {
        return None;
    }
    // A single space must be produced before anything that follows; empty lines produce theirs
    // in order, so emitting the space after the scan keeps value order.
    let (next, any) = empty_lines(e, b, le + n)?;
    if !any {
        e.produce(' ', le..le + n)?;
    }
    Some(next)
}

// ---------------------------------------------------------------------------------------------
// Plain scalars
// ---------------------------------------------------------------------------------------------

fn plain(src: &str, value: &str, start: usize) -> Option<Mapped> {
    let b = src.as_bytes();
    // Plain scalars are never empty and never start with whitespace or a break.
    if value.is_empty()
        || b.get(start)
            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return None;
    }
    let mut e = Emitter::new(src, value);
    let mut p = start;
    loop {
        let le = line_end(b, p);
        let mut te = le;
        while te > p && is_ws_at(b, te - 1) {
            te -= 1;
        }
        // Where a plain scalar stops inside a line (`: `, ` #`, flow indicators) depends on
        // context we do not know, so the value tells us and we check the stop is legitimate.
        let n = e.copy_prefix(p..te)?;
        if p + n < te {
            return (e.done() && n > 0 && plain_stops_at(b, p + n, le))
                .then(|| e.finish(ScalarStyle::Plain, start..p + n, start))
                .flatten();
        }
        if e.done() {
            return e.finish(ScalarStyle::Plain, start..te, start);
        }
        p = fold(&mut e, b, le)?;
        // A continuation line starting with `#` is a comment: the scalar has ended.
        if b.get(p).is_none_or(|&c| c == b'#') {
            return None;
        }
    }
}

/// Whether a plain scalar may end at `p` (the rest of the line from `p` to `le` is not part of
/// it): a comment, a `: ` mapping indicator or a flow indicator follows.
fn plain_stops_at(b: &[u8], p: usize, le: usize) -> bool {
    let q = skip_ws(b, p).min(le);
    if q >= le {
        return true;
    }
    match b.get(q) {
        Some(b'#') => q > p,
        Some(b',' | b']' | b'}') => true,
        Some(b':') => {
            q + 1 >= le || matches!(b.get(q + 1), Some(b' ' | b'\t' | b',' | b']' | b'}'))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Quoted scalars
// ---------------------------------------------------------------------------------------------

fn quoted(src: &str, value: &str, q: usize, double: bool) -> Option<Mapped> {
    let b = src.as_bytes();
    let mut e = Emitter::new(src, value);
    let mut p = q + 1;
    // Start of a pending whitespace run: kept if content follows on the line, dropped if a line
    // break follows (trailing whitespace is trimmed by folding).
    let mut ws: Option<usize> = None;
    loop {
        let c = *b.get(p)?;
        match c {
            b' ' | b'\t' => {
                ws.get_or_insert(p);
                p += 1;
            }
            b'\n' | b'\r' => {
                ws = None;
                p = fold(&mut e, b, p)?;
            }
            _ => {
                if let Some(w) = ws.take() {
                    e.copy(w..p)?;
                }
                if !double && c == b'\'' {
                    if b.get(p + 1) == Some(&b'\'') {
                        e.produce('\'', p..p + 2)?;
                        p += 2;
                    } else {
                        return e.finish(ScalarStyle::SingleQuoted, q..p + 1, q + 1);
                    }
                } else if double && c == b'"' {
                    return e.finish(ScalarStyle::DoubleQuoted, q..p + 1, q + 1);
                } else if double && c == b'\\' {
                    p = escape(&mut e, b, p)?;
                } else {
                    let mut r = p + 1;
                    while b.get(r).is_some_and(|&c| {
                        !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\'' | b'"' | b'\\')
                    }) {
                        r += 1;
                    }
                    e.copy(p..r)?;
                    p = r;
                }
            }
        }
    }
}

/// Handles the double-quoted escape whose backslash is at `p`; returns the position after it.
fn escape(e: &mut Emitter, b: &[u8], p: usize) -> Option<usize> {
    let c = *b.get(p + 1)?;
    let simple = match c {
        b'0' => Some('\0'),
        b'a' => Some('\u{7}'),
        b'b' => Some('\u{8}'),
        b't' | b'\t' => Some('\t'),
        b'n' => Some('\n'),
        b'v' => Some('\u{b}'),
        b'f' => Some('\u{c}'),
        b'r' => Some('\r'),
        b'e' => Some('\u{1b}'),
        b' ' => Some(' '),
        b'"' => Some('"'),
        b'\'' => Some('\''),
        b'/' => Some('/'),
        b'\\' => Some('\\'),
        b'N' => Some('\u{85}'),
        b'_' => Some('\u{a0}'),
        b'L' => Some('\u{2028}'),
        b'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(ch) = simple {
        e.produce(ch, p..p + 2)?;
        return Some(p + 2);
    }
    match c {
        // Escaped line break: the break is removed, empty lines after it still give `\n`, and
        // the next line's indentation is stripped. Whitespace before the `\` was already kept.
        b'\n' | b'\r' => {
            let n = break_len(b, p + 1);
            empty_lines(e, b, p + 1 + n).map(|(next, _)| next)
        }
        b'x' => {
            let ch = char::from_u32(hex(b, p + 2, 2)?)?;
            e.produce(ch, p..p + 4)?;
            Some(p + 4)
        }
        b'u' => {
            let unit = hex(b, p + 2, 4)?;
            if (0xD800..0xDC00).contains(&unit) {
                // A UTF-16 surrogate pair written as two escapes is one char; map it to both.
                if b.get(p + 6) != Some(&b'\\') || b.get(p + 7) != Some(&b'u') {
                    return None;
                }
                let low = hex(b, p + 8, 4)?;
                if !(0xDC00..0xE000).contains(&low) {
                    return None;
                }
                let ch = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
                e.produce(ch, p..p + 12)?;
                Some(p + 12)
            } else {
                let ch = char::from_u32(unit)?;
                e.produce(ch, p..p + 6)?;
                Some(p + 6)
            }
        }
        b'U' => {
            let ch = char::from_u32(hex(b, p + 2, 8)?)?;
            e.produce(ch, p..p + 10)?;
            Some(p + 10)
        }
        _ => None,
    }
}

fn hex(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = b.get(at..at + n)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        let v = char::from(d).to_digit(16)?;
        Some(acc * 16 + v)
    })
}

// ---------------------------------------------------------------------------------------------
// Block scalars
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

#[derive(Debug, Clone, Copy)]
struct Header {
    folded: bool,
    digit: Option<usize>,
    chomp: Chomp,
    /// End of the indicator and its chomping / indentation indicators.
    end: usize,
    /// Start of the first line after the header line.
    body: usize,
}

/// Parses a block scalar header at `ind`: `|` or `>`, then at most one indentation digit and one
/// chomping indicator in either order, then optional whitespace and a comment, then a break.
fn parse_header(b: &[u8], ind: usize) -> Option<Header> {
    let folded = match b.get(ind)? {
        b'|' => false,
        b'>' => true,
        _ => return None,
    };
    let mut p = ind + 1;
    let mut digit = None;
    let mut chomp = None;
    for _ in 0..2 {
        match b.get(p) {
            Some(&c @ b'1'..=b'9') if digit.is_none() => digit = Some(usize::from(c - b'0')),
            Some(b'-') if chomp.is_none() => chomp = Some(Chomp::Strip),
            Some(b'+') if chomp.is_none() => chomp = Some(Chomp::Keep),
            _ => break,
        }
        p += 1;
    }
    let end = p;
    p = skip_ws(b, p);
    if b.get(p) == Some(&b'#') && p > end {
        p = line_end(b, p);
    }
    let n = break_len(b, p);
    if n == 0 && p != b.len() {
        return None;
    }
    Some(Header {
        folded,
        digit,
        chomp: chomp.unwrap_or(Chomp::Clip),
        end,
        body: p + n,
    })
}

/// Walks back from a node start that sits in block scalar content (only spaces before it on its
/// line) over whitespace-only lines to the header line. Returns the indicator position and the
/// column of `start` (the parser's idea of the content indentation).
fn find_indicator_before(b: &[u8], start: usize) -> Option<(usize, usize)> {
    let ls = line_start(b, start);
    if !b.get(ls..start)?.iter().all(|&c| c == b' ') {
        return None;
    }
    let hint = start - ls;
    let mut cur = ls;
    loop {
        if cur == 0 {
            return None;
        }
        let mut end = cur - 1;
        if b.get(end) == Some(&b'\n') && end > 0 && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let pls = line_start(b, end);
        let text = b.get(skip_bom(b, pls)..end)?;
        if text.iter().all(|&c| is_ws(c)) {
            cur = pls;
            continue;
        }
        return find_indicator_in_line(b, pls, end).map(|i| (i, hint));
    }
}

/// Leftmost `|` / `>` on the line that starts a valid header and is preceded by what may precede
/// a node (line start, `key:`, `- `, `? `, `---`, tags and anchors). Rejecting other preceding
/// text avoids taking a `|` inside a quoted key for the indicator.
fn find_indicator_in_line(b: &[u8], ls: usize, end: usize) -> Option<usize> {
    let base = skip_bom(b, ls);
    (base..end).find(|&i| {
        matches!(b.get(i), Some(b'|' | b'>'))
            && (i == base || is_ws_at(b, i - 1))
            && node_context_ok(b, base, i)
            && parse_header(b, i).is_some()
    })
}

fn node_context_ok(b: &[u8], base: usize, i: usize) -> bool {
    let mut j = i;
    loop {
        while j > base && is_ws_at(b, j - 1) {
            j -= 1;
        }
        if j == base {
            return true;
        }
        if matches!(b.get(j - 1), Some(b':' | b'?' | b'-')) {
            return true;
        }
        let mut k = j;
        while k > base && !is_ws_at(b, k - 1) {
            k -= 1;
        }
        if !matches!(b.get(k), Some(b'!' | b'&')) {
            return false;
        }
        j = k;
    }
}

/// Best guess of the indentation of the block collection holding the scalar, from its header
/// line: the column of the innermost `- ` / `? ` entry or implicit key before the indicator;
/// -1 at document level (`--- |`); `None` when the line holds nothing but the node.
fn parent_indent(b: &[u8], ind: usize) -> Option<isize> {
    let base = skip_bom(b, line_start(b, ind));
    if is_doc_marker(b, base) && b.get(base..base + 3) == Some(b"---") {
        return Some(-1);
    }
    let mut p = base;
    let mut parent = None;
    loop {
        p = skip_ws(b, p);
        if p >= ind {
            return parent;
        }
        let col = isize::try_from(p - base).ok()?;
        match b.get(p) {
            Some(b'-' | b'?' | b':') if is_ws_at(b, p + 1) => {
                parent = Some(col);
                p += 1;
            }
            Some(b'!' | b'&') => {
                while b.get(p).is_some_and(|&c| !is_ws(c)) && p < ind {
                    p += 1;
                }
            }
            _ => return Some(col),
        }
    }
}

/// Leading spaces of the first line (from `p`) that has anything but spaces: the auto-detected
/// content indentation. `None` when only space-only lines remain.
fn first_content_indent(b: &[u8], mut p: usize) -> Option<usize> {
    while p < b.len() {
        let ls = p;
        while b.get(p) == Some(&b' ') {
            p += 1;
        }
        let n = break_len(b, p);
        if n == 0 {
            return (p < b.len()).then_some(p - ls);
        }
        p += n;
    }
    None
}

/// Indentation candidates are tried in order; the first that reproduces the value wins.
/// `usize::MAX` means "no content lines" (an empty block followed by a less-indented line).
fn try_block(src: &str, value: &str, ind: usize, hint: Option<usize>) -> Option<Mapped> {
    let b = src.as_bytes();
    let h = parse_header(b, ind)?;
    let parent = parent_indent(b, ind);
    let mut cands: Vec<usize> = Vec::with_capacity(4);
    match h.digit {
        Some(d) => {
            cands.extend(hint);
            if let Some(p) = parent {
                cands.push(usize::try_from(p.max(0)).unwrap_or(0) + d);
            }
            let ls = skip_bom(b, line_start(b, ind));
            let lead = b
                .get(ls..)
                .map_or(0, |t| t.iter().take_while(|&&c| c == b' ').count());
            cands.push(lead + d);
        }
        None => match first_content_indent(b, h.body) {
            Some(a) => {
                let deeper = parent.is_none_or(|p| isize::try_from(a).is_ok_and(|a| a > p));
                if deeper {
                    cands.push(a);
                } else {
                    cands.extend([usize::MAX, a]);
                }
            }
            None => cands.push(usize::MAX),
        },
    }
    cands.push(usize::MAX);
    let style = if h.folded {
        ScalarStyle::Folded
    } else {
        ScalarStyle::Literal
    };
    let mut tried: Vec<usize> = Vec::with_capacity(cands.len());
    for indent in cands {
        if tried.contains(&indent) {
            continue;
        }
        tried.push(indent);
        let mut e = Emitter::new(src, value);
        if let Some(end) = block_body(&mut e, &h, indent) {
            if let Some(m) = e.finish(style, ind..end, ind) {
                return Some(m);
            }
        }
    }
    None
}

/// Reproduces a block scalar's value with content indentation `indent`; returns the node end.
fn block_body(e: &mut Emitter, h: &Header, indent: usize) -> Option<usize> {
    let b = e.src.as_bytes();
    let mut ls = h.body;
    // Break ending the previous content line, and whether that line was foldable text.
    let mut prev: Option<(Range<usize>, bool)> = None;
    // Breaks of empty lines since the previous content line: they only become value `\n`s once
    // we know whether more content follows (chomping decides otherwise).
    let mut pending: Vec<Range<usize>> = Vec::new();
    let mut end = h.end;
    while ls < b.len() {
        if indent == 0 && is_doc_marker(b, ls) {
            break;
        }
        let le = line_end(b, ls);
        let mut spaces = 0;
        while b.get(ls + spaces) == Some(&b' ') && ls + spaces < le {
            spaces += 1;
        }
        let brk = le..le + break_len(b, le);
        let content = if ls + spaces == le {
            // Only spaces: an empty line unless it has more than the indentation (those extra
            // spaces are content).
            (spaces > indent).then(|| ls + indent)
        } else if spaces >= indent {
            Some(ls + indent)
        } else {
            // Less-indented content ends the block.
            break;
        };
        match content {
            None => {
                if !brk.is_empty() {
                    pending.push(brk.clone());
                }
            }
            Some(cs) => {
                // Folding applies only between two lines that start with a non-space char
                // ("more-indented" lines keep their breaks).
                let text = !h.folded || b.get(cs).is_some_and(|&c| !is_ws(c));
                if let Some((pb, prev_text)) = prev.take() {
                    if !(h.folded && prev_text && text) {
                        e.produce('\n', pb)?;
                    } else if pending.is_empty() {
                        // A lone break between text lines folds to a space; followed by empty
                        // lines it is dropped and only their breaks give `\n`s.
                        e.produce(' ', pb)?;
                    }
                }
                for r in pending.drain(..) {
                    e.produce('\n', r)?;
                }
                e.copy(cs..le)?;
                end = le;
                prev = Some((brk.clone(), text));
            }
        }
        if brk.is_empty() {
            break;
        }
        ls = brk.end;
    }
    if h.chomp != Chomp::Strip {
        if let Some((pb, _)) = prev {
            // At end of file without a final break the parser still adds the clipped `\n`;
            // map it to the empty range at the end rather than to any real byte.
            if !pb.is_empty() || e.rest().starts_with('\n') {
                end = pb.end;
                e.produce('\n', pb)?;
            }
        }
    }
    if h.chomp == Chomp::Keep {
        for r in pending {
            end = r.end;
            e.produce('\n', r)?;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    type Flat = BTreeMap<String, serde_saphyr::Spanned<String>>;
    type Nested = BTreeMap<String, BTreeMap<String, serde_saphyr::Spanned<String>>>;

    /// Other keys are ignored, so trailers like `other: x` still parse.
    #[derive(serde::Deserialize)]
    struct SeqDoc {
        key: Vec<serde_saphyr::Spanned<String>>,
    }

    fn offset(s: &serde_saphyr::Spanned<String>) -> Option<usize> {
        usize::try_from(s.referenced.span().byte_offset()?).ok()
    }

    /// Where the scalar under test sits in the generated document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Layout {
        /// `key: <scalar>`
        Flat,
        /// `outer:\n  key: <scalar>`
        Nested,
        /// `key:\n- <scalar>`
        Seq,
        /// `key: [<scalar>, x]`
        Flow,
    }

    /// Node start and value of the scalar under `key` in a document of the given layout.
    fn parse_key(src: &str, layout: Layout) -> Option<(usize, String)> {
        let s = match layout {
            Layout::Flat => {
                let doc: Flat = serde_saphyr::from_str(src).ok()?;
                doc.get("key")?.clone()
            }
            Layout::Nested => {
                let doc: Nested = serde_saphyr::from_str(src).ok()?;
                doc.get("outer")?.get("key")?.clone()
            }
            Layout::Seq | Layout::Flow => {
                let doc: SeqDoc = serde_saphyr::from_str(src).ok()?;
                doc.key.first()?.clone()
            }
        };
        Some((offset(&s)?, s.value))
    }

    /// Parses with serde-saphyr and builds the map the way the linter will.
    fn map(src: &str) -> (ScalarMap, String) {
        let (start, value) = parse_key(src, Layout::Flat).expect("test YAML must parse");
        (ScalarMap::build(src, start, &value), value)
    }

    fn range_of(map: &ScalarMap, value: &str, needle: &str) -> Option<Range<usize>> {
        let at = value.find(needle)?;
        map.source_range(at..at + needle.len())
    }

    fn char_is_verbatim(map: &ScalarMap, off: usize) -> bool {
        map.mapped
            .as_ref()
            .and_then(|m| m.segs.get(m.seg_index(off)?))
            .is_some_and(|s| s.verbatim)
    }

    /// Checks every invariant a verified map must satisfy against the source it came from.
    fn check_verified(src: &str, map: &ScalarMap, value: &str) {
        assert!(map.is_verified(), "unverified: {src:?} value {value:?}");
        let bounds: Vec<usize> = value
            .char_indices()
            .map(|(i, _)| i)
            .chain([value.len()])
            .collect();
        for (i, c) in value.char_indices() {
            let sr = map.source_range(i..i + c.len_utf8()).expect("char maps");
            let text = src.get(sr.clone()).expect("on char boundaries");
            if char_is_verbatim(map, i) {
                assert_eq!(text, c.to_string(), "char {i} of {value:?} in {src:?}");
            } else {
                let from_break = matches!(text, "\n" | "\r\n" | "\r") && matches!(c, ' ' | '\n');
                let from_escape = text.starts_with('\\') || text == "''";
                let final_newline = text.is_empty() && c == '\n' && sr.start == src.len();
                assert!(
                    from_break || from_escape || final_newline,
                    "char {c:?} at {i} maps to {text:?} in {src:?}"
                );
            }
        }
        // All sub-ranges (bounded so long values stay fast).
        let cap = bounds.len().min(48);
        for (ai, &a) in bounds.iter().take(cap).enumerate() {
            for &b in bounds.iter().take(cap).skip(ai) {
                let sr = map.source_range(a..b).expect("in-bounds range maps");
                assert!(sr.start <= sr.end);
                let text = src.get(sr.clone()).expect("on char boundaries");
                // Copied chars whose source bytes are adjacent (no escape, fold or escaped
                // break between them).
                let chars: Vec<usize> = bounds
                    .iter()
                    .copied()
                    .filter(|&i| i >= a && i < b)
                    .collect();
                let verbatim = chars.iter().all(|&i| char_is_verbatim(map, i))
                    && chars.windows(2).all(|w| {
                        let x = map.source_range(w[0]..w[1]);
                        let y = map.source_range(w[1]..w[1]);
                        x.zip(y).is_some_and(|(x, y)| x.end == y.start)
                    });
                if verbatim {
                    assert_eq!(text, &value[a..b], "range {a}..{b} of {value:?} in {src:?}");
                }
                if a == b {
                    assert!(sr.is_empty());
                }
            }
        }
        check_no_panic(src, map, value.len());
        let node = map.node_range();
        assert!(src.get(node).is_some());
    }

    /// Any range, even nonsense, gives `None` or a range that slices the source.
    fn check_no_panic(src: &str, map: &ScalarMap, value_len: usize) {
        for a in 0..value_len.min(12) + 3 {
            for b in 0..value_len.min(12) + 3 {
                if let Some(sr) = map.source_range(a..b) {
                    assert!(src.get(sr).is_some());
                }
                assert!(src.get(map.source_range_or_start(a..b)).is_some());
            }
        }
        assert_eq!(map.source_range(usize::MAX..usize::MAX), None);
        assert!(src.get(map.source_range_or_start(0..usize::MAX)).is_some());
    }

    // ---- plain -------------------------------------------------------------------------------

    #[test]
    fn plain_single_line() {
        let src = "key: hello world  # comment\n";
        let (m, v) = map(src);
        assert_eq!(v, "hello world");
        assert_eq!(m.style(), Some(ScalarStyle::Plain));
        assert_eq!(m.source_range(6..11), Some(11..16));
        assert_eq!(m.node_range(), 5..16);
        assert_eq!(m.source_range(11..11), Some(16..16));
        check_verified(src, &m, &v);
    }

    #[test]
    fn plain_multi_line_folding() {
        // "a b" / "c  d" / blank / "e" → "a b c  d\ne"
        let src = "key: a b  \n  c  d\n\n  e\n";
        let (m, v) = map(src);
        assert_eq!(v, "a b c  d\ne");
        // The folded space maps to the line break (10), not the trailing spaces or indentation.
        assert_eq!(m.source_range(3..4), Some(10..11));
        assert_eq!(m.source_range(4..8), Some(13..17));
        // The `\n` from the blank line maps to the blank line's break.
        assert_eq!(m.source_range(8..9), Some(18..19));
        assert_eq!(m.source_range(9..10), Some(21..22));
        assert_eq!(m.source_range(0..10), Some(5..22));
        assert_eq!(m.node_range(), 5..22);
        check_verified(src, &m, &v);
    }

    #[test]
    fn plain_with_colons_hashes_and_unicode() {
        let src = "key: é:x a#b 日本 😀\n";
        let (m, v) = map(src);
        assert_eq!(v, "é:x a#b 日本 😀");
        assert_eq!(range_of(&m, &v, "日本"), Some(14..20));
        // Offsets inside a char widen to the whole char.
        assert_eq!(m.source_range(1..2), Some(5..7));
        check_verified(src, &m, &v);
    }

    #[test]
    fn plain_on_next_line_and_tabs() {
        let src = "key:\n  one\t two \t\n  \t three\n";
        let (m, v) = map(src);
        assert_eq!(v, "one\t two three");
        assert_eq!(range_of(&m, &v, "three"), Some(22..27));
        check_verified(src, &m, &v);
    }

    // ---- single-quoted -----------------------------------------------------------------------

    #[test]
    fn single_quoted_escape_and_folding() {
        let src = "key: 'it''s  \n   a\n\n  b '\n";
        let (m, v) = map(src);
        assert_eq!(v, "it's a\nb ");
        assert_eq!(m.style(), Some(ScalarStyle::SingleQuoted));
        // `'` comes from `''`.
        assert_eq!(m.source_range(2..3), Some(8..10));
        assert_eq!(m.source_range(0..4), Some(6..11));
        // Folded space → first break; `\n` → the blank line's break.
        assert_eq!(m.source_range(4..5), Some(13..14));
        assert_eq!(m.source_range(6..7), Some(19..20));
        assert_eq!(range_of(&m, &v, "b "), Some(22..24));
        assert_eq!(m.node_range(), 5..25);
        check_verified(src, &m, &v);
    }

    #[test]
    fn single_quoted_empty() {
        let src = "key: ''\n";
        let (m, v) = map(src);
        assert_eq!(v, "");
        assert!(m.is_verified());
        assert_eq!(m.source_range(0..0), Some(6..6));
        assert_eq!(m.node_range(), 5..7);
    }

    // ---- double-quoted -----------------------------------------------------------------------

    #[test]
    fn double_quoted_escapes() {
        let src = r#"key: "a\tb\u00e9\x41\U0001F600\uD83D\uDE00\"\\\/\N\_ c""#;
        let (m, v) = map(src);
        assert_eq!(v, "a\tbéA😀😀\"\\/\u{85}\u{a0} c");
        assert_eq!(m.style(), Some(ScalarStyle::DoubleQuoted));
        assert_eq!(m.source_range(0..1), Some(6..7));
        assert_eq!(m.source_range(1..2), Some(7..9)); // \t
        assert_eq!(range_of(&m, &v, "é"), Some(10..16)); // \u00e9
        assert_eq!(range_of(&m, &v, "A"), Some(16..20)); // \x41
        assert_eq!(range_of(&m, &v, "😀"), Some(20..30)); // \U0001F600
        let second = v.rfind('😀').map(|i| i..i + 4);
        assert_eq!(second.and_then(|r| m.source_range(r)), Some(30..42)); // surrogate pair
        assert_eq!(range_of(&m, &v, "\""), Some(42..44));
        assert_eq!(range_of(&m, &v, " c"), Some(52..54));
        assert_eq!(m.node_range(), 5..55);
        check_verified(src, &m, &v);
    }

    #[test]
    fn double_quoted_line_breaks() {
        // Escaped break keeps the space before `\`; a blank line after it still gives `\n`;
        // an unescaped break folds to a space.
        let src = "key: \"a \\\n  \n  b\n  c\"\n";
        let (m, v) = map(src);
        assert_eq!(v, "a \nb c");
        assert_eq!(m.source_range(0..2), Some(6..8));
        assert_eq!(m.source_range(2..3), Some(12..13));
        assert_eq!(m.source_range(3..4), Some(15..16));
        assert_eq!(m.source_range(4..5), Some(16..17));
        assert_eq!(m.source_range(5..6), Some(19..20));
        check_verified(src, &m, &v);
    }

    #[test]
    fn double_quoted_crlf() {
        let src = "key: \"a\r\n  b\r\n\r\n  c\"\r\n";
        let (m, v) = map(src);
        assert_eq!(v, "a b\nc");
        assert_eq!(m.source_range(1..2), Some(7..9));
        assert_eq!(m.source_range(3..4), Some(14..16));
        assert_eq!(m.source_range(4..5), Some(18..19));
        check_verified(src, &m, &v);
    }

    // ---- literal -----------------------------------------------------------------------------

    #[test]
    fn literal_clip() {
        let src = "key: |\n  line1\n\n  line2\nnext: x\n";
        let (m, v) = map(src);
        assert_eq!(v, "line1\n\nline2\n");
        assert_eq!(m.style(), Some(ScalarStyle::Literal));
        assert_eq!(m.source_range(0..5), Some(9..14));
        assert_eq!(m.source_range(5..6), Some(14..15));
        assert_eq!(m.source_range(6..7), Some(15..16));
        assert_eq!(range_of(&m, &v, "line2"), Some(18..23));
        assert_eq!(m.source_range(12..13), Some(23..24));
        assert_eq!(m.node_range(), 5..24);
        check_verified(src, &m, &v);
    }

    #[test]
    fn literal_strip_keep_and_comment() {
        let src = "key: |- # note\n  a\n   b\n\n";
        let (m, v) = map(src);
        assert_eq!(v, "a\n b");
        assert_eq!(range_of(&m, &v, " b"), Some(21..23));
        assert_eq!(m.node_range(), 5..23);
        check_verified(src, &m, &v);

        let src = "key: |+\n  a\n\n\nz: x\n";
        let (m, v) = map(src);
        assert_eq!(v, "a\n\n\n");
        assert_eq!(m.source_range(1..4), Some(11..14));
        assert_eq!(m.node_range(), 5..14);
        check_verified(src, &m, &v);
    }

    #[test]
    fn literal_explicit_indentation() {
        let src = "key: |2\n    indented\n  x\n";
        let (m, v) = map(src);
        assert_eq!(v, "  indented\nx\n");
        assert_eq!(m.source_range(0..10), Some(10..20));
        check_verified(src, &m, &v);

        let src = "outer:\n  - |1\n     y\n";
        let doc: BTreeMap<String, Vec<serde_saphyr::Spanned<String>>> =
            serde_saphyr::from_str(src).expect("parses");
        let item = &doc["outer"][0];
        let m = ScalarMap::build(src, offset(item).expect("offset"), &item.value);
        assert_eq!(item.value, "  y\n");
        assert_eq!(m.source_range(0..3), Some(17..20));
        check_verified(src, &m, &item.value);
    }

    #[test]
    fn literal_crlf_bom_and_tabs() {
        let src = "\u{feff}key: |\r\n  a\tb\r\n\r\n  c\r\n";
        let (m, v) = map(src);
        assert_eq!(v, "a\tb\n\nc\n");
        assert_eq!(m.source_range(0..3), Some(13..16));
        // `\n` maps to the whole CRLF.
        assert_eq!(m.source_range(3..4), Some(16..18));
        assert_eq!(m.source_range(4..5), Some(18..20));
        assert_eq!(m.source_range(5..6), Some(22..23));
        check_verified(src, &m, &v);
    }

    #[test]
    fn literal_content_that_looks_like_other_styles() {
        for src in [
            "key: |\n  | not a header\n",
            "key: |\n  \"quoted\"\n",
            "key: >\n  'single' x\n",
            "key: |\n  # not a comment\n",
        ] {
            let (m, v) = map(src);
            assert!(matches!(
                m.style(),
                Some(ScalarStyle::Literal | ScalarStyle::Folded)
            ));
            check_verified(src, &m, &v);
        }
    }

    #[test]
    fn literal_at_end_of_file_without_break() {
        let src = "key: |\n  a";
        let (m, v) = map(src);
        assert_eq!(v, "a\n");
        assert_eq!(m.source_range(1..2), Some(10..10));
        check_verified(src, &m, &v);
    }

    #[test]
    fn empty_block_scalars() {
        let src = "key: |\nother: x\n";
        let (m, v) = map(src);
        assert_eq!(v, "");
        assert!(m.is_verified());
        assert_eq!(m.source_range(0..0), Some(5..5));
        let src = "key: |+\n\n\nother: x\n";
        let (m, v) = map(src);
        assert_eq!(v, "\n\n");
        assert_eq!(m.source_range(0..2), Some(8..10));
        check_verified(src, &m, &v);
    }

    // ---- folded ------------------------------------------------------------------------------

    #[test]
    fn folded_rules() {
        let src = "key: >\n  a\n  b\n\n  c\n    more\n  d\n";
        let (m, v) = map(src);
        assert_eq!(v, "a b\nc\n  more\nd\n");
        assert_eq!(m.style(), Some(ScalarStyle::Folded));
        // Single break → space mapped to the break.
        assert_eq!(m.source_range(1..2), Some(10..11));
        // Break + blank line → `\n` mapped to the blank line's break.
        assert_eq!(m.source_range(3..4), Some(15..16));
        // Breaks around a more-indented line are kept.
        assert_eq!(m.source_range(5..6), Some(19..20));
        assert_eq!(range_of(&m, &v, "  more"), Some(22..28));
        assert_eq!(m.source_range(12..13), Some(28..29));
        check_verified(src, &m, &v);
    }

    #[test]
    fn folded_strip_crlf() {
        let src = "key: >-\r\n  a\r\n  b\r\n";
        let (m, v) = map(src);
        assert_eq!(v, "a b");
        assert_eq!(m.source_range(1..2), Some(12..14));
        assert_eq!(m.node_range(), 5..17);
        check_verified(src, &m, &v);
    }

    // ---- robustness --------------------------------------------------------------------------

    #[test]
    fn start_offset_at_indicator_is_accepted() {
        let src = "key: >\n  a\n  b\n";
        let m = ScalarMap::build(src, 5, "a b\n");
        assert_eq!(m.style(), Some(ScalarStyle::Folded));
        assert_eq!(m.source_range(2..3), Some(13..14));
    }

    #[test]
    fn a_map_without_its_segments_keeps_its_place_and_falls_back() {
        let src = "key: |\n  a\n  b\n";
        let mut m = ScalarMap::build(src, 5, "a\nb\n");
        let node = m.node_range();
        assert_eq!(m.source_range(2..3), Some(13..14));
        m.drop_segments();
        assert!(!m.is_verified());
        assert_eq!(m.style(), Some(ScalarStyle::Literal));
        assert_eq!(m.node_range(), node);
        assert_eq!(m.source_range(2..3), None);
        assert_eq!(m.source_range_or_start(2..3), 5..6);
    }

    #[test]
    fn mismatches_are_unverified() {
        let src = "key: hello\n";
        let m = ScalarMap::build(src, 5, "help");
        assert!(!m.is_verified());
        assert_eq!(m.style(), None);
        assert_eq!(m.source_range(0..1), None);
        assert_eq!(m.source_range_or_start(0..1), 5..6);
        assert_eq!(m.node_range(), 5..6);
        // Value longer than the scalar.
        assert!(!ScalarMap::build(src, 5, "hello world").is_verified());
        // Start not on a char boundary / out of range.
        let src = "key: é\n";
        let m = ScalarMap::build(src, 6, "é");
        assert!(!m.is_verified());
        assert_eq!(m.source_range_or_start(0..2), 5..5);
        let m = ScalarMap::build(src, 100, "é");
        assert_eq!(m.source_range_or_start(0..2), 8..8);
        let m = ScalarMap::build(src, 5, "é");
        assert_eq!(m.source_range_or_start(0..2), 5..7);
        assert_eq!(m.source_range(0..1), Some(5..7));
        assert_eq!(m.source_range(0..3), None);
        let m = ScalarMap::fallback(7);
        assert!(!m.is_verified());
        assert_eq!(m.source_range_or_start(0..1), 7..8);
    }

    #[test]
    fn unsupported_start_offsets_are_unverified() {
        // A start inside a later content line of a block scalar is not walked back from.
        let src = "key: |\n  a\n  b\n";
        assert!(!ScalarMap::build(src, 13, "a\nb\n").is_verified());
        // An alias location does not produce the anchored value.
        let src = "a: &x hello\nkey: *x\n";
        let (start, value) = parse_key(src, Layout::Flat).expect("parses");
        let m = ScalarMap::build(src, start, &value);
        assert!(!m.is_verified());
        assert_eq!(m.source_range_or_start(0..5), 17..18);
    }

    #[test]
    fn large_scalars_build_in_linear_time() {
        let lines = 20_000;
        let literal = format!("key: |\n{}", "  some text here\n".repeat(lines));
        let plain = format!("key: {}\n", "word\n  ".repeat(lines));
        let quoted = format!("key: \"{}\"\n", "a\\t\\\n  b ".repeat(lines));
        for src in [literal, plain, quoted] {
            let (m, v) = map(&src);
            assert!(m.is_verified());
            let last = v.len() - 1;
            assert!(m.source_range(last..v.len()).is_some());
        }
    }

    // ---- property tests ----------------------------------------------------------------------

    fn yaml_char() -> impl Strategy<Value = char> {
        prop_oneof![
            12 => prop::sample::select(vec![
                'a', 'b', 'Z', '0', 'é', '日', '😀', '#', ':', '-', '"', '\'', '\\', '|', '>', ',',
                '[', '{', '}', '!', '&', '*', '%', '@', '?', '\u{a0}', '\u{2028}',
            ]),
            4 => Just(' '),
            1 => Just('\t'),
            2 => Just('\n'),
            1 => any::<char>(),
        ]
    }

    fn printable(c: char) -> bool {
        matches!(c, '\t' | '\n' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}')
            || c >= '\u{10000}'
    }

    #[derive(Debug, Clone, Copy)]
    enum Kind {
        Plain,
        Single,
        Double,
        Block {
            folded: bool,
            chomp: u8,
            digit: bool,
        },
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            Just(Kind::Plain),
            Just(Kind::Single),
            Just(Kind::Double),
            (any::<bool>(), 0u8..3, any::<bool>()).prop_map(|(folded, chomp, digit)| Kind::Block {
                folded,
                chomp,
                digit
            }),
        ]
    }

    /// Renders `text` as a scalar of the given kind, with `cont` as the indentation of
    /// continuation lines. `pick` drives per-char rendering choices (escapes, folding).
    fn render(text: &[char], pick: &[u8], kind: Kind, base: usize) -> String {
        let cont = " ".repeat(base + 2);
        let choice = |i: usize| pick.get(i).copied().unwrap_or(0);
        let mut out = String::new();
        match kind {
            Kind::Double => {
                out.push('"');
                for (i, &c) in text.iter().enumerate() {
                    let k = choice(i);
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str(if k % 2 == 0 { "\\\\" } else { "\\x5C" }),
                        '\n' => match k % 4 {
                            0 => out.push_str("\\n"),
                            1 => out.push_str(&format!("\n{cont}")),
                            2 => out.push_str(&format!("\n\n{cont}")),
                            _ => out.push_str(&format!("\\\n{cont}")),
                        },
                        ' ' if k % 5 == 0 => out.push_str("\\ "),
                        '\t' if k % 2 == 0 => out.push_str("\\t"),
                        c if !printable(c) || k % 7 == 0 => {
                            let n = u32::from(c);
                            if n > 0xFFFF && k % 2 == 0 {
                                let v = n - 0x10000;
                                out.push_str(&format!(
                                    "\\u{:04X}\\u{:04x}",
                                    0xD800 + (v >> 10),
                                    0xDC00 + (v & 0x3FF)
                                ));
                            } else if n > 0xFFFF {
                                out.push_str(&format!("\\U{n:08X}"));
                            } else if n < 0x100 && k % 3 == 0 {
                                out.push_str(&format!("\\x{n:02x}"));
                            } else {
                                out.push_str(&format!("\\u{n:04X}"));
                            }
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            Kind::Single => {
                out.push('\'');
                for (i, &c) in text.iter().enumerate() {
                    match c {
                        '\'' => out.push_str("''"),
                        '\n' if choice(i) % 2 == 0 => out.push_str(&format!("\n{cont}")),
                        '\n' => out.push_str(&format!("\n\n{cont}")),
                        c if !printable(c) => out.push('?'),
                        c => out.push(c),
                    }
                }
                out.push('\'');
            }
            Kind::Plain => {
                // Start with a safe char; the parse decides whether the rest is a valid plain
                // scalar (invalid documents are skipped).
                out.push('p');
                for (i, &c) in text.iter().enumerate() {
                    match c {
                        '\n' if choice(i) % 2 == 0 => out.push_str(&format!("\n{cont}")),
                        '\n' => out.push_str(&format!("\n\n{cont}")),
                        ':' => out.push_str(":x"),
                        c if !printable(c) => out.push('?'),
                        c => out.push(c),
                    }
                }
            }
            Kind::Block {
                folded,
                chomp,
                digit,
            } => {
                let lines: Vec<String> = text
                    .iter()
                    .map(|&c| if printable(c) { c } else { '?' })
                    .collect::<String>()
                    .split('\n')
                    .map(str::to_owned)
                    .collect();
                let first_starts_with_space = lines
                    .iter()
                    .find(|l| !l.trim_matches(' ').is_empty())
                    .is_some_and(|l| l.starts_with(' '));
                let digit = digit || first_starts_with_space;
                let step = 1 + usize::from(choice(0) % 3);
                out.push(if folded { '>' } else { '|' });
                if digit {
                    out.push_str(&step.to_string());
                }
                out.push_str(["", "-", "+"][usize::from(chomp)]);
                if choice(1) % 3 == 0 {
                    out.push_str("  # header | > comment");
                }
                let indent = " ".repeat(base + if digit { step } else { 2 });
                for (i, line) in lines.iter().enumerate() {
                    out.push('\n');
                    if !line.is_empty() || choice(i + 2) % 2 == 0 {
                        out.push_str(&indent);
                    }
                    out.push_str(line);
                }
            }
        }
        out
    }

    fn document(
        scalar: &str,
        layout: Layout,
        props: u8,
        trailer: u8,
        crlf: bool,
        bom: bool,
    ) -> String {
        let mut doc = String::new();
        if bom {
            doc.push('\u{feff}');
        }
        doc.push_str(match layout {
            Layout::Flat => "key: ",
            Layout::Nested => "outer:\n  key: ",
            Layout::Seq => "key:\n- ",
            Layout::Flow => "key: [",
        });
        // Tags and anchors sit between the key and the node.
        doc.push_str(["", "!!str ", "&anchor ", "&a !!str "][usize::from(props % 4)]);
        doc.push_str(scalar);
        if layout == Layout::Flow {
            doc.push_str(" , x]");
        }
        doc.push('\n');
        let base = if layout == Layout::Nested { "  " } else { "" };
        match trailer % 3 {
            0 => {}
            1 => doc.push_str(&format!("{base}other: x\n")),
            _ => doc.push_str("# trailing comment\n"),
        }
        if crlf {
            doc = doc.replace('\n', "\r\n");
        }
        doc
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn maps_every_style(
            text in prop::collection::vec(yaml_char(), 0..24),
            pick in prop::collection::vec(any::<u8>(), 26),
            kind in kind(),
            layout in prop::sample::select(vec![Layout::Flat, Layout::Nested, Layout::Seq, Layout::Flow]),
            props in any::<u8>(),
            trailer in any::<u8>(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let base = if layout == Layout::Nested { 2 } else { 0 };
            let doc = document(&render(&text, &pick, kind, base), layout, props, trailer, crlf, bom);
            // Random text is not always valid YAML (mostly plain scalars, and block scalars in
            // flow collections); skip those.
            if let Some((start, value)) = parse_key(&doc, layout) {
                let m = ScalarMap::build(&doc, start, &value);
                check_verified(&doc, &m, &value);
                let expected = match kind {
                    Kind::Plain => ScalarStyle::Plain,
                    Kind::Single => ScalarStyle::SingleQuoted,
                    Kind::Double => ScalarStyle::DoubleQuoted,
                    Kind::Block { folded: true, .. } => ScalarStyle::Folded,
                    Kind::Block { folded: false, .. } => ScalarStyle::Literal,
                };
                prop_assert_eq!(m.style(), Some(expected), "{:?}", doc);
            }
        }

        #[test]
        fn never_panics_on_arbitrary_input(
            src in prop::collection::vec(prop_oneof![4 => yaml_char(), 1 => Just('\r'), 1 => Just('\u{feff}')], 0..40)
                .prop_map(|v| v.into_iter().collect::<String>()),
            start in 0usize..48,
            value_from in 0usize..48,
            value_len in 0usize..48,
            random_value in ".{0,12}",
            use_random in any::<bool>(),
        ) {
            // Values are either random or copied from the source (so some maps verify).
            let value = if use_random {
                random_value
            } else {
                src.chars().skip(value_from).take(value_len).collect()
            };
            let m = ScalarMap::build(&src, start, &value);
            check_no_panic(&src, &m, value.len());
            prop_assert!(src.get(m.node_range()).is_some());
            if m.is_verified() {
                for (i, c) in value.char_indices() {
                    let sr = m.source_range(i..i + c.len_utf8());
                    let text = sr.and_then(|r| src.get(r));
                    prop_assert!(text.is_some());
                    if char_is_verbatim(&m, i) {
                        let expected = c.to_string();
                        prop_assert_eq!(text, Some(expected.as_str()));
                    }
                }
            }
        }
    }
}
