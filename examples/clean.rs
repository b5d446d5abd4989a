//! Cleans post files (or plain HTML files) and prints or writes the result:
//! the `article-clean` program under the name `clean`, so that a checkout
//! can run it without installing anything.
//!
//! ```text
//! cargo run --release --example clean -- [--text | --json] [--out-dir DIR] [--jobs N] [--rules FILE]... PATH...
//! ```
//!
//! `--text` and `--json` are short for `--format text` and `--format
//! json`; `--help` lists every option and the exit codes. The program's
//! code is in `src/bin/article-clean/cli/` (see `Cargo.toml`'s `cli`
//! feature): nothing here but its name.

#[path = "../src/bin/article-clean/cli/mod.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main("clean")
}
