//! Turning the cleaned tree into output: HTML serialization, the sanitized
//! HTML output, the plain-text output and the Markdown output.

pub mod html;
#[cfg(feature = "markdown")]
pub mod markdown;
mod serialize;
pub mod text;
mod urls;

pub use serialize::serialize_children;
pub(crate) use serialize::{serialize_pretty, write_pretty};
