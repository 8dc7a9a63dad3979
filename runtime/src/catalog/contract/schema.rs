//! A JSON Schema as the contract records it: what a client's parser depends on, written the
//! same way whatever built it, so two schemas compare as JSON values.
//!
//! Annotations (`description`, `title`, examples) are dropped: rewording a type's docs breaks
//! no client. `$ref`s to the named schemas the type brings (utoipa's `ToSchema` types) are
//! replaced by those schemas, so a change inside a named type is a change of the member's
//! type. Object keys are sorted, so the text does not depend on serde_json's `preserve_order`.

use serde_json::{Map, Value};

/// Keywords that only describe: a change to them changes no valid value.
const ANNOTATIONS: &[&str] = &["description", "title", "example", "examples", "$comment"];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Keywords whose value is a schema (or, for `items` in older drafts, a list of them).
const SCHEMAS: &[&str] = &[
    "items",
    "additionalItems",
    "additionalProperties",
    "unevaluatedItems",
    "unevaluatedProperties",
    "propertyNames",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "contentSchema",
];

/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Where `$ref`s to the named schemas point.
const COMPONENTS: &str = "#/components/schemas/";

/// `schema` as the contract records it; `components` are the named schemas it may refer to.
pub(super) fn canonical(schema: &Value, components: &[(String, Value)]) -> Value {
    Canonical {
        components,
        open: Vec::new(),
    }
    .schema(schema)
}

struct Canonical<'a> {
    components: &'a [(String, Value)],
    /// The named schemas being inlined: a recursive type keeps its inner `$ref`.
    open: Vec<&'a str>,
}

impl<'a> Canonical<'a> {
    fn schema(&mut self, schema: &Value) -> Value {
        let object = match schema {
            Value::Object(object) => object,
            Value::Array(items) => {
                return Value::Array(items.iter().map(|item| self.schema(item)).collect());
            }
            other => return other.clone(),
        };
        let mut inlined = None;
        let mut keywords = Vec::with_capacity(object.len());
        for (key, value) in object {
            let key = key.as_str();
            if ANNOTATIONS.contains(&key) {
                continue;
            }
            let value = if key == "$ref" {
                match self.resolve(value) {
                    Some(target) => {
                        inlined = Some(target);
                        continue;
                    }
                    None => plain(value),
                }
            } else if SCHEMA_MAPS.contains(&key) {
                match value {
                    Value::Object(map) => sorted(
                        map.iter()
                            .map(|(name, schema)| (name.clone(), self.schema(schema)))
                            .collect(),
                    ),
                    other => plain(other),
                }
            } else if SCHEMAS.contains(&key) || SCHEMA_LISTS.contains(&key) {
                self.schema(value)
            } else {
                plain(value)
            };
            keywords.push((key.to_owned(), value));
        }
        match inlined {
            None => sorted(keywords),
            Some(target) if keywords.is_empty() => target,
            // Keywords beside a `$ref` (OpenAPI 3.1 allows them) apply with it.
            Some(target) => {
                match keywords.iter_mut().find(|(key, _)| key == "allOf") {
                    Some((_, Value::Array(all))) => all.insert(0, target),
                    _ => keywords.push(("allOf".to_owned(), Value::Array(vec![target]))),
                }
                sorted(keywords)
            }
        }
    }

    /// The named schema `reference` points at, itself canonical; `None` when it names none
    /// of the type's, or one being inlined.
    fn resolve(&mut self, reference: &Value) -> Option<Value> {
        let name = reference.as_str()?.strip_prefix(COMPONENTS)?;
        let (name, target) = self.components.iter().find(|(known, _)| known == name)?;
        if self.open.contains(&name.as_str()) {
            return None;
        }
        self.open.push(name);
        let schema = self.schema(target);
        self.open.pop();
        Some(schema)
    }
}

/// A value that is not a schema (`enum`, `const`, `default`), with its objects' keys sorted.
fn plain(value: &Value) -> Value {
    match value {
        Value::Object(object) => sorted(
            object
                .iter()
                .map(|(key, value)| (key.clone(), plain(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(plain).collect()),
        other => other.clone(),
    }
}

/// An object with `members`, in key order.
fn sorted(mut members: Vec<(String, Value)>) -> Value {
    members.sort_by(|(a, _), (b, _)| a.cmp(b));
    Value::Object(members.into_iter().collect::<Map<String, Value>>())
}

#[cfg(test)]
mod tests {
    use super::canonical;
    use serde_json::json;

    #[test]
    fn annotations_go_and_properties_stay() {
        let schema = json!({
            "type": "object",
            "description": "A bundle.",
            "properties": {
                "description": { "type": "string", "description": "What it holds." },
                "tags": { "type": "array", "items": { "type": "string", "title": "Tag" } }
            },
            "required": ["description"],
            "example": { "description": "x" }
        });
        assert_eq!(
            canonical(&schema, &[]),
            json!({
                "type": "object",
                "properties": {
                    "description": { "type": "string" },
                    "tags": { "type": "array", "items": { "type": "string" } }
                },
                "required": ["description"]
            })
        );
    }

    #[test]
    fn references_are_inlined_once() {
        let components = vec![
            (
                "Quota".to_owned(),
                json!({ "type": "object", "properties": { "limit": { "type": "integer" } } }),
            ),
            (
                "Tree".to_owned(),
                json!({ "type": "array", "items": { "$ref": "#/components/schemas/Tree" } }),
            ),
        ];
        assert_eq!(
            canonical(
                &json!({ "$ref": "#/components/schemas/Quota" }),
                &components
            ),
            json!({ "type": "object", "properties": { "limit": { "type": "integer" } } })
        );
        assert_eq!(
            canonical(&json!({ "$ref": "#/components/schemas/Tree" }), &components),
            json!({ "type": "array", "items": { "$ref": "#/components/schemas/Tree" } })
        );
        assert_eq!(
            canonical(
                &json!({ "$ref": "#/components/schemas/Quota", "nullable": true }),
                &components
            ),
            json!({
                "allOf": [{ "type": "object", "properties": { "limit": { "type": "integer" } } }],
                "nullable": true
            })
        );
        // A reference to a schema the type does not bring is kept as written.
        assert_eq!(
            canonical(
                &json!({ "$ref": "#/components/schemas/Other" }),
                &components
            ),
            json!({ "$ref": "#/components/schemas/Other" })
        );
    }

    #[test]
    fn keys_are_sorted() {
        let text = canonical(&json!({ "type": "integer", "minimum": 0 }), &[]).to_string();
        assert_eq!(text, r#"{"minimum":0,"type":"integer"}"#);
    }
}
