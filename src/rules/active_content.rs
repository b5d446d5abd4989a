//! `active-content`: everything that runs or asks for input rather than
//! reads: scripts, styles, forms and their controls, HTML comments,
//! `<template>`, plugin objects, and iframes. Embedded videos from known
//! players are real content, so they become a plain link to the video.

use markup5ever_rcdom::{Handle, NodeData};
use url::Url;

use crate::dom::{Document, NodeRef, Verdict};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes scripts, styles, forms and non-video embeds. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct ActiveContent;

/// Elements removed with everything inside them. A `match`: it runs for
/// every element of the page.
fn is_removed(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "label"
            | "fieldset"
            | "link"
            | "meta"
            | "base"
            | "title"
            | "head"
            | "applet"
            | "frame"
            | "frameset"
            | "dialog"
            | "canvas"
            | "map"
            | "area"
            | "param"
            | "track"
            | "menu"
            | "slot"
            | "portal"
            | "xmp"
            | "noembed"
            | "noframes"
            | "plaintext"
    )
}

/// The page a video embed or file plays, as a link target; `None` for other embeds.
pub fn video_link(el: &NodeRef, base: Option<&Url>) -> Option<String> {
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
    if el.is("video") || el.is("audio") {
        return Some(url.to_string());
    }
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let path = url.path();
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

impl Rule for ActiveContent {
    fn name(&self) -> &str {
        "active-content"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let mut videos = Vec::new();
        // Parents of comments, found on the walk (every element that stays
        // is kept by it) rather than on a second pass over the tree.
        let body = doc.body();
        let mut comment_parents: Vec<NodeRef> = Vec::new();
        if has_comment(&body.0) {
            comment_parents.push(body);
        }
        doc.walk(|_, el| {
            let Some(tag) = el.tag() else {
                return Verdict::Keep;
            };
            if is_removed(tag) {
                return Verdict::Remove;
            }
            if matches!(tag, "iframe" | "embed" | "object" | "video" | "audio") {
                if let Some(link) = video_link(el, cx.base_url()) {
                    videos.push((el.clone(), link));
                    return Verdict::Skip;
                }
                return Verdict::Remove;
            }
            if has_comment(&el.0) {
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
fn has_comment(n: &Handle) -> bool {
    matches!(n.data, NodeData::Element { .. })
        && n.children
            .borrow()
            .iter()
            .any(|c| matches!(c.data, NodeData::Comment { .. }))
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

    #[test]
    fn video_embeds_become_links() {
        let html = r#"<p>a</p><iframe src="https://www.youtube.com/embed/AbC123?rel=0" width="560"></iframe><video controls><source src="/media/clip.mp4"></video>"#;
        let (out, _) = apply(&ActiveContent, html);
        assert_eq!(
            out,
            r#"<p>a</p><p><a href="https://www.youtube.com/watch?v=AbC123">https://www.youtube.com/watch?v=AbC123</a></p><p><a href="https://www.example.com/media/clip.mp4">https://www.example.com/media/clip.mp4</a></p>"#
        );
    }
}
