//! What HTML itself says about tag and attribute names, for every layer
//! above: the one tag table, and the attributes that hold URLs.

pub(crate) mod attributes;
pub(crate) mod srcset;
pub(crate) mod tag_scan;
pub(crate) mod tags;
