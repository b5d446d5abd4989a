//! The command-line program: arguments, the cleaner they configure, and
//! the two modes, files (`walk`, `input`) and JSON Lines records
//! (`jsonl`), both run by `run` and rendered by `render`.
//!
//! It is the `article-clean` binary and, compiled through a `#[path]`
//! module, the repository's `clean` example: `main` takes the name to
//! print in messages and usage.

mod input;
mod jsonl;
mod render;
mod run;
mod walk;

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use article_clean::rulesets::RuleFile;
use article_clean::{Cleaner, Output, DEFAULT_MAX_INPUT_BYTES};
use clap::{CommandFactory, FromArgMatches, Parser};

use render::Format;
use run::Tally;

/// Every input was cleaned and every output written.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed (unreadable, refused, not HTML, malformed); the
/// others were cleaned and written.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Nothing was cleaned: bad arguments, an unreadable rule file, an invalid
/// `--url`, an output folder that cannot be made, or two inputs that would
/// write the same output file.
pub const EXIT_USAGE: u8 = 2;
/// An output could not be written (standard output closed, disk full).
/// Writing to standard output stops at the first failure.
pub const EXIT_OUTPUT: u8 = 3;

const EXIT_CODES: &str = "\
Exit codes:
  0  every input cleaned and written
  1  some inputs failed (each is named on stderr; with --jsonl its record
     carries the error); the others were cleaned and written
  2  usage error: bad arguments, unreadable rule file, invalid --url, an
     output folder that cannot be made, two inputs with one output file;
     nothing was cleaned
  3  an output could not be written (stdout closed, disk full)";

const ABOUT: &str = "Turns the messy HTML of articles and whole web pages into clean HTML, \
plain text, Markdown or JSON: ads, share bars, related links, tracking and page furniture go, \
the article stays.";

/// Cleans article HTML: files, folders, standard input, or JSON Lines records.
#[derive(Parser, Debug)]
#[command(version, about = ABOUT, after_help = EXIT_CODES)]
struct Args {
    /// Files and folders to clean; `-` is standard input. Folders are
    /// walked for *.html, *.htm and *.md files (post files with front
    /// matter). With --jsonl, files of records. Default: standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format. `json` is one object per input with the page
    /// metadata, the front matter, html, text and the report of removals.
    #[arg(short, long, value_enum, default_value_t = Format::Html)]
    format: Format,

    /// Same as --format text.
    #[arg(long, hide = true, conflicts_with_all = ["format", "json"])]
    text: bool,

    /// Same as --format json.
    #[arg(long, hide = true, conflicts_with_all = ["format", "text"])]
    json: bool,

    /// Base URL for relative links, for inputs that have none of their own
    /// (a post's `from:` and a record's `url` win).
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// Read JSON Lines records (`{"url": ..., "html": ...}`, other fields
    /// are copied through) and write one JSON object per line, in order:
    /// the record's fields, `url`, `metadata`, the chosen format's output
    /// (`html`, `text`, `markdown`; `json` gives `html` and `text`),
    /// `report` and `error` (null, or why the record was refused).
    #[arg(long)]
    jsonl: bool,

    /// A rule file: an EasyList-style filter list, ClearURLs
    /// `data.min.json`, TOML site profiles or a FiveFilters site config
    /// (told apart by extension and content). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,

    /// Inputs cleaned in parallel [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// Write one file per input under DIR instead of printing: a file
    /// given by name goes to DIR/<stem>.html (.txt, .md, .json), a file
    /// found in a folder keeps its path below that folder. Two inputs that would write one
    /// file are refused before anything is cleaned.
    #[arg(short, long, value_name = "DIR", conflicts_with = "jsonl")]
    out_dir: Option<PathBuf>,

    /// Inputs larger than this many bytes are refused (a file by its size,
    /// before it is read).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    max_bytes: usize,

    /// No progress bar and no rule-file summaries; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
}

impl Args {
    fn format(&self) -> Format {
        if self.text {
            Format::Text
        } else if self.json {
            Format::Json
        } else {
            self.format
        }
    }
}

/// Runs the program as `name` on the process's arguments.
pub fn main(name: &'static str) -> ExitCode {
    let command = Args::command().name(name).bin_name(name);
    let args = match command
        .try_get_matches_from(std::env::args_os())
        .and_then(|m| Args::from_arg_matches(&m))
    {
        Ok(args) => args,
        Err(e) => {
            // --help and --version print to stdout and exit 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    ExitCode::from(run_args(name, &args, &mut stdout.lock(), &mut stderr))
}

/// Everything after argument parsing, with the output streams given, for tests.
fn run_args(name: &str, args: &Args, out: &mut dyn Write, err: &mut (dyn Write + Send)) -> u8 {
    let settings = match Settings::new(name, args, err) {
        Ok(s) => s,
        Err(msg) => {
            let _ = writeln!(err, "{name}: {msg}");
            return EXIT_USAGE;
        }
    };
    let err = Mutex::new(err);
    let tally = if args.jsonl {
        jsonl::run(&settings, &args.paths, out, &err)
    } else {
        match walk::inputs(&args.paths, args.out_dir.as_deref(), settings.format) {
            Ok(walked) => {
                for msg in walked.skipped.iter().chain(&walked.errors) {
                    settings.report(&err, msg);
                }
                let out_dir = args.out_dir.as_deref();
                let mut tally = input::run(&settings, walked.inputs, out_dir, out, &err);
                tally.failures += walked.errors.len();
                tally.total += walked.errors.len();
                tally
            }
            Err(msg) => {
                settings.report(&err, &msg);
                return EXIT_USAGE;
            }
        }
    };
    tally.finish(name, &err)
}

/// What every mode needs: the cleaner and how to run it.
pub(crate) struct Settings {
    /// The program's name, for messages.
    pub name: String,
    pub cleaner: Cleaner,
    pub format: Format,
    pub jobs: usize,
    pub max_bytes: usize,
    /// Draw a progress bar (stderr is a terminal and not --quiet).
    pub progress: bool,
}

impl Settings {
    fn new(name: &str, args: &Args, err: &mut dyn Write) -> Result<Settings, String> {
        let format = args.format();
        let output = match format {
            Format::Html => Output::Html,
            Format::Text => Output::Text,
            Format::Json => Output::Both,
            Format::Markdown => Output::Markdown,
        };
        if args.max_bytes == 0 {
            return Err("--max-bytes must be at least 1".into());
        }
        if let Some(dir) = &args.out_dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut builder = Cleaner::builder()
            .output(output)
            .max_input_bytes(args.max_bytes);
        if let Some(url) = &args.url {
            builder = builder.base_url(url);
        }
        for path in &args.rules {
            let (file, report) = RuleFile::from_path(path).map_err(|e| e.to_string())?;
            if !args.quiet {
                let _ = writeln!(err, "{name}: {}: {report}", path.display());
                for (line, why) in &report.malformed {
                    let _ = writeln!(err, "{name}: {}:{line}: malformed: {why}", path.display());
                }
            }
            builder = builder.rule_file(file);
        }
        let cleaner = builder.build().map_err(|e| e.to_string())?;
        Ok(Settings {
            name: name.to_string(),
            cleaner,
            format,
            jobs: args.jobs.map_or_else(
                || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
                NonZeroUsize::get,
            ),
            max_bytes: args.max_bytes,
            progress: !args.quiet && std::io::stderr().is_terminal(),
        })
    }

    /// Prints `msg` on stderr as one line, prefixed by the program's name.
    pub fn report(&self, err: &Mutex<&mut (dyn Write + Send)>, msg: &str) {
        if let Ok(mut e) = err.lock() {
            let _ = writeln!(e, "{}: {msg}", self.name);
        }
    }
}

impl Tally {
    /// The summary line, if anything failed, and the exit code.
    fn finish(&self, name: &str, err: &Mutex<&mut (dyn Write + Send)>) -> u8 {
        if self.failures > 0 {
            if let Ok(mut e) = err.lock() {
                let _ = writeln!(
                    e,
                    "{name}: {} of {} inputs failed",
                    self.failures, self.total
                );
            }
        }
        if self.output_failed {
            EXIT_OUTPUT
        } else if self.failures > 0 {
            EXIT_SOME_FAILED
        } else {
            EXIT_OK
        }
    }
}

#[cfg(test)]
mod tests;
