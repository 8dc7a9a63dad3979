//! Envelopes: the JSON shapes an API wraps its errors in, and what an envelope author needs to
//! write one.
//!
//! The built-in envelopes are [`Problem`] (the default, RFC 9457), [`ErrorField`],
//! [`MessageField`], [`Wrapped`] and [`Spring`]; the [crate docs](crate#envelopes) show the
//! body of each. Any other shape is a type implementing [`Envelope`], which writes a body
//! from an error's [`ErrorParts`] and the [`Context`] it is answered in, into a
//! [`JsonObject`].

mod error_field;
mod message_field;
mod object;
mod problem;
mod spring;
mod wrapped;

pub use self::error_field::ErrorField;
pub use self::message_field::MessageField;
pub use self::object::JsonObject;
pub use self::problem::Problem;
pub use self::spring::Spring;
pub use self::wrapped::Wrapped;
pub use crate::model::parts::{ErrorParts, reason_phrase};
pub use crate::model::schema::ErrorSchema;
pub use crate::model::text::Text;
pub use crate::model::timestamp::Timestamp;
pub use crate::model::value::DetailValue;
pub use crate::model::view::Context;

use crate::model::parts::Vtable;
use crate::model::sink::Sink;
use http::HeaderValue;
use serde_json::{Value, json};
use std::any::TypeId;

/// A JSON shape for error bodies.
///
/// An envelope writes the members of one JSON object from an error's [`ErrorParts`] and the
/// [`Context`] it is answered in. Here is Microsoft's REST guidelines shape,
/// `{"error":{"code","message","target"}}`:
///
/// ```
/// use errcat::ApiError;
/// use errcat::envelope::{Context, Envelope, ErrorParts, JsonObject};
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
///
/// [`JsonObject::details`] also writes the link to the error's docs when the service asks for
/// it (`#[api_error(docs_member = "doc_url")]`); an envelope with a member of its own for it
/// writes [`ErrorParts::type_uri`] there, as [`Problem`] does in `type`.
///
/// # Speed
///
/// An envelope written like this one renders as fast as the built-in ones. The first time a
/// variant is answered in it, errcat runs `write` once with stand-ins for everything that
/// changes from one response to the next (the error's field values and details, the
/// request's id and path, the time) and keeps the body it wrote, with holes where the
/// stand-ins went; each later response copies that body and fills in the holes. A body with
/// no holes is sent as it is, without a copy.
///
/// A stand-in that `write` only passes on to `body` ([`JsonObject::text`],
/// [`JsonObject::timestamp`], [`JsonObject::value`], [`JsonObject::details`]) becomes a hole.
/// One that `write` reads instead (formats with `Display`, including through
/// [`JsonObject::display`]; asks [`Text::as_str`]; compares or measures it) could change what it
/// writes, so errcat notices and writes that variant's bodies member by member on every
/// response: slower, never wrong. Asking what is there (`ctx.in_request()`,
/// `error.field().is_some()`, `error.details().count()`, `error.code()`) reads nothing that
/// changes, and keeps the fast path.
///
/// A detail never repeats a key: one named like a member the object already has, or like one
/// of [`MEMBERS`](Envelope::MEMBERS) (which a derived type's compile-time check reads, so
/// declare every key `write` puts beside the details), is left out and logged.
///
/// `write` must depend on its arguments alone: what it reads from elsewhere (a global, a
/// thread-local, the environment) is written into the kept body as it was the first time.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errcat envelope",
    label = "not an `errcat::Envelope`",
    note = "use one of errcat::envelope::{{Problem, ErrorField, MessageField, Wrapped, Spring}}, or implement errcat::Envelope for `{Self}`"
)]
pub trait Envelope: 'static {
    /// The response's `Content-Type`; visible ASCII, checked at compile time.
    const CONTENT_TYPE: &'static str = "application/json";

    /// The keys this envelope writes in the object that holds the details (none unless
    /// declared). A `#[detail]` with one of these keys is a compile error for a derived type;
    /// at run time any detail whose key the object already has is left out, so a body never
    /// repeats a key.
    const MEMBERS: &'static [&'static str] = &[];

    /// The keys this envelope writes only for an error that lists field violations
    /// (`#[api_error(violations)]`), such as `errors`: reserved like [`MEMBERS`](Self::MEMBERS)
    /// on those variants alone, so another variant may still have a `#[detail] errors`.
    const VIOLATION_MEMBERS: &'static [&'static str] = &[];

    /// Writes the members of the body object for `error`.
    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>);

    /// The JSON Schema (OpenAPI 3.1 dialect) of this envelope's bodies, for the catalog's
    /// OpenAPI document. The default says only that a body is an object.
    ///
    /// Give every schema and subschema a `type`: utoipa's model (feature `utoipa`) cannot
    /// hold one without, and its responses then show the examples with no schema.
    fn schema() -> Value {
        json!({ "type": "object" })
    }

    /// The constraints on the bodies of one error, combined with [`schema`](Self::schema) by
    /// `allOf` in the catalog: its status and code where the envelope writes them, and its
    /// [`details`](ErrorSchema::details) where the envelope puts them, so a client generated
    /// from the document reads them typed. `None` (the default) adds none.
    ///
    /// ```
    /// use errcat::envelope::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject};
    /// use serde_json::{Value, json};
    ///
    /// /// `{"error":{"code":CODE,"message":MESSAGE,...details}}`
    /// struct Nested;
    ///
    /// impl Envelope for Nested {
    ///     fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
    ///         body.object("error", |inner| {
    ///             inner.str("code", error.code()).text("message", error.message()).details(error);
    ///         });
    ///     }
    ///
    ///     fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
    ///         let inner = json!({ "type": "object", "properties": { "code": { "enum": [error.code()] } } });
    ///         Some(json!({
    ///             "type": "object",
    ///             "properties": { "error": error.with_details(inner) },
    ///             "required": ["error"]
    ///         }))
    ///     }
    /// }
    /// ```
    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        let _ = error;
        None
    }
}

impl ErrorParts<'_> {
    /// Renders these parts in envelope `E`.
    #[must_use]
    pub fn with_envelope<E: Envelope>(self) -> Self {
        self.with_vtable(vtable::<E>())
    }
}

/// `E`'s functions and constants, built at compile time.
pub(crate) const fn vtable<E: Envelope>() -> &'static Vtable {
    &const {
        Vtable {
            content_type: content_type::<E>(),
            content_type_value: content_type_value::<E>,
            write: write::<E>,
            type_id: TypeId::of::<E>(),
            name: std::any::type_name::<E>,
            schema: E::schema,
            error_schema: E::error_schema,
        }
    }
}

/// `E::write` into any sink.
fn write<E: Envelope>(error: &ErrorParts<'_>, ctx: &Context<'_>, sink: &mut dyn Sink) {
    JsonObject::write(sink, E::MEMBERS, E::VIOLATION_MEMBERS, |body| {
        E::write(error, ctx, body);
    });
}

/// The envelope's content type as a header value, built at compile time: no validation at
/// run time.
fn content_type_value<E: Envelope>() -> HeaderValue {
    const { HeaderValue::from_static(content_type::<E>()) }
}

/// `E`'s content type when it can be a header value, else `application/json`. A derived type
/// fails to compile when its envelope's content type cannot be one (`is_header_value`), so
/// only a hand-built error could see the fallback.
const fn content_type<E: Envelope>() -> &'static str {
    if is_header_value(E::CONTENT_TYPE) {
        E::CONTENT_TYPE
    } else {
        "application/json"
    }
}

pub(crate) mod checks {
    /// Whether `text` can be a header value as it is: visible ASCII, spaces and tabs.
    pub const fn is_header_value(text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !((bytes[i] >= 0x20 && bytes[i] < 0x7f) || bytes[i] == b'\t') {
                return false;
            }
            i += 1;
        }
        true
    }
}

use self::checks::is_header_value;

/// The vtable of the envelope type `$ty`, for the derive's table. The first use of `$ty` is
/// as an [`Envelope`], so a type that is not one gets that trait's own message, once.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_vtable {
    ($ty:ty) => {{
        let _: &str = <$ty as $crate::Envelope>::CONTENT_TYPE;
        $crate::__private::vtable::<$ty>()
    }};
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
