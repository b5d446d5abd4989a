//! Turning the cleaned tree into output: HTML serialization, the sanitized
//! HTML output and the plain-text output.

pub mod html;
mod serialize;
pub mod text;
mod urls;

pub use serialize::serialize_children;
pub(crate) use serialize::{serialize_pretty, write_pretty};
