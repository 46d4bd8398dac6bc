//! The `sellerlint` binary: everything lives in the library; this only hands over the
//! arguments and returns the exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(sellerlint::cli::main(std::env::args_os()))
}
