//! What Python gets back: [`Cleaned`], its report [`Entry`]s, and [`Post`].
//!
//! The Rust values are kept as they are and turned into Python values when
//! an attribute is read, so a job that only reads `content` never pays for
//! the report.

use article_clean::Report;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::adapter::{self, Format, Metadata};

/// One cleaned page: ``content`` in the asked ``format``, ``metadata`` and
/// the ``report`` of every removal and rewrite.
#[pyclass(frozen, module = "article_clean")]
pub struct Cleaned {
    format: Format,
    content: String,
    metadata: Metadata,
    report: Report,
}

impl Cleaned {
    pub fn new(format: Format, content: String, metadata: Metadata, report: Report) -> Self {
        Cleaned {
            format,
            content,
            metadata,
            report,
        }
    }
}

pub fn metadata_dict<'py>(py: Python<'py>, metadata: &Metadata) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in metadata.fields() {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

#[pymethods]
impl Cleaned {
    /// The cleaned article in ``format``.
    #[getter]
    fn content(&self) -> &str {
        &self.content
    }

    /// ``"text"``, ``"html"`` or ``"markdown"``.
    #[getter]
    fn format(&self) -> &'static str {
        self.format.name()
    }

    /// A dict with every key of ``METADATA_FIELDS``; ``None`` where
    /// nothing is known.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        metadata_dict(py, &self.metadata)
    }

    /// Every removal and rewrite, in the order they were made.
    #[getter]
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let entries = self.report.entries().iter().map(|e| Entry(e.clone()));
        PyList::new(py, entries)
    }

    /// ``{"content", "format", "metadata", "report"}`` as plain Python
    /// values (the report as a list of dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("content", &self.content)?;
        dict.set_item("format", self.format.name())?;
        dict.set_item("metadata", metadata_dict(py, &self.metadata)?)?;
        let report = PyList::empty(py);
        for e in self.report.entries() {
            report.append(Entry(e.clone()).to_dict(py)?)?;
        }
        dict.set_item("report", report)?;
        Ok(dict)
    }

    fn __str__(&self) -> &str {
        &self.content
    }

    fn __repr__(&self) -> String {
        let mut preview: String = self.content.chars().take(40).collect();
        if preview.len() < self.content.len() {
            preview.push('…');
        }
        format!(
            "<Cleaned format={:?} content={preview:?} ({} chars) report={} entries>",
            self.format.name(),
            self.content.chars().count(),
            self.report.entries().len()
        )
    }
}

/// One line of the report: which ``rule`` did what (``action``, with its
/// ``detail``) to which ``element``, and how much text went with it.
#[pyclass(frozen, module = "article_clean")]
pub struct Entry(article_clean::Entry);

#[pymethods]
impl Entry {
    /// The rule's name, e.g. ``"ad-slots"``.
    #[getter]
    fn rule(&self) -> &str {
        &self.0.rule
    }

    /// ``"removed"``, ``"unwrapped"``, ``"renamed"``, ``"rewrote"``,
    /// ``"dropped_attr"``, ``"rolled_back"`` or ``"note"``.
    #[getter]
    fn action(&self) -> &'static str {
        adapter::action_parts(&self.0.action).0
    }

    /// The new tag, the attribute, the reason or the note; ``None`` for
    /// removals and unwraps.
    #[getter]
    fn detail(&self) -> Option<String> {
        adapter::action_parts(&self.0.action).1
    }

    /// The element, as ``tag#id.class1.class2``.
    #[getter]
    fn element(&self) -> &str {
        &self.0.element
    }

    /// Non-whitespace characters of text the change took out.
    #[getter]
    fn text_len(&self) -> usize {
        self.0.text_len
    }

    /// The start of the text taken out (up to 80 characters).
    #[getter]
    fn excerpt(&self) -> &str {
        &self.0.excerpt
    }

    /// The entry's fields as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (action, detail) = adapter::action_parts(&self.0.action);
        let dict = PyDict::new(py);
        dict.set_item("rule", &self.0.rule)?;
        dict.set_item("action", action)?;
        dict.set_item("detail", detail)?;
        dict.set_item("element", &self.0.element)?;
        dict.set_item("text_len", self.0.text_len)?;
        dict.set_item("excerpt", &self.0.excerpt)?;
        Ok(dict)
    }

    /// The library's wording, e.g. ``ad-slots: removed div#dfp-ad-top``.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Entry {}>", self.0)
    }
}

/// A post file read apart: its ``front_matter`` and its article ``body``.
#[pyclass(frozen, module = "article_clean")]
pub struct Post(pub article_clean::Post);

#[pymethods]
impl Post {
    /// The article HTML after the front matter (and, for an RSS-shaped
    /// post, after its title lines).
    #[getter]
    fn body(&self) -> &str {
        self.0.body()
    }

    /// The post's URL (``from:``), or ``None``.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.0
            .front_matter()
            .from
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }

    /// ``title``, ``date``, ``author``, ``from``, ``layout`` (``None`` when
    /// absent), ``tags`` and ``categories`` (lists).
    #[getter]
    fn front_matter<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let fm = self.0.front_matter();
        let dict = PyDict::new(py);
        dict.set_item("title", &fm.title)?;
        dict.set_item("date", &fm.date)?;
        dict.set_item("author", &fm.author)?;
        dict.set_item("from", &fm.from)?;
        dict.set_item("layout", &fm.layout)?;
        dict.set_item("tags", &fm.tags)?;
        dict.set_item("categories", &fm.categories)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Post title={:?} url={:?} body={} bytes>",
            self.0.front_matter().title,
            self.url(),
            self.0.body().len()
        )
    }
}
