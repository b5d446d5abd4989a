//! From the paths on the command line to the list of inputs: folders
//! walked, every file once, and the output file of each under `--out-dir`.
//!
//! A folder tree may hold symbolic links to folders, even to itself or an
//! ancestor: each folder is walked once, known by its device and inode
//! (elsewhere than Unix, by its canonical path), so a link loop ends and
//! no file is cleaned twice; a file linked or named twice is cleaned once
//! too. Entries that are neither files nor folders (FIFOs, sockets,
//! devices) are skipped with a message, never opened: reading a FIFO
//! would wait forever.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::render::Format;

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// One input to clean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input {
    pub source: Source,
    /// Its output file, relative to `--out-dir`.
    pub out: PathBuf,
}

impl Input {
    /// How messages and JSON name the input: its path, `-` for standard input.
    pub fn name(&self) -> String {
        match &self.source {
            Source::Stdin => "-".to_string(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// The extensions a folder walk picks up (compared without case).
const WALKED: &[&str] = &["html", "htm", "md"];

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// Files as given, folders walked in name order.
    pub inputs: Vec<Input>,
    /// Folders and entries that could not be read: each is one failure.
    pub errors: Vec<String>,
    /// Entries named like inputs that are not files, skipped.
    pub skipped: Vec<String>,
}

/// The inputs named by `paths` (standard input when there are none). With
/// `out_dir`, two inputs that would write one output file are an error
/// naming them, before anything is cleaned.
pub(crate) fn inputs(
    paths: &[PathBuf],
    out_dir: Option<&Path>,
    format: Format,
) -> Result<Walked, String> {
    let mut walk = Walk {
        format,
        found: Walked::default(),
        seen_files: HashSet::new(),
        seen_dirs: HashSet::new(),
        stdin: false,
    };
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    for path in paths {
        walk.argument(path);
    }
    if let Some(dir) = out_dir {
        check_outputs(&walk.found.inputs, dir)?;
    }
    Ok(walk.found)
}

/// Identity of a file or folder, the same whatever path reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

#[cfg(unix)]
fn identity(_path: &Path, meta: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &fs::Metadata) -> FileId {
    FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

struct Walk {
    format: Format,
    found: Walked,
    seen_files: HashSet<FileId>,
    seen_dirs: HashSet<FileId>,
    stdin: bool,
}

impl Walk {
    /// One path from the command line.
    fn argument(&mut self, path: &Path) {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut self.stdin, true) {
                let out = PathBuf::from("stdin").with_extension(self.format.extension());
                self.found.inputs.push(Input {
                    source: Source::Stdin,
                    out,
                });
            }
            return;
        }
        let meta = fs::metadata(path);
        if let Ok(meta) = &meta {
            if meta.is_dir() {
                if self.seen_dirs.insert(identity(path, meta)) {
                    self.folder(path);
                }
                return;
            }
            if meta.is_file() && !self.seen_files.insert(identity(path, meta)) {
                return;
            }
        }
        // Named on the command line: cleaned as asked, whatever its
        // extension. A missing file, a FIFO or a device is refused by name
        // when it is read.
        let name = path.file_name().map_or_else(|| path.into(), PathBuf::from);
        self.file(path.to_path_buf(), &name);
    }

    fn file(&mut self, path: PathBuf, relative: &Path) {
        let out = relative.with_extension(self.format.extension());
        self.found.inputs.push(Input {
            source: Source::File(path),
            out,
        });
    }

    /// Walks `root` depth first, entries in name order.
    fn folder(&mut self, root: &Path) {
        // Each level: the entries still to visit, and their path below `root`.
        let mut stack: Vec<(std::vec::IntoIter<PathBuf>, PathBuf)> = Vec::new();
        self.push_folder(&mut stack, root, PathBuf::new());
        while let Some((entries, relative)) = stack.last_mut() {
            let Some(path) = entries.next() else {
                stack.pop();
                continue;
            };
            let name = path.file_name().map(PathBuf::from).unwrap_or_default();
            let relative = relative.join(&name);
            // Follows symbolic links: a link to a folder is walked (once),
            // a link to a file is a file.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    if walked_extension(&path) || fs::symlink_metadata(&path).is_err() {
                        self.found.errors.push(format!("{}: {e}", path.display()));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if self.seen_dirs.insert(identity(&path, &meta)) {
                    self.push_folder(&mut stack, &path, relative);
                }
            } else if walked_extension(&path) {
                if !meta.is_file() {
                    // Not a failure: not an input, only named like one.
                    self.found
                        .skipped
                        .push(format!("skipped {}: not a regular file", path.display()));
                } else if self.seen_files.insert(identity(&path, &meta)) {
                    self.file(path, &relative);
                }
            }
        }
    }

    fn push_folder(
        &mut self,
        stack: &mut Vec<(std::vec::IntoIter<PathBuf>, PathBuf)>,
        dir: &Path,
        relative: PathBuf,
    ) {
        match fs::read_dir(dir) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                stack.push((paths.into_iter(), relative));
            }
            Err(e) => self.found.errors.push(format!("{}: {e}", dir.display())),
        }
    }
}

fn walked_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WALKED.iter().any(|w| e.eq_ignore_ascii_case(w)))
}

/// Refuses inputs that would write one output file.
fn check_outputs(inputs: &[Input], dir: &Path) -> Result<(), String> {
    let mut owners: HashMap<&Path, &Input> = HashMap::new();
    let mut clashes = Vec::new();
    for input in inputs {
        if let Some(first) = owners.insert(&input.out, input) {
            clashes.push(format!(
                "{} and {} would both write {}",
                first.name(),
                input.name(),
                dir.join(&input.out).display()
            ));
            owners.insert(&input.out, first);
        }
    }
    if clashes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}; nothing was cleaned: give the inputs separate output folders or rename one",
        clashes.join("; ")
    ))
}
