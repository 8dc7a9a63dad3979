//! How serde names a type's fields, level by level, read off its `Deserialize` impl: what
//! validation errors need to name fields as the request's JSON does (validation crates report
//! Rust names, `organization_name` for `organizationName`) and in the order the type declares
//! them (they report them sorted).
//!
//! serde tells a deserializer a struct's field names, in declaration order, when the struct
//! asks for them (`deserialize_struct`). A probe deserializer answers that call, records the
//! names and fails, so no value is ever built. To reach a field's own type, a later pass feeds
//! the struct a map holding that one key and probes its value; each struct type is explored
//! once, so recursive types end.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::any::type_name;
use std::collections::VecDeque;

/// A step from a value into one of its parts.
#[derive(Clone, Copy)]
enum Step {
    /// The struct field with this serde name.
    Field(&'static str),
    /// An element of a sequence.
    Element,
}

/// What a probe found at the end of its steps.
enum Found {
    /// A struct (its visitor's type name, to spot a type met before), and its fields.
    Struct(&'static str, &'static [&'static str]),
    /// A sequence.
    Seq,
    /// A map, or a struct with a flattened field (serde reads those as maps).
    Map,
    /// An enum, and its variants' names.
    Enum(&'static [&'static str]),
    /// A type that reads whatever the input holds and decides from that: an internally
    /// tagged or untagged enum, `serde_json::Value`.
    Any,
    /// A string, boolean or character, in the words a client is told it must be.
    Scalar(&'static str),
    /// Anything else: a number, a tuple.
    Other,
}

/// One type of the tree.
#[derive(Debug, PartialEq)]
enum Shape {
    /// Fields by serde name in declaration order, each with the index of its type's shape.
    Struct(Vec<(&'static str, usize)>),
    /// A sequence, with the index of its elements' shape.
    Seq(usize),
    /// A map, or a struct with a flattened field.
    Map,
    /// An enum, and its variants' names.
    Enum(&'static [&'static str]),
    /// A type that reads whatever the input holds (see [`Found::Any`]).
    Any,
    /// A string, boolean or character (see [`Found::Scalar`]).
    Scalar(&'static str),
    /// The same type as the shape at this index (a recursive type, or one used twice).
    Same(usize),
    /// Nothing known inside.
    Other,
}

/// Deeper than any request body a validation error names; also bounds the work on types
/// the memo cannot recognise.
const MAX_DEPTH: usize = 16;

/// The serde field names of a type and of the types inside it.
#[derive(Debug)]
pub(crate) struct SerdeNames {
    /// `shapes[0]` is the type's own.
    shapes: Vec<Shape>,
}

impl SerdeNames {
    /// Nothing known of the type: for errors read back from another extractor's text.
    #[cfg(feature = "axum")]
    pub(crate) fn unknown() -> Self {
        SerdeNames {
            shapes: vec![Shape::Other],
        }
    }

    /// The names of `T`'s fields, and its fields' fields, as its `Deserialize` impl has them.
    pub(crate) fn of<'de, T: Deserialize<'de>>() -> Self {
        let mut shapes = vec![Shape::Other];
        // Struct types explored, by visitor type name, with their shape's index.
        let mut seen: Vec<(&'static str, usize)> = Vec::new();
        // Breadth first, so a type is explored where it is shallowest: (shape, its steps).
        let mut queue: VecDeque<(usize, Vec<Step>)> = VecDeque::from([(0, Vec::new())]);
        while let Some((index, steps)) = queue.pop_front() {
            let mut enqueue = |step: Step| {
                shapes.push(Shape::Other);
                let child = shapes.len() - 1;
                if steps.len() < MAX_DEPTH {
                    let mut child_steps = steps.clone();
                    child_steps.push(step);
                    queue.push_back((child, child_steps));
                }
                child
            };
            let shape = match probe::<T>(&steps) {
                Found::Struct(visitor, fields) => {
                    match seen.iter().find(|(known, _)| *known == visitor) {
                        Some(&(_, earlier)) => Shape::Same(earlier),
                        None => {
                            seen.push((visitor, index));
                            let children = fields
                                .iter()
                                .map(|&field| (field, enqueue(Step::Field(field))));
                            Shape::Struct(children.collect())
                        }
                    }
                }
                Found::Seq => Shape::Seq(enqueue(Step::Element)),
                Found::Map => Shape::Map,
                Found::Enum(variants) => Shape::Enum(variants),
                Found::Any => Shape::Any,
                Found::Scalar(words) => Shape::Scalar(words),
                Found::Other => Shape::Other,
            };
            shapes[index] = shape;
        }
        SerdeNames { shapes }
    }

    /// The shape at `index`, through any `Same`.
    fn shape(&self, mut index: usize) -> &Shape {
        // A `Same` points at a shape explored earlier, never at another `Same`.
        if let Shape::Same(earlier) = self.shapes[index] {
            index = earlier;
        }
        &self.shapes[index]
    }

    /// What the type holds at `path` (`items[2].kind`, in serde's names), as far as an error
    /// message about the value there needs to know.
    #[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
    pub(crate) fn held_at(&self, path: &str) -> Held {
        let mut index = 0;
        for part in parts(path) {
            index = match (part, self.shape(index)) {
                (Part::Index(_), Shape::Seq(element)) => *element,
                (Part::Name(name), Shape::Struct(fields)) => match find_field(fields, name) {
                    Some(position) => fields[position].1,
                    None => return Held::Unknown,
                },
                _ => return Held::Unknown,
            };
        }
        match self.shape(index) {
            Shape::Struct(_) | Shape::Map => Held::Object,
            Shape::Enum(variants) => Held::Enum(variants),
            Shape::Any => Held::SelfDescribing,
            Shape::Seq(_) => Held::Array,
            Shape::Scalar(words) => Held::Scalar(words),
            Shape::Same(_) | Shape::Other => Held::Unknown,
        }
    }

    /// `path` (`organization_name`, `items[2].unit_price`) with each field named as serde
    /// names it, and the position of each part among its siblings (for ordering): fields by
    /// declaration, list items by index; a part serde does not know keeps its name and sorts
    /// last.
    pub(crate) fn rename(&self, path: &str) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(path.len());
        let mut order = Vec::new();
        let mut shape = Some(0);
        for part in parts(path) {
            match part {
                Part::Index(text) => {
                    out.push('[');
                    out.push_str(text);
                    out.push(']');
                    order.push(text.parse().unwrap_or(usize::MAX));
                    shape = match shape.map(|index| self.shape(index)) {
                        Some(Shape::Seq(element)) => Some(*element),
                        _ => None,
                    };
                }
                Part::Name(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    let fields = match shape.map(|index| self.shape(index)) {
                        Some(Shape::Struct(fields)) => fields.as_slice(),
                        _ => &[],
                    };
                    match find_field(fields, name) {
                        Some(position) => {
                            let (serde_name, child) = fields[position];
                            out.push_str(serde_name);
                            order.push(position);
                            shape = Some(child);
                        }
                        None => {
                            out.push_str(name);
                            order.push(usize::MAX);
                            shape = None;
                        }
                    }
                }
            }
        }
        (out, order)
    }
}

/// The field `name` (a Rust name) is, among serde's names: the same name, else the one name
/// equal to it ignoring case, `_` and `-` (what every `rename_all` rule changes).
fn find_field(fields: &[(&'static str, usize)], name: &str) -> Option<usize> {
    if let Some(position) = fields.iter().position(|(field, _)| *field == name) {
        return Some(position);
    }
    let folded = fold(name);
    let mut matches = fields
        .iter()
        .enumerate()
        .filter(|(_, (field, _))| fold(field) == folded);
    match (matches.next(), matches.next()) {
        (Some((position, _)), None) => Some(position),
        _ => None,
    }
}

fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

enum Part<'a> {
    Name(&'a str),
    Index(&'a str),
}

/// `a.b[2].c` as `a`, `b`, `[2]`, `c`.
fn parts(path: &str) -> impl Iterator<Item = Part<'_>> {
    path.split('.').flat_map(|segment| {
        let (name, indexes) = segment.split_once('[').unwrap_or((segment, ""));
        let name = (!name.is_empty()).then_some(Part::Name(name));
        let indexes = indexes
            .split('[')
            .map(|index| index.trim_end_matches(']'))
            .filter(|index| !index.is_empty())
            .map(Part::Index);
        name.into_iter().chain(indexes)
    })
}

/// What a type holds at one place: see [`SerdeNames::held_at`].
#[derive(Debug, PartialEq)]
pub(crate) enum Held {
    /// A struct or a map: a JSON object.
    Object,
    /// An enum with these variants.
    Enum(&'static [&'static str]),
    /// A type that reads whatever the input holds (an internally tagged or untagged enum),
    /// which loses the place of an error inside it.
    SelfDescribing,
    /// A sequence: a JSON array.
    Array,
    /// A string, boolean or character: what a JSON value there must be, in a client's words
    /// (`string`, `boolean`, `a single character`). serde_json refuses a number too large
    /// for any number type before it asks the type, so this is how such a number for a
    /// string field is still told "must be string".
    Scalar(&'static str),
    /// A number, or nothing serde told.
    Unknown,
}

/// What `T` holds at the end of `steps`.
fn probe<'de, T: Deserialize<'de>>(steps: &[Step]) -> Found {
    let mut found = Found::Other;
    let _ = T::deserialize(Probe {
        steps,
        found: &mut found,
    });
    found
}

/// A deserializer that follows `steps` into the value and records what it finds there.
struct Probe<'a> {
    steps: &'a [Step],
    found: &'a mut Found,
}

fn stop<E: de::Error>() -> E {
    E::custom("probe")
}

/// `deserialize_*` methods that stop the probe with nothing recorded: a type that asks for
/// a scalar has no fields (`deserialize_any` is kept for the types that ask for anything).
macro_rules! stop_at {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(stop())
            }
        )*
    };
}

/// `deserialize_*` methods that record the scalar asked for, in a client's words, and stop.
macro_rules! scalar_at {
    ($($method:ident => $words:literal),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                if self.steps.is_empty() {
                    *self.found = Found::Scalar($words);
                }
                Err(stop())
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        if self.steps.is_empty() {
            *self.found = Found::Any;
        }
        Err(stop())
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.steps.split_first() {
            None => {
                *self.found = Found::Struct(type_name::<V>(), fields);
                Err(stop())
            }
            Some((Step::Field(field), rest)) => visitor.visit_map(OneField {
                key: Some(field),
                value: Some(Probe {
                    steps: rest,
                    found: self.found,
                }),
            }),
            Some((Step::Element, _)) => Err(stop()),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.steps.split_first() {
            None => {
                *self.found = Found::Seq;
                Err(stop())
            }
            Some((Step::Element, rest)) => visitor.visit_seq(OneElement {
                element: Some(Probe {
                    steps: rest,
                    found: self.found,
                }),
            }),
            Some((Step::Field(_), _)) => Err(stop()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        if self.steps.is_empty() {
            *self.found = Found::Map;
        }
        Err(stop())
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        if self.steps.is_empty() {
            *self.found = Found::Enum(variants);
        }
        Err(stop())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    stop_at! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier deserialize_ignored_any
    }

    scalar_at! {
        deserialize_bool => "boolean",
        deserialize_char => "a single character",
        deserialize_str => "string",
        deserialize_string => "string",
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(stop())
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Self::Error> {
        Err(stop())
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(stop())
    }
}

/// A map of one key, whose value is probed.
struct OneField<'a> {
    key: Option<&'static str>,
    value: Option<Probe<'a>>,
}

impl<'de> MapAccess<'de> for OneField<'_> {
    type Error = de::value::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value.take() {
            Some(probe) => seed.deserialize(probe),
            None => Err(stop()),
        }
    }
}

/// A sequence of one element, which is probed.
struct OneElement<'a> {
    element: Option<Probe<'a>>,
}

impl<'de> SeqAccess<'de> for OneElement<'_> {
    type Error = de::value::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        match self.element.take() {
            Some(probe) => seed.deserialize(probe).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Held, SerdeNames};
    use serde::Deserialize;
    use std::collections::HashMap;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Registration {
        organization_name: String,
        billing_address: Option<Address>,
        line_items: Vec<Item>,
        #[serde(rename = "pass")]
        password: String,
        tags: HashMap<String, String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct Address {
        zip_code: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    #[allow(dead_code)]
    struct Item {
        unit_price: u32,
        address: Address,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Node {
        name: String,
        children: Vec<Node>,
        parent: Option<Box<Node>>,
    }

    fn renamed<'de, T: Deserialize<'de>>(path: &str) -> (String, Vec<usize>) {
        SerdeNames::of::<T>().rename(path)
    }

    #[test]
    fn test_fields_take_serde_names_at_every_level() {
        assert_eq!(
            renamed::<Registration>("organization_name"),
            ("organizationName".into(), vec![0])
        );
        assert_eq!(
            renamed::<Registration>("billing_address.zip_code"),
            ("billingAddress.zip-code".into(), vec![1, 0])
        );
        assert_eq!(
            renamed::<Registration>("line_items[2].unit_price"),
            ("lineItems[2].UNIT_PRICE".into(), vec![2, 2, 0])
        );
        assert_eq!(
            renamed::<Registration>("line_items[0].address.zip_code"),
            ("lineItems[0].ADDRESS.zip-code".into(), vec![2, 0, 1, 0])
        );
        assert_eq!(
            renamed::<Registration>("organizationName"),
            ("organizationName".into(), vec![0])
        );
    }

    #[test]
    fn test_unknown_parts_keep_their_names_and_sort_last() {
        // A field renamed one by one cannot be matched to its Rust name.
        assert_eq!(
            renamed::<Registration>("password"),
            ("password".into(), vec![usize::MAX])
        );
        assert_eq!(
            renamed::<Registration>("tags.first_tag"),
            ("tags.first_tag".into(), vec![4, usize::MAX])
        );
        assert_eq!(renamed::<Registration>(""), (String::new(), vec![]));
        assert_eq!(
            renamed::<u32>("anything"),
            ("anything".into(), vec![usize::MAX])
        );
        assert_eq!(
            renamed::<(u8, String)>("x[1]"),
            ("x[1]".into(), vec![usize::MAX, 1])
        );
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Role {
        Admin,
        Member,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Team {
        lead: Role,
        members: Vec<Option<Role>>,
        #[serde(flatten)]
        extra: HashMap<String, String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Roster {
        team: Team,
        size: u8,
    }

    #[test]
    fn test_enum_variants_are_found_by_serde_path() {
        let names = SerdeNames::of::<Roster>();
        // `Team` has a flattened field, so serde reads it as a map: nothing known inside.
        assert_eq!(names.held_at("team"), Held::Object);
        assert_eq!(names.held_at("team.lead"), Held::Unknown);
        assert_eq!(names.held_at("size"), Held::Unknown);
        assert_eq!(names.held_at("nothing"), Held::Unknown);

        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Plain {
            lead: Role,
            members: Vec<Option<Role>>,
        }
        let names = SerdeNames::of::<Plain>();
        assert_eq!(names.held_at("lead"), Held::Enum(&["admin", "member"]));
        assert_eq!(
            names.held_at("members[3]"),
            Held::Enum(&["admin", "member"])
        );
        assert_eq!(names.held_at("members"), Held::Array);
        assert_eq!(names.held_at(""), Held::Object);
    }

    #[test]
    fn test_tagged_enums_read_anything() {
        #[derive(Deserialize)]
        #[serde(tag = "type")]
        #[allow(dead_code)]
        enum Payment {
            Card { last_four: String },
            Cash,
        }

        #[derive(Deserialize)]
        #[serde(untagged)]
        #[allow(dead_code)]
        enum Id {
            Number(u64),
            Text(String),
        }

        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Order {
            payment: Payment,
            id: Option<Id>,
            total: u32,
        }
        let names = SerdeNames::of::<Order>();
        assert_eq!(names.held_at("payment"), Held::SelfDescribing);
        assert_eq!(names.held_at("id"), Held::SelfDescribing);
        assert_eq!(names.held_at("total"), Held::Unknown);
    }

    #[test]
    fn test_strings_booleans_and_characters_are_named() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Profile {
            name: String,
            nickname: Option<Box<str>>,
            active: bool,
            initial: char,
            age: u8,
        }
        let names = SerdeNames::of::<Profile>();
        assert_eq!(names.held_at("name"), Held::Scalar("string"));
        assert_eq!(names.held_at("nickname"), Held::Scalar("string"));
        assert_eq!(names.held_at("active"), Held::Scalar("boolean"));
        assert_eq!(names.held_at("initial"), Held::Scalar("a single character"));
        assert_eq!(names.held_at("age"), Held::Unknown);
    }

    #[test]
    fn test_objects_are_structs_and_maps() {
        let held = |names: SerdeNames| names.held_at("");
        assert_eq!(held(SerdeNames::of::<Roster>()), Held::Object);
        assert_eq!(held(SerdeNames::of::<Team>()), Held::Object);
        assert_eq!(held(SerdeNames::of::<HashMap<String, u8>>()), Held::Object);
        assert_eq!(held(SerdeNames::of::<Vec<u8>>()), Held::Array);
        assert_eq!(held(SerdeNames::of::<u8>()), Held::Unknown);
        assert_eq!(
            held(SerdeNames::of::<Role>()),
            Held::Enum(&["admin", "member"])
        );
    }

    #[test]
    fn test_recursive_types_end() {
        let names = SerdeNames::of::<Node>();
        assert!(names.shapes.len() < 10, "{names:?}");
        assert_eq!(
            names.rename("children[3].parent.children[0].name"),
            (
                "children[3].parent.children[0].name".into(),
                vec![1, 3, 2, 1, 0, 0]
            )
        );
    }
}
