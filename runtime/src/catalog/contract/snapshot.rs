//! [`Contract`]: what a catalog promises its clients, code by code, and its JSON text (the
//! format `assert_compatible` documents), written and read back.

use super::schema::canonical;
use crate::catalog::collect::envelope_name;
use crate::catalog::response::{body_type, content_type, header_type};
use crate::catalog::{Catalog, CatalogEntry};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// The format marker of the snapshot's text; a reader refuses any other.
pub(super) const FORMAT: &str = "errcat-contract/1";

/// A text that is not an error contract errcat can read, from
/// [`Catalog::breaking_changes`]: not JSON, another format, or a member of the wrong type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractError {
    message: String,
}

impl ContractError {
    fn new(message: String) -> Self {
        ContractError { message }
    }
}

impl std::fmt::Display for ContractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ContractError {}

/// Every code's contract, by code.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Contract {
    pub(super) codes: BTreeMap<String, Code>,
}

/// What a client can rely on of the responses with one code.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Code {
    pub(super) status: u16,
    /// The envelope's name, `"body"` for a field's own value.
    pub(super) envelope: String,
    pub(super) content_type: String,
    /// The URI documenting the error: Problem's `type`, or the docs member's value.
    pub(super) type_uri: Option<String>,
    /// The body member carrying `type_uri`, in envelopes without a `type`.
    pub(super) docs_member: Option<String>,
    /// The `#[field]` template.
    pub(super) field: Option<String>,
    pub(super) violations: bool,
    /// The schema of the whole body, when it is a field's own value.
    pub(super) body: Option<Value>,
    /// By key, in declaration order.
    pub(super) details: Vec<(String, Member)>,
    /// By name as written, in declaration order.
    pub(super) headers: Vec<(String, Member)>,
    /// The deprecation's label; informative, never compared.
    pub(super) deprecated: Option<String>,
}

/// A detail member or a header: its type, and whether every response has it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Member {
    pub(super) schema: Value,
    pub(super) required: bool,
}

impl Contract {
    /// The contract of `catalog`: each code as its first entry in catalog order defines it.
    pub(super) fn of(catalog: &Catalog) -> Self {
        let mut codes = BTreeMap::new();
        for entry in catalog.groups().iter().flat_map(|group| group.entries()) {
            codes
                .entry(entry.code.to_owned())
                .or_insert_with(|| Code::of(entry));
        }
        Contract { codes }
    }

    /// The snapshot's text: pretty JSON, codes sorted, ending in a newline.
    pub(super) fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a snapshot's text.
    pub(super) fn from_text(text: &str) -> Result<Self, ContractError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|error| ContractError::new(format!("not JSON: {error}")))?;
        let Value::Object(top) = value else {
            return Err(ContractError::new("not a JSON object".to_owned()));
        };
        match top.get("format") {
            Some(Value::String(format)) if format == FORMAT => {}
            Some(other) => {
                return Err(ContractError::new(format!(
                    "format {other} is not one this errcat reads (\"{FORMAT}\")"
                )));
            }
            None => {
                return Err(ContractError::new(format!(
                    "no `format` member (\"{FORMAT}\")"
                )));
            }
        }
        let Some(Value::Object(listed)) = top.get("codes") else {
            return Err(ContractError::new("no `codes` object".to_owned()));
        };
        let mut codes = BTreeMap::new();
        for (code, value) in listed {
            codes.insert(code.clone(), Code::read(&Reader { code, value })?);
        }
        Ok(Contract { codes })
    }
}

impl Code {
    fn of(entry: &CatalogEntry) -> Self {
        let headers = entry
            .headers
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let doc = header_type(entry, index);
                let member = Member {
                    schema: canonical(&doc.schema, &doc.components),
                    required: !entry.header_is_optional(name),
                };
                ((*name).to_owned(), member)
            })
            .collect();
        let mut code = Code {
            status: entry.status,
            envelope: envelope_name(entry).to_owned(),
            content_type: content_type(entry).to_owned(),
            type_uri: None,
            docs_member: None,
            field: None,
            violations: false,
            body: None,
            details: Vec::new(),
            headers,
            deprecated: entry.deprecated.map(|deprecation| deprecation.label()),
        };
        if entry.body {
            // Outside the envelope: no member of it is sent.
            let doc = body_type(entry);
            code.body = Some(canonical(&doc.schema, &doc.components));
            return code;
        }
        // Recorded where clients receive it: an envelope with no member for it (no `type`,
        // no docs member) never sends it, and then it is no part of the contract.
        code.type_uri = entry.type_uri().filter(|uri| {
            let quoted = serde_json::to_string(uri).unwrap_or_default();
            entry.example().is_some_and(|example| {
                example
                    .body()
                    .windows(quoted.len())
                    .any(|window| window == quoted.as_bytes())
            })
        });
        code.docs_member = entry
            .docs_member
            .filter(|_| code.type_uri.is_some())
            .map(str::to_owned);
        code.field = entry.field.map(str::to_owned);
        code.violations = entry.violations;
        code.details = entry
            .details
            .iter()
            .enumerate()
            .map(|(index, key)| {
                let doc = entry.detail_doc(index);
                let member = Member {
                    schema: canonical(&doc.schema, &doc.components),
                    required: !doc.optional,
                };
                ((*key).to_owned(), member)
            })
            .collect();
        code
    }

    fn read(code: &Reader<'_>) -> Result<Self, ContractError> {
        let status = code
            .get("status")?
            .and_then(Value::as_u64)
            .and_then(|status| u16::try_from(status).ok())
            .ok_or_else(|| code.invalid("status", "an HTTP status"))?;
        Ok(Code {
            status,
            envelope: code
                .text("envelope")?
                .ok_or_else(|| code.invalid("envelope", "a string"))?,
            content_type: code
                .text("contentType")?
                .ok_or_else(|| code.invalid("contentType", "a string"))?,
            type_uri: code.text("type")?,
            docs_member: code.text("docsMember")?,
            field: code.text("field")?,
            violations: match code.get("violations")? {
                None => false,
                Some(value) => value
                    .as_bool()
                    .ok_or_else(|| code.invalid("violations", "a boolean"))?,
            },
            body: code.get("body")?.map(|schema| canonical(schema, &[])),
            details: code.members("details")?,
            headers: code.members("headers")?,
            deprecated: code.text("deprecated")?,
        })
    }
}

/// One code's object in a snapshot being read, for errors that say where they are.
struct Reader<'a> {
    code: &'a str,
    value: &'a Value,
}

impl Reader<'_> {
    /// The member `key`, if present.
    fn get(&self, key: &str) -> Result<Option<&Value>, ContractError> {
        match self.value {
            Value::Object(object) => Ok(object.get(key)),
            _ => Err(ContractError::new(format!(
                "`codes.{}` is not an object",
                self.code
            ))),
        }
    }

    /// The string member `key`, if present.
    fn text(&self, key: &str) -> Result<Option<String>, ContractError> {
        match self.get(key)? {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(self.invalid(key, "a string")),
        }
    }

    /// The members (`details` or `headers`) under `key`.
    fn members(&self, key: &str) -> Result<Vec<(String, Member)>, ContractError> {
        let Some(value) = self.get(key)? else {
            return Ok(Vec::new());
        };
        let Value::Object(members) = value else {
            return Err(self.invalid(key, "an object"));
        };
        members
            .iter()
            .map(|(name, member)| {
                let at = format!("{key}.{name}");
                let schema = member
                    .get("schema")
                    .ok_or_else(|| self.invalid(&at, "an object with a `schema`"))?;
                let required = match member.get("required") {
                    None => false,
                    Some(Value::Bool(required)) => *required,
                    Some(_) => return Err(self.invalid(&format!("{at}.required"), "a boolean")),
                };
                let member = Member {
                    schema: canonical(schema, &[]),
                    required,
                };
                Ok((name.clone(), member))
            })
            .collect()
    }

    fn invalid(&self, key: &str, expected: &str) -> ContractError {
        ContractError::new(format!("`codes.{}.{key}` is not {expected}", self.code))
    }
}

impl Serialize for Contract {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("codes", &self.codes)?;
        map.end()
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("envelope", &self.envelope)?;
        map.serialize_entry("contentType", &self.content_type)?;
        if let Some(uri) = &self.type_uri {
            map.serialize_entry("type", uri)?;
        }
        if let Some(key) = &self.docs_member {
            map.serialize_entry("docsMember", key)?;
        }
        if let Some(field) = &self.field {
            map.serialize_entry("field", field)?;
        }
        if self.violations {
            map.serialize_entry("violations", &true)?;
        }
        if let Some(body) = &self.body {
            map.serialize_entry("body", body)?;
        }
        if !self.details.is_empty() {
            map.serialize_entry("details", &Members(&self.details))?;
        }
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &Members(&self.headers))?;
        }
        if let Some(label) = &self.deprecated {
            map.serialize_entry("deprecated", label)?;
        }
        map.end()
    }
}

/// Details or headers, as an object in their order.
struct Members<'a>(&'a [(String, Member)]);

impl Serialize for Members<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, member) in self.0 {
            map.serialize_entry(name, member)?;
        }
        map.end()
    }
}

impl Serialize for Member {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("required", &self.required)?;
        map.serialize_entry("schema", &self.schema)?;
        map.end()
    }
}
