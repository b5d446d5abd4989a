//! Any text: parsing a post returns Ok or `MalformedPost` naming a line
//! inside the text, and a parsed post cleans without panicking.
#![no_main]

use article_clean::{Cleaner, Error, Post};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Post::parse(text) {
        Ok(post) => {
            let _ = Cleaner::default().clean_post(&post);
        }
        Err(Error::MalformedPost { line, .. }) => {
            let lines = text.split_inclusive('\n').count().max(1);
            assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}");
        }
        Err(other) => panic!("unexpected error {other:?}"),
    }
});
