//! `Catalog::to_html`: one self-contained page with a section per code, which each error's
//! `type` names; every text escaped; deprecations, headers and field errors shown.

use errcat::ApiError;
use errcat::Violations;
use errcat::catalog::Catalog;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[expect(dead_code, reason = "only the catalog is read")]
enum BundleError {
    /// The bundle has no key with this name.
    #[error("key {0} not found")]
    #[status(404)]
    #[message("Key '{0}' not found")]
    KeyNotFound(String),

    /// Names are unique <script>alert(1)</script>, "quoted" & 'single'.
    ///
    /// Pick another name.
    #[error("duplicate")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("<b>bundle</b> \"{name}\" exists")]
    Duplicate { name: String },

    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-RateLimit-Reset", "{reset}")]
    RateLimited {
        #[detail(example = 42)]
        retry_after: u64,
        reset: Option<u64>,
    },

    /// Bundles are never deleted any more:
    /// - archive one instead,
    ///   or export it;
    /// - ask support.
    ///
    /// ```json
    /// {"archived": true, "note": "<script>"}
    /// ```
    #[deprecated(since = "2.0.0", note = "answered as `KEY_NOT_FOUND` now")]
    #[error("gone")]
    #[status(410)]
    #[code("GONE")]
    Gone,

    #[error("invalid")]
    #[status(400)]
    #[code("VALIDATION_FAILED")]
    #[message("Validation failed")]
    Invalid {
        #[api_error(violations)]
        violations: Violations,
    },

    #[error("missing {field}")]
    #[status(400)]
    #[code("MISSING")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing { field: String },

    /// A code that is no plain URI fragment.
    #[error("odd")]
    #[status(400)]
    #[code("odd code/é")]
    Odd,
}

/// The same `CONFLICT` code again, and field errors in another envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Wrapped, docs = "/docs/errors")]
#[expect(dead_code, reason = "only the catalog is read")]
enum MemberError {
    #[error("duplicate")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("member already invited")]
    Duplicate,

    #[error("invalid")]
    #[status(400)]
    #[code("MEMBER_INVALID")]
    #[message("Validation failed")]
    Invalid {
        #[api_error(violations)]
        violations: Violations,
    },
}

fn catalog() -> Catalog {
    Catalog::new()
        .group::<BundleError>("Bundles")
        .group::<MemberError>("Members")
}

/// The values of every `name="..."` attribute of the page, in order.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let start = format!(" {name}=\"");
    html.split(&*start)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("a closed attribute")])
        .collect()
}

/// The section whose id is `id` (as written in the page), up to its end.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section #{id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("a closed section")]
}

#[test]
fn test_every_type_lands_on_one_section() {
    let catalog = catalog();
    let html = catalog.to_html();
    let ids = attributes(&html, "id");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids repeat: {ids:?}");
    for entry in catalog.groups().iter().flat_map(|group| group.entries()) {
        let uri = entry.type_uri().expect("documented");
        let fragment = uri
            .strip_prefix("/docs/errors#")
            .expect("the page's fragment");
        assert_eq!(fragment, entry.anchor());
        // A browser matches the fragment, percent-decoded, against the id.
        let id = entry.code.replace('&', "&amp;");
        assert_eq!(ids.iter().filter(|known| **known == id).count(), 1, "{uri}");
        assert!(section(&html, &id).contains(&format!("<code>{}</code>", entry.code)));
    }
    assert_eq!(
        BundleError::catalog()[6].anchor(),
        "odd%20code%2F%C3%A9",
        "the fragment is encoded, the id is the code"
    );
    assert!(ids.contains(&"odd code/é"));
}

#[test]
fn test_a_repeated_code_links_to_its_first_section() {
    let html = catalog().to_html();
    assert_eq!(html.matches("<h3><code>CONFLICT</code>").count(), 2);
    let second = &html[html.find("(Duplicate)").unwrap() + 1..];
    let second = &second[second.find("<h3><code>CONFLICT</code>").unwrap()..];
    assert!(
        second.starts_with("<h3><code>CONFLICT</code> <span class=\"status\">409 Conflict</span>"),
        "{second}"
    );
    assert!(second.contains("The same code as <a href=\"#CONFLICT\">above</a>"));
    assert!(second.contains("member already invited"));
}

#[test]
fn test_page_needs_nothing_else() {
    let html = catalog().to_html();
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    );
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(html.contains("<style>\n"));
    for external in [
        "<link", "<script", "<img", " src=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    let links = attributes(&html, "href");
    assert!(links.iter().all(|link| link.starts_with('#')), "{links:?}");
    assert!(links.contains(&"#odd%20code%2F%C3%A9"));
    assert!(html.ends_with("</main>\n</body>\n</html>\n"));
}

#[test]
fn test_every_text_is_escaped() {
    let html = catalog().title("Errors <i>&</i> \"more\"").to_html();
    assert!(html.contains("<title>Errors &lt;i&gt;&amp;&lt;/i&gt; &quot;more&quot;</title>"));
    assert!(html.contains("<h1>Errors &lt;i&gt;&amp;&lt;/i&gt; &quot;more&quot;</h1>"));
    let conflict = section(&html, "CONFLICT");
    assert!(conflict.contains(
        "<p>Names are unique &lt;script&gt;alert(1)&lt;/script&gt;, &quot;quoted&quot; &amp; &#39;single&#39;.</p>\n<p>Pick another name.</p>"
    ));
    assert!(conflict.contains("<code>&lt;b&gt;bundle&lt;/b&gt; &quot;{name}&quot; exists</code>"));
    // The example body too: the message is in the JSON, and the JSON in the page.
    assert!(conflict.contains(
        "&quot;detail&quot;: &quot;&lt;b&gt;bundle&lt;/b&gt; \\&quot;{name}\\&quot; exists&quot;"
    ));
    assert!(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"));
}

#[test]
fn test_default_title() {
    let html = Catalog::new().to_html();
    assert!(html.contains("<title>Errors</title>"));
    assert!(html.contains("<h1>Errors</h1>"));
    assert!(html.contains("<h2>Status codes</h2>"));
}

#[test]
fn test_deprecated_code_is_marked() {
    let html = catalog().to_html();
    let gone = section(&html, "GONE");
    let badge = "<span class=\"badge\">deprecated since 2.0.0: answered as <code>KEY_NOT_FOUND</code> now</span>";
    assert!(gone.contains(badge), "{gone}");
    assert!(html.contains("<section class=\"error deprecated\" id=\"GONE\">"));
    // Its row in the group's table says so too.
    assert!(html.contains(&format!(
        "<td>{badge} Bundles are never deleted any more:</td>"
    )));
    assert!(!section(&html, "KEY_NOT_FOUND").contains("deprecated"));
}

#[test]
fn test_example_response_with_headers_and_pretty_body() {
    let html = catalog().to_html();
    let limited = section(&html, "RATE_LIMITED");
    assert!(
        limited.contains(
            "<pre><code>HTTP/1.1 429 Too Many Requests\nContent-Type: application/problem+json\nRetry-After: 42\n"
        ),
        "{limited}"
    );
    assert!(limited.contains("X-RateLimit-Reset: "));
    assert!(limited.contains(
        "Optional headers (left out when they have no value): <code>X-RateLimit-Reset</code>."
    ));
    let found = section(&html, "KEY_NOT_FOUND");
    assert!(found.contains(
        "{\n  &quot;type&quot;: &quot;/docs/errors#KEY_NOT_FOUND&quot;,\n  &quot;title&quot;: &quot;Not Found&quot;,\n  &quot;status&quot;: 404,\n"
    ), "{found}");
}

#[test]
fn test_details_headers_and_doc_comment_markdown_are_shown() {
    let html = catalog().to_html();
    let limited = section(&html, "RATE_LIMITED");
    assert!(
        limited
            .contains("<dt>Details</dt><dd>Body members: <code>retryAfter</code> (integer).</dd>"),
        "{limited}"
    );
    assert!(
        limited.contains(
            "<dt>Headers</dt><dd><code>Retry-After</code> (integer), <code>X-RateLimit-Reset</code> (integer, not always sent).</dd>"
        ),
        "{limited}"
    );
    let gone = section(&html, "GONE");
    assert!(
        gone.contains(
            "<p>Bundles are never deleted any more:</p>\n<ul><li>archive one instead, or export it;</li><li>ask support.</li></ul>\n<pre><code>{&quot;archived&quot;: true, &quot;note&quot;: &quot;&lt;script&gt;&quot;}</code></pre>"
        ),
        "{gone}"
    );
}

#[test]
fn test_sections_follow_the_tables_order() {
    let html = catalog().to_html();
    let ids = attributes(&html, "id");
    let at = |id: &str| ids.iter().position(|known| *known == id).unwrap();
    // Declared (and tabled) 404, 409, 429, 410, 400: not sorted by status.
    assert!(at("KEY_NOT_FOUND") < at("CONFLICT"));
    assert!(at("RATE_LIMITED") < at("GONE"));
    assert!(at("GONE") < at("VALIDATION_FAILED"));
}

#[test]
fn test_field_errors_are_described() {
    let html = catalog().to_html();
    let problem = section(&html, "VALIDATION_FAILED");
    assert!(problem.contains(
        "<dt>Field errors</dt><dd>The request's invalid fields, in <code>errors</code> (a list, one item per field), as the example below shows.</dd>"
    ), "{problem}");
    assert!(problem.contains("&quot;pointer&quot;: &quot;#/name&quot;"));
    let wrapped = section(&html, "MEMBER_INVALID");
    assert!(wrapped.contains("in <code>error.errors</code> (a list, one item per field) and <code>error.field</code>,"), "{wrapped}");
    let missing = section(&html, "MISSING");
    assert!(missing.contains(
        "<dt>Field</dt><dd><code>{field}</code>: the request field this error points at.</dd>"
    ));
    assert!(!missing.contains("Field errors"));
}

#[test]
fn test_status_table_links_every_code() {
    let html = catalog().to_html();
    assert!(html.contains(
        "<tr><td>409</td><td>Conflict</td><td><a href=\"#CONFLICT\"><code>CONFLICT</code></a></td></tr>"
    ));
    assert!(html.contains(
        "<tr><td>400</td><td>Bad Request</td><td><a href=\"#VALIDATION_FAILED\"><code>VALIDATION_FAILED</code></a>, <a href=\"#MISSING\"><code>MISSING</code></a>, <a href=\"#odd%20code%2F%C3%A9\"><code>odd code/é</code></a>, <a href=\"#MEMBER_INVALID\"><code>MEMBER_INVALID</code></a></td></tr>"
    ));
}
