//! Embeds the phrase rules (`rules/*.yaml`) and profiles (`profiles/*.yaml`) in the binary, so
//! that `sellerlint` works alone, wherever it is copied.

use std::env;
use std::fs;
use std::io::Write;
use std::path::Path;

fn embed(dir: &str, name: &str, out: &mut impl Write) -> std::io::Result<()> {
    println!("cargo:rerun-if-changed={dir}");
    let root = env::var("CARGO_MANIFEST_DIR").map_err(std::io::Error::other)?;
    let mut files: Vec<_> = fs::read_dir(Path::new(&root).join(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[")?;
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = format!(
            "{dir}/{}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    writeln!(out, "];")
}

fn main() -> std::io::Result<()> {
    let out_dir = env::var("OUT_DIR").map_err(std::io::Error::other)?;
    let mut out = fs::File::create(Path::new(&out_dir).join("embedded.rs"))?;
    embed("rules", "BUILTIN_RULES", &mut out)?;
    embed("profiles", "BUILTIN_PROFILES", &mut out)?;
    Ok(())
}
