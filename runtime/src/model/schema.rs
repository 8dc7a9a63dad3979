//! [`ErrorSchema`]: one error, as the catalog describes it to an envelope's schema.

use serde_json::{Value, json};

/// One error, as the catalog describes it to [`Envelope::error_schema`](crate::Envelope::error_schema).
#[derive(Clone, Copy, Debug)]
pub struct ErrorSchema<'a> {
    pub(crate) status: u16,
    pub(crate) code: &'a str,
    pub(crate) details: Option<&'a Value>,
    pub(crate) field: bool,
    pub(crate) type_uri: Option<&'a str>,
}

impl ErrorSchema<'_> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The code.
    pub fn code(&self) -> &str {
        self.code
    }

    /// The URI documenting the error, its problem `type`, if it names a page.
    pub fn type_uri(&self) -> Option<&str> {
        self.type_uri
    }

    /// Whether the error always points at a request field (`#[field]`).
    pub fn has_field(&self) -> bool {
        self.field
    }

    /// The schema of the error's `#[detail]` members, an object schema (or a `$ref` to one),
    /// if it has any.
    pub fn details(&self) -> Option<&Value> {
        self.details
    }

    /// `schema` (an object schema) with the detail members beside its own, combined by
    /// `allOf` (or `schema` itself when there are none).
    pub fn with_details(&self, schema: Value) -> Value {
        match self.details {
            Some(details) => json!({ "allOf": [schema, details] }),
            None => schema,
        }
    }
}
