//! The library's `Error` as Python exceptions, one class per variant.
//!
//! The classes live in `article_clean/_errors.py` (Python can give them two
//! bases, such as `Error` and `ValueError`); here each variant picks its
//! class and hands over its fields as attributes.

use article_clean::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The class name and attributes of one error.
fn describe<'py>(py: Python<'py>, err: &Error) -> PyResult<(&'static str, Vec<Attr<'py>>)> {
    let s = |v: &str| v.into_pyobject(py).map(|o| o.into_any());
    let n = |v: usize| v.into_pyobject(py).map(|o| o.into_any());
    let path = |p: &Option<std::path::PathBuf>| match p {
        Some(p) => p.into_pyobject(py).map(|o| o.into_any()),
        None => Ok(py.None().into_bound(py)),
    };
    Ok(match err {
        Error::InvalidBaseUrl { url, reason, .. } => (
            "InvalidBaseUrl",
            vec![("url", s(url)?), ("reason", s(reason)?)],
        ),
        Error::InputTooLarge { size, limit } => (
            "InputTooLarge",
            vec![("size", n(*size)?), ("limit", n(*limit)?)],
        ),
        Error::TooDeeplyNested {
            depth,
            limit,
            offset,
        } => (
            "TooDeeplyNested",
            vec![
                ("depth", n(*depth)?),
                ("limit", n(*limit)?),
                ("offset", n(*offset)?),
            ],
        ),
        Error::TooManyNodes {
            nodes,
            limit,
            offset,
        } => (
            "TooManyNodes",
            vec![
                ("nodes", n(*nodes)?),
                ("limit", n(*limit)?),
                ("offset", n(*offset)?),
            ],
        ),
        Error::TooManyAttributes {
            attributes,
            limit,
            offset,
        } => (
            "TooManyAttributes",
            vec![
                ("attributes", n(*attributes)?),
                ("limit", n(*limit)?),
                ("offset", n(*offset)?),
            ],
        ),
        Error::OutputTooLarge { added, limit } => (
            "OutputTooLarge",
            vec![("added", n(*added)?), ("limit", n(*limit)?)],
        ),
        Error::MalformedPost {
            path: p,
            line,
            message,
        } => (
            "MalformedPost",
            vec![
                ("path", path(p)?),
                ("line", n(*line)?),
                ("message", s(message)?),
            ],
        ),
        Error::DuplicateRule { name } => ("DuplicateRule", vec![("name", s(name)?)]),
        Error::UnknownRule { name, known } => {
            let known: Vec<&str> = known.split(", ").filter(|k| !k.is_empty()).collect();
            (
                "UnknownRule",
                vec![
                    ("name", s(name)?),
                    ("known", known.into_pyobject(py)?.into_any()),
                ],
            )
        }
        Error::InvalidSetting { setting, reason } => (
            "InvalidSetting",
            vec![("setting", s(setting)?), ("reason", s(reason)?)],
        ),
        Error::InvalidSelector { selector, reason } => (
            "InvalidSelector",
            vec![("selector", s(selector)?), ("reason", s(reason)?)],
        ),
        Error::InvalidRules { path: p, reason } => (
            "InvalidRules",
            vec![("path", path(p)?), ("reason", s(reason)?)],
        ),
        Error::Io { path: p, source } => (
            "Io",
            vec![
                ("path", p.into_pyobject(py)?.into_any()),
                ("filename", s(&p.display().to_string())?),
                ("errno", source.raw_os_error().into_pyobject(py)?.into_any()),
                ("strerror", s(&source.to_string())?),
            ],
        ),
        // Variants the library adds later are still an `Error`.
        _ => ("Error", Vec::new()),
    })
}

type Attr<'py> = (&'static str, Bound<'py, PyAny>);

/// The exception instance for `err`: its class's name is the variant's,
/// its message the library's, its attributes the variant's fields.
pub fn exception<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS
        .get_or_try_init(py, || {
            PyModule::import(py, "article_clean._errors").map(Bound::unbind)
        })?
        .bind(py);
    let (name, attrs) = describe(py, err)?;
    let exc = module.getattr(name)?.call1((err.to_string(),))?;
    for (attr, value) in attrs {
        exc.setattr(attr, value)?;
    }
    Ok(exc)
}

/// `err` ready to raise.
pub fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    match exception(py, err) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}
