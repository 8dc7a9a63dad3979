//! The example service's served `/openapi.json` documents each operation's own errors: body
//! rejections only where a body is read, no conflict on the listing, and a small document.

use errcat_examples::docs::api_document;
use serde_json::Value;
use std::collections::BTreeSet;

/// The rejections of a request body errcat's `Json` answers with.
const BODY_REJECTIONS: [&str; 3] = ["INVALID_JSON", "INVALID_BODY", "BODY_UNREADABLE"];

/// `value`, or what its `$ref` names in `doc`.
fn resolved<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => doc
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{reference} names nothing")),
        None => value,
    }
}

/// Each operation, by `METHOD path`: whether it reads a body, its error statuses and the
/// codes its error examples carry.
fn operations(doc: &Value) -> Vec<(String, bool, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let mut statuses = BTreeSet::new();
            let mut codes = BTreeSet::new();
            for (status, response) in operation["responses"].as_object().unwrap() {
                if !status.starts_with('4') && !status.starts_with('5') {
                    continue;
                }
                statuses.insert(status.clone());
                let response = resolved(doc, response);
                for media in response["content"].as_object().into_iter().flatten() {
                    for example in media.1["examples"].as_object().into_iter().flatten() {
                        let value = &resolved(doc, example.1)["value"];
                        if let Some(code) = value["code"].as_str() {
                            codes.insert(code.to_owned());
                        }
                    }
                }
            }
            out.push((
                format!("{} {path}", method.to_uppercase()),
                operation.get("requestBody").is_some(),
                statuses,
                codes,
            ));
        }
    }
    out
}

#[test]
fn test_body_rejections_only_where_a_body_is_read() {
    let doc = api_document();
    let operations = operations(&doc);
    assert_eq!(operations.len(), 9);
    for (operation, reads_body, statuses, codes) in &operations {
        let body_errors: Vec<&str> = BODY_REJECTIONS
            .into_iter()
            .filter(|code| codes.contains(*code))
            .chain(
                ["413", "415"]
                    .into_iter()
                    .filter(|status| statuses.contains(*status)),
            )
            .collect();
        if *reads_body {
            assert_eq!(
                body_errors,
                [
                    "INVALID_JSON",
                    "INVALID_BODY",
                    "BODY_UNREADABLE",
                    "413",
                    "415"
                ],
                "{operation} reads a body"
            );
        } else {
            assert!(
                body_errors.is_empty(),
                "{operation} reads no body, yet documents {body_errors:?}"
            );
        }
    }
}

#[test]
fn test_the_listing_answers_only_what_it_can() {
    let doc = api_document();
    let operations = operations(&doc);
    let (_, _, statuses, codes) = operations
        .iter()
        .find(|(operation, ..)| operation == "GET /api/v1/bundles")
        .unwrap();
    assert_eq!(statuses, &BTreeSet::from(["401".into(), "429".into()]));
    assert_eq!(
        codes,
        &BTreeSet::from(["UNAUTHENTICATED".into(), "RATE_LIMITED".into()])
    );
    // Routing's 404 and 405 are documented once for the document, not per operation.
    assert!(doc["components"]["responses"].get("Routing404").is_some());
}

#[test]
fn test_the_served_document_weighs_at_most_8_kb_per_operation() {
    let doc = api_document();
    let served = serde_json::to_vec(&doc).unwrap().len();
    let operations = operations(&doc).len();
    assert!(
        served <= 8 * 1024 * operations,
        "{served} bytes for {operations} operations"
    );
}
