//! What HTML itself says about tag names, for every layer above: the one
//! tag table.

pub(crate) mod srcset;
pub(crate) mod tag_scan;
pub(crate) mod tags;
