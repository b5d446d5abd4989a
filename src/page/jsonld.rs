//! Article metadata from JSON-LD (`<script type="application/ld+json">`),
//! the schema.org vocabulary most news and blog pages embed.
//!
//! All JSON handling for page metadata lives here, so that it can be put
//! behind a feature: without it, [`read`] would find nothing and the other
//! sources (meta tags, markup) still apply.
//!
//! What is read: the first object whose `@type` is an article kind
//! (`Article`, `NewsArticle`, `BlogPosting`, `Report`, ...), found at the top
//! level, in a top-level array or in an `@graph`; references by `@id` to
//! other objects of the same page (an author or publisher described once in
//! the graph) are followed. A `WebSite` object's name stands in for the
//! publisher's when the article names none.

use serde_json::Value;

/// What the page's JSON-LD says about its article. Strings are as written
/// (trimmed); the caller unescapes and collapses them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ArticleLd {
    /// `headline`.
    pub headline: Option<String>,
    /// `name`, which some pages fill with the site's name instead.
    pub name: Option<String>,
    /// Names of the `author`s, in order.
    pub authors: Vec<String>,
    /// `datePublished`.
    pub date_published: Option<String>,
    /// `publisher.name`, else the name of a `WebSite` object.
    pub publisher: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `image` (a URL, an `ImageObject`'s `url`, or the first of a list).
    pub image: Option<String>,
    /// `url`, else `mainEntityOfPage` when it is a URL.
    pub url: Option<String>,
}

/// Reads the JSON-LD blocks of a page (the text of each script, in order)
/// and returns the first article found. Blocks that are not valid JSON are
/// skipped.
pub(crate) fn read<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<ArticleLd> {
    let mut nodes: Vec<Value> = Vec::new();
    for block in blocks {
        let text = strip_wrappers(block);
        if text.is_empty() {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            flatten(value, &mut nodes);
        }
    }
    let article = nodes.iter().find(|n| is_article(n))?;
    let graph = Graph { nodes: &nodes };
    let mut ld = ArticleLd {
        headline: string_of(article.get("headline")),
        name: string_of(article.get("name")),
        authors: graph.names(article.get("author")),
        date_published: string_of(article.get("datePublished")),
        publisher: graph.names(article.get("publisher")).into_iter().next(),
        description: string_of(article.get("description")),
        image: graph.image(article.get("image")),
        url: string_of(article.get("url")).or_else(|| string_of(article.get("mainEntityOfPage"))),
    };
    if ld.publisher.is_none() {
        ld.publisher = nodes
            .iter()
            .find(|n| has_type(n, |t| t == "WebSite"))
            .and_then(|n| string_of(n.get("name")));
    }
    Some(ld)
}

/// Removes what pages wrap their JSON in: a CDATA section or an HTML comment.
fn strip_wrappers(block: &str) -> &str {
    let mut text = block.trim();
    for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
        if let Some(inner) = text.strip_prefix(open) {
            text = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    text
}

/// Collects the objects of a block: the block itself, the items of a
/// top-level array, and the items of any `@graph`, in order.
fn flatten(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                flatten(item, out);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn has_type(node: &Value, matches: impl Fn(&str) -> bool) -> bool {
    match node.get("@type") {
        Some(Value::String(t)) => matches(type_name(t)),
        Some(Value::Array(types)) => types
            .iter()
            .any(|t| t.as_str().is_some_and(|t| matches(type_name(t)))),
        _ => false,
    }
}

/// `"https://schema.org/NewsArticle"` and `"schema:NewsArticle"` name the
/// same type as `"NewsArticle"`.
fn type_name(t: &str) -> &str {
    t.rsplit(['/', ':']).next().unwrap_or(t).trim()
}

/// Article kinds of schema.org: `Article` and its subtypes (which all end
/// in `Article`, bar a few), and the posting types.
fn is_article(node: &Value) -> bool {
    has_type(node, |t| {
        t.ends_with("Article") || t.ends_with("Posting") || matches!(t, "Report" | "APIReference")
    })
}

/// A trimmed, non-empty string value.
fn string_of(value: Option<&Value>) -> Option<String> {
    let s = value?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// All the objects of a page, to follow `{"@id": ...}` references.
struct Graph<'a> {
    nodes: &'a [Value],
}

impl Graph<'_> {
    /// The object a value stands for: itself, or the object it references
    /// by `@id` when it has nothing but the reference.
    fn resolve<'v>(&'v self, value: &'v Value) -> &'v Value {
        let Some(map) = value.as_object() else {
            return value;
        };
        match map.get("@id").and_then(Value::as_str) {
            Some(id) if map.len() == 1 => self
                .nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                .unwrap_or(value),
            _ => value,
        }
    }

    /// The names in a `Person`/`Organization` value: a string, an object
    /// with a `name`, or a list of either.
    fn names(&self, value: Option<&Value>) -> Vec<String> {
        let mut out = Vec::new();
        let Some(value) = value else {
            return out;
        };
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let name = match self.resolve(item) {
                Value::String(s) => Some(s.trim().to_string()),
                node @ Value::Object(_) => string_of(node.get("name")),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// An image URL: a string, an `ImageObject`'s `url` (or `contentUrl`),
    /// or the first of a list.
    fn image(&self, value: Option<&Value>) -> Option<String> {
        match self.resolve(value?) {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Array(items) => items.iter().find_map(|i| self.image(Some(i))),
            node @ Value::Object(_) => {
                string_of(node.get("url")).or_else(|| string_of(node.get("contentUrl")))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_article_with_nested_people() {
        let ld = read([r#"{
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": " River levels fall after a dry week ",
            "author": [{"@type": "Person", "name": "Ana Ruiz"}, "Tom Berg", {"name": ""}],
            "publisher": {"@type": "Organization", "name": "The Valley Courier"},
            "datePublished": "2026-03-02T08:00:00Z",
            "image": {"@type": "ImageObject", "url": "https://img.example/river.jpg"}
        }"#])
        .unwrap();
        assert_eq!(
            ld.headline.as_deref(),
            Some("River levels fall after a dry week")
        );
        assert_eq!(ld.authors, ["Ana Ruiz", "Tom Berg"]);
        assert_eq!(ld.publisher.as_deref(), Some("The Valley Courier"));
        assert_eq!(ld.date_published.as_deref(), Some("2026-03-02T08:00:00Z"));
        assert_eq!(ld.image.as_deref(), Some("https://img.example/river.jpg"));
    }

    #[test]
    fn finds_the_article_in_a_graph_and_follows_references() {
        let ld = read([
            "not json at all",
            r##"<!--{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","@id":"#site","name":"Field Notes"},
                {"@type":"Person","@id":"#kim","name":"Kim Lee"},
                {"@type":["BlogPosting"],"name":"Pruning apple trees","author":{"@id":"#kim"},
                 "image":["https://img.example/a.jpg","https://img.example/b.jpg"]}
            ]}-->"##,
        ])
        .unwrap();
        assert_eq!(ld.name.as_deref(), Some("Pruning apple trees"));
        assert_eq!(ld.authors, ["Kim Lee"]);
        assert_eq!(ld.publisher.as_deref(), Some("Field Notes"));
        assert_eq!(ld.image.as_deref(), Some("https://img.example/a.jpg"));
    }

    #[test]
    fn ignores_other_types_and_bad_json() {
        assert_eq!(read([r#"{"@type":"Organization","name":"Shop"}"#]), None);
        assert_eq!(read(["{", "[1, 2]", ""]), None);
        let ld = read([
            r#"[{"@type":"BreadcrumbList"},{"@type":"schema:ReportageNewsArticle","headline":"x"}]"#,
        ]);
        assert_eq!(ld.unwrap().headline.as_deref(), Some("x"));
    }
}
