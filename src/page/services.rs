//! Web services recognised by the URLs that point at them: the share and
//! bookmark endpoints of the older social web, donation and payment pages,
//! and the hosts whose own link parameters only track (YouTube's `si`,
//! Medium's `source`). Knowledge of URLs only: the rules decide what a
//! link to one of them means where it sits.

use crate::dom::NodeRef;
use crate::page::names::Names;

/// Share and bookmark endpoints not in the share-button list of the
/// `widgets` rule: the social bookmarking services of the older web
/// (del.icio.us, Google Bookmarks, Digg, StumbleUpon, Technorati, Yahoo and
/// Windows Live favourites, ...) and the read-later and re-blog services
/// that took their place. `(host, path prefix)`: the host matches itself
/// and its subdomains, the path prefix ignoring ASCII case. A link here
/// carries the article's own address to the service; it is never content.
const BOOKMARK_ENDPOINTS: &[(&str, &str)] = &[
    ("del.icio.us", "/post"),
    ("delicious.com", "/save"),
    ("delicious.com", "/post"),
    ("google.com", "/bookmarks/mark"),
    ("digg.com", "/submit"),
    ("stumbleupon.com", "/submit"),
    ("technorati.com", "/faves"),
    ("myweb2.search.yahoo.com", "/myresults/bookmarklet"),
    ("bookmarks.yahoo.com", "/toolbar/savebm"),
    ("buzz.yahoo.com", "/buzz"),
    ("favorites.live.com", "/quickadd"),
    ("newsvine.com", "/_tools/seed"),
    ("furl.net", "/storeit"),
    ("ma.gnolia.com", "/bookmarklet/add"),
    ("slashdot.org", "/bookmark.pl"),
    ("mixx.com", "/submit"),
    ("friendfeed.com", "/share"),
    ("blogger.com", "/blog-this"),
    ("blogger.com", "/blog_this"),
    ("tumblr.com", "/share"),
    ("tumblr.com", "/widgets/share"),
    ("vk.com", "/share.php"),
    ("getpocket.com", "/save"),
    ("getpocket.com", "/edit"),
    ("instapaper.com", "/hello2"),
    ("buffer.com", "/add"),
    ("bufferapp.com", "/add"),
    ("news.ycombinator.com", "/submitlink"),
];

/// [`BOOKMARK_ENDPOINTS`] with the last two labels of each host (`digg.com`
/// of `digg.com`, `yahoo.com` of `bookmarks.yahoo.com`): a link's host is
/// compared with an endpoint's only when their last two labels are alike,
/// which their lengths alone rule out for most.
static BOOKMARK_SITES: std::sync::LazyLock<Vec<(&str, &str, &str)>> =
    std::sync::LazyLock::new(|| {
        BOOKMARK_ENDPOINTS
            .iter()
            .map(|&(host, path)| (last_two_labels(host), host, path))
            .collect()
    });

/// True if `href` is a bookmark or share endpoint of [`BOOKMARK_ENDPOINTS`].
pub(crate) fn is_bookmark_href(href: &str) -> bool {
    let Some((host, path)) = host_and_path(href) else {
        return false;
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    let site = last_two_labels(host);
    BOOKMARK_SITES.iter().any(|&(s, h, p)| {
        s.len() == site.len()
            && s.eq_ignore_ascii_case(site)
            && host_is(host, h)
            && starts_with_ignoring_case(path, p)
    })
}

/// The last two labels of a host (all of it if it has fewer).
fn last_two_labels(host: &str) -> &str {
    let b = host.as_bytes();
    let start = b
        .iter()
        .rposition(|&c| c == b'.')
        .and_then(|dot| b[..dot].iter().rposition(|&c| c == b'.'))
        .map_or(0, |dot| dot + 1);
    &host[start..]
}

/// True if a link goes to a bookmark or share endpoint.
pub(crate) fn is_bookmark_link(a: &NodeRef) -> bool {
    a.with_attr("href", is_bookmark_href).unwrap_or(false)
}

/// Hosts whose every page takes donations or sells support: a link there
/// that wraps only an image is a donation button.
const DONATION_HOSTS: &[&str] = &[
    "patreon.com",
    "ko-fi.com",
    "buymeacoffee.com",
    "liberapay.com",
    "opencollective.com",
    "paypal.me",
    "donorbox.org",
];

/// PayPal's button and donation pages, `(host, path prefix)`: the
/// `cgi-bin/webscr?cmd=_s-xclick` of a hosted button, `/donate`.
const PAYMENT_PAGES: &[(&str, &str)] =
    &[("paypal.com", "/cgi-bin/webscr"), ("paypal.com", "/donate")];

/// True if `href` goes to a donation or payment page.
pub(crate) fn is_donation_href(href: &str) -> bool {
    let Some((host, path)) = host_and_path(href) else {
        return false;
    };
    DONATION_HOSTS.iter().any(|h| host_is(host, h))
        || PAYMENT_PAGES
            .iter()
            .any(|(h, p)| host_is(host, h) && starts_with_ignoring_case(path, p))
}

/// True if a link goes to a donation or payment page or is named after a
/// donation: `names`, what its names say (the page facts know), has
/// [`Names::DONATION`].
pub(crate) fn is_donation_link(a: &NodeRef, names: Names) -> bool {
    a.with_attr("href", is_donation_href).unwrap_or(false) || names.has(Names::DONATION)
}

/// True for medium.com and its subdomains (a writer's `name.medium.com`).
pub(crate) fn is_medium_host(host: &str) -> bool {
    host_is(host, "medium.com")
}

/// The hosts Medium serves a post's images from.
pub(crate) const MEDIUM_IMAGE_HOSTS: &[&str] = &["cdn-images-1.medium.com", "miro.medium.com"];

/// True for YouTube's hosts, the short-link and no-cookie ones included.
fn is_youtube_host(host: &str) -> bool {
    ["youtube.com", "youtu.be", "youtube-nocookie.com"]
        .iter()
        .any(|h| host_is(host, h))
}

/// True if parameter `key` of a link to `host` only tracks how the link
/// was shared: YouTube's share id `si` (its `t`, a start time, means
/// something and stays) and Medium's `source` (`rss-…`,
/// `collection_home…`) on Medium's own hosts. A Medium publication on its
/// own domain is known from the post, not the host: see
/// [`crate::page::platform`].
pub(crate) fn is_service_tracking(host: &str, key: &str) -> bool {
    match key {
        "si" => is_youtube_host(host),
        "source" => is_medium_host(host),
        _ => false,
    }
}

/// The parameters [`is_service_tracking`] may take: one of them must be a
/// link's key before its host need be found.
pub(crate) fn may_be_service_tracking(key: &str) -> bool {
    matches!(key, "si" | "source")
}

/// The host and path of an absolute (or scheme-relative) URL, as written:
/// no user, no port, the path up to its query or fragment. `None` for a
/// relative URL. Read byte by byte: it runs for every link of a page.
pub(crate) fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let url = url.trim();
    let b = url.as_bytes();
    let scheme_len = b
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
        .filter(|&i| i > 0 && b[i] == b':' && b[0].is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let rest = url[scheme_len..].strip_prefix("//")?;
    let end = rest
        .bytes()
        .position(|c| matches!(c, b'/' | b'?' | b'#' | b'\\'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = match authority.bytes().rposition(|c| c == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = match host.bytes().rposition(|c| c == b':') {
        Some(colon) if !host.ends_with(']') => &host[..colon],
        _ => host,
    };
    let path = &rest[end..];
    let path_end = path
        .bytes()
        .position(|c| matches!(c, b'?' | b'#'))
        .unwrap_or(path.len());
    Some((host, &path[..path_end]))
}

/// True if `host` is `domain` or a subdomain of it, ignoring ASCII case
/// (and a trailing dot).
pub(crate) fn host_is(host: &str, domain: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let Some(start) = host.len().checked_sub(domain.len()) else {
        return false;
    };
    host.as_bytes()[start..].eq_ignore_ascii_case(domain.as_bytes())
        && (start == 0 || host.as_bytes()[start - 1] == b'.')
}

fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_paths_are_read_as_a_url_parser_reads_them() {
        for (url, want) in [
            (
                "https://www.Google.com/bookmarks/mark?op=add",
                Some(("www.Google.com", "/bookmarks/mark")),
            ),
            (
                "http://del.icio.us/post?url=x",
                Some(("del.icio.us", "/post")),
            ),
            ("//digg.com/submit#x", Some(("digg.com", "/submit"))),
            (
                "https://user:pw@ko-fi.com:443/name",
                Some(("ko-fi.com", "/name")),
            ),
            (" https://youtu.be?si=1 ", Some(("youtu.be", ""))),
            ("https://[::1]/x", Some(("[::1]", "/x"))),
            ("/relative/path?x=//y", None),
            ("relative?next=https://del.icio.us/post", None),
            ("mailto:a@b.c", None),
        ] {
            assert_eq!(host_and_path(url), want, "{url}");
            if let (Some((host, _)), Ok(parsed)) = (want, url::Url::parse(url.trim())) {
                assert_eq!(
                    Some(host.to_ascii_lowercase().as_str()),
                    parsed.host_str(),
                    "{url}"
                );
            }
        }
    }

    #[test]
    fn the_site_lookup_finds_what_the_plain_search_finds() {
        let plain = |href: &str| {
            host_and_path(href).is_some_and(|(host, path)| {
                BOOKMARK_ENDPOINTS
                    .iter()
                    .any(|(h, p)| host_is(host, h) && starts_with_ignoring_case(path, p))
            })
        };
        let mut hrefs = Vec::new();
        for (host, path) in BOOKMARK_ENDPOINTS {
            for h in [
                host.to_string(),
                host.to_ascii_uppercase(),
                format!("www.{host}"),
                format!("{host}."),
                format!("x{host}"),
                host[1..].to_string(),
                format!("{host}.example"),
            ] {
                for p in [
                    path.to_string(),
                    path.to_ascii_uppercase(),
                    path[..path.len() - 1].to_string(),
                ] {
                    hrefs.push(format!("https://{h}{p}?url=x"));
                }
            }
        }
        let mut found = 0;
        for href in &hrefs {
            assert_eq!(is_bookmark_href(href), plain(href), "{href}");
            found += usize::from(plain(href));
        }
        assert!(found > BOOKMARK_ENDPOINTS.len() * 4, "{found}");
        assert_eq!(last_two_labels("a.b.c"), "b.c");
        assert_eq!(last_two_labels("b.c"), "b.c");
        assert_eq!(last_two_labels("localhost"), "localhost");
    }

    #[test]
    fn hosts_match_themselves_and_their_subdomains_only() {
        assert!(host_is("medium.com", "medium.com"));
        assert!(host_is("hulitw.Medium.com", "medium.com"));
        assert!(host_is("medium.com.", "medium.com"));
        assert!(!host_is("notmedium.com", "medium.com"));
        assert!(!host_is("medium.com.example", "medium.com"));
        assert!(!host_is("com", "medium.com"));
    }

    #[test]
    fn recognises_old_bookmark_endpoints() {
        for href in [
            "http://del.icio.us/post?url=https://blog.example/a&title=A",
            "https://www.google.com/bookmarks/mark?op=add&bkmk=https%3A//blog.example/a",
            "http://digg.com/submit?phase=2&url=x",
            "http://www.stumbleupon.com/submit?url=x",
            "http://technorati.com/faves?add=x",
            "http://myweb2.search.yahoo.com/myresults/bookmarklet?u=x",
            "https://favorites.live.com/quickadd.aspx?url=x",
            "HTTPS://WWW.GOOGLE.COM/BOOKMARKS/MARK?op=add",
        ] {
            assert!(is_bookmark_href(href), "{href}");
        }
        for href in [
            "https://www.google.com/search?q=bookmarks",
            "https://digg.com/2020/a-story",
            "https://blog.example/post/del.icio.us/post",
            "/bookmarks/mark",
            "https://notdigg.com/submit",
        ] {
            assert!(!is_bookmark_href(href), "{href}");
        }
    }

    #[test]
    fn recognises_donation_and_payment_pages() {
        for href in [
            "https://www.paypal.com/cgi-bin/webscr?cmd=_s-xclick&hosted_button_id=X",
            "https://www.paypal.com/donate?hosted_button_id=X",
            "https://paypal.me/somebody",
            "https://www.patreon.com/somebody",
            "https://ko-fi.com/somebody",
            "https://www.buymeacoffee.com/somebody",
            "https://liberapay.com/somebody/donate",
            "https://opencollective.com/project",
        ] {
            assert!(is_donation_href(href), "{href}");
        }
        for href in [
            "https://www.paypal.com/us/home",
            "https://blog.example/patreon.com",
            "/support",
        ] {
            assert!(!is_donation_href(href), "{href}");
        }
    }

    #[test]
    fn service_parameters_track_only_on_their_service() {
        assert!(is_service_tracking("youtu.be", "si"));
        assert!(is_service_tracking("www.youtube.com", "si"));
        assert!(is_service_tracking("m.youtube.com", "si"));
        assert!(!is_service_tracking("youtu.be", "t"));
        assert!(!is_service_tracking("shop.example", "si"));
        assert!(is_service_tracking("medium.com", "source"));
        assert!(is_service_tracking("writer.medium.com", "source"));
        assert!(!is_service_tracking("www.google.com", "source"));
        for key in ["si", "source", "t", "v", "sou"] {
            let any = ["youtu.be", "medium.com", "a.example"]
                .iter()
                .any(|h| is_service_tracking(h, key));
            assert_eq!(may_be_service_tracking(key), any, "{key}");
        }
    }
}
