//! Fuzz target `fix`: see `checks::check_fix` for what must hold on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_fix(data);
});
