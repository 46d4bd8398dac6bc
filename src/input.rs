//! Reading one input into text: bytes from a file or stdin, checked to be UTF-8. Nothing is
//! guessed: other encodings are refused with the offset of the first bad byte.

use crate::parse::FileError;
use crate::source::SourceFile;
use crate::walk::io_message;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused unless `--max-file-size` raises it. A real sequence
/// file is a few kilobytes; 32 MiB leaves room for generated ones while keeping a run's memory
/// sane (the YAML reader also caps a file's total text at 64 MiB, aliases included).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// A size limit as a user writes it (`--max-file-size`): a number of bytes (`67108864`), or a
/// number and a unit (`64MiB`, `64 MiB`, `1.5GiB`, `500KB`). `KiB`, `MiB` and `GiB` (or `Ki`,
/// `Mi`, `Gi`) count in 1024s, `KB`, `MB` and `GB` (or `K`, `M`, `G`) in 1000s, any case.
/// Read by the `bytesize` crate; the refusal messages speak of MiB, so a limit is naturally
/// written back in them.
pub fn parse_size_limit(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<bytesize::ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|_| {
            "write a number of bytes, or a number and a unit such as 64MiB, 500KB or 1GiB".into()
        })
}

/// How far into a file binary content is looked for (as git does).
const BINARY_SNIFF_LEN: usize = 8000;

/// Turns bytes into a [`SourceFile`], or says why they are not a text file we can lint.
/// Nothing is guessed: UTF-8 (with or without a BOM) is read, everything else is refused with
/// what was found and where.
#[allow(clippy::result_large_err)] // FileError is the one error type of a run
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<SourceFile, FileError> {
    if let Some(encoding) = utf16_or_32(&bytes) {
        return Err(FileError::whole_file(
            name,
            format!("the file is {encoding}; save it as UTF-8 and lint it again"),
        ));
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(at) = sniff.iter().position(|&b| b == 0) {
        return Err(FileError::whole_file(
            name,
            format!("the file looks binary (a NUL byte at byte offset {at}); sequence files are UTF-8 text"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(at) = text.find('\0') {
                let source = SourceFile::new(name, text);
                let pos = source.line_col(at);
                return Err(FileError {
                    file: name.to_string(),
                    message: format!("the file holds a NUL character (byte offset {at}); sequence files are text"),
                    line: Some(pos.line),
                    column: Some(pos.column),
                    help: Some("remove it: it is invisible in most editors, and no email can carry it".into()),
                    span: None,
                });
            }
            Ok(SourceFile::new(name, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let valid = String::from_utf8_lossy(&bytes[..at]);
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let line = valid.matches('\n').count() + 1;
            let mut column = valid[line_start..].chars().count() + 1;
            if line == 1 && valid.starts_with('\u{feff}') {
                column -= 1;
            }
            Err(FileError {
                file: name.to_string(),
                message: format!(
                    "the file is not valid UTF-8: byte 0x{:02X} at byte offset {at} is not part of a UTF-8 character",
                    bytes.get(at).copied().unwrap_or(0)
                ),
                line: Some(line),
                column: Some(column),
                help: Some("save the file as UTF-8 (most editors offer the encoding in \"Save as\")".into()),
                span: None,
            })
        }
    }
}

/// Names a UTF-16 or UTF-32 file, with or without a byte-order mark.
fn utf16_or_32(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some("UTF-32 (little-endian)");
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some("UTF-32 (big-endian)");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16 (little-endian)");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16 (big-endian)");
    }
    // Without a BOM: ASCII text in UTF-16 has a NUL in every other byte.
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() >= 4 {
        let pairs = head.chunks_exact(2);
        let le = pairs.clone().all(|p| p[0] != 0 && p[1] == 0);
        let be = pairs.clone().all(|p| p[0] == 0 && p[1] != 0);
        if le {
            return Some("UTF-16 (little-endian, without a byte-order mark)");
        }
        if be {
            return Some("UTF-16 (big-endian, without a byte-order mark)");
        }
    }
    None
}

/// Reads a file from disk, refusing what is not a regular file or is too large.
#[allow(clippy::result_large_err)] // FileError is the one error type of a run
pub fn read_file(path: &Path, max_size: u64) -> Result<SourceFile, FileError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| FileError::whole_file(&name, io_message(&e)))?;
    if meta.is_dir() {
        return Err(FileError::whole_file(
            &name,
            "is a directory, not a sequence file",
        ));
    }
    if !meta.is_file() {
        return Err(FileError::whole_file(
            &name,
            "is not a regular file (a FIFO, socket or device); sequence files are regular files",
        ));
    }
    if meta.len() > max_size {
        return Err(FileError::whole_file(
            &name,
            format!("the file is {} bytes, more than the limit of {}; raise it with --max-file-size if it is meant to be this large", meta.len(), limit_in_words(max_size)),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(max_size + 1).read_to_end(&mut bytes))
        .map_err(|e| FileError::whole_file(&name, io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(FileError::whole_file(&name, format!("the file is more than the limit of {}; raise it with --max-file-size if it is meant to be this large", limit_in_words(max_size))));
    }
    decode(&name, bytes)
}

/// Reads all of stdin.
#[allow(clippy::result_large_err)] // FileError is the one error type of a run
pub fn read_stdin(name: &str, max_size: u64) -> Result<SourceFile, FileError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::whole_file(name, io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(FileError::whole_file(name, format!("standard input is more than the limit of {}; raise it with --max-file-size if it is meant to be this large", limit_in_words(max_size))));
    }
    decode(name, bytes)
}

/// `33554432 bytes (32 MiB)`: the unit too when the limit is a whole number of GiB, MiB or
/// KiB, as `--max-file-size` takes it back.
fn limit_in_words(bytes: u64) -> String {
    let whole = [(30, "GiB"), (20, "MiB"), (10, "KiB")]
        .into_iter()
        .find(|&(shift, _)| bytes >= 1 << shift && bytes % (1 << shift) == 0);
    match whole {
        Some((shift, unit)) => format!("{bytes} bytes ({} {unit})", bytes >> shift),
        None => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_limit_is_bytes_or_a_number_and_a_unit() {
        for (written, bytes) in [
            ("67108864", 64 << 20),
            ("64MiB", 64 << 20),
            ("64 MiB", 64 << 20),
            ("64mib", 64 << 20),
            (" 64Mi ", 64 << 20),
            ("1.5GiB", 3 << 29),
            ("1KiB", 1024),
            ("500KB", 500_000),
            ("2M", 2_000_000),
            ("0", 0),
        ] {
            assert_eq!(parse_size_limit(written), Ok(bytes), "{written}");
        }
        for wrong in ["", "MiB", "64 furlongs", "-5", "1e6", "64MiB of text"] {
            let err = parse_size_limit(wrong).expect_err(wrong);
            assert!(err.contains("64MiB"), "{wrong}: {err}");
        }
    }

    #[test]
    fn a_limit_is_worded_with_its_unit_when_it_is_whole() {
        assert_eq!(limit_in_words(32 << 20), "33554432 bytes (32 MiB)");
        assert_eq!(limit_in_words(2 << 30), "2147483648 bytes (2 GiB)");
        assert_eq!(limit_in_words(1024), "1024 bytes (1 KiB)");
        assert_eq!(limit_in_words(1536), "1536 bytes");
        assert_eq!(limit_in_words(1000), "1000 bytes");
        assert_eq!(limit_in_words(0), "0 bytes");
    }
}
