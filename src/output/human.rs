//! `--format human` (the default): for each problem a `path:line:col: severity[rule]: message`
//! line, a code frame with the offending words underlined (rendered by `annotate-snippets`,
//! the renderer rustc uses), the concrete fix, and a summary line at the end.

use super::streamed::spool_files;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::FileReport;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use crate::source::SourceFile;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use std::fmt::Write;

const BOLD: Style = Style::new().effects(Effects::BOLD);
const ERROR: Style = AnsiColor::BrightRed.on_default().effects(Effects::BOLD);
const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
const INFO: Style = AnsiColor::BrightBlue.on_default().effects(Effects::BOLD);
const HELP: Style = AnsiColor::BrightCyan.on_default().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Renders the whole report for a terminal. Styles are ANSI codes; the caller strips them
/// when colour is off.
pub fn render(report: &RunReport, styled: bool) -> String {
    render_with(report, styled, false)
}

/// [`render`]; `quiet` leaves out everything but the problems (verdict tables, summary).
pub fn render_with(report: &RunReport, styled: bool, quiet: bool) -> String {
    let renderer = renderer(styled);
    let mut out = String::new();
    for err in &report.unreadable {
        render_error(&mut out, err, None, &renderer);
    }
    for file in &report.files {
        render_file(&mut out, file, &renderer, quiet);
    }
    if !quiet {
        render_summary(
            &mut out,
            &report.counts(),
            &Fixable::of(report.diagnostics()),
        );
    }
    out
}

/// The code-frame renderer, with ANSI styles or without.
fn renderer(styled: bool) -> Renderer {
    if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// Writes the report of a run whose files arrive one by one (see
/// [`crate::check::run_checked_with`]), each file rendered as it comes and then dropped: the
/// inputs that could not be read come first in the report, so the files' frames wait in a
/// spool (past a few MiB, in a temporary file: see `streamed::spool_files`) rather than the
/// files themselves (their text, model and diagnostics: 219 MB for 5,000 benchmark files).
/// The bytes are those [`render_with`] gives for the same files.
///
/// Returns the run's counts (for the exit status) even when writing failed; every outcome is
/// still consumed and counted.
pub fn write_streamed(
    outcomes: &mut dyn Iterator<Item = crate::check::FileOutcome>,
    styled: bool,
    quiet: bool,
    out: &mut dyn std::io::Write,
) -> (Counts, std::io::Result<()>) {
    let renderer = renderer(styled);
    let mut fixable = Fixable::default();
    let (tally, files, rendered) = spool_files(outcomes, |file| {
        let mut text = String::new();
        render_file(&mut text, file, &renderer, quiet);
        fixable.add(&file.diagnostics);
        text
    });
    let written = rendered.and_then(|()| {
        let mut head = String::new();
        for err in tally.unreadable() {
            render_error(&mut head, err, None, &renderer);
        }
        out.write_all(head.as_bytes())?;
        files.copy_to(out)?;
        if !quiet {
            let mut summary = String::new();
            render_summary(&mut summary, &tally.counts, &fixable);
            out.write_all(summary.as_bytes())?;
        }
        Ok(())
    });
    (tally.counts, written)
}

/// One file's part of the report: its errors, its diagnostics, and unless `quiet` the verdict
/// table of its sequences.
fn render_file(out: &mut String, file: &FileReport, renderer: &Renderer, quiet: bool) {
    for err in &file.errors {
        render_error(out, err, Some(&file.source), renderer);
    }
    for d in &file.diagnostics {
        render_diagnostic(out, d, &file.source, renderer);
    }
    if !quiet {
        super::verdict_table::render_file(out, file);
    }
}

/// How many diagnostics have a safe fix, and how many an unsafe one (for the summary).
#[derive(Default)]
struct Fixable {
    safe: usize,
    unsafe_fixes: usize,
}

impl Fixable {
    fn of<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> Fixable {
        let mut fixable = Fixable::default();
        for d in diagnostics {
            fixable.count(d);
        }
        fixable
    }

    fn add(&mut self, diagnostics: &[Diagnostic]) {
        diagnostics.iter().for_each(|d| self.count(d));
    }

    fn count(&mut self, d: &Diagnostic) {
        match d.applicability {
            Applicability::Safe => self.safe += 1,
            Applicability::Unsafe => self.unsafe_fixes += 1,
            Applicability::Manual => {}
        }
    }
}

fn render_error(
    out: &mut String,
    err: &FileError,
    source: Option<&SourceFile>,
    renderer: &Renderer,
) {
    let place = match (err.line, err.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", err.file),
        (Some(l), None) => format!("{}:{l}", err.file),
        _ => err.file.clone(),
    };
    let _ = writeln!(
        out,
        "{BOLD}{place}{BOLD:#}: {ERROR}error{ERROR:#}: {}",
        err.message
    );
    if let (Some(src), Some(span)) = (source, &err.span) {
        out.push_str(&frame(src, span.clone(), Severity::Error, "", renderer));
    }
    if let Some(help) = &err.help {
        let pad = err
            .span
            .as_ref()
            .zip(source)
            .map_or(2, |(span, src)| gutter_width(src, span));
        let _ = writeln!(out, "{}{HELP}= help{HELP:#}: {help}", " ".repeat(pad));
    }
    out.push('\n');
}

fn render_diagnostic(out: &mut String, d: &Diagnostic, source: &SourceFile, renderer: &Renderer) {
    let style = severity_style(d.severity);
    let fixable = match d.applicability {
        Applicability::Safe => " [*]",
        Applicability::Unsafe => " [*unsafe]",
        Applicability::Manual => "",
    };
    let _ = writeln!(
        out,
        "{BOLD}{}:{}:{}{BOLD:#}: {style}{}[{}]{style:#}{fixable}: {}",
        d.file, d.line, d.column, d.severity, d.rule, d.message
    );
    let label = format!("message `{}`", d.message_id);
    out.push_str(&frame(source, d.span.clone(), d.severity, &label, renderer));
    // Align `=` with the frame's `|` gutter, as rustc does.
    let pad = " ".repeat(gutter_width(source, &d.span));
    let _ = writeln!(out, "{pad}{HELP}= help{HELP:#}: {}", d.fix);
    if let Some(url) = &d.url {
        let _ = writeln!(out, "{pad}{DIM}= policy: {url}{DIM:#}");
    }
    out.push('\n');
}

/// Width of the line-number gutter of a frame: the last line's digits plus one space.
fn gutter_width(source: &SourceFile, span: &std::ops::Range<usize>) -> usize {
    let first = source.line_index(span.start);
    let last = source
        .line_index(span.end.saturating_sub(1).max(span.start))
        .min(first + 5);
    (last + 1).to_string().len() + 1
}

/// A code frame for the lines a span covers, with the span underlined.
fn frame(
    source: &SourceFile,
    span: std::ops::Range<usize>,
    severity: Severity,
    label: &str,
    renderer: &Renderer,
) -> String {
    let first = source.line_index(span.start);
    // Very long spans are shown by their first lines only.
    let last = source
        .line_index(span.end.saturating_sub(1).max(span.start))
        .min(first + 5);
    let start = source.line_range(first).start;
    let end = source.line_range(last).end;
    let Some(text) = source.text.get(start..end) else {
        return String::new();
    };
    let mut local =
        span.start.saturating_sub(start)..span.end.saturating_sub(start).min(text.len());
    // The renderer slices the text: widen the span to whole characters (a span may start or
    // end inside one when a position is only approximately known).
    local.start = crate::source::floor_char_boundary(text, local.start.min(text.len()));
    if local.end <= local.start {
        local.end = local.start + 1;
    }
    local.end = local.end.min(text.len());
    while local.end < text.len() && !text.is_char_boundary(local.end) {
        local.end += 1;
    }
    let snippet = Snippet::source(text)
        .line_start(first + 1)
        .fold(true)
        .annotation(AnnotationKind::Primary.span(local).label(label));
    let group = Group::with_level(level(severity)).element(snippet);
    let mut rendered = renderer.render(&[group]);
    rendered.push('\n');
    rendered
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_summary(out: &mut String, c: &Counts, fixable: &Fixable) {
    let problems = c.errors + c.warnings + c.infos;
    if problems == 0 {
        let _ = writeln!(
            out,
            "{BOLD}No problems{BOLD:#} in {}.",
            plural(c.files - c.files_failed, "file", "files")
        );
    } else {
        let mut parts = Vec::new();
        if c.errors > 0 {
            parts.push(format!(
                "{ERROR}{}{ERROR:#}",
                plural(c.errors, "error", "errors")
            ));
        }
        if c.warnings > 0 {
            parts.push(format!(
                "{WARNING}{}{WARNING:#}",
                plural(c.warnings, "warning", "warnings")
            ));
        }
        if c.infos > 0 {
            parts.push(format!(
                "{INFO}{}{INFO:#}",
                plural(c.infos, "info", "infos")
            ));
        }
        let _ = writeln!(
            out,
            "{BOLD}{}{BOLD:#} ({}) in {}.",
            plural(problems, "problem", "problems"),
            parts.join(", "),
            plural(c.files_with_problems, "file", "files")
        );
    }
    if c.suppressed > 0 {
        let _ = writeln!(
            out,
            "{DIM}{} suppressed by `sellerlint: allow` comments or `allow:` keys.{DIM:#}",
            plural(c.suppressed, "problem", "problems")
        );
    }
    let (safe, unsafe_fixes) = (fixable.safe, fixable.unsafe_fixes);
    if safe > 0 {
        let _ = writeln!(
            out,
            "[*] {safe} fixable with `--fix` (preview with `--diff`)."
        );
    }
    if unsafe_fixes > 0 {
        let _ = writeln!(
            out,
            "{} fixable with `--fix --unsafe-fixes` (they change what the message says: check them).",
            plural(unsafe_fixes, "problem", "problems")
        );
    }
    if c.files_failed > 0 {
        let _ = writeln!(
            out,
            "{ERROR}{} could not be linted{ERROR:#} (see the errors above).",
            plural(c.files_failed, "file", "files")
        );
    }
}
