//! Problem `type` URIs that lead to docs: `#[api_error(docs = "...")]` names the page, each
//! error's `type` is that page plus its code's anchor, a variant can name its own, and the
//! same URI shows in real responses, catalog examples, OpenAPI and Markdown. Other envelopes
//! carry it in the member `docs_member` names. Deprecated variants are marked everywhere.

use errcat::catalog::Catalog;
use errcat::envelope::ErrorParts;
use errcat::http::StatusCode;
use errcat::{ApiError, CatalogEntry, RequestContext};
use serde_json::{Value, json};
use std::borrow::Cow;

const PAGE: &str = "https://api.example.com/docs/errors";

/// A library's error, documented on a page of its own.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://keys.example.com/errors")]
enum KeyError {
    #[error("key {0} not found")]
    #[status(404)]
    #[code("KEY_NOT_FOUND")]
    #[message("Key '{0}' not found")]
    NotFound(String),
}

/// An error that names no page: answered through a wrapper, it takes the wrapper's.
#[derive(Debug, thiserror::Error, ApiError)]
enum LimitError {
    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        #[detail]
        retry_after: u64,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/docs/errors")]
enum BundleError {
    /// No bundle with this id exists.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[code("BUNDLE_NOT_FOUND")]
    NotFound { id: String },

    #[error("out of credit")]
    #[status(403)]
    #[code("OUT_OF_CREDIT")]
    #[api_error(docs = "https://example.com/probs/out-of-credit#credit")]
    OutOfCredit,

    #[error("archived")]
    #[status(410)]
    #[code("ARCHIVED")]
    #[api_error(docs = "https://api.example.com/docs/archive")]
    Archived,

    /// Bundles were once shared by link.
    #[error("link sharing is gone")]
    #[status(410)]
    #[code("LINK_SHARING_REMOVED")]
    #[deprecated(since = "2.0.0", note = "answered as `ARCHIVED` from 3.0.0")]
    LinkSharingRemoved,

    #[error(transparent)]
    #[api_error(transparent)]
    Key(KeyError),

    #[error(transparent)]
    #[api_error(transparent)]
    Limit(LimitError),
}

/// Stripe's shape: the link as a member of the error object.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    envelope = errcat::envelope::Wrapped,
    docs = "https://api.example.com/docs/errors",
    docs_member = "doc_url"
)]
enum CardError {
    #[error("declined")]
    #[status(402)]
    #[code("card_declined")]
    #[message("Your card was declined.")]
    Declined {
        #[detail]
        decline_code: &'static str,
    },

    #[error(transparent)]
    #[api_error(transparent)]
    Limit(LimitError),
}

fn body(response: &errcat::http::Response<errcat::bytes::Bytes>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

fn type_of(error: &impl ApiError) -> String {
    body(&error.to_response())["type"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn test_docs_links_type_is_the_page_and_the_codes_anchor() {
    let not_found = BundleError::NotFound { id: "b1".into() };
    assert_eq!(type_of(&not_found), format!("{PAGE}#BUNDLE_NOT_FOUND"));
    // A variant's page gets its anchor; a variant's whole URI is used as written.
    assert_eq!(
        type_of(&BundleError::Archived),
        "https://api.example.com/docs/archive#ARCHIVED"
    );
    assert_eq!(
        type_of(&BundleError::OutOfCredit),
        "https://example.com/probs/out-of-credit#credit"
    );
    // Without a page, RFC 9457's default.
    let limited = LimitError::RateLimited { retry_after: 3 };
    assert_eq!(type_of(&limited), "about:blank");
}

#[test]
fn test_docs_links_transparent_errors_keep_their_page_or_take_the_wrappers() {
    let key = BundleError::Key(KeyError::NotFound("STRIPE_KEY".into()));
    assert_eq!(
        type_of(&key),
        "https://keys.example.com/errors#KEY_NOT_FOUND"
    );
    // The same variant, alone and wrapped, over and over: each answer is its own (compiled
    // bodies are kept per envelope and links).
    for _ in 0..3 {
        let wrapped = BundleError::Limit(LimitError::RateLimited { retry_after: 3 });
        assert_eq!(type_of(&wrapped), format!("{PAGE}#RATE_LIMITED"));
        let alone = LimitError::RateLimited { retry_after: 3 };
        assert_eq!(type_of(&alone), "about:blank");
        let context = || RequestContext::new("req_1", "/v1/bundles");
        let inside = context()
            .enter(|| BundleError::Limit(LimitError::RateLimited { retry_after: 3 }).to_response());
        assert_eq!(
            body(&inside)["type"],
            format!("{PAGE}#RATE_LIMITED"),
            "inside a request too"
        );
        let alone = context().enter(|| LimitError::RateLimited { retry_after: 3 }.to_response());
        assert_eq!(body(&alone)["type"], "about:blank");
    }
}

#[test]
fn test_docs_links_other_envelopes_carry_the_member_the_service_asks_for() {
    let declined = CardError::Declined {
        decline_code: "insufficient_funds",
    };
    assert_eq!(
        body(&declined.to_response())["error"],
        json!({
            "code": "card_declined",
            "message": "Your card was declined.",
            "declineCode": "insufficient_funds",
            "doc_url": "https://api.example.com/docs/errors#card_declined"
        })
    );
    // A wrapped error without a page of its own gets the wrapper's page, in its member.
    let limited = CardError::Limit(LimitError::RateLimited { retry_after: 3 });
    assert_eq!(
        body(&limited.to_response())["error"]["doc_url"],
        format!("{PAGE}#RATE_LIMITED")
    );
    // Problem carries the link as its `type` and adds no member unasked.
    let problem = body(&BundleError::NotFound { id: "b1".into() }.to_response());
    assert!(problem.get("doc_url").is_none(), "{problem}");
}

#[test]
fn test_docs_links_catalog_examples_and_documents_show_the_same_uri() {
    let catalog = Catalog::new()
        .group::<BundleError>("Bundles")
        .group::<CardError>("Cards");
    let entries = catalog
        .groups()
        .iter()
        .flat_map(|group| group.entries())
        .collect::<Vec<_>>();
    let by_code = |code: &str| *entries.iter().find(|entry| entry.code == code).unwrap();

    let limited = by_code("RATE_LIMITED");
    assert_eq!(
        limited.type_uri().as_deref(),
        Some("https://api.example.com/docs/errors#RATE_LIMITED")
    );
    let real = BundleError::Limit(LimitError::RateLimited { retry_after: 3 }).to_response();
    let example = limited.example().unwrap();
    assert_eq!(body(&example)["type"], body(&real)["type"]);
    assert_eq!(
        by_code("KEY_NOT_FOUND").type_uri().as_deref(),
        Some("https://keys.example.com/errors#KEY_NOT_FOUND")
    );
    assert_eq!(by_code("card_declined").anchor(), "card_declined");

    let openapi = catalog.to_openapi();
    let served = &openapi["components"]["responses"]["Bundles404"]["content"]["application/problem+json"]
        ["examples"]["NotFound"]["value"];
    assert_eq!(served["type"], format!("{PAGE}#BUNDLE_NOT_FOUND"));
    let cards = &openapi["components"]["responses"]["Cards402"]["content"]["application/json"]["examples"]
        ["Declined"]["value"];
    assert_eq!(
        cards["error"]["doc_url"],
        "https://api.example.com/docs/errors#card_declined"
    );
    // The schemas say so too, so generated clients know the member and its value.
    let schemas = openapi["components"]["schemas"].to_string();
    assert!(
        schemas.contains(r#""enum":["https://api.example.com/docs/errors#BUNDLE_NOT_FOUND"]"#),
        "{schemas}"
    );
    assert!(schemas.contains(r#""doc_url""#), "{schemas}");

    let markdown = catalog.to_markdown();
    assert!(
        markdown.contains(r#""type":"https://api.example.com/docs/errors#BUNDLE_NOT_FOUND""#),
        "{markdown}"
    );
}

#[test]
fn test_docs_links_deprecated_codes_are_marked_in_every_rendering() {
    let catalog = Catalog::new().group::<BundleError>("Bundles");
    let entry = catalog.groups()[0]
        .entries()
        .iter()
        .find(|entry| entry.code == "LINK_SHARING_REMOVED")
        .unwrap();
    let deprecation = entry.deprecated.unwrap();
    assert_eq!(deprecation.since, Some("2.0.0"));
    assert_eq!(
        deprecation.label(),
        "deprecated since 2.0.0: answered as `ARCHIVED` from 3.0.0"
    );

    #[expect(deprecated, reason = "a deprecated code still answers")]
    let gone = BundleError::LinkSharingRemoved;
    assert_eq!(gone.to_response().status(), 410);

    let markdown = catalog.to_markdown();
    let row = markdown
        .lines()
        .find(|line| line.starts_with("| 410 | LINK_SHARING_REMOVED |"))
        .unwrap();
    assert!(row.contains("deprecated since 2.0.0"), "{row}");
    assert!(row.contains("Bundles were once shared by link."), "{row}");
    let archived = markdown
        .lines()
        .find(|line| line.starts_with("| 410 | ARCHIVED |"))
        .unwrap();
    assert!(!archived.contains("deprecated"), "{archived}");

    let openapi = catalog.to_openapi();
    let schema = &openapi["components"]["schemas"]["LinkSharingRemoved"];
    assert_eq!(schema["deprecated"], true, "{schema}");
    let response = &openapi["components"]["responses"]["Bundles410"];
    let description = response["description"].as_str().unwrap();
    assert!(
        description.contains("`LINK_SHARING_REMOVED` (deprecated since 2.0.0"),
        "{description}"
    );
    let example =
        &response["content"]["application/problem+json"]["examples"]["LinkSharingRemoved"];
    assert!(
        example["summary"]
            .as_str()
            .unwrap()
            .contains("(deprecated)"),
        "{example}"
    );
    assert!(
        openapi["components"]["schemas"]["Archived"]
            .get("deprecated")
            .is_none()
    );
}

/// A hand implementation links the same way.
struct Locked;

impl ApiError for Locked {
    fn status(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }
    fn code(&self) -> &'static str {
        "ACCOUNT_LOCKED"
    }
    fn message(&self) -> Cow<'static, str> {
        Cow::Borrowed("Account locked")
    }
    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        visit(&ErrorParts::new(self.status(), self.code(), "Account locked").with_docs(PAGE));
    }
    fn catalog() -> Vec<CatalogEntry> {
        vec![
            CatalogEntry::new(
                "Locked",
                StatusCode::FORBIDDEN,
                "ACCOUNT_LOCKED",
                "Account locked",
            )
            .with_docs(PAGE),
        ]
    }
}

#[test]
fn test_docs_links_hand_implementations_link_too() {
    assert_eq!(type_of(&Locked), format!("{PAGE}#ACCOUNT_LOCKED"));
    let example = Locked::catalog()[0].example().unwrap();
    assert_eq!(body(&example)["type"], format!("{PAGE}#ACCOUNT_LOCKED"));
}

#[test]
fn test_docs_links_rejections_answered_as_the_services_errors_take_its_page() {
    use errcat::axum::Rejection;

    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(docs = "/docs/errors")]
    enum Refused {
        #[error(transparent)]
        #[api_error(transparent)]
        Rejected(Rejection),
    }

    impl From<Rejection> for Refused {
        fn from(rejection: Rejection) -> Self {
            Refused::Rejected(rejection)
        }
    }

    let response = Refused::from(Rejection::NotFound).to_response();
    assert_eq!(body(&response)["type"], "/docs/errors#ROUTE_NOT_FOUND");
    let catalog = Catalog::new().rejections_as::<Refused>("Refused requests");
    for entry in catalog.groups()[0].entries() {
        assert_eq!(
            entry.type_uri(),
            Some(format!("/docs/errors#{}", entry.anchor())),
            "{}",
            entry.code
        );
    }
}

/// Two wrappers: the innermost page and the outermost member.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://middle.example.com/errors")]
enum Middle {
    #[error(transparent)]
    #[api_error(transparent)]
    Limit(LimitError),
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    envelope = errcat::envelope::ErrorField,
    docs = "https://outer.example.com/errors",
    docs_member = "doc_url"
)]
enum Outer {
    #[error(transparent)]
    #[api_error(transparent)]
    Middle(Middle),
}

#[test]
fn test_docs_links_through_two_wrappers_the_inner_page_and_the_outer_member() {
    for _ in 0..2 {
        let error = Outer::Middle(Middle::Limit(LimitError::RateLimited { retry_after: 3 }));
        assert_eq!(
            body(&error.to_response()),
            json!({
                "error": "Too Many Requests",
                "retryAfter": 3,
                "doc_url": "https://middle.example.com/errors#RATE_LIMITED"
            })
        );
        let middle = Middle::Limit(LimitError::RateLimited { retry_after: 3 });
        assert_eq!(
            type_of(&middle),
            "https://middle.example.com/errors#RATE_LIMITED"
        );
    }
    let entry = &Outer::catalog()[0];
    assert_eq!(
        entry.type_uri().as_deref(),
        Some("https://middle.example.com/errors#RATE_LIMITED")
    );
    assert_eq!(
        body(&entry.example().unwrap())["doc_url"],
        "https://middle.example.com/errors#RATE_LIMITED"
    );
}

/// One code documented on two pages is two problems to a client that switches on `type`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://one.example.com/errors")]
#[expect(dead_code, reason = "only the catalog is read")]
enum OnePage {
    #[error(transparent)]
    #[api_error(transparent)]
    Limit(LimitError),
}

#[test]
fn test_docs_links_one_code_on_two_pages_is_a_clash() {
    let catalog = Catalog::new()
        .group::<BundleError>("Bundles")
        .group::<OnePage>("Other");
    let clashes = catalog.code_clashes();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!(clashes[0].code, "RATE_LIMITED");
    let pages: Vec<_> = clashes[0]
        .uses
        .iter()
        .map(|used| used.type_uri.as_deref())
        .collect();
    assert_eq!(
        pages,
        [
            Some("https://api.example.com/docs/errors#RATE_LIMITED"),
            Some("https://one.example.com/errors#RATE_LIMITED")
        ]
    );
}
