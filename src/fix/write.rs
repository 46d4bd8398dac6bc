//! Writing a fixed file so that a crash, a full disk or a killed process never leaves it half
//! written: the new text goes to a temporary file in the same folder, is flushed to disk, gets
//! the original's permissions, and only then replaces the original by a rename (atomic on
//! one file system). A symlink is followed: the file it points to is replaced, the link stays.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the contents of `path` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, contents, || Ok(()))
}

/// [`write_atomic`] with a hook run after the temporary file is written and before the
/// rename; an error from it abandons the write (tests use it to simulate a crash there).
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    let permissions = fs::metadata(&target)?.permissions();
    // Dropping `tmp` on any error below deletes the temporary file.
    let mut tmp = tempfile::Builder::new()
        .prefix(".sellerlint-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    before_rename()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
