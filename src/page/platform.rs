//! The publishing platform a post comes from, as the post itself shows
//! it. Read from the page's HTML as it was parsed, because the rules
//! remove the evidence (a platform's view pixel, its feed footer) before
//! the rules that need the answer run; and only when a rule asks, because
//! few pages raise the question.
//!
//! Only Medium for now: a Medium publication may be served on its own
//! domain, and its links there carry Medium's `source` parameter, which
//! only tracks.

use memchr::memmem;

use crate::page::services::MEDIUM_IMAGE_HOSTS;

/// Where a post was published, as far as the rules need to know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Platform {
    /// Nothing known.
    #[default]
    Unknown,
    /// Medium, on medium.com or on a publication's own domain.
    Medium,
}

/// The phrase of the footer Medium appends to a feed item, and the words
/// that close it: "… was originally published in Pub on Medium, where …".
const MEDIUM_FOOTER: (&str, &str) = ("was originally published in", " on Medium");

/// Medium's view-counting pixel.
const MEDIUM_PIXEL: &str = "medium.com/_/stat";

/// Recognises the platform of the post whose HTML is `html`.
///
/// A Medium post shows images served from Medium's image hosts (an
/// address starting `//cdn-images-1.medium.com/` or `//miro.medium.com/`,
/// not a proxy's copy of one), Medium's view pixel (`medium.com/_/stat`),
/// or the footer Medium appends to feed items ("… was originally
/// published in … on Medium").
pub(crate) fn recognise(html: &str) -> Platform {
    let bytes = html.as_bytes();
    let found = |needle: &str| memmem::find(bytes, needle.as_bytes()).is_some();
    // Medium's hosts all end in "medium.com": a page without it is
    // searched once more, for the footer's rarer half.
    let hosted = found("medium.com")
        && (found(MEDIUM_PIXEL)
            || MEDIUM_IMAGE_HOSTS
                .iter()
                .any(|host| found(&format!("//{host}/"))));
    let footer = || found(MEDIUM_FOOTER.1) && found(MEDIUM_FOOTER.0);
    if hosted || footer() {
        Platform::Medium
    } else {
        Platform::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_medium_post_is_known_by_its_images_pixel_or_footer() {
        for html in [
            r#"<p>Text.</p><figure><img src="https://cdn-images-1.medium.com/max/1024/1*x.png"></figure>"#,
            r#"<p>Text.</p><img data-src="https://miro.medium.com/max/700/1*x.jpeg" src="data:,">"#,
            r#"<p>Text.</p><img src="https://medium.com/_/stat?event=post.clientViewed" width="1" height="1">"#,
            r#"<p>Text.</p><p><a href="https://pub.example/a-1">A</a> was originally published in <a href="https://pub.example">Pub</a> on Medium, where people are continuing the conversation.</p>"#,
        ] {
            assert_eq!(recognise(html), Platform::Medium, "{html}");
        }
    }

    #[test]
    fn other_posts_are_not_medium_posts() {
        for html in [
            "<p>Text.</p>",
            // A Medium image copied by a proxy, a link to a Medium post, a
            // path that names Medium.
            r#"<p>Text.</p><img src="https://i0.wp.com/cdn-images-1.medium.com/max/800/x.png">"#,
            r#"<p>See <a href="https://medium.com/@a/b-1">this post</a> on Medium.</p>"#,
            r#"<p>Read <a href="https://news.example/medium/wsj?source=https://x.example/a">it</a>.</p>"#,
        ] {
            assert_eq!(recognise(html), Platform::Unknown, "{html}");
        }
    }
}
