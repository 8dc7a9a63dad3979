//! What the catalog knows of a value's Rust type: the JSON Schema of its serde form, whether
//! it may be absent, and an example of the right type. The derive asks for each `#[detail]`
//! and for each header whose value is one field.

use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

/// The documentation of a value's type.
#[derive(Clone, Debug, PartialEq)]
#[doc(hidden)]
pub struct TypeDoc {
    /// Its JSON Schema (OpenAPI 3.1 dialect).
    pub(crate) schema: Value,
    /// Whether the value may be absent (an `Option`): its member is then not required.
    pub(crate) optional: bool,
    /// An example of the right type, when the type gives one.
    pub(crate) example: Option<Value>,
    /// Schemas the schema refers to by `$ref`, by component name (utoipa's named types).
    pub(crate) components: Vec<(String, Value)>,
}

impl TypeDoc {
    /// A type with `schema`, always present, and `example`.
    pub(crate) fn new(schema: Value, example: Option<Value>) -> Self {
        TypeDoc {
            schema,
            optional: false,
            example,
            components: Vec::new(),
        }
    }

    /// A schema a `#[detail(schema = ...)]` declares.
    pub fn declared(schema: Value) -> Self {
        TypeDoc::new(schema, None)
    }

    /// A type errcat knows nothing of: any JSON value (spelled out: utoipa's model needs a
    /// `type` in every schema).
    pub fn unknown() -> Self {
        TypeDoc::new(
            json!({ "type": ["object", "array", "string", "number", "boolean", "null"] }),
            None,
        )
    }

    /// This type's doc with `example` instead of its own.
    #[must_use]
    pub fn with_example(mut self, example: Value) -> Self {
        self.example = Some(example);
        self
    }
}

/// What the catalog reads of a derived variant's field types; see `catalog`.
#[doc(hidden)]
pub struct VariantDocs<'a> {
    /// Each `#[detail]`'s, in order.
    pub details: &'a [DetailDoc],
    /// For each interpolated field, in the row's argument order: its example, when the field
    /// has one (catalog examples then show it in the message, as a client would read it).
    pub args: &'a [Option<fn() -> Value>],
    /// For each header, in order: the doc of the one field its value is, if it is one field.
    pub headers: &'a [Option<fn() -> TypeDoc>],
    /// The doc of the `#[api_error(body)]` field, if the variant has one.
    pub body: Option<fn() -> TypeDoc>,
    /// The `#[api_error(violations)]` field's example, if it has one.
    pub violations: Option<fn() -> crate::Violations>,
}

impl VariantDocs<'static> {
    /// The docs of a transparent variant, whose inner type has its own.
    pub const NONE: VariantDocs<'static> = VariantDocs {
        details: &[],
        args: &[],
        headers: &[],
        body: None,
        violations: None,
    };
}

/// One `#[detail]`'s type doc, and its `example = ...` if written.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct DetailDoc {
    /// The type's doc (or the declared schema).
    pub doc: fn() -> TypeDoc,
    /// The example the attribute gives.
    pub example: Option<fn() -> serde_json::Value>,
}

/// An example value, typed by the field it is an example of: the field's own type, a `&str`
/// for a `String`, or the inner value of an `Option`.
#[doc(hidden)]
pub fn example<T: serde::Serialize, E: ExampleOf<T>>(value: E) -> Value {
    serde_json::to_value(value.into_example()).unwrap_or(Value::Null)
}

/// What an example of a field of type `T` may be written as.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "this example is a `{Self}`, not a value of the field's type `{T}`",
    label = "not a `{T}`",
    note = "an example is a value of the field's own type (a `&str` for a `String`, the inner value for an `Option`)"
)]
pub trait ExampleOf<T> {
    /// The example, as a `T`.
    fn into_example(self) -> T;
}

impl<T> ExampleOf<T> for T {
    fn into_example(self) -> T {
        self
    }
}

impl<T> ExampleOf<Option<T>> for T {
    fn into_example(self) -> Option<T> {
        Some(self)
    }
}

impl ExampleOf<String> for &str {
    fn into_example(self) -> String {
        self.to_owned()
    }
}

// An integer literal for a float field: `example = 1` reads as `1.0`.
#[diagnostic::do_not_recommend]
impl ExampleOf<f64> for i32 {
    fn into_example(self) -> f64 {
        f64::from(self)
    }
}

#[diagnostic::do_not_recommend]
impl ExampleOf<f32> for i32 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "an example literal; a float shows it as near as it can"
    )]
    fn into_example(self) -> f32 {
        self as f32
    }
}

// A sequence written as an array: `example = ["a", "b"]` for a `Vec<String>`.
#[diagnostic::do_not_recommend]
impl<T, const N: usize> ExampleOf<Vec<T>> for [T; N] {
    fn into_example(self) -> Vec<T> {
        self.into()
    }
}

#[diagnostic::do_not_recommend]
impl<const N: usize> ExampleOf<Vec<String>> for [&str; N] {
    fn into_example(self) -> Vec<String> {
        self.iter().map(|text| (*text).to_owned()).collect()
    }
}

/// Types whose serde form errcat documents itself: numbers, strings, booleans, `Option`,
/// sequences and string-keyed maps of such types.
#[doc(hidden)]
pub trait KnownType {
    /// The type's doc.
    fn doc() -> TypeDoc;
}

/// Integers up to 32 bits state their range; wider ones only their sign (their bounds are
/// beyond what many JSON tools read exactly).
macro_rules! bounded {
    ($($ty:ty),*) => {$(
        impl KnownType for $ty {
            fn doc() -> TypeDoc {
                TypeDoc::new(
                    json!({ "type": "integer", "minimum": <$ty>::MIN, "maximum": <$ty>::MAX }),
                    Some(json!(0)),
                )
            }
        }
    )*};
}

macro_rules! unsigned {
    ($($ty:ty),*) => {$(
        impl KnownType for $ty {
            fn doc() -> TypeDoc {
                TypeDoc::new(json!({ "type": "integer", "minimum": 0 }), Some(json!(0)))
            }
        }
    )*};
}

macro_rules! signed {
    ($($ty:ty),*) => {$(
        impl KnownType for $ty {
            fn doc() -> TypeDoc {
                TypeDoc::new(json!({ "type": "integer" }), Some(json!(0)))
            }
        }
    )*};
}

bounded!(u8, u16, u32, i8, i16, i32);
unsigned!(u64, u128, usize);
signed!(i64, i128, isize);

macro_rules! same_as {
    ($inner:ty => $($ty:ty),*) => {$(
        impl KnownType for $ty {
            fn doc() -> TypeDoc {
                <$inner as KnownType>::doc()
            }
        }
    )*};
}

impl KnownType for f64 {
    fn doc() -> TypeDoc {
        TypeDoc::new(json!({ "type": "number" }), Some(json!(0.0)))
    }
}

same_as!(f64 => f32);

impl KnownType for bool {
    fn doc() -> TypeDoc {
        TypeDoc::new(json!({ "type": "boolean" }), Some(json!(false)))
    }
}

impl KnownType for str {
    // No example of its own: the catalog shows the member's key, `"{retryAfter}"`.
    fn doc() -> TypeDoc {
        TypeDoc::new(json!({ "type": "string" }), None)
    }
}

same_as!(str => String, Cow<'_, str>);

impl KnownType for char {
    fn doc() -> TypeDoc {
        TypeDoc::new(
            json!({ "type": "string", "minLength": 1, "maxLength": 1 }),
            None,
        )
    }
}

impl KnownType for () {
    fn doc() -> TypeDoc {
        TypeDoc {
            optional: true,
            ..TypeDoc::new(json!({ "type": "null" }), None)
        }
    }
}

impl KnownType for Value {
    fn doc() -> TypeDoc {
        TypeDoc::unknown()
    }
}

impl<T: KnownType + ?Sized> KnownType for &T {
    fn doc() -> TypeDoc {
        T::doc()
    }
}

impl<T: KnownType + ?Sized> KnownType for Box<T> {
    fn doc() -> TypeDoc {
        T::doc()
    }
}

impl<T: KnownType + ?Sized> KnownType for Arc<T> {
    fn doc() -> TypeDoc {
        T::doc()
    }
}

impl<T: KnownType + ?Sized> KnownType for Rc<T> {
    fn doc() -> TypeDoc {
        T::doc()
    }
}

impl<T: KnownType> KnownType for Option<T> {
    // `None` serializes as `null`, which errcat leaves out of a body.
    fn doc() -> TypeDoc {
        TypeDoc {
            optional: true,
            ..T::doc()
        }
    }
}

/// The doc of a sequence of `T`.
fn sequence<T: KnownType>() -> TypeDoc {
    let item = T::doc();
    TypeDoc {
        schema: json!({ "type": "array", "items": item.schema }),
        optional: false,
        example: Some(Value::Array(item.example.into_iter().collect())),
        components: item.components,
    }
}

macro_rules! sequences {
    ($($ty:ty),*) => {$(
        impl<T: KnownType> KnownType for $ty {
            fn doc() -> TypeDoc {
                sequence::<T>()
            }
        }
    )*};
}

sequences!(Vec<T>, [T], VecDeque<T>, BTreeSet<T>);

impl<T: KnownType, S> KnownType for HashSet<T, S> {
    fn doc() -> TypeDoc {
        sequence::<T>()
    }
}

impl<T: KnownType, const N: usize> KnownType for [T; N] {
    fn doc() -> TypeDoc {
        sequence::<T>()
    }
}

/// Map keys serde writes as JSON object keys.
#[doc(hidden)]
pub trait KnownKey {}

impl KnownKey for String {}
impl KnownKey for &str {}
impl KnownKey for Cow<'_, str> {}

/// The doc of a map to `V`.
fn map<V: KnownType>() -> TypeDoc {
    let value = V::doc();
    TypeDoc {
        schema: json!({ "type": "object", "additionalProperties": value.schema }),
        optional: false,
        example: Some(json!({})),
        components: value.components,
    }
}

impl<K: KnownKey, V: KnownType> KnownType for BTreeMap<K, V> {
    fn doc() -> TypeDoc {
        map::<V>()
    }
}

impl<K: KnownKey, V: KnownType, S> KnownType for HashMap<K, V, S> {
    fn doc() -> TypeDoc {
        map::<V>()
    }
}

/// Picks the most informative doc of `T` by autoref specialization: [`KnownType`], else
/// (feature `utoipa`) `utoipa::ToSchema`, else an unknown type.
#[doc(hidden)]
pub struct TypeProbe<T: ?Sized>(std::marker::PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> TypeProbe<T> {
    /// The probe.
    pub const NEW: Self = TypeProbe(std::marker::PhantomData);
}

/// Picked when errcat knows the type.
#[doc(hidden)]
pub trait DocKnown {
    /// The type's doc.
    fn __errcat_type_doc(&self) -> fn() -> TypeDoc;
}

impl<T: KnownType + ?Sized> DocKnown for &&TypeProbe<T> {
    fn __errcat_type_doc(&self) -> fn() -> TypeDoc {
        T::doc
    }
}

/// Picked otherwise.
#[doc(hidden)]
pub trait DocUnknown {
    /// Any JSON value.
    fn __errcat_type_doc(&self) -> fn() -> TypeDoc;
}

impl<T: ?Sized> DocUnknown for TypeProbe<T> {
    fn __errcat_type_doc(&self) -> fn() -> TypeDoc {
        TypeDoc::unknown
    }
}

#[cfg(feature = "utoipa")]
pub use self::with_utoipa::DocUtoipa;

#[cfg(feature = "utoipa")]
mod with_utoipa {
    use super::{TypeDoc, TypeProbe};
    use serde_json::Value;

    /// Picked when the type is utoipa's `ToSchema` (feature `utoipa`).
    #[doc(hidden)]
    pub trait DocUtoipa {
        /// The type's doc, from utoipa.
        fn __errcat_type_doc(&self) -> fn() -> TypeDoc;
    }

    impl<T: utoipa::ToSchema> DocUtoipa for &TypeProbe<T> {
        fn __errcat_type_doc(&self) -> fn() -> TypeDoc {
            doc::<T>
        }
    }

    fn doc<T: utoipa::ToSchema>() -> TypeDoc {
        let schema =
            serde_json::to_value(T::schema()).unwrap_or_else(|_| Value::Object(Default::default()));
        let mut components = Vec::new();
        let mut named = Vec::new();
        T::schemas(&mut named);
        for (name, schema) in named {
            if let Ok(schema) = serde_json::to_value(schema) {
                components.push((name, schema));
            }
        }
        TypeDoc {
            schema,
            optional: false,
            example: None,
            components,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DocKnown as _, DocUnknown as _, TypeProbe};
    use serde_json::json;

    struct Opaque;

    #[test]
    fn known_types_are_typed() {
        let doc = (&&&TypeProbe::<Option<Vec<u64>>>::NEW).__errcat_type_doc()();
        assert_eq!(
            doc.schema,
            json!({ "type": "array", "items": { "type": "integer", "minimum": 0 } })
        );
        assert!(doc.optional);
        assert_eq!(doc.example, Some(json!([0])));
        let doc =
            (&&&TypeProbe::<std::collections::BTreeMap<String, bool>>::NEW).__errcat_type_doc()();
        assert_eq!(
            doc.schema,
            json!({ "type": "object", "additionalProperties": { "type": "boolean" } })
        );
        assert_eq!(
            (&&&TypeProbe::<&str>::NEW).__errcat_type_doc()().example,
            None
        );
    }

    #[test]
    #[allow(clippy::needless_borrow, reason = "the autoref is what picks the doc")]
    fn other_types_are_any_value() {
        let doc = (&&&TypeProbe::<Opaque>::NEW).__errcat_type_doc()();
        assert_eq!(doc, super::TypeDoc::unknown());
        assert!(!doc.optional);
    }
}
