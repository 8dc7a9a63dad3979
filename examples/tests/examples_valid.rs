//! Every example of the generated documents validates against its own schema, with a JSON
//! Schema validator: what a client generated from the document will check.

use errcat_examples::docs;
use serde_json::Value;

/// `~0` and `~1`: a key as one JSON pointer segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// `pointer` as a URI fragment: characters a fragment cannot hold (`{`, `}`) percent-encoded.
fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Every media type object with a schema, by its JSON pointer.
fn media_types(value: &Value, pointer: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(content)) = object.get("content") {
                for (media, body) in content {
                    if body.get("schema").is_some() {
                        out.push(format!("{pointer}/content/{}", escape(media)));
                    }
                }
            }
            for (key, child) in object {
                if key != "content" && key != "examples" {
                    media_types(child, &format!("{pointer}/{}", escape(key)), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                media_types(child, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The examples of `document` that fail their schema, with why; and how many were checked.
fn invalid_examples(document: &Value) -> (Vec<String>, usize) {
    let mut pointers = Vec::new();
    media_types(document, "", &mut pointers);
    let mut failures = Vec::new();
    let mut checked = 0;
    for pointer in pointers {
        let media = document
            .pointer(&pointer)
            .expect("a media type found above");
        // The whole document is the schema's resource, so its `$ref`s resolve.
        let mut root = document.clone();
        root["$ref"] = Value::String(format!("#{}/schema", fragment(&pointer)));
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .unwrap_or_else(|error| panic!("{pointer}/schema is not a valid schema: {error}"));
        let Some(Value::Object(examples)) = media.get("examples") else {
            continue;
        };
        for (name, example) in examples {
            let Some(value) = example.get("value") else {
                continue;
            };
            checked += 1;
            for error in validator.iter_errors(value) {
                failures.push(format!(
                    "{pointer}/examples/{name}: {error} at {}",
                    error.instance_path()
                ));
            }
        }
    }
    (failures, checked)
}

#[test]
fn test_every_example_of_the_api_document_fits_its_schema() {
    let (failures, checked) = invalid_examples(&docs::api_document());
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 20, "only {checked} examples checked");
}

#[test]
fn test_every_example_of_the_error_catalog_fits_its_schema() {
    let (failures, checked) = invalid_examples(&docs::catalog().to_openapi());
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 20, "only {checked} examples checked");
}

#[test]
fn test_a_wrong_example_is_caught() {
    let mut document = docs::api_document();
    let example = document
        .pointer_mut(
            "/components/responses/RateLimited/content/application~1problem+json/examples/RateLimited/value/retryAfter",
        )
        .expect("the rate limit's example");
    *example = Value::String("30".into());
    let (failures, _) = invalid_examples(&document);
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(failures[0].contains("retryAfter"), "{failures:#?}");
}

#[test]
fn test_details_and_headers_are_typed() {
    let document = docs::api_document();
    let rate_limited = &document["components"]["responses"]["RateLimited"];
    assert_eq!(
        rate_limited["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    let example =
        &rate_limited["content"]["application/problem+json"]["examples"]["RateLimited"]["value"];
    assert_eq!(example["retryAfter"], 30);
    assert_eq!(
        example["detail"],
        "Rate limit exceeded. Try again in 30 seconds."
    );
    let details = &document["components"]["schemas"]["InvalidJsonDetails"];
    assert_eq!(details["properties"]["line"]["type"], "integer");
    assert_eq!(details["properties"]["column"]["type"], "integer");
    assert_eq!(details["required"], serde_json::json!(["line", "column"]));
}
