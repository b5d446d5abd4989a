//! What a page is made of, judged from the whole tree: where its main
//! content is.

pub(crate) mod content;
