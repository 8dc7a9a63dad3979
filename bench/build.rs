//! Writes the 1,000-variant enum of the scale benchmark.

// Only the errcat flavor is built here; the others are for the compile-time report.
#[allow(dead_code)]
#[path = "src/generate.rs"]
mod generate;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = generate::enum_source("Big", 1000, generate::Flavor::Errcat);
    std::fs::write(out.join("big.rs"), source).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=src/generate.rs");
}
