//! Reading one input into text: bytes from a file or stdin, checked to be UTF-8. Nothing is
//! guessed: other encodings are refused with the offset of the first bad byte.

use crate::parse::FileError;
use crate::source::SourceFile;
use crate::walk::io_message;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused unless `--max-file-size` raises it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Turns bytes into a [`SourceFile`], or says why they are not a text file we can lint.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<SourceFile, FileError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::whole_file(
            name,
            "the file is UTF-16; save it as UTF-8 and lint it again",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.contains('\0') {
                let at = text.find('\0').unwrap_or(0);
                return Err(FileError::whole_file(name, format!("the file looks binary (a NUL byte at offset {at}); sequence files are UTF-8 text")));
            }
            Ok(SourceFile::new(name, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(FileError {
                file: name.to_string(),
                message: format!("the file is not valid UTF-8 (bad byte 0x{:02X} at byte offset {at}); save it as UTF-8", bytes.get(at).copied().unwrap_or(0)),
                line: Some(line),
                column: None,
                help: None,
                span: None,
            })
        }
    }
}

/// Reads a file from disk, refusing what is not a regular file or is too large.
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
            format!("the file is {} bytes, more than the limit of {max_size} bytes (raise it with --max-file-size)", meta.len()),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(max_size + 1).read_to_end(&mut bytes))
        .map_err(|e| FileError::whole_file(&name, io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(FileError::whole_file(&name, format!("the file is more than the limit of {max_size} bytes (raise it with --max-file-size)")));
    }
    decode(&name, bytes)
}

/// Reads all of stdin.
pub fn read_stdin(name: &str, max_size: u64) -> Result<SourceFile, FileError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::whole_file(name, io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(FileError::whole_file(name, format!("standard input is more than the limit of {max_size} bytes (raise it with --max-file-size)")));
    }
    decode(name, bytes)
}
