//! Reading a sequence file: YAML → typed raw documents (serde-saphyr, with spans) → validated
//! [`Sequence`]s. Every problem becomes a [`FileError`] that names the line and column and,
//! for a misspelt field, the field that was probably meant.

use crate::body_store::{Bodies, BodyStore, StoredText};
use crate::model::{
    marketplace_language, parse_delay, BodyFormat, Located, Message, Sequence, TextField, Trigger,
    LANGUAGES, MARKETPLACES,
};
use crate::scalar::ScalarMap;
use crate::source::SourceFile;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Fields a sequence document may have.
pub const SEQUENCE_FIELDS: [&str; 4] = ["sequence", "marketplace", "language", "messages"];
/// Fields a message may have.
pub const MESSAGE_FIELDS: [&str; 9] = [
    "id",
    "trigger",
    "delay",
    "subject",
    "format",
    "attachments",
    "purpose",
    "body",
    "allow",
];

/// A file that could not be read, parsed or validated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileError {
    pub file: String,
    pub message: String,
    /// 1-based, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A suggestion such as "did you mean `body`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl FileError {
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        FileError {
            file: file.to_string(),
            message: message.into(),
            line: None,
            column: None,
            help: None,
            span: None,
        }
    }

    fn at(source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        let pos = source.line_col(span.start);
        FileError {
            file: source.name.clone(),
            message: message.into(),
            line: Some(pos.line),
            column: Some(pos.column),
            help: None,
            span: Some(span),
        }
    }

    fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSequence {
    sequence: Spanned<String>,
    #[serde(default)]
    marketplace: Option<Spanned<String>>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    messages: Spanned<RawMessages>,
}

/// One message as read, each value with the source range of its node.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMessage {
    id: At<String>,
    #[serde(default)]
    trigger: Option<At<String>>,
    #[serde(default)]
    delay: Option<At<String>>,
    #[serde(default)]
    subject: Option<At<String>>,
    #[serde(default)]
    format: Option<At<String>>,
    #[serde(default)]
    attachments: Option<Vec<At<String>>>,
    #[serde(default)]
    purpose: Option<At<String>>,
    body: At<String>,
    #[serde(default)]
    allow: Option<Vec<At<String>>>,
}

/// A sequence's messages as read, each body moved into a [`BodyStore`] as soon as its message
/// is read (see [`crate::body_store`]): the message's `body` is then empty.
struct RawMessages {
    list: Vec<At<RawMessage>>,
    bodies: BodyStore,
    /// By message: where its body is in `bodies`.
    stored: Vec<StoredText>,
}

impl<'de> Deserialize<'de> for RawMessages {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(RawMessagesVisitor)
    }
}

struct RawMessagesVisitor;

impl<'de> serde::de::Visitor<'de> for RawMessagesVisitor {
    type Value = RawMessages;

    // As `Vec`'s visitor says, so that a wrong `messages:` reads as it always did.
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawMessages, A::Error> {
        let mut messages = RawMessages {
            list: Vec::new(),
            bodies: BodyStore::default(),
            stored: Vec::new(),
        };
        while let Some(mut message) = seq.next_element::<At<RawMessage>>()? {
            let body = std::mem::take(&mut message.0.value.body.0.value);
            messages.stored.push(messages.bodies.push(&body));
            messages.list.push(message);
        }
        Ok(messages)
    }
}

/// A value read with serde-saphyr's [`Spanned`] and kept as a [`Located`] at once: the value
/// and its node's byte range, not `Spanned`'s two full locations. A big sequence's raw
/// messages all exist together before they are validated, and as `Spanned` values they took
/// about 1 KB each, a third more than the file (by 78 MiB on a 50 MiB file).
struct At<T>(Located<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(At(Located {
            span: range_of(&spanned),
            value: spanned.value,
        }))
    }
}

impl<T> At<T> {
    fn range(&self) -> Range<usize> {
        self.0.span.clone()
    }
}

/// Source byte range of a spanned value's node (for an alias, where its anchor defines it).
fn range_of<T>(s: &Spanned<T>) -> Range<usize> {
    let span = s.defined.span();
    let start = usize::try_from(span.byte_offset().unwrap_or(0)).unwrap_or(0);
    let len = usize::try_from(span.byte_len().unwrap_or(0)).unwrap_or(0);
    start..start.saturating_add(len.max(1))
}

fn located<T: Clone>(s: &Spanned<T>) -> Located<T> {
    Located {
        value: s.value.clone(),
        span: range_of(s),
    }
}

/// Takes the value (no copy: bodies are most of a file's bytes).
fn text_field(source: &SourceFile, s: At<String>) -> TextField {
    let Located { value, span } = s.0;
    TextField {
        map: ScalarMap::build(&source.text, span.start, &value),
        value,
    }
}

/// A value from the file as quoted in a message: at most 60 characters, so that a megabyte
/// pasted into `trigger:` does not become a megabyte of error message.
/// Control characters (a newline in a quoted value) are escaped: a message is one line.
pub fn shown(value: &str) -> Cow<'_, str> {
    let long = value.chars().nth(60).is_some();
    if !long && !value.chars().any(char::is_control) {
        return Cow::Borrowed(value);
    }
    let mut out = String::new();
    for c in value.chars().take(60) {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

/// [`parse_delay`], refusing very long values before they are quoted in its messages.
fn delay(value: &str) -> Result<u64, String> {
    if value.len() > 60 || value.chars().any(char::is_control) {
        return Err(format!(
            "`{}` is not a duration: write a whole number and a unit, like `36h`, `7d` or `2w`",
            shown(value)
        ));
    }
    parse_delay(value)
}

/// The closest known name to a misspelt one, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Marketplace of a sequence that names none.
pub const DEFAULT_MARKETPLACE: &str = "amazon.com";

/// Parses and validates every YAML document of a file.
pub fn parse_file(source: &SourceFile) -> Result<Vec<Sequence>, Vec<FileError>> {
    parse_file_with(source, DEFAULT_MARKETPLACE)
}

/// [`parse_file`], with the marketplace for sequences that name none (a config's
/// `marketplace`; their default language follows it).
pub fn parse_file_with(
    source: &SourceFile,
    default_marketplace: &str,
) -> Result<Vec<Sequence>, Vec<FileError>> {
    let parsed = parse_documents(source, default_marketplace, false)?;
    Ok(parsed.into_iter().map(|(sequence, _)| sequence).collect())
}

/// [`parse_file_with`], leaving every message's body out of the model: the body fields are
/// empty (their maps unbuilt) and the bodies are in the [`Bodies`] of each sequence, from
/// which the linter restores a few messages at a time (see [`crate::body_store`]).
pub fn parse_file_lean(
    source: &SourceFile,
    default_marketplace: &str,
) -> Result<Vec<(Sequence, Bodies)>, Vec<FileError>> {
    parse_documents(source, default_marketplace, true)
}

fn parse_documents(
    source: &SourceFile,
    default_marketplace: &str,
    lean: bool,
) -> Result<Vec<(Sequence, Bodies)>, Vec<FileError>> {
    let text = source.text.as_str();
    let raws: Vec<RawSequence> =
        match serde_saphyr::from_str_multiple_with_options(text, yaml_options(text.len())) {
            Ok(docs) => docs,
            Err(err) => return Err(vec![yaml_error(source, &err)]),
        };
    if raws.is_empty() {
        return Err(vec![FileError::whole_file(
            &source.name,
            "the file holds no sequence (it is empty or only has comments)",
        )]);
    }
    let mut errors = Vec::new();
    let mut sequences = Vec::new();
    for (document, raw) in raws.into_iter().enumerate() {
        match validate(source, document, raw, default_marketplace, lean) {
            Ok(seq) => sequences.push(seq),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if errors.is_empty() {
        Ok(sequences)
    } else {
        Err(errors)
    }
}

/// The parser's budget, scaled to the input: serde-saphyr's defaults (250,000 nodes, a million
/// events, 64 MiB of scalars) refuse a legitimate file of a few tens of MiB (a 50 MiB sequence
/// holds about 290,000 nodes). Nodes and events are scaled with the input length, which a
/// document without aliases cannot exceed; alias expansion keeps its own absolute caps.
fn yaml_options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len / 2);
    budget.max_events = budget.max_events.max(len);
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Turns a serde-saphyr error into our error: a plain-words message (see [`crate::yaml_errors`])
/// placed at the line and column where the problem is.
fn yaml_error(source: &SourceFile, err: &serde_saphyr::Error) -> FileError {
    let plain = crate::yaml_errors::explain(source, err);
    let (line, column, span) = match plain.offset {
        // Our own arithmetic (characters, BOM-aware) when we have an offset.
        Some(s) if s <= source.text.len() => {
            let pos = source.line_col(s);
            (
                Some(pos.line),
                Some(pos.column),
                Some(s..s + plain.len.max(1)),
            )
        }
        _ => match err.location() {
            Some(loc)
                if loc.line() > 0
                    && usize::try_from(loc.line()).is_ok_and(|l| l <= source.line_count()) =>
            {
                (
                    usize::try_from(loc.line()).ok(),
                    usize::try_from(loc.column()).ok().filter(|c| *c > 0),
                    None,
                )
            }
            _ => (None, None, None),
        },
    };
    FileError {
        file: source.name.clone(),
        message: plain.message,
        line,
        column,
        help: plain.help,
        span,
    }
}

fn validate(
    source: &SourceFile,
    document: usize,
    mut raw: RawSequence,
    default_marketplace: &str,
    lean: bool,
) -> Result<(Sequence, Bodies), Vec<FileError>> {
    let mut errors = Vec::new();

    let marketplace = match &raw.marketplace {
        Some(m) => {
            let domain = m.value.trim().to_ascii_lowercase();
            let domain = domain.strip_prefix("www.").unwrap_or(&domain).to_string();
            if marketplace_language(&domain).is_none() {
                let help = did_you_mean(&domain, MARKETPLACES.iter().map(|(d, _)| *d))
                    .map(|d| format!("did you mean `{d}`?"))
                    .or_else(|| Some("use an Amazon marketplace domain such as `amazon.com`, `amazon.de` or `amazon.co.jp`".into()));
                errors.push(
                    FileError::at(
                        source,
                        range_of(m),
                        format!("unknown marketplace `{}`", shown(&m.value)),
                    )
                    .with_help(help),
                );
            }
            Located {
                value: domain,
                span: range_of(m),
            }
        }
        None => Located {
            value: default_marketplace.to_string(),
            span: range_of(&raw.sequence),
        },
    };

    let language = match &raw.language {
        Some(l) => {
            let code = l.value.trim().to_ascii_lowercase();
            // Accept regional tags like `en-GB` or `es_MX`: rules work per language.
            let base = code.split(['-', '_']).next().unwrap_or("").to_string();
            if !LANGUAGES.contains(&base.as_str()) {
                let help = did_you_mean(&base, LANGUAGES)
                    .map(|d| format!("did you mean `{d}`?"))
                    .or_else(|| {
                        Some(format!(
                            "use a two-letter language code: {}",
                            LANGUAGES.join(", ")
                        ))
                    });
                errors.push(
                    FileError::at(
                        source,
                        range_of(l),
                        format!("unknown language `{}`", shown(&l.value)),
                    )
                    .with_help(help),
                );
            }
            Located {
                value: base,
                span: range_of(l),
            }
        }
        None => Located {
            value: marketplace_language(&marketplace.value)
                .unwrap_or("en")
                .to_string(),
            span: marketplace.span.clone(),
        },
    };

    if raw.messages.value.list.is_empty() {
        errors.push(FileError::at(
            source,
            range_of(&raw.messages),
            "`messages` is empty: a sequence needs at least one message",
        ));
    }

    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    // Of the right size: a big sequence's messages are most of its model.
    let RawMessages {
        list,
        bodies: store,
        stored,
    } = std::mem::replace(
        &mut raw.messages.value,
        RawMessages {
            list: Vec::new(),
            bodies: BodyStore::default(),
            stored: Vec::new(),
        },
    );
    let mut messages = Vec::with_capacity(list.len());
    let mut lean_bodies = Vec::with_capacity(if lean { list.len() } else { 0 });
    for (raw_msg, stored) in list.into_iter().zip(stored) {
        let Located { value: m, span } = raw_msg.0;
        let body_text = store.get(stored);
        let id = m.id.0.value.trim().to_string();
        if id.is_empty() {
            errors.push(FileError::at(source, m.id.range(), "message `id` is empty"));
        } else if let Some(first) = seen.get(&id) {
            let first_line = source.line_col(first.start).line;
            errors.push(
                FileError::at(
                    source,
                    m.id.range(),
                    format!(
                        "duplicate message id `{}` (first used on line {first_line})",
                        shown(&id)
                    ),
                )
                .with_help(Some("give every message of a sequence its own id".into())),
            );
        } else {
            seen.insert(id.clone(), m.id.range());
        }

        if body_text.trim().is_empty() {
            errors.push(
                FileError::at(source, m.body.range(), "`body` is empty")
                    .with_help(Some(
                        "write the text of the email after `body:`, or `body: |` and the text on indented lines below".into(),
                    )),
            );
        }

        let trigger = m.trigger.as_ref().and_then(|t| {
            let v = t.0.value.trim().to_ascii_lowercase();
            match Trigger::ALL.iter().find(|(name, _)| *name == v) {
                Some((_, trig)) => Some(Located {
                    value: *trig,
                    span: t.range(),
                }),
                None => {
                    let names = Trigger::ALL.iter().map(|(n, _)| *n);
                    let help = did_you_mean(&v, names)
                        .map(|d| format!("did you mean `{d}`?"))
                        .or_else(|| Some("use `order-placed`, `shipped` or `delivered`".into()));
                    errors.push(
                        FileError::at(
                            source,
                            t.range(),
                            format!("unknown trigger `{}`", shown(&t.0.value)),
                        )
                        .with_help(help),
                    );
                    None
                }
            }
        });

        let delay_hours = m.delay.as_ref().and_then(|d| match delay(&d.0.value) {
            Ok(h) => Some(Located {
                value: h,
                span: d.range(),
            }),
            Err(msg) => {
                errors.push(FileError::at(
                    source,
                    d.range(),
                    format!("bad delay: {msg}"),
                ));
                None
            }
        });

        let format =
            m.format
                .as_ref()
                .and_then(|f| match f.0.value.trim().to_ascii_lowercase().as_str() {
                    "text" | "plain" => Some(Located {
                        value: BodyFormat::Text,
                        span: f.range(),
                    }),
                    "html" => Some(Located {
                        value: BodyFormat::Html,
                        span: f.range(),
                    }),
                    _ => {
                        errors.push(
                            FileError::at(
                                source,
                                f.range(),
                                format!("unknown format `{}`", shown(&f.0.value)),
                            )
                            .with_help(Some("use `text` or `html`".into())),
                        );
                        None
                    }
                });

        messages.push(Message {
            id: Located {
                value: id,
                span: m.id.range(),
            },
            trigger,
            delay_hours,
            subject: m.subject.map(|s| text_field(source, s)),
            format,
            attachments: m.attachments.into_iter().flatten().map(|a| a.0).collect(),
            purpose: m.purpose.map(|p| p.0),
            body: if lean {
                lean_bodies.push((stored, m.body.0.span.start));
                TextField {
                    value: String::new(),
                    map: ScalarMap::fallback(m.body.0.span.start),
                }
            } else {
                text_field(
                    source,
                    At(Located {
                        value: body_text.to_string(),
                        span: m.body.range(),
                    }),
                )
            },
            allow: m.allow.into_iter().flatten().map(|a| a.0).collect(),
            span,
        });
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    let seq_start = range_of(&raw.sequence).start;
    let seq_end = messages.last().map_or(seq_start, |m| {
        m.span.end.max(body_end(source, m, &store, &lean_bodies))
    });
    let sequence = Sequence {
        name: located(&raw.sequence),
        marketplace,
        language_declared: raw.language.is_some(),
        language,
        messages,
        span: seq_start..seq_end,
        document,
    };
    let bodies = if lean {
        Bodies::new(store, lean_bodies)
    } else {
        Bodies::default()
    };
    Ok((sequence, bodies))
}

/// Where the body of `message`, the last of its sequence, ends in the source: from its map,
/// built for the purpose when the body was left out of the model.
fn body_end(
    source: &SourceFile,
    message: &Message,
    store: &BodyStore,
    lean_bodies: &[(StoredText, usize)],
) -> usize {
    match lean_bodies.last() {
        Some(&(text, node_start)) => {
            ScalarMap::build(&source.text, node_start, store.get(text))
                .node_range()
                .end
        }
        None => message.body.map.node_range().end,
    }
}
