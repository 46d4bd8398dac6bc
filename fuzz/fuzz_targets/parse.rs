//! Fuzz target `parse`: see `checks::check_parse` for what must hold on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_parse(data);
});
