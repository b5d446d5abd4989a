//! Any bytes: charset sniffing and decoding never panic, and cleaning the
//! decoded page behaves like `clean_html`.
#![no_main]

use article_clean::{decode_html, Cleaner};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = decode_html(bytes);
    if let Ok(cleaned) = Cleaner::default().clean_bytes(bytes) {
        assert!(!cleaned.html().to_ascii_lowercase().contains("<script"));
    }
});
