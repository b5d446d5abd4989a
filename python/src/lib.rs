//! The `article_clean._native` extension module: the library's `Cleaner`
//! for Python. The Python package around it is in `article_clean/`; the
//! types as Python sees them are in `article_clean/_native.pyi`.

use pyo3::prelude::*;

mod adapter;
mod cleaned;
mod cleaner;
mod errors;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<cleaner::Cleaner>()?;
    m.add_class::<cleaned::Cleaned>()?;
    m.add_class::<cleaned::Entry>()?;
    m.add_class::<cleaned::Post>()?;
    m.add_function(wrap_pyfunction!(cleaner::parse_post, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let formats: Vec<&str> = adapter::Format::ALL.iter().map(|f| f.name()).collect();
    m.add("FORMATS", formats)?;
    m.add("METADATA_FIELDS", adapter::METADATA_FIELDS.to_vec())?;
    Ok(())
}
