//! Envelopes: the JSON shapes an API wraps its errors in.
//!
//! | type | content type | body |
//! | --- | --- | --- |
//! | [`Problem`] (default, RFC 9457) | `application/problem+json` | `{"type":"about:blank","title":REASON,"status":N,"detail":MESSAGE,"instance":PATH,"code":CODE,"field":FIELD,"requestId":ID,...details}` |
//! | [`ErrorField`] | `application/json` | `{"error":MESSAGE,...details}` |
//! | [`MessageField`] | `application/json` | `{"message":MESSAGE,...details}` |
//! | [`Wrapped`] | `application/json` | `{"success":false,"error":{"code":CODE,"message":MESSAGE,"field":FIELD,...details},"meta":{"requestId":ID,"timestamp":TS}}` |
//! | [`Spring`] | `application/json` | `{"timestamp":TS,"status":N,"error":REASON,"message":MESSAGE,"path":PATH,...details}` |
//!
//! Members appear in that order; a member whose value is absent is left out, never `null`.
//! REASON is the status's canonical reason phrase; PATH, ID and the request's time come from
//! the [`RequestContext`](crate::RequestContext) when there is one.
//!
//! Any other shape is a type implementing [`Envelope`].

mod error_field;
mod message_field;
mod problem;
mod spring;
mod wrapped;

pub use self::error_field::ErrorField;
pub use self::message_field::MessageField;
pub use self::problem::Problem;
pub use self::spring::Spring;
pub use self::wrapped::Wrapped;

use crate::context::Context;
use crate::json::JsonObject;
use crate::parts::ErrorParts;
use http::HeaderValue;
use serde_json::{Value, json};
use std::any::TypeId;

/// A JSON shape for error bodies.
///
/// An envelope writes the members of one JSON object from an error's [`ErrorParts`] and the
/// [`Context`] it is rendered in. Here is Microsoft's REST guidelines shape,
/// `{"error":{"code","message","target"}}`:
///
/// ```
/// use errcat::{ApiError, Context, Envelope, ErrorParts, JsonObject};
/// use errcat::envelope::Reads;
///
/// /// `{"error":{"code":CODE,"message":MESSAGE,"target":FIELD,...details}}`
/// struct MicrosoftError;
///
/// impl Envelope for MicrosoftError {
///     fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
///         body.object("error", |inner| {
///             inner.str("code", error.code()).text("message", error.message());
///             if let Some(field) = error.field() {
///                 inner.text("target", field);
///             }
///             inner.details(error);
///         });
///     }
///
///     // The members written beside the details: a #[detail] with one of these keys is a
///     // compile error, so a body never repeats a key.
///     const MEMBERS: &'static [&'static str] = &["code", "message", "target"];
///
///     // Nothing above reads the request or the clock, so fixed bodies are reused.
///     const READS: Reads = Reads::Nothing;
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api_error(envelope = MicrosoftError)]
/// enum OrderError {
///     #[status(400)]
///     #[code("BadArgument")]
///     #[message("{name} is required")]
///     #[field("{name}")]
///     Missing { name: &'static str },
/// }
///
/// let response = OrderError::Missing { name: "quantity" }.to_response();
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert_eq!(
///     response.body(),
///     r#"{"error":{"code":"BadArgument","message":"quantity is required","target":"quantity"}}"#
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errcat envelope",
    label = "not an `errcat::Envelope`",
    note = "use one of errcat::envelope::{{Problem, ErrorField, MessageField, Wrapped, Spring}}, or implement errcat::Envelope for `{Self}`"
)]
pub trait Envelope: 'static {
    /// The response's `Content-Type`; visible ASCII, checked at compile time.
    const CONTENT_TYPE: &'static str = "application/json";

    /// The keys this envelope writes in the object that holds the details. A `#[detail]`
    /// with one of these keys is a compile error for a derived type, and is left out of the
    /// body at run time, so a body never repeats a key.
    const MEMBERS: &'static [&'static str] = &[];

    /// The keys this envelope writes only for an error that lists field violations
    /// (`#[api_error(violations)]`), such as `errors`: reserved like [`MEMBERS`](Self::MEMBERS)
    /// on those variants alone, so another variant may still have a `#[detail] errors`.
    const VIOLATION_MEMBERS: &'static [&'static str] = &[];

    /// Writes the members of the body object for `error`.
    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>);

    /// What of the [`Context`] [`write`](Self::write) reads. When a body cannot change (the
    /// error's text is fixed, it has no details, and the envelope reads nothing that is
    /// there), it is rendered once and reused. The default, [`Reads::Everything`], never
    /// reuses a body.
    const READS: Reads = Reads::Everything;

    /// Whether bodies may be compiled into skeletons with holes: only for envelopes that
    /// pass every request or clock value through [`JsonObject::str`] or
    /// [`JsonObject::timestamp`], as errcat's own do.
    #[doc(hidden)]
    const __COMPILE: bool = false;

    /// The JSON Schema (OpenAPI 3.1 dialect) of this envelope's bodies, for the catalog's
    /// OpenAPI document. The default says only that a body is an object.
    ///
    /// Give every schema and subschema a `type`: utoipa's model (feature `utoipa`) cannot
    /// hold one without, and its responses then show the examples with no schema.
    fn schema() -> Value {
        json!({ "type": "object" })
    }

    /// Extra constraints on bodies at one `status`, whose codes are among `codes`, combined
    /// with [`schema`](Self::schema) by `allOf` in the catalog's responses. `None` (the
    /// default) adds none.
    fn schema_at(status: u16, codes: &[&str]) -> Option<Value> {
        let _ = (status, codes);
        None
    }
}

/// `{KEY:MESSAGE,"errors":{FIELD:MESSAGE},...details}`: [`ErrorField`] and [`MessageField`],
/// which differ only in the message's key.
fn write_message_only(key: &'static str, error: &ErrorParts<'_>, body: &mut JsonObject<'_>) {
    body.text(key, error.message());
    if let Some(violations) = error.violations() {
        body.violation_messages("errors", violations);
    }
    body.details(error);
}

/// The schema of [`write_message_only`]'s bodies.
fn message_only_schema(key: &str) -> Value {
    json!({
        "type": "object",
        "required": [key],
        "properties": {
            key: { "type": "string", "description": "What went wrong, for a human." },
            "errors": {
                "type": "object",
                "description": "The request's invalid fields, each with its message.",
                "additionalProperties": { "type": "string" }
            }
        }
    })
}

/// What of the [`Context`] an envelope reads, so errcat knows when a body cannot change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reads {
    /// Nothing: the body depends on the error alone.
    Nothing,
    /// The request's id or path, but not the clock: bodies rendered outside a request can be
    /// reused.
    Request,
    /// The clock, or anything else: no body is reused.
    Everything,
}

/// An envelope's functions behind pointers, so one non-generic renderer serves them all and
/// a variant's envelope can be static data.
#[doc(hidden)]
pub struct Vtable {
    pub(crate) content_type: &'static str,
    pub(crate) write: fn(&ErrorParts<'_>, &Context<'_>, &mut JsonObject<'_>),
    pub(crate) reads: Reads,
    pub(crate) compile: bool,
    pub(crate) content_type_value: fn() -> HeaderValue,
    pub(crate) type_id: TypeId,
    pub(crate) name: fn() -> &'static str,
    pub(crate) schema: fn() -> Value,
    pub(crate) schema_at: fn(u16, &[&str]) -> Option<Value>,
    /// [`Envelope::MEMBERS`], read by the derive's compile-time check.
    pub members: &'static [&'static str],
    /// [`Envelope::VIOLATION_MEMBERS`], read by the derive's compile-time check.
    pub violation_members: &'static [&'static str],
}

impl Vtable {
    /// The envelope's type name without its path, naming its schema in the catalog.
    pub(crate) fn short_name(&self) -> &'static str {
        let name = (self.name)();
        let name = name.split('<').next().unwrap_or(name);
        name.rsplit("::").next().unwrap_or(name)
    }

    pub(crate) fn content_type(&self) -> &'static str {
        self.content_type
    }
}

impl std::fmt::Debug for Vtable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.short_name())
    }
}

/// Gives every [`Envelope`] its [`Vtable`].
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errcat envelope",
    label = "not an `errcat::Envelope`",
    note = "use one of errcat::envelope::{{Problem, ErrorField, MessageField, Wrapped, Spring}}, or implement errcat::Envelope for `{Self}`"
)]
pub trait HasVtable {
    const VTABLE: Vtable;
}

impl<E: Envelope> HasVtable for E {
    const VTABLE: Vtable = Vtable {
        content_type: checked_content_type(E::CONTENT_TYPE),
        write: E::write,
        reads: E::READS,
        compile: E::__COMPILE,
        content_type_value: content_type_value::<E>,
        type_id: TypeId::of::<E>(),
        name: std::any::type_name::<E>,
        schema: E::schema,
        schema_at: E::schema_at,
        members: E::MEMBERS,
        violation_members: E::VIOLATION_MEMBERS,
    };
}

/// The envelope's content type as a header value, built at compile time: no validation at
/// run time.
fn content_type_value<E: Envelope>() -> HeaderValue {
    const { HeaderValue::from_static(checked_content_type(E::CONTENT_TYPE)) }
}

impl Vtable {
    /// Whether a fixed body rendered in `ctx` is the same as any other time.
    pub(crate) fn reusable_in(&self, ctx: &Context<'_>) -> bool {
        match self.reads {
            Reads::Nothing => true,
            Reads::Request => ctx.request().is_none(),
            Reads::Everything => false,
        }
    }
}

/// Fails compilation when an envelope's content type could not be a header value, so
/// building the header at run time can never fail.
const fn checked_content_type(content_type: &'static str) -> &'static str {
    let bytes = content_type.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        assert!(
            (bytes[i] >= 0x20 && bytes[i] < 0x7f) || bytes[i] == b'\t',
            "Envelope::CONTENT_TYPE must be visible ASCII, e.g. \"application/json\""
        );
        i += 1;
    }
    content_type
}
