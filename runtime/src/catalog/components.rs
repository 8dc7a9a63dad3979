//! [`Components`]: the parts of an OpenAPI document written once and referenced by `$ref`
//! (envelope schemas, detail shapes, responses), or inlined where nothing can be referenced.

use crate::model::parts::Vtable;
use serde_json::{Map, Value, json};
use std::any::TypeId;
use std::collections::HashMap;

/// The schemas and responses of a document being written.
pub(crate) struct Components {
    schemas: Map<String, Value>,
    responses: Map<String, Value>,
    /// The name of each part written, by its JSON text: finding an equal part is a lookup,
    /// not a comparison with every part (a thousand errors are a thousand schemas).
    names: HashMap<String, String>,
    /// Each envelope's schema name: its schema is built once.
    envelopes: HashMap<TypeId, String>,
    /// Write each part where it is used instead (utoipa's `IntoResponses` cannot register
    /// components).
    inline: bool,
}

impl Components {
    /// Parts referenced by `$ref` from `components`.
    pub(crate) fn new() -> Self {
        Components {
            schemas: Map::new(),
            responses: Map::new(),
            names: HashMap::new(),
            envelopes: HashMap::new(),
            inline: false,
        }
    }

    /// Parts written where they are used.
    #[cfg(feature = "utoipa")]
    pub(crate) fn inline() -> Self {
        Components {
            inline: true,
            ..Components::new()
        }
    }

    /// The schema of `envelope`'s bodies, or a reference to it.
    pub(crate) fn envelope(&mut self, envelope: &Vtable) -> Value {
        if self.inline {
            return (envelope.schema)();
        }
        if let Some(name) = self.envelopes.get(&envelope.type_id) {
            return reference("schemas", name);
        }
        // Two envelopes named alike (in two modules) get two names.
        let name = unique(&self.schemas, envelope.short_name());
        self.schemas.insert(name.clone(), (envelope.schema)());
        self.envelopes.insert(envelope.type_id, name.clone());
        reference("schemas", &name)
    }

    /// `schema`, or a reference to it under a name built from `hint` (the same schema is
    /// written once, whichever hint it comes with).
    pub(crate) fn schema(&mut self, hint: &str, schema: Value) -> Value {
        self.schema_named(&[hint], schema)
    }

    /// `schema`, or a reference to it under the first of `hints` not taken by another schema
    /// (the last one numbered when all are).
    pub(crate) fn schema_named(&mut self, hints: &[&str], schema: Value) -> Value {
        if self.inline {
            return schema;
        }
        let key = format!("s{schema}");
        if let Some(name) = self.names.get(&key) {
            return reference("schemas", name);
        }
        let free = hints.iter().find(|hint| !self.schemas.contains_key(**hint));
        let name = match (free, hints.last()) {
            (Some(hint), _) => (*hint).to_owned(),
            (None, Some(last)) => unique(&self.schemas, last),
            (None, None) => unique(&self.schemas, "Schema"),
        };
        self.schemas.insert(name.clone(), schema);
        self.names.insert(key, name.clone());
        reference("schemas", &name)
    }

    /// A schema a type's doc refers to by `$ref` (utoipa's named types), under its own name.
    pub(crate) fn named_schema(&mut self, name: String, schema: Value) {
        self.schemas.entry(name).or_insert(schema);
    }

    /// `response`, or a reference to it under a name built from `hint` (the same response is
    /// written once, whichever hint it comes with).
    pub(crate) fn response(&mut self, hint: &str, response: Value) -> Value {
        if self.inline {
            return response;
        }
        let key = format!("r{response}");
        if let Some(name) = self.names.get(&key) {
            return reference("responses", name);
        }
        let name = unique(&self.responses, hint);
        self.responses.insert(name.clone(), response);
        self.names.insert(key, name.clone());
        reference("responses", &name)
    }

    /// `response` under `name` exactly (`name_2`, `name_3`, ... when taken), not shared.
    pub(crate) fn response_named(&mut self, name: &str, response: Value) -> String {
        let mut unique = name.to_owned();
        let mut n = 2;
        while self.responses.contains_key(&unique) {
            unique = format!("{name}_{n}");
            n += 1;
        }
        self.responses.insert(unique.clone(), response);
        unique
    }

    /// The `components` object.
    pub(crate) fn into_json(self) -> Value {
        let mut components = Map::new();
        if !self.schemas.is_empty() {
            components.insert("schemas".into(), Value::Object(self.schemas));
        }
        if !self.responses.is_empty() {
            components.insert("responses".into(), Value::Object(self.responses));
        }
        Value::Object(components)
    }
}

/// `{"$ref": "#/components/{kind}/{name}"}`.
fn reference(kind: &str, name: &str) -> Value {
    json!({ "$ref": format!("#/components/{kind}/{name}") })
}

/// `hint`, or `hint2`, `hint3`, ... when taken in `map`.
fn unique(map: &Map<String, Value>, hint: &str) -> String {
    let mut name = hint.to_owned();
    let mut n = 2;
    while map.contains_key(&name) {
        name = format!("{hint}{n}");
        n += 1;
    }
    name
}

/// `RateLimited` for `RATE_LIMITED`, `Bundles` for `bundles`: words (split at anything but a
/// letter or digit) capitalised and joined, a name for a component.
pub(crate) fn pascal_case(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for word in text.split(|ch: char| !ch.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            let rest = chars.as_str();
            // A word in capitals reads as one word: `RATE` is `Rate`.
            if word.chars().all(|ch| !ch.is_ascii_lowercase()) {
                name.push_str(&rest.to_ascii_lowercase());
            } else {
                name.push_str(rest);
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::{Components, pascal_case};
    use serde_json::json;

    #[test]
    fn names() {
        assert_eq!(pascal_case("RATE_LIMITED"), "RateLimited");
        assert_eq!(pascal_case("bundles"), "Bundles");
        assert_eq!(pascal_case("Request bodies"), "RequestBodies");
        assert_eq!(pascal_case("BadArgument"), "BadArgument");
    }

    #[test]
    fn equal_parts_are_written_once() {
        let mut components = Components::new();
        let a = components.response("NotFound", json!({ "description": "a" }));
        let b = components.response("Other", json!({ "description": "a" }));
        let c = components.response("NotFound", json!({ "description": "c" }));
        assert_eq!(a, b);
        assert_eq!(c, json!({ "$ref": "#/components/responses/NotFound2" }));
        #[cfg(feature = "utoipa")]
        {
            let inline = Components::inline().response("NotFound", json!({ "description": "a" }));
            assert_eq!(inline, json!({ "description": "a" }));
        }
    }
}
