//! `Catalog::to_markdown`: the status summary, one table per group, and each entry's example
//! response, for a small catalog whose whole page is checked.

use errcat::ApiError;
use errcat::catalog::Catalog;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
#[expect(dead_code, reason = "only the catalog is read")]
enum BundleError {
    /// No bundle with this id exists in the caller's tenant.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound { id: String },

    /// Bundle names are unique per tenant.
    ///
    /// Pick another | name.
    #[error("duplicate")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("bundle with this name already exists")]
    Duplicate,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[expect(dead_code, reason = "only the catalog is read")]
enum LimitError {
    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        #[detail]
        retry_after: u64,
    },

    #[error("not found")]
    #[status(404)]
    #[code("ROUTE_NOT_FOUND")]
    NoRoute,
}

const EXPECTED: &str = r#"| Status | Name | Codes |
|---|---|---|
| 404 | Not Found | NOT_FOUND, ROUTE_NOT_FOUND |
| 409 | Conflict | CONFLICT |
| 429 | Too Many Requests | RATE_LIMITED |

## Bundles

| Status | Code | Message | Description |
|---|---|---|---|
| 404 | NOT_FOUND | bundle not found | No bundle with this id exists in the caller's tenant. |
| 409 | CONFLICT | bundle with this name already exists | Bundle names are unique per tenant.<br><br>Pick another \| name. |

### 404 Not Found

#### `NOT_FOUND` (NotFound)

No bundle with this id exists in the caller's tenant.

```http
HTTP/1.1 404 Not Found
Content-Type: application/json

{"error":"bundle not found"}
```

### 409 Conflict

#### `CONFLICT` (Duplicate)

Bundle names are unique per tenant.

Pick another | name.

```http
HTTP/1.1 409 Conflict
Content-Type: application/json

{"error":"bundle with this name already exists"}
```

## Limits

| Status | Code | Message | Description |
|---|---|---|---|
| 429 | RATE_LIMITED | Rate limit exceeded. Try again in {retry_after} seconds. |  |
| 404 | ROUTE_NOT_FOUND | Not Found |  |

### 404 Not Found

#### `ROUTE_NOT_FOUND` (NoRoute)

```http
HTTP/1.1 404 Not Found
Content-Type: application/problem+json

{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","code":"ROUTE_NOT_FOUND"}
```

### 429 Too Many Requests

#### `RATE_LIMITED` (RateLimited)

```http
HTTP/1.1 429 Too Many Requests
Content-Type: application/problem+json
Retry-After: {retry_after}

{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Try again in {retry_after} seconds.","code":"RATE_LIMITED","retryAfter":0}
```
"#;

#[test]
fn test_markdown_page() {
    let markdown = Catalog::new()
        .group::<BundleError>("Bundles")
        .group::<LimitError>("Limits")
        .to_markdown();
    assert_eq!(markdown, EXPECTED, "\n{markdown}");
}

#[test]
fn test_markdown_title() {
    let markdown = Catalog::new()
        .title("env.cat API errors")
        .group::<BundleError>("Bundles")
        .to_markdown();
    assert!(markdown.starts_with("# env.cat API errors\n\n| Status | Name | Codes |\n"));
}

#[test]
fn test_empty_catalog() {
    assert_eq!(
        Catalog::new().to_markdown(),
        "| Status | Name | Codes |\n|---|---|---|\n",
        "with no title, the page starts with the status table"
    );
}
