//! `article-clean`, the command-line program (cargo feature `cli`):
//! `cargo install article-clean --features cli`, then `article-clean --help`.
//!
//! The program lives in `cli/`, which `examples/clean.rs` compiles too, so
//! the repository's example and the installed program are one code.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main("article-clean")
}
