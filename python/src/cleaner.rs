//! The `Cleaner` Python class: configured once, then shared by any number
//! of threads. Every call releases the GIL while the library works.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use article_clean::rulesets::{LoadReport, RuleFile};
use article_clean::{Error, Output};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::adapter::{self, Format};
use crate::cleaned::{Cleaned, Post};
use crate::errors;

/// The builder settings, kept to build the library cleaner of each format
/// the first time it is asked for.
struct Config {
    url: Option<String>,
    rule_files: Vec<RuleFile>,
    remove_rules: Vec<String>,
    default_rules: bool,
    builtin_profiles: bool,
    max_input_bytes: Option<usize>,
    max_nesting_depth: Option<usize>,
    max_removal_ratio: Option<f64>,
}

impl Config {
    fn build(&self, output: Output) -> Result<article_clean::Cleaner, Error> {
        let mut builder = article_clean::Cleaner::builder().output(output);
        if !self.default_rules {
            builder = builder.no_default_rules();
        }
        if !self.builtin_profiles {
            builder = builder.without_builtin_profiles();
        }
        if let Some(url) = &self.url {
            builder = builder.base_url(url);
        }
        for file in &self.rule_files {
            builder = builder.rule_file(file.clone());
        }
        for name in &self.remove_rules {
            builder = builder.remove_rule(name);
        }
        if let Some(bytes) = self.max_input_bytes {
            builder = builder.max_input_bytes(bytes);
        }
        if let Some(depth) = self.max_nesting_depth {
            builder = builder.max_nesting_depth(depth);
        }
        if let Some(ratio) = self.max_removal_ratio {
            builder = builder.max_removal_ratio(ratio);
        }
        builder.build()
    }
}

/// A page as Python gave it: text, or bytes in any encoding.
enum Page<'a> {
    Text(Cow<'a, str>),
    Bytes(&'a [u8]),
}

impl<'a> Page<'a> {
    /// Borrows the page from a `str` or `bytes` object; both are immutable,
    /// so the borrow stays valid while the GIL is released. A `str` that is
    /// not valid Unicode (lone surrogates) is copied with U+FFFD in their
    /// place rather than refused: one bad character should not lose a page.
    fn from_object(obj: &'a Bound<'_, PyAny>) -> Result<Page<'a>, String> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Page::Text(match s.to_str() {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => Cow::Owned(replace_lone_surrogates(s).map_err(|e| e.to_string())?),
            }));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Page::Bytes(b.as_bytes()));
        }
        let kind = obj
            .get_type()
            .name()
            .map_or_else(|_| "?".to_string(), |n| n.to_string());
        Err(format!("a page must be str or bytes, not {kind}"))
    }
}

/// The text of a `str` holding lone surrogates, each replaced by one
/// U+FFFD. (Through UTF-16, where a surrogate is one unit; UTF-8 would
/// count three bytes, and three replacement characters.)
fn replace_lone_surrogates(s: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = s.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    Ok(String::from_utf16_lossy(&units))
}

/// A post file's bytes as text, invalid UTF-8 replaced as
/// `Post::from_path` does. Valid UTF-8 (nearly every post) is checked with
/// simdutf8, as there: `from_utf8_lossy` alone walked it chunk by chunk
/// for 5% of all the work on the dev corpus.
fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A failure that stays in its place in a batch.
enum Failure {
    Library(Error),
    Type(String),
}

/// Cleans article HTML into text, HTML or Markdown, with metadata and a
/// report of every removal. Build it once (rule files are read here) and
/// share it: it is immutable and thread-safe.
#[pyclass(frozen, module = "article_clean")]
pub struct Cleaner {
    config: Config,
    format: Format,
    /// Loaded files and what each loader understood, for `loaded_rules`.
    loaded: Vec<(PathBuf, LoadReport)>,
    /// One library cleaner per format, in `Format::ALL` order, built on first use.
    cleaners: [OnceLock<article_clean::Cleaner>; 3],
}

impl Cleaner {
    /// The library cleaner for `format` (the cleaner's own when `None`).
    fn library(
        &self,
        py: Python<'_>,
        format: Option<&str>,
    ) -> PyResult<(&article_clean::Cleaner, Format)> {
        let format = match format {
            Some(name) => Format::parse(name).map_err(PyValueError::new_err)?,
            None => self.format,
        };
        let output = format.output();
        let slot = &self.cleaners[format.index()];
        if let Some(cleaner) = slot.get() {
            return Ok((cleaner, format));
        }
        // The settings already built once in `new`, so this cannot fail
        // but for a library change; report it like any other error then.
        // Threads that race here each build one; the first one stored wins.
        let built = py
            .detach(|| self.config.build(output))
            .map_err(|e| errors::to_pyerr(py, &e))?;
        Ok((slot.get_or_init(|| built), format))
    }

    /// Cleans one page; no Python object is touched.
    fn run(
        cleaner: &article_clean::Cleaner,
        format: Format,
        page: &Page<'_>,
        url: Option<&str>,
    ) -> Result<Cleaned, Error> {
        let cleaned = match (page, url) {
            (Page::Text(html), None) => cleaner.clean(html),
            (Page::Text(html), Some(url)) => cleaner.clean_with_url(html, url),
            (Page::Bytes(bytes), None) => cleaner.clean_bytes(bytes),
            (Page::Bytes(bytes), Some(url)) => cleaner.clean_bytes_with_url(bytes, url),
        }?;
        let metadata = adapter::metadata(&cleaned);
        let (content, report) = adapter::content(cleaned, format);
        Ok(Cleaned::new(format, content, metadata, report))
    }
}

#[pymethods]
impl Cleaner {
    /// See the class documentation in ``article_clean/_native.pyi``.
    #[new]
    #[pyo3(signature = (
        format = "text",
        *,
        url = None,
        rules = Vec::new(),
        remove_rules = Vec::new(),
        default_rules = true,
        builtin_profiles = true,
        max_input_bytes = None,
        max_nesting_depth = None,
        max_removal_ratio = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        format: &str,
        url: Option<String>,
        rules: Vec<PathBuf>,
        remove_rules: Vec<String>,
        default_rules: bool,
        builtin_profiles: bool,
        max_input_bytes: Option<usize>,
        max_nesting_depth: Option<usize>,
        max_removal_ratio: Option<f64>,
    ) -> PyResult<Self> {
        let format = Format::parse(format).map_err(PyValueError::new_err)?;
        let output = format.output();
        let error = |e: Error| errors::to_pyerr(py, &e);
        let mut rule_files = Vec::new();
        let mut loaded = Vec::new();
        for path in rules {
            let (file, report) = py.detach(|| RuleFile::from_path(&path)).map_err(error)?;
            rule_files.push(file);
            loaded.push((path, report));
        }
        let config = Config {
            url,
            rule_files,
            remove_rules,
            default_rules,
            builtin_profiles,
            max_input_bytes,
            max_nesting_depth,
            max_removal_ratio,
        };
        // Built now so that a bad setting raises here, not at the first page.
        let cleaner = py.detach(|| config.build(output)).map_err(error)?;
        let cleaners: [OnceLock<article_clean::Cleaner>; 3] = Default::default();
        let _ = cleaners[format.index()].set(cleaner);
        Ok(Cleaner {
            config,
            format,
            loaded,
            cleaners,
        })
    }

    /// Cleans one page (``str``, or ``bytes`` in any encoding).
    #[pyo3(signature = (html, url = None, format = None))]
    fn clean(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        url: Option<&str>,
        format: Option<&str>,
    ) -> PyResult<Cleaned> {
        let (cleaner, format) = self.library(py, format)?;
        let page = Page::from_object(html).map_err(PyTypeError::new_err)?;
        py.detach(|| Self::run(cleaner, format, &page, url))
            .map_err(|e| errors::to_pyerr(py, &e))
    }

    /// Cleans a post file's text: front matter, then the article HTML.
    #[pyo3(signature = (post, format = None))]
    fn clean_post(
        &self,
        py: Python<'_>,
        post: &Bound<'_, PyAny>,
        format: Option<&str>,
    ) -> PyResult<Cleaned> {
        let (cleaner, format) = self.library(py, format)?;
        let page = Page::from_object(post).map_err(PyTypeError::new_err)?;
        let result = py.detach(|| {
            let text = match &page {
                Page::Text(text) => Cow::Borrowed(text.as_ref()),
                Page::Bytes(bytes) => utf8_lossy(bytes),
            };
            let post = article_clean::Post::parse(&text)?;
            let cleaned = cleaner.clean_post(&post)?;
            let metadata = adapter::metadata(&cleaned);
            let (content, report) = adapter::content(cleaned, format);
            Ok(Cleaned::new(format, content, metadata, report))
        });
        result.map_err(|e: Error| errors::to_pyerr(py, &e))
    }

    /// Cleans a list of pages; see the stub for the details.
    #[pyo3(signature = (pages, urls = None, format = None, threads = 1))]
    fn clean_many<'py>(
        &self,
        py: Python<'py>,
        pages: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        format: Option<&str>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let (cleaner, format) = self.library(py, format)?;
        for (name, given) in [("pages", Some(pages)), ("urls", urls)] {
            if let Some(given) = given {
                if given.is_instance_of::<PyString>() || given.is_instance_of::<PyBytes>() {
                    return Err(PyTypeError::new_err(format!(
                        "{name} must be a list, not one str or bytes (use clean for one page)"
                    )));
                }
            }
        }
        // Strong references, so the pages outlive the borrows below even if
        // another thread empties the caller's list meanwhile.
        let objects: Vec<Bound<'py, PyAny>> = pages.try_iter()?.collect::<PyResult<_>>()?;
        let urls: Vec<Option<Bound<'py, PyAny>>> = match urls {
            None => vec![None; objects.len()],
            Some(urls) => {
                let urls: Vec<Option<Bound<'py, PyAny>>> = urls
                    .try_iter()?
                    .map(|u| u.map(|u| (!u.is_none()).then_some(u)))
                    .collect::<PyResult<_>>()?;
                if urls.len() != objects.len() {
                    return Err(PyValueError::new_err(format!(
                        "{} pages but {} urls: give one url (or None) per page",
                        objects.len(),
                        urls.len()
                    )));
                }
                urls
            }
        };
        let inputs: Vec<Result<(Page<'_>, Option<&str>), String>> = objects
            .iter()
            .zip(&urls)
            .map(|(page, url)| Ok((Page::from_object(page)?, url_of(url.as_ref())?)))
            .collect();
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let results = py.detach(|| clean_all(cleaner, format, &inputs, threads));
        let list = PyList::empty(py);
        for result in results {
            match result {
                Ok(cleaned) => list.append(Bound::new(py, cleaned)?)?,
                Err(Failure::Library(e)) => list.append(errors::exception(py, &e)?)?,
                Err(Failure::Type(message)) => {
                    list.append(PyTypeError::new_err(message).into_value(py))?
                }
            }
        }
        Ok(list)
    }

    /// The format ``clean`` uses when none is given.
    #[getter]
    fn format(&self) -> &'static str {
        self.format.name()
    }

    /// The rules, in the order they run.
    #[getter]
    fn rule_names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let (cleaner, _) = self.library(py, None)?;
        Ok(cleaner.rule_names().into_iter().map(String::from).collect())
    }

    /// For each rule file: its ``path`` and how many ``rules`` were loaded,
    /// and the ``skipped`` and ``malformed`` lines as ``(line, why)`` pairs.
    #[getter]
    fn loaded_rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for (path, report) in &self.loaded {
            let dict = PyDict::new(py);
            dict.set_item("path", path)?;
            dict.set_item("rules", report.rules)?;
            dict.set_item("skipped", &report.skipped)?;
            dict.set_item("malformed", &report.malformed)?;
            list.append(dict)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Cleaner format={:?} url={:?} rule_files={}>",
            self.format.name(),
            self.config.url,
            self.loaded.len()
        )
    }
}

/// A batch's url as text: `None`, or a `str` that is valid Unicode.
fn url_of<'a>(url: Option<&'a Bound<'_, PyAny>>) -> Result<Option<&'a str>, String> {
    let Some(url) = url else { return Ok(None) };
    let url = url
        .cast::<PyString>()
        .map_err(|_| "a url must be str or None".to_string())?;
    url.to_str().map(Some).map_err(|e| e.to_string())
}

/// Cleans every input on `threads` threads, results in input order.
fn clean_all(
    cleaner: &article_clean::Cleaner,
    format: Format,
    inputs: &[Result<(Page<'_>, Option<&str>), String>],
    threads: usize,
) -> Vec<Result<Cleaned, Failure>> {
    let one = |i: usize| match &inputs[i] {
        Ok((page, url)) => Cleaner::run(cleaner, format, page, *url).map_err(Failure::Library),
        Err(message) => Err(Failure::Type(message.clone())),
    };
    let threads = threads.min(inputs.len());
    if threads <= 1 {
        return (0..inputs.len()).map(one).collect();
    }
    // Workers take the next page as they finish one, so a few large pages
    // do not leave one thread working while the others wait.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Cleaned, Failure>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= inputs.len() {
                            return mine;
                        }
                        mine.push((i, one(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(mine) => mine,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Reads a post file's text apart without cleaning it.
#[pyfunction]
pub fn parse_post(py: Python<'_>, post: &Bound<'_, PyAny>) -> PyResult<Post> {
    let page = Page::from_object(post).map_err(PyTypeError::new_err)?;
    let parsed = py.detach(|| match &page {
        Page::Text(text) => article_clean::Post::parse(text),
        Page::Bytes(bytes) => article_clean::Post::parse(&utf8_lossy(bytes)),
    });
    parsed.map(Post).map_err(|e| errors::to_pyerr(py, &e))
}
