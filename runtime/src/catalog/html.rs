//! [`Catalog::to_html`]: the Markdown page's contents as one self-contained HTML page, with a
//! section per code for problem `type` URIs to point at.

use super::collect::{Catalog, Group};
use super::entry::CatalogEntry;
use super::markdown::{header_name, reason};
use super::response::header_type;
use crate::model::link;
use serde_json::Value;
use std::collections::HashSet;
use std::fmt::Write as _;

/// Inline, so the page needs nothing but itself: no stylesheet, script, font or image to
/// fetch. Wide tables and examples scroll inside their own box, so a phone's page never
/// scrolls sideways.
const STYLE: &str = "\
:root{color-scheme:light;--muted:#5b6470;--line:#d8dde3;--code:#f3f5f7;--mark:#fff6cc}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d2329;background:#fff;-webkit-text-size-adjust:100%}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.2}
h2{font-size:1.4rem;margin-top:2.5rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.15rem;margin:0 0 .5rem;overflow-wrap:anywhere}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875rem}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:3px;overflow-wrap:anywhere}
/* A code in a table stays whole; the list of codes wraps between them. */
td a code{white-space:nowrap;overflow-wrap:normal}
pre{background:var(--code);padding:.75rem;border-radius:6px;overflow-x:auto;line-height:1.4}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
th{white-space:nowrap}
td:nth-child(-n+2){white-space:nowrap}
a{color:#0b5cad}
.error{margin:1.5rem 0;padding:1rem;border:1px solid var(--line);border-radius:8px;scroll-margin-top:.5rem}
.error:target{background:var(--mark);border-color:#d4a300;box-shadow:0 0 0 3px #f1d36b}
.status{color:var(--muted);font-weight:normal;white-space:nowrap}
.variant{color:var(--muted);font-size:.875rem;font-weight:normal}
.badge{display:inline-block;background:#fde2e1;color:#8a1c14;border:1px solid #f2aaa5;border-radius:4px;padding:0 .4rem;font-size:.875rem;font-weight:600}
.deprecated h3 code{text-decoration:line-through}
dl{margin:.5rem 0}
dt{font-weight:600;margin-top:.5rem}
dd{margin:0 0 0 1rem}
.note{color:var(--muted);font-size:.875rem}
/* On a phone a table row is a card: status and code (or name) on one line, the rest below. */
@media (max-width:40rem){
main{padding:.75rem}
thead{display:none}
tr{display:block;padding:.5rem 0;border-bottom:1px solid var(--line)}
td{display:block;border:0;padding:.1rem 0}
td:nth-child(-n+2){display:inline-block;margin-right:.5rem;font-weight:600}
.codes td:nth-child(3)::before{content:\"Message: \";color:var(--muted)}
/* Examples wrap rather than hide their long lines past the screen's edge. */
pre{white-space:pre-wrap;overflow-wrap:anywhere}
}
";

impl Catalog {
    /// The catalog as one self-contained HTML page (inline CSS; no script, font or image to
    /// fetch), readable on a phone: the status summary, then per group a table of its codes
    /// and a section for each code, with its description, message, field, field errors and
    /// example response (headers included).
    ///
    /// Each code's section has the code as its `id`, the fragment
    /// [`CatalogEntry::type_uri`] ends with: serve the page at the path named by
    /// `#[api_error(docs = "...")]`, and a client following an error's `type` lands on the
    /// section that explains it. A code listed twice gets its `id` once, on its first
    /// section. Every text (doc comments, messages, codes, titles) is escaped.
    ///
    /// ```
    /// use errcat::{ApiError, Catalog};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(docs = "/docs/errors")]
    /// enum KeyError {
    ///     /// The bundle has no key with this name.
    ///     #[status(404)]
    ///     #[message("Key '{0}' not found")]
    ///     KeyNotFound(String),
    /// }
    ///
    /// let html = Catalog::new().title("Key errors").group::<KeyError>("Keys").to_html();
    /// assert!(html.starts_with("<!doctype html>"));
    /// assert!(html.contains("<title>Key errors</title>"));
    /// // The problem `type` is `/docs/errors#KEY_NOT_FOUND`: its fragment names the section.
    /// assert_eq!(KeyError::catalog()[0].anchor(), "KEY_NOT_FOUND");
    /// assert!(html.contains(r#"<section class="error" id="KEY_NOT_FOUND">"#));
    /// assert!(html.contains("Key &#39;{0}&#39; not found"));
    /// ```
    pub fn to_html(&self) -> String {
        let title = escape(self.title.as_deref().unwrap_or("Errors"));
        let mut out = String::from(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        );
        let _ = write!(
            out,
            "<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n",
        );
        status_table(&mut out, self);
        let mut ids = HashSet::new();
        for group in &self.groups {
            group_section(&mut out, group, &mut ids);
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// Each status used, its reason phrase and its codes, each linking to its section.
fn status_table(out: &mut String, catalog: &Catalog) {
    out.push_str(
        "<h2>Status codes</h2>\n<div class=\"scroll\"><table>\n\
         <thead><tr><th>Status</th><th>Name</th><th>Codes</th></tr></thead>\n<tbody>\n",
    );
    for (status, codes) in catalog.statuses() {
        let links: Vec<String> = codes.iter().map(|code| code_link(code)).collect();
        let _ = writeln!(
            out,
            "<tr><td>{status}</td><td>{}</td><td>{}</td></tr>",
            reason(status),
            links.join(", ")
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// A group: its table of codes, then a section per entry, by status as the Markdown orders
/// them. `ids` holds the codes whose section is already written.
fn group_section(out: &mut String, group: &Group, ids: &mut HashSet<&'static str>) {
    let _ = write!(
        out,
        "<section class=\"group\">\n<h2>{}</h2>\n<div class=\"scroll\"><table class=\"codes\">\n\
         <thead><tr><th>Status</th><th>Code</th><th>Message</th><th>Description</th></tr></thead>\n<tbody>\n",
        escape(&group.name)
    );
    for entry in &group.entries {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            entry.status,
            code_link(entry.code),
            escape(entry.message),
            summary(entry)
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    // In the table's order, so the sections read as the table lists them.
    for entry in &group.entries {
        entry_section(out, entry, ids.insert(entry.code));
    }
    out.push_str("</section>\n");
}

/// The description cell: the deprecation first, then the doc comment's first paragraph.
fn summary(entry: &CatalogEntry) -> String {
    let mut cell = entry.deprecated.map_or_else(String::new, |deprecation| {
        format!(
            "<span class=\"badge\">{}</span> ",
            inline(&deprecation.label())
        )
    });
    // The first paragraph's text, without a list or code block that follows it.
    let first: Vec<&str> = entry
        .description
        .lines()
        .map(str::trim)
        .take_while(|line| {
            !line.is_empty()
                && !line.starts_with("- ")
                && !line.starts_with("* ")
                && !line.starts_with("```")
        })
        .collect();
    cell.push_str(&inline(&first.join(" ")));
    cell
}

/// One entry's section; `first` when it is its code's first, which gets the code as `id`
/// (ids are unique: a later section of the same code links to the first).
fn entry_section(out: &mut String, entry: &CatalogEntry, first: bool) {
    let class = if entry.deprecated.is_some() {
        "error deprecated"
    } else {
        "error"
    };
    let _ = write!(out, "<section class=\"{class}\"");
    if first {
        let _ = write!(out, " id=\"{}\"", escape(entry.code));
    }
    let _ = writeln!(
        out,
        ">\n<h3><code>{}</code> <span class=\"status\">{} {}</span> <span class=\"variant\">({})</span></h3>",
        escape(entry.code),
        entry.status,
        reason(entry.status),
        escape(entry.variant)
    );
    if !first {
        let _ = writeln!(
            out,
            "<p class=\"note\">The same code as <a href=\"#{}\">above</a>, answered here too.</p>",
            escape(&entry.anchor())
        );
    }
    if let Some(deprecation) = entry.deprecated {
        let _ = writeln!(
            out,
            "<p><span class=\"badge\">{}</span></p>",
            inline(&deprecation.label())
        );
    }
    description(out, entry.description);
    facts(out, entry);
    example(out, entry);
    out.push_str("</section>\n");
}

/// A doc comment as HTML: paragraphs, `- ` lists and fenced code blocks, the Markdown doc
/// comments use most; any other Markdown shows as the text it is.
fn description(out: &mut String, text: &str) {
    let mut block = Block::default();
    let mut fence: Option<Vec<&str>> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(code) = &mut fence {
            if trimmed.starts_with("```") {
                let _ = writeln!(out, "<pre><code>{}</code></pre>", escape(&code.join("\n")));
                fence = None;
            } else {
                code.push(line);
            }
        } else if trimmed.starts_with("```") {
            block.flush(out);
            fence = Some(Vec::new());
        } else if trimmed.is_empty() {
            block.flush(out);
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !block.paragraph.is_empty() {
                block.flush(out);
            }
            block.items.push(item.to_owned());
        } else if let Some(item) = block.items.last_mut().filter(|_| line.starts_with(' ')) {
            // An item's continued line.
            item.push(' ');
            item.push_str(trimmed);
        } else {
            if !block.items.is_empty() {
                block.flush(out);
            }
            block.paragraph.push(trimmed);
        }
    }
    if let Some(code) = fence {
        // An unclosed fence: its lines are code all the same.
        let _ = writeln!(out, "<pre><code>{}</code></pre>", escape(&code.join("\n")));
    }
    block.flush(out);
}

/// The paragraph or list a doc comment is in the middle of.
#[derive(Default)]
struct Block<'a> {
    paragraph: Vec<&'a str>,
    items: Vec<String>,
}

impl Block<'_> {
    fn flush(&mut self, out: &mut String) {
        if !self.paragraph.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(&self.paragraph.join(" ")));
            self.paragraph.clear();
        }
        if !self.items.is_empty() {
            out.push_str("<ul>");
            for item in self.items.drain(..) {
                let _ = write!(out, "<li>{}</li>", inline(&item));
            }
            out.push_str("</ul>\n");
        }
    }
}

/// The message template, the field it points at and the field errors it lists.
fn facts(out: &mut String, entry: &CatalogEntry) {
    let _ = write!(
        out,
        "<dl>\n<dt>Message</dt><dd><code>{}</code></dd>\n",
        escape(entry.message)
    );
    if let Some(field) = entry.field {
        let _ = writeln!(
            out,
            "<dt>Field</dt><dd><code>{}</code>: the request field this error points at.</dd>",
            escape(field)
        );
    }
    if entry.violations {
        let _ = writeln!(out, "<dt>Field errors</dt><dd>{}</dd>", field_errors(entry));
    }
    if !entry.body && !entry.details.is_empty() {
        let details: Vec<String> = entry
            .details
            .iter()
            .enumerate()
            .map(|(index, key)| {
                let doc = entry.detail_doc(index);
                member(key, &doc.schema, !doc.optional)
            })
            .collect();
        let _ = writeln!(
            out,
            "<dt>Details</dt><dd>Body members: {}.</dd>",
            details.join(", ")
        );
    }
    if !entry.headers.is_empty() {
        let headers: Vec<String> = entry
            .headers
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let doc = header_type(entry, index);
                member(name, &doc.schema, !entry.header_is_optional(name))
            })
            .collect();
        let _ = writeln!(out, "<dt>Headers</dt><dd>{}.</dd>", headers.join(", "));
    }
    out.push_str("</dl>\n");
}

/// A body member or header with its JSON type, as the OpenAPI document types it, and
/// whether it can be missing: `retryAfter` (integer), `X-RateLimit-Reset` (integer, not always
/// sent).
fn member(name: &str, schema: &Value, always: bool) -> String {
    let kind = match &schema["type"] {
        Value::String(kind) => kind.clone(),
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .filter(|kind| *kind != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ if schema.get("$ref").is_some() => "object".to_owned(),
        _ => "any JSON".to_owned(),
    };
    let sometimes = if always { "" } else { ", not always sent" };
    format!(
        "<code>{}</code> ({}{sometimes})",
        escape(name),
        escape(&kind)
    )
}

/// Where this entry's envelope lists the request's invalid fields: the members its example
/// has only because of them (found by rendering it without), so a custom envelope is
/// described as exactly as the built-in ones. The example below shows their items.
fn field_errors(entry: &CatalogEntry) -> String {
    let mut plain = entry.clone();
    plain.violations = false;
    let bodies = [entry, &plain].map(|entry| entry.example().and_then(|r| json(r.body())));
    let [Some(with), Some(without)] = bodies else {
        return "The request's invalid fields, as the example below shows.".to_owned();
    };
    let mut members = Vec::new();
    added_members(&with, &without, String::new(), &mut members);
    let described: Vec<String> = members
        .iter()
        .map(|(path, value)| {
            let shape = match value {
                Value::Array(_) => " (a list, one item per field)",
                Value::Object(_) => " (an object, one member per field)",
                _ => "",
            };
            format!("<code>{}</code>{shape}", escape(path))
        })
        .collect();
    format!(
        "The request's invalid fields, in {}, as the example below shows.",
        described.join(" and ")
    )
}

/// The members of `with` (by dotted path under `at`) that `without` lacks or holds otherwise.
fn added_members<'a>(
    with: &'a Value,
    without: &Value,
    at: String,
    out: &mut Vec<(String, &'a Value)>,
) {
    let (Value::Object(with), Value::Object(without)) = (with, without) else {
        out.push((at, with));
        return;
    };
    for (key, value) in with {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        match without.get(key) {
            Some(old) if old == value => {}
            Some(old) => added_members(value, old, path, out),
            None => out.push((path, value)),
        }
    }
}

/// The example response as a client sees it: status line, headers, pretty body.
fn example(out: &mut String, entry: &CatalogEntry) {
    let Some(response) = entry.example() else {
        out.push_str("<p>The body is the error's own value, outside the envelope.</p>\n");
        return;
    };
    let _ = write!(
        out,
        "<p>Example response:</p>\n<pre><code>HTTP/1.1 {} {}\n",
        entry.status,
        reason(entry.status)
    );
    for (name, value) in response.headers() {
        let _ = writeln!(
            out,
            "{}: {}",
            escape(header_name(entry, name.as_str())),
            escape(&String::from_utf8_lossy(value.as_bytes()))
        );
    }
    let body = String::from_utf8_lossy(response.body());
    let body = if json(response.body()).is_some() {
        pretty(&body)
    } else {
        body.into_owned()
    };
    let _ = writeln!(out, "\n{}</code></pre>", escape(&body));
    if !entry.optional_headers.is_empty() {
        let names: Vec<String> = entry
            .optional_headers
            .iter()
            .map(|name| format!("<code>{}</code>", escape(name)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">Optional headers (left out when they have no value): {}.</p>",
            names.join(", ")
        );
    }
}

fn json(body: &[u8]) -> Option<Value> {
    serde_json::from_slice(body).ok()
}

/// Valid JSON text re-indented, members kept in the order written (a `serde_json::Value`
/// would sort them).
fn pretty(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = json.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ if ch.is_whitespace() => {}
            _ => out.push(ch),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A link to `code`'s section.
fn code_link(code: &str) -> String {
    format!(
        "<a href=\"#{}\"><code>{}</code></a>",
        escape(&link::anchor(code)),
        escape(code)
    )
}

/// Doc-comment text: escaped, with Markdown's `code spans` kept as code.
fn inline(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    // An odd number of pieces means every backtick has its pair.
    if pieces.len().is_multiple_of(2) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(piece));
        } else {
            out.push_str(&escape(piece));
        }
    }
    out
}

/// Text safe in HTML, in an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, inline, pretty};

    #[test]
    fn text_is_escaped_and_code_spans_kept() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            inline("use `KEY_<b>` now"),
            "use <code>KEY_&lt;b&gt;</code> now"
        );
        assert_eq!(inline("a lone ` stays"), "a lone ` stays");
    }

    #[test]
    fn json_is_indented_in_order() {
        assert_eq!(
            pretty(r#"{"z":1,"a":[{"s":"a,\"}:"}],"e":{},"l":[]}"#),
            "{\n  \"z\": 1,\n  \"a\": [\n    {\n      \"s\": \"a,\\\"}:\"\n    }\n  ],\n  \"e\": {},\n  \"l\": []\n}"
        );
    }
}
