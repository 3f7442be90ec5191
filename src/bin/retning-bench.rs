//! `retning-bench`: the benchmark behind `scripts/bench` (see `retning::bench` and docs/benchmark.md).

use clap::Parser;

fn main() -> std::process::ExitCode {
    let options = retning::bench::Options::parse();
    // Warnings only: the bench prints its own progress, and the server logs to its own file.
    retning::telemetry::init("warn");
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: could not start the async runtime: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(retning::bench::run(options)) {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(2),
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
