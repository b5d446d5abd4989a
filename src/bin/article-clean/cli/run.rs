//! Cleaning on several threads, outputs written in input order.
//!
//! Workers take inputs in order and may run at most a window of inputs
//! past the last one written, which bounds the outputs held in memory
//! without making every worker wait at the end of a batch. One thread
//! writes, in input order: to standard output, or each input's own file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex, MutexGuard};

use indicatif::{ProgressBar, ProgressStyle};

use super::Settings;

/// What became of one input.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The bytes to write (a refused record still writes its error record).
    pub body: Option<Vec<u8>>,
    /// The file to write them to (`--out-dir`), else standard output.
    pub target: Option<PathBuf>,
    /// Why the input failed, naming it.
    pub failure: Option<String>,
}

impl Outcome {
    pub fn failed(msg: String) -> Outcome {
        Outcome {
            failure: Some(msg),
            ..Outcome::default()
        }
    }
}

/// The count of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Inputs that failed.
    pub failures: usize,
    /// Inputs processed.
    pub total: usize,
    /// An output could not be written.
    pub output_failed: bool,
}

/// Runs `process` over `jobs` on `settings.jobs` threads and writes each
/// outcome in order: its body to its target file or to `out`, its failure
/// to `err`. Writing to `out` stops at the first failure, and so do the
/// workers. `len` sizes the progress bar when known.
pub(crate) fn run<J: Send>(
    settings: &Settings,
    jobs: impl Iterator<Item = J> + Send,
    len: Option<usize>,
    process: impl Fn(J) -> Outcome + Sync,
    out: &mut dyn Write,
    err: &Mutex<&mut (dyn Write + Send)>,
) -> Tally {
    let workers = settings.jobs.max(1);
    let ahead = workers * 16;
    let jobs = Mutex::new(jobs.enumerate());
    let written = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let bar = progress_bar(settings.progress, len);
    let report = |msg: &str| bar.suspend(|| settings.report(err, msg));
    let mut tally = Tally::default();
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (jobs, written, stop, bar, process) = (&jobs, &written, &stop, &bar, &process);
            scope.spawn(move || loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let Some((i, job)) = lock(jobs).next() else {
                    break;
                };
                let mut done = lock(&written.0);
                while i >= *done + ahead && !stop.load(Ordering::Relaxed) {
                    done = written.1.wait(done).unwrap_or_else(|e| e.into_inner());
                }
                drop(done);
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                // The library never panics on any input; should a bug make
                // it, the batch goes on and the input is reported.
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(job)))
                        .unwrap_or_else(|_| {
                            Outcome::failed(format!("input {}: internal error (panic)", i + 1))
                        });
                bar.inc(1);
                if tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (i, outcome) in &rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&turn) {
                tally.total += 1;
                if let Some(msg) = &outcome.failure {
                    report(msg);
                    tally.failures += 1;
                }
                if let Some(body) = &outcome.body {
                    if let Err(msg) = write(&outcome.target, body, out) {
                        report(&msg);
                        tally.output_failed = true;
                        // Standard output failed: the results still to come
                        // would each fail again. A file may fail alone.
                        if outcome.target.is_none() {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
                turn += 1;
                *lock(&written.0) = turn;
                written.1.notify_all();
                if stop.load(Ordering::Relaxed) {
                    break;
                }
            }
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
        // Wake any worker still waiting for its turn, so it can stop.
        stop.store(true, Ordering::Relaxed);
        written.1.notify_all();
    });
    if !tally.output_failed {
        if let Err(e) = out.flush() {
            report(&format!("cannot write output: {e}"));
            tally.output_failed = true;
        }
    }
    bar.finish_and_clear();
    tally
}

/// Writes `body` to `target` (making its folder) or to `out`.
fn write(target: &Option<PathBuf>, body: &[u8], out: &mut dyn Write) -> Result<(), String> {
    match target {
        Some(path) => {
            let made = match path.parent() {
                Some(dir) if dir != Path::new("") => std::fs::create_dir_all(dir),
                _ => Ok(()),
            };
            made.and_then(|()| std::fs::write(path, body))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => out
            .write_all(body)
            .map_err(|e| format!("cannot write output: {e}")),
    }
}

fn progress_bar(draw: bool, len: Option<usize>) -> ProgressBar {
    if !draw {
        return ProgressBar::hidden();
    }
    let (bar, template) = match len {
        Some(n) => (
            ProgressBar::new(n as u64),
            "{bar:40} {pos}/{len} inputs, {elapsed} ({eta} left)",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} inputs, {elapsed}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Locks `m`, even if a thread panicked while holding it: a count or an
/// iterator position stays valid.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
