//! The `retning` binary: parse the command line and hand over to the library.
//!
//! The binary lives in src/bin/retning/ (Cargo's layout for a binary of several files) so that its
//! command line is a module of the binary, not of the library: the library takes plain
//! configuration (`server::Config`, `DbOptions`) and never sees clap. A `cli.rs` next to
//! src/main.rs would read as a library module while belonging to the binary.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    retning::telemetry::init(&cli.log);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: could not start the async runtime: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
