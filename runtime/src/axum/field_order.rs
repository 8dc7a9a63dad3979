//! The order a struct declares its fields in, as serde names them: validation crates report
//! invalid fields sorted by name, but a client reads them best in the order of its form.

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The serde names of `T`'s fields in declaration order, if `T` is a plain struct (not a
/// map, a tuple, or a struct with `#[serde(flatten)]`, which serde reads as a map).
pub(super) fn serde_fields<'de, T: Deserialize<'de>>() -> Option<&'static [&'static str]> {
    let mut fields = None;
    // The probe fails every call, so deserializing stops at the first; only the struct's own
    // call (which names its fields) is recorded.
    let _ = T::deserialize(Probe {
        fields: &mut fields,
    });
    fields
}

struct Probe<'a> {
    fields: &'a mut Option<&'static [&'static str]>,
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.fields = Some(fields);
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::serde_fields;
    use serde::Deserialize;
    use std::collections::HashMap;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Registration {
        organization_name: String,
        email: String,
        #[serde(rename = "pass")]
        password: String,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Wrapper(Registration);

    #[test]
    fn test_structs_name_their_fields_in_order() {
        assert_eq!(
            serde_fields::<Registration>(),
            Some(&["organizationName", "email", "pass"][..])
        );
        assert_eq!(
            serde_fields::<Wrapper>(),
            None,
            "a newtype's inner struct is not asked for"
        );
        assert_eq!(serde_fields::<HashMap<String, u8>>(), None);
        assert_eq!(serde_fields::<(u8, u8)>(), None);
        assert_eq!(serde_fields::<u32>(), None);
    }
}
