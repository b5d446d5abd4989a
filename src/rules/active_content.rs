//! The `active-content` rule, [`ActiveContent`]: what it does and why is on the type.

use url::Url;

use crate::dom::{Document, NodeRef, Verdict};
use crate::error::RuleError;
use crate::html::tags::ACTIVE;
use crate::rule::{Context, Rule};

/// Removes scripts, styles, forms and non-video embeds.
///
/// `active-content`: everything that runs or asks for input rather than
/// reads: scripts, styles, forms and their controls, HTML comments,
/// `<template>`, plugin objects, and iframes. Embedded videos from known
/// players are real content, so they become a plain link to the video.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActiveContent;

/// Hosts of players whose embed links to the video as `/embed/ID`.
const YOUTUBE_HOSTS: &[&str] = &["youtube.com", "youtube-nocookie.com", "m.youtube.com"];

/// Host of the player whose embed links to the video as `/video/ID`.
const VIMEO_HOST: &str = "player.vimeo.com";

/// Hosts of players whose embed is linked as it is.
const PLAYER_HOSTS: &[&str] = &[
    "player.bilibili.com",
    "dailymotion.com",
    "geo.dailymotion.com",
    "player.youku.com",
    "v.qq.com",
    "facebook.com",
    "players.brightcove.net",
    "video.twimg.com",
    "streamable.com",
    "ted.com",
    "embed.ted.com",
    "w.soundcloud.com",
    "open.spotify.com",
    "cdn.embedly.com",
];

/// False if the URL `src` names (trimmed, as `video_link` joins it) cannot
/// have a video player's host, whatever the base: the question that lets
/// most embeds go without parsing their URL.
///
/// A source starting `http://`, `https://` or `//` takes its host from its
/// authority, the part after those slashes (and any more) up to the path,
/// query or fragment. Where that part is ASCII without `%`, and the source
/// has no tab or line break (which a parser drops wherever they are), the
/// host is a piece of it, lower-cased; a player's host is at the end of
/// that host (`www.` aside), so the authority holds it. Other sources are
/// never ruled out.
fn may_name_player(src: &str) -> bool {
    match authority_of(src) {
        Some(authority) => {
            !authority.is_ascii() || authority.contains('%') || holds_player_host(authority)
        }
        None => true,
    }
}

/// The authority of a source starting `http://`, `https://` or `//` (any
/// case) with no tab or line break in it; see [`may_name_player`].
fn authority_of(src: &str) -> Option<&str> {
    if src.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        return None;
    }
    let start = ["http://", "https://", "//"].iter().find_map(|prefix| {
        let head = src.as_bytes().get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix.as_bytes())
            .then_some(prefix.len())
    })?;
    let rest = src[start..].trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// True if `s`, lower-cased, holds a player's host, found as
/// `s.to_ascii_lowercase().contains(host)` would find it: a host can only
/// sit with its last dot on a dot of `s`, and with the bytes either side
/// of that dot matching its own, so only the rare places where they do are
/// compared.
fn holds_player_host(s: &str) -> bool {
    let s = s.as_bytes();
    memchr::memchr_iter(b'.', s).any(|dot| {
        let (Some(before), Some(after)) = (dot.checked_sub(1).map(|i| s[i]), s.get(dot + 1)) else {
            return false;
        };
        let around = [before.to_ascii_lowercase(), after.to_ascii_lowercase()];
        ANCHORED_HOSTS.iter().any(|a| {
            a.around == around
                && dot
                    .checked_sub(a.dot)
                    .and_then(|start| s.get(start..start + a.host.len()))
                    .is_some_and(|window| window.eq_ignore_ascii_case(a.host))
        })
    })
}

/// A player's host as [`holds_player_host`] looks for it.
struct AnchoredHost {
    host: &'static [u8],
    /// Offset of the host's last dot.
    dot: usize,
    /// The bytes either side of that dot.
    around: [u8; 2],
}

static ANCHORED_HOSTS: std::sync::LazyLock<Vec<AnchoredHost>> = std::sync::LazyLock::new(|| {
    player_hosts()
        .filter_map(|host| {
            let dot = host.rfind('.')?;
            let host = host.as_bytes();
            let around = [*host.get(dot.checked_sub(1)?)?, *host.get(dot + 1)?];
            Some(AnchoredHost { host, dot, around })
        })
        .collect()
});

fn player_hosts() -> impl Iterator<Item = &'static str> {
    YOUTUBE_HOSTS
        .iter()
        .chain([&VIMEO_HOST])
        .chain(PLAYER_HOSTS)
        .copied()
}

/// The most bytes resolving a video's source against the base URL may add
/// to the link made from it: a scheme and a short base, not a long path.
const MAX_LINK_GROWTH: usize = 16;

/// The page a video embed or file plays, as a link target; `None` for other embeds.
pub(crate) fn video_link(el: &NodeRef, base: Option<&Url>) -> Option<String> {
    let media = el.is("video") || el.is("audio");
    let src = if media {
        el.attr("src").or_else(|| {
            el.descendants()
                .find(|n| n.is("source"))
                .and_then(|s| s.attr("src"))
        })?
    } else {
        el.attr("src")
            .or_else(|| el.attr("data"))
            .or_else(|| el.attr("data-src"))?
    };
    let src = src.trim();
    // An embed whose URL can have no player's host is no video, parsed
    // or not.
    if !media && !may_name_player(src) {
        return None;
    }
    let url = match base {
        Some(b) => b.join(src).ok()?,
        None => Url::parse(src).ok()?,
    };
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    // A source relative to the page's path links as written, and is
    // resolved with the output's other URLs, within their budget: joined
    // here, a long base URL would be copied into every link (twice, with
    // its text). A `//host/...` source only gains its scheme.
    let relative = url.as_str().len() > src.len() + MAX_LINK_GROWTH;
    let link = |url: &Url| {
        if relative {
            src.to_string()
        } else {
            url.to_string()
        }
    };
    if media {
        return Some(link(&url));
    }
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let path = url.path();
    match host.as_str() {
        h if relative => player_hosts().any(|p| p == h).then(|| link(&url)),
        h if YOUTUBE_HOSTS.contains(&h) => {
            let id = path.strip_prefix("/embed/")?.split('/').next()?;
            (!id.is_empty() && id != "videoseries")
                .then(|| format!("https://www.youtube.com/watch?v={id}"))
                .or_else(|| Some(url.to_string()))
        }
        VIMEO_HOST => {
            let id = path.strip_prefix("/video/")?;
            Some(format!("https://vimeo.com/{id}"))
        }
        h if PLAYER_HOSTS.contains(&h) => Some(url.to_string()),
        _ => None,
    }
}

impl Rule for ActiveContent {
    fn name(&self) -> &str {
        super::ACTIVE_CONTENT
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let mut videos = Vec::new();
        // Parents of comments, found on the walk (every element that stays
        // is kept by it) rather than on a second pass over the tree.
        let body = doc.body();
        let mut comment_parents: Vec<NodeRef> = Vec::new();
        if has_comment(&body) {
            comment_parents.push(body);
        }
        doc.walk(|_, el| {
            let Some(tag) = el.tag() else {
                return Verdict::Keep;
            };
            if el.is_in(ACTIVE) {
                return Verdict::Remove;
            }
            if matches!(tag, "iframe" | "embed" | "object" | "video" | "audio") {
                if let Some(link) = video_link(el, cx.base_url()) {
                    videos.push((el.clone(), link));
                    return Verdict::Skip;
                }
                return Verdict::Remove;
            }
            if has_comment(el) {
                comment_parents.push(el.clone());
            }
            Verdict::Keep
        });
        for (el, link) in videos {
            let p = doc.new_element("p");
            let a = doc.new_element("a");
            doc.set_attr(&a, "href", &link);
            let text = doc.new_text(&link);
            doc.append(&a, &text);
            doc.append(&p, &a);
            doc.replace(&el, &p);
        }
        remove_comments(doc, comment_parents);
        Ok(())
    }
}

/// True if an element has a comment among its children.
fn has_comment(n: &NodeRef) -> bool {
    n.is_element() && n.has_child_of_kind(crate::dom::NodeKind::Comment)
}

/// HTML comments (including Word's conditional comments) carry no
/// content: removes those of `parents`.
fn remove_comments(doc: &mut Document, parents: Vec<NodeRef>) {
    for parent in parents {
        let kept = parent
            .children()
            .into_iter()
            .filter(|c| c.kind() != crate::dom::NodeKind::Comment)
            .collect();
        doc.replace_children(&parent, kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;
    use crate::rules::tests::apply;

    #[test]
    fn removes_scripts_styles_forms_and_comments() {
        let html = r#"<p>a<!-- c --></p><script>x()</script><style>p{}</style><form><input name=q><button>Go</button></form><iframe src="https://ads.example.net/frame"></iframe><p>b</p>"#;
        let (out, _) = apply(&ActiveContent, html);
        assert_eq!(out, "<p>a</p><p>b</p>");
    }

    #[test]
    fn comments_go_at_every_depth_the_walk_keeps() {
        let html = r#"<!-- top --><div><!-- d --><p>x<!-- a --><em>y<!-- e --></em></p><form><!-- f --></form></div><table><tr><td>1<!-- b --></td></tr></table><p>z</p><!-- end -->"#;
        let (out, _) = apply(&ActiveContent, html);
        assert_eq!(
            out,
            "<div><p>x<em>y</em></p></div><table><tbody><tr><td>1</td></tr></tbody></table><p>z</p>"
        );
    }

    /// `video_link` written plainly, parsing every source.
    fn plain_video_link(el: &NodeRef, base: Option<&Url>) -> Option<String> {
        let src = if el.is("video") || el.is("audio") {
            el.attr("src").or_else(|| {
                el.descendants()
                    .find(|n| n.is("source"))
                    .and_then(|s| s.attr("src"))
            })?
        } else {
            el.attr("src")
                .or_else(|| el.attr("data"))
                .or_else(|| el.attr("data-src"))?
        };
        let src = src.trim();
        let url = match base {
            Some(b) => b.join(src).ok()?,
            None => Url::parse(src).ok()?,
        };
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let relative = url.as_str().len() > src.len() + MAX_LINK_GROWTH;
        if el.is("video") || el.is("audio") {
            return Some(if relative {
                src.to_string()
            } else {
                url.to_string()
            });
        }
        let host = url
            .host_str()?
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        let path = url.path();
        if relative {
            return player_hosts().any(|p| p == host).then(|| src.to_string());
        }
        match host.as_str() {
            "youtube.com" | "youtube-nocookie.com" | "m.youtube.com" => {
                let id = path.strip_prefix("/embed/")?.split('/').next()?;
                (!id.is_empty() && id != "videoseries")
                    .then(|| format!("https://www.youtube.com/watch?v={id}"))
                    .or_else(|| Some(url.to_string()))
            }
            "player.vimeo.com" => {
                let id = path.strip_prefix("/video/")?;
                Some(format!("https://vimeo.com/{id}"))
            }
            "player.bilibili.com"
            | "dailymotion.com"
            | "geo.dailymotion.com"
            | "player.youku.com"
            | "v.qq.com"
            | "facebook.com"
            | "players.brightcove.net"
            | "video.twimg.com"
            | "streamable.com"
            | "ted.com"
            | "embed.ted.com"
            | "w.soundcloud.com"
            | "open.spotify.com"
            | "cdn.embedly.com" => Some(url.to_string()),
            _ => None,
        }
    }

    #[test]
    fn embeds_ruled_out_unparsed_are_those_parsing_rules_out() {
        let hosts: Vec<&str> = player_hosts().collect();
        // Each player's host written every way a parser still reads as
        // it, cut short, and hidden behind other hosts.
        let mut srcs: Vec<String> = Vec::new();
        for host in &hosts {
            let upper = host.to_ascii_uppercase();
            let encoded = host.replacen('.', "%2E", 1);
            let tabbed = format!("{}\t{}", &host[..2], &host[2..]);
            let broken = format!("{}\n{}", &host[..1], &host[1..]);
            let returned = format!("{}\r{}", &host[..3], &host[3..]);
            let wide: String = host
                .chars()
                .map(|c| match c {
                    'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0xff41).unwrap_or(c),
                    '.' => '\u{3002}',
                    c => c,
                })
                .collect();
            for h in [
                host.to_string(),
                upper,
                encoded,
                tabbed,
                broken,
                returned,
                wide,
            ] {
                for form in [
                    "https://{h}/embed/abc",
                    "https:///{h}/embed/abc",
                    "https:/{h}/embed/abc",
                    "HTTPS:\\{h}/embed/abc",
                    "//{h}/embed/abc",
                    "///\\{h}/embed/abc",
                    "https://\\/{h}/embed/abc",
                    "https://example.com/%E4%B8%AD/{h}/embed/x",
                    "https://{h}%2F/embed/x",
                    "//www.{h}/video/123",
                    "HTTP://WWW.www.{h}:8080/embed/x?y=1",
                    "https:\\\\{h}\\embed\\q",
                    "https://user@{h}/embed/u",
                    "https://{h}@other.example/embed/v",
                    "http:{h}/embed/w",
                    " \t https://{h}/embed/t \n",
                    "https://{h}./embed/d",
                ] {
                    srcs.push(form.replace("{h}", &h));
                }
            }
            srcs.push(format!("https://{}/embed/x", &host[1..]));
            srcs.push(format!("https://{}/embed/x", &host[..host.len() - 1]));
        }
        srcs.extend(
            [
                "",
                "/embed/abc",
                "embed/abc",
                "?v=1",
                "https://ads.example.net/frame",
                "https://xn--youtube-9ta.com/embed/a",
                "javascript:alert(1)",
                "data:text/html,hi",
                "https://vimeo.com/1",
                "https:/example.com/embed/x",
                "http:/example.com/embed/x",
                "https:example.com/embed/x",
            ]
            .map(String::from),
        );
        let bases: Vec<Option<Url>> = [
            None,
            Some("https://www.example.com/news/1"),
            Some("https://www.youtube.com/watch?v=1"),
            Some("http://player.vimeo.com/x"),
            Some("https://WWW.TED.COM/talks"),
        ]
        .iter()
        .map(|b| b.map(|b| Url::parse(b).unwrap()))
        .collect();
        let mut videos = 0;
        for tag in ["iframe", "embed", "object"] {
            for src in &srcs {
                let attr = if tag == "object" { "data" } else { "src" };
                let html = format!("<{tag} {attr}=\"{}\"></{tag}>", src.replace('"', "&quot;"));
                let doc = Document::parse(&html);
                let el = doc.body().first_child().unwrap();
                for base in &bases {
                    let base = base.as_ref();
                    let parsed = plain_video_link(&el, base);
                    assert_eq!(video_link(&el, base), parsed, "{src:?} on {base:?}");
                    videos += usize::from(parsed.is_some());
                }
            }
        }
        // The parser does take most of those spellings for players.
        assert!(videos > 1000, "{videos}");
    }

    #[test]
    fn every_player_host_is_anchored_and_lower_case() {
        assert_eq!(ANCHORED_HOSTS.len(), player_hosts().count());
        for host in player_hosts() {
            assert_eq!(host, host.to_ascii_lowercase(), "{host}");
        }
    }

    #[test]
    fn player_hosts_are_found_as_lower_casing_finds_them() {
        let plain = |s: &str| {
            let lower = s.to_ascii_lowercase();
            player_hosts().any(|h| lower.contains(h))
        };
        let mut texts: Vec<String> = Vec::new();
        for host in player_hosts() {
            let upper = host.to_ascii_uppercase();
            texts.extend([
                host.to_string(),
                format!("https://www.{upper}/embed/x"),
                format!("..{host}."),
                host[1..].to_string(),
                host[..host.len() - 1].to_string(),
                format!("{}.{}", &host[..2], &host[2..]),
            ]);
        }
        texts.extend(crate::testing::all_strings(&['.', 'v', 'Q', 'q', '/'], 6));
        for t in &texts {
            assert_eq!(holds_player_host(t), plain(t), "{t:?}");
        }
        // What the parser drops or decodes is never ruled out.
        for (i, c) in ['\t', '\n', '\r'].into_iter().enumerate() {
            let host = format!("you{c}tube.com");
            let url = Url::parse(&format!("https://{host}/embed/{i}")).unwrap();
            assert_eq!(url.host_str(), Some("youtube.com"));
            assert!(may_name_player(&host), "{host:?}");
        }
        for src in [
            "https://youtube%2Ecom/embed/x",
            "https://ｙoutube.com/embed/x",
            "https://www.example.com\tyoutube.com/",
            "/embed/x",
            "https:youtube.com",
            "\\\\youtube.com",
        ] {
            assert!(may_name_player(src), "{src:?}");
        }
        for src in [
            "https://www.example.com/%E4%B8%AD/youtube.com/embed/x",
            "//ads.example.net/x?u=https://youtube.com",
            "HTTPS:///\\example.com#youtube.com",
        ] {
            assert!(!may_name_player(src), "{src:?}");
        }
    }

    #[test]
    fn video_embeds_become_links() {
        let html = r#"<p>a</p><iframe src="https://www.youtube.com/embed/AbC123?rel=0" width="560"></iframe><video controls><source src="/media/clip.mp4"></video>"#;
        let (out, _) = apply(&ActiveContent, html);
        assert_eq!(
            out,
            r#"<p>a</p><p><a href="https://www.youtube.com/watch?v=AbC123">https://www.youtube.com/watch?v=AbC123</a></p><p><a href="/media/clip.mp4">/media/clip.mp4</a></p>"#
        );
        // The relative source is resolved in the HTML output, with the
        // other links.
        let cleaned = crate::Cleaner::builder()
            .no_default_rules()
            .rule(ActiveContent)
            .base_url("https://www.example.com/news/1")
            .build()
            .unwrap()
            .clean(html)
            .unwrap();
        assert!(
            cleaned
                .html()
                .contains(r#"<a href="https://www.example.com/media/clip.mp4" rel="noopener noreferrer">/media/clip.mp4</a>"#),
            "{}",
            cleaned.html()
        );
    }
}
