//! What the benchmarks share: reading the files they run on.

use sellerlint::source::SourceFile;
use std::path::PathBuf;

/// The files at `paths`, read once, as sources (with their line indexes); a file that cannot
/// be read is left out.
pub fn read_sources(paths: &[PathBuf]) -> Vec<SourceFile> {
    paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(SourceFile::new(p.display().to_string(), text))
        })
        .collect()
}
