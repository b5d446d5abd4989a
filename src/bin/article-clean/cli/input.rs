//! Files and standard input: read within the size limit, told apart
//! (post file, HTML, not text at all) and cleaned.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;

use article_clean::{Cleaned, FrontMatter, Post};

use super::render::file_output;
use super::run::{self, Outcome, Tally};
use super::walk::{Input, Source};
use super::Settings;

/// Why an input was not cleaned.
#[derive(Debug, thiserror::Error)]
pub(crate) enum InputError {
    #[error("cannot read: {0}")]
    Read(#[source] std::io::Error),
    #[error("not a regular file ({0}), not read")]
    NotRegular(&'static str),
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge {
        /// The size, when known before reading (a file's, not a stream's).
        size: Option<u64>,
        limit: usize,
    },
    #[error("not HTML: {0}")]
    NotHtml(&'static str),
    #[error(transparent)]
    Clean(#[from] article_clean::Error),
}

fn too_large(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(size) => {
            format!("input is {size} bytes, over the limit of {limit} bytes (--max-bytes)")
        }
        None => format!("input is over the limit of {limit} bytes (--max-bytes)"),
    }
}

/// Cleans every input (see [`run::run`]); with `out_dir`, each goes to
/// its own file there.
pub(crate) fn run(
    settings: &Settings,
    inputs: Vec<Input>,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
    err: &Mutex<&mut (dyn Write + Send)>,
) -> Tally {
    let len = inputs.len();
    let process = |input: Input| {
        let name = input.name();
        match clean(settings, &input.source) {
            Ok((front_matter, cleaned)) => Outcome {
                body: Some(file_output(
                    settings.format,
                    &name,
                    front_matter.as_ref(),
                    cleaned,
                )),
                target: out_dir.map(|dir| dir.join(&input.out)),
                failure: None,
            },
            Err(e) => Outcome::failed(format!("{name}: {e}")),
        }
    };
    run::run(settings, inputs.into_iter(), Some(len), process, out, err)
}

/// Reads and cleans one input: the post's front matter (for post files)
/// and the result.
fn clean(
    settings: &Settings,
    source: &Source,
) -> Result<(Option<FrontMatter>, Cleaned), InputError> {
    let (bytes, path) = match source {
        Source::Stdin => (
            read_at_most(std::io::stdin().lock(), settings.max_bytes, 0)?,
            None,
        ),
        Source::File(path) => (read_file(path, settings.max_bytes)?, Some(path.as_path())),
    };
    if let Some(what) = not_text(&bytes) {
        return Err(InputError::NotHtml(what));
    }
    if is_post(path, &bytes) {
        let post = Post::parse_bytes(&bytes)?;
        let cleaned = settings.cleaner.clean_post(&post)?;
        return Ok((Some(post.front_matter().clone()), cleaned));
    }
    Ok((None, settings.cleaner.clean_bytes(&bytes)?))
}

/// Reads a regular file of at most `limit` bytes. The size is checked
/// before reading, and reading stops past the limit should the file grow.
/// Anything else (a FIFO, a device) is refused unopened.
pub(crate) fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, InputError> {
    let meta = fs::metadata(path).map_err(InputError::Read)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular(file_kind(&meta)));
    }
    if meta.len() > limit as u64 {
        return Err(InputError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let file = fs::File::open(path).map_err(InputError::Read)?;
    read_at_most(file, limit, meta.len() as usize)
}

/// Reads `reader` to its end, refusing it past `limit` bytes without
/// reading further.
pub(crate) fn read_at_most(
    reader: impl Read,
    limit: usize,
    size_hint: usize,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::with_capacity(size_hint.min(limit));
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Read)?;
    if bytes.len() > limit {
        return Err(InputError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

fn file_kind(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "not a file"
}

/// A post file: `.md`/`.markdown`, or any other file (and standard input)
/// that opens with a `---` front matter line. `.html`/`.htm` files are HTML.
fn is_post(path: Option<&Path>, bytes: &[u8]) -> bool {
    let ext = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => false,
        Some("md" | "markdown") => true,
        _ => {
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let first = text.split(|&b| b == b'\n').next().unwrap_or(b"");
            first.trim_ascii_end() == b"---"
        }
    }
}

/// What the input is when it is plainly not text, so not HTML: an image,
/// an archive, an executable, or bytes with NULs or control characters.
/// Cleaning such bytes would "succeed" with garbage.
pub(crate) fn not_text(bytes: &[u8]) -> Option<&'static str> {
    // A byte order mark says text, whatever follows (UTF-16 is full of NULs).
    if [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| bytes.starts_with(bom))
    {
        return None;
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
        (b"\xFD7zXZ\x00", "xz data"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"\x7FELF", "an ELF executable"),
        (b"\xCF\xFA\xED\xFE", "a Mach-O executable"),
        (b"\xCA\xFE\xBA\xBE", "a Mach-O or Java class file"),
        (b"\x00asm", "WebAssembly"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("a WebP image");
    }
    // What `file` and git look at: the start of the file.
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Some("binary data (NUL bytes)");
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls >= 8 && controls * 10 > head.len() {
        return Some("binary data (control characters)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_not_html() {
        assert_eq!(
            not_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(
            not_text(b"\x7fELF\x02\x01\x01\0"),
            Some("an ELF executable")
        );
        assert_eq!(not_text(b"<p>a\0b</p>"), Some("binary data (NUL bytes)"));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 7 % 32) as u8 | 1).collect();
        assert_eq!(not_text(&noise), Some("binary data (control characters)"));
        for text in [
            &b"<p>Story.</p>"[..],
            b"\xff\xfe<\0p\0>\0",
            b"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>",
            b"---\ntitle: T\n---\n<p>x</p>",
            b"<p>Caf\xe9 \x0c cr\xe8me</p>\r\n",
            b"",
        ] {
            assert_eq!(not_text(text), None, "{text:?}");
        }
    }

    #[test]
    fn posts_are_told_by_extension_or_front_matter() {
        let fm = b"---\ntitle: T\n---\n<p>x</p>";
        assert!(is_post(Some(Path::new("a.md")), b"<p>x</p>"));
        assert!(!is_post(Some(Path::new("a.HTML")), fm));
        assert!(is_post(None, fm));
        assert!(is_post(
            Some(Path::new("a.txt")),
            b"\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\n"
        ));
        assert!(!is_post(None, b"<p>---</p>"));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        assert_eq!(read_at_most(&b"12345"[..], 5, 0).unwrap(), b"12345");
        let err = read_at_most(std::io::repeat(b'x'), 1000, 0).unwrap_err();
        assert!(
            matches!(
                err,
                InputError::TooLarge {
                    size: None,
                    limit: 1000
                }
            ),
            "{err}"
        );
    }
}
