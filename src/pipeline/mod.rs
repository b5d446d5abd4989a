//! The pipeline: the [`Builder`] checks the settings and assembles the
//! rules, the [`Cleaner`] runs them over a parsed page under the rollback
//! guard and renders the outputs.

mod builder;
mod cleaner;
mod guard;

pub use builder::{
    Builder, Output, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_NESTING_DEPTH,
    DEFAULT_MAX_NODES_PER_BYTE, DEFAULT_MAX_REMOVAL_RATIO, NODES_FOR_ANY_INPUT,
};
pub use cleaner::{Cleaned, Cleaner};
