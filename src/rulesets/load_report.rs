//! What loading a rule list did, and reading rule files.

/// What loading a rule list understood, skipped and could not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadReport {
    /// Number of rules loaded.
    pub rules: usize,
    /// Lines (1-based; 0 when there is no line, as in JSON) with valid
    /// syntax that this crate does not apply, and why.
    pub skipped: Vec<(usize, String)>,
    /// Lines that could not be read, and why.
    pub malformed: Vec<(usize, String)>,
}

impl LoadReport {
    /// Adds another report's counts and lines to this one.
    pub fn merge(&mut self, other: LoadReport) {
        self.rules += other.rules;
        self.skipped.extend(other.skipped);
        self.malformed.extend(other.malformed);
    }
}

impl std::fmt::Display for LoadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} rules, {} skipped, {} malformed",
            self.rules,
            self.skipped.len(),
            self.malformed.len()
        )
    }
}

/// Reads a rule file as UTF-8 (invalid bytes replaced).
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, crate::Error> {
    let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
