//! From the paths on the command line to the files to lint: directories are walked with the
//! `ignore` crate (the walker ripgrep and Ruff use: `.gitignore` aware, no symlink loops),
//! keeping `*.yaml`/`*.yml`; a file named explicitly is always linted.

use std::path::{Path, PathBuf};

/// A path to lint, or a problem with a path the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// A path that does not exist or could not be walked.
    Error {
        path: PathBuf,
        message: String,
    },
}

/// Is this a file name we lint when walking a directory?
pub fn is_sequence_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Expands the given paths, in a deterministic order (sorted within each directory).
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    collect_inputs_with(paths, &mut |path, named| named || is_sequence_file(path))
}

/// [`collect_inputs`] with the choice of files left to `keep(path, named_explicitly)`
/// (a config's `include`/`exclude`). Directories are never followed through symlinks.
pub fn collect_inputs_with(
    paths: &[PathBuf],
    keep: &mut dyn FnMut(&Path, bool) -> bool,
) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                out.push(Input::Error {
                    path: path.clone(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            if keep(path, true) {
                out.push(Input::File(path.clone()));
            }
            continue;
        }
        let mut files = Vec::new();
        let walker = ignore::WalkBuilder::new(path)
            .follow_links(false)
            .hidden(true)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && keep(e.path(), false) {
                        files.push(e.into_path());
                    }
                }
                Err(e) => out.push(walk_error(path, &e)),
            }
        }
        if files.is_empty()
            && !out
                .iter()
                .any(|i| matches!(i, Input::Error { path: p, .. } if p == path))
        {
            // Linting nothing must not look like a clean pass (a wrong path in CI).
            out.push(Input::Error {
                path: path.clone(),
                message: "no sequence files (*.yaml, *.yml) in this directory".to_string(),
            });
        }
        out.extend(files.into_iter().map(Input::File));
    }
    out
}

/// An I/O error in plain words.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotADirectory => {
            "a part of this path is a file, not a directory".to_string()
        }
        _ if is_symlink_loop(e) => {
            "a loop of symbolic links (the link points, directly or not, to itself)".to_string()
        }
        _ => e.to_string(),
    }
}

/// ELOOP: too many levels of symbolic links (`io::ErrorKind::FilesystemLoop` is not stable).
fn is_symlink_loop(e: &std::io::Error) -> bool {
    let eloop = if cfg!(any(target_os = "linux", target_os = "android")) {
        40
    } else if cfg!(unix) {
        62 // macOS and the BSDs
    } else {
        return false;
    };
    e.raw_os_error() == Some(eloop)
}

/// A directory-walk error, reported on the entry it is about (an unreadable subdirectory),
/// in the same words as a path given on the command line.
fn walk_error(root: &Path, e: &ignore::Error) -> Input {
    let mut path = root.to_path_buf();
    let mut inner = e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p.clone();
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let message = match inner {
        ignore::Error::Io(io) => io_message(io),
        other => other.to_string(),
    };
    Input::Error { path, message }
}
