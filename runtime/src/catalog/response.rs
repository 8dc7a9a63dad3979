//! One OpenAPI response object for the errors answered with one status: a description, typed
//! headers, and per content type a schema with one branch per error and one named example per
//! error, rendered by the same code as real responses.

use super::components::{Components, pascal_case};
use super::entry::CatalogEntry;
use super::types::TypeDoc;
use crate::envelope::{ErrorSchema, reason_phrase};
use http::StatusCode;
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

/// How a response's description lists an entry's message: its template, which says what
/// varies (`{field} is required`), unless the template is nothing but placeholders
/// (`{summary}`), which say nothing: then the example's message.
fn described_message(entry: &CatalogEntry) -> String {
    let mut rest = entry.message;
    let mut literal = String::new();
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        if rest[open..].starts_with("{{") {
            literal.push('{');
            rest = &rest[open + 2..];
            continue;
        }
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => break,
        }
    }
    literal.push_str(rest);
    if literal.trim().is_empty() {
        entry.example_message()
    } else {
        entry.message.to_owned()
    }
}

/// The response for `entries`, which share `status`; schemas it uses go to `components`.
pub(crate) fn response(
    status: u16,
    entries: &[&CatalogEntry],
    components: &mut Components,
) -> Value {
    let mut description = format!("{}.\n", reason(status));
    for entry in entries {
        let _ = write!(description, "\n- `{}`", entry.code);
        if let Some(deprecation) = entry.deprecated {
            let _ = write!(description, " ({})", deprecation.label());
        }
        let _ = write!(description, ": {}", described_message(entry));
    }

    let mut response = Map::new();
    response.insert("description".into(), Value::String(description));
    let headers = headers(entries);
    if !headers.is_empty() {
        response.insert("headers".into(), Value::Object(headers));
    }

    // One media type per content type in use at this status.
    let mut content: Vec<(&'static str, MediaType)> = Vec::new();
    for entry in entries {
        let content_type = content_type(entry);
        let index = match content.iter().position(|(known, _)| *known == content_type) {
            Some(index) => index,
            None => {
                content.push((content_type, MediaType::default()));
                content.len() - 1
            }
        };
        content[index].1.add(status, entry, components);
    }
    let mut media_types = Map::new();
    for (content_type, media) in content {
        media_types.insert(content_type.to_owned(), media.into_json());
    }
    response.insert("content".into(), Value::Object(media_types));
    Value::Object(response)
}

fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status).map_or("Error", reason_phrase)
}

/// The headers the entries send, typed from the fields their values are; a header every entry
/// always sends is required, and one an entry sends only when its `Option` is `Some` is not
/// (its description says so too: utoipa's model has no `required` on a header).
fn headers(entries: &[&CatalogEntry]) -> Map<String, Value> {
    let mut headers = Map::new();
    for entry in entries {
        for name in &entry.headers {
            if headers.keys().any(|known| known.eq_ignore_ascii_case(name)) {
                continue;
            }
            let mut users = Vec::new();
            let mut always = true;
            let mut schemas: Vec<Value> = Vec::new();
            for user in entries {
                let Some(index) = user
                    .headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(name))
                else {
                    continue;
                };
                if user.header_is_optional(name) {
                    always = false;
                    users.push(format!("`{}` (not always)", user.code));
                } else {
                    users.push(format!("`{}`", user.code));
                }
                let schema = header_type(user, index).schema;
                if !schemas.contains(&schema) {
                    schemas.push(schema);
                }
            }
            let schema = if schemas.len() == 1 {
                schemas.remove(0)
            } else {
                json!({ "anyOf": schemas })
            };
            let mut header = Map::new();
            header.insert(
                "description".into(),
                Value::String(format!("Sent with {}.", users.join(", "))),
            );
            header.insert(
                "required".into(),
                Value::Bool(always && users.len() == entries.len()),
            );
            header.insert("schema".into(), schema);
            headers.insert((*name).to_owned(), Value::Object(header));
        }
    }
    headers
}

/// The type of `entry`'s header `index`: the field's its value is, else, for a fixed value, a
/// number when it reads as one, else a string.
pub(super) fn header_type(entry: &CatalogEntry, index: usize) -> TypeDoc {
    entry.header_doc(index).unwrap_or_else(|| {
        let schema = match entry.header_value(index) {
            Some(value) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                json!({ "type": "integer", "minimum": 0 })
            }
            _ => json!({ "type": "string" }),
        };
        TypeDoc::new(schema, None)
    })
}

/// The type of the body of an entry whose body is a field's own value
/// (`#[api_error(body)]`): the field's, else any JSON.
pub(super) fn body_type(entry: &CatalogEntry) -> TypeDoc {
    entry.body_doc().unwrap_or_else(TypeDoc::unknown)
}

/// The content type of `entry`'s responses: its envelope's, or JSON for a field's own value.
pub(super) fn content_type(entry: &CatalogEntry) -> &'static str {
    if entry.body {
        "application/json"
    } else {
        entry.envelope.content_type
    }
}

/// "Deprecated since ...", for a sentence's start.
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The schema of an entry's detail members (and its docs member), an object schema; `None`
/// when it has none.
fn details(entry: &CatalogEntry, components: &mut Components) -> Option<Value> {
    let docs_member = entry.docs_member.zip(entry.type_uri());
    if entry.details.is_empty() && docs_member.is_none() {
        return None;
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    if let Some((key, uri)) = docs_member {
        let mut schema = crate::model::link::schema(&uri);
        schema["description"] = Value::from("Where this error is documented.");
        properties.insert(key.to_owned(), schema);
        required.push(Value::String(key.to_owned()));
    }
    for (index, key) in entry.details.iter().enumerate() {
        let doc = entry.detail_doc(index);
        for (name, schema) in doc.components.iter().cloned() {
            components.named_schema(name, schema);
        }
        properties.insert((*key).to_owned(), doc.schema.clone());
        if !doc.optional {
            required.push(Value::String((*key).to_owned()));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), Value::String("object".into()));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    let hint = format!("{}Details", pascal_case(entry.code));
    Some(components.schema(&hint, Value::Object(schema)))
}

/// The entries served with one content type: a schema branch and an example each.
#[derive(Default)]
struct MediaType {
    branches: Vec<Value>,
    /// The branches' JSON text: a status with hundreds of errors is not compared pairwise.
    seen: std::collections::HashSet<String>,
    examples: Map<String, Value>,
}

impl MediaType {
    fn add(&mut self, status: u16, entry: &CatalogEntry, components: &mut Components) {
        let branch = if entry.body {
            // The body is the field's own value, outside the envelope.
            body_type(entry).schema
        } else {
            let base = components.envelope(entry.envelope);
            let details = details(entry, components);
            let type_uri = entry.type_uri();
            let error = ErrorSchema {
                status,
                code: entry.code,
                details: details.as_ref(),
                field: entry.field.is_some(),
                type_uri: type_uri.as_deref(),
            };
            match (entry.envelope.error_schema)(&error) {
                Some(narrowing) => {
                    // One flat `allOf`: the envelope, then what this error adds.
                    let mut all = vec![base];
                    match narrowing {
                        Value::Object(mut object)
                            if object.len() == 1 && object.contains_key("allOf") =>
                        {
                            if let Some(Value::Array(items)) = object.remove("allOf") {
                                all.extend(items);
                            }
                        }
                        other => all.push(other),
                    }
                    // Each error's schema is written once, a type of its own for clients,
                    // named for its code, or its envelope and code when the code is sent
                    // in two envelopes.
                    let code = pascal_case(entry.code);
                    let qualified = format!("{}{code}", entry.envelope.short_name());
                    let mut schema = json!({ "allOf": all });
                    if let Some(deprecation) = entry.deprecated {
                        schema["deprecated"] = Value::Bool(true);
                        schema["description"] = Value::String(capitalized(&deprecation.label()));
                    }
                    components.schema_named(&[&code, &qualified], schema)
                }
                None => base,
            }
        };
        if self.seen.insert(branch.to_string()) {
            self.branches.push(branch);
        }

        let mut example = Map::new();
        let marked = match entry.deprecated {
            Some(_) => " (deprecated)",
            None => "",
        };
        example.insert(
            "summary".into(),
            Value::String(format!(
                "{}{marked}: {}",
                entry.code,
                entry.example_message()
            )),
        );
        let description = match entry.deprecated {
            Some(deprecation) if entry.description.is_empty() => {
                format!("{}.", capitalized(&deprecation.label()))
            }
            Some(deprecation) => format!(
                "{}.\n\n{}",
                capitalized(&deprecation.label()),
                entry.description
            ),
            None => entry.description.to_owned(),
        };
        if !description.is_empty() {
            example.insert("description".into(), Value::String(description.clone()));
        }
        match entry.example() {
            Some(response) => {
                if let Ok(value) = serde_json::from_slice::<Value>(response.body()) {
                    example.insert("value".into(), value);
                }
            }
            None => {
                example.insert(
                    "description".into(),
                    Value::String(format!(
                        "{description}{}The body is the error's own value, outside the envelope.",
                        if description.is_empty() { "" } else { "\n\n" }
                    )),
                );
            }
        }
        let mut name = entry.variant.to_owned();
        let mut n = 1;
        while self.examples.contains_key(&name) {
            n += 1;
            name = format!("{}{n}", entry.variant);
        }
        self.examples.insert(name, Value::Object(example));
    }

    fn into_json(mut self) -> Value {
        // `anyOf`, not `oneOf`: two errors whose bodies look alike (an envelope without a code)
        // are both right for such a body.
        let schema = if self.branches.len() == 1 {
            self.branches.remove(0)
        } else {
            json!({ "anyOf": self.branches })
        };
        json!({ "schema": schema, "examples": self.examples })
    }
}
