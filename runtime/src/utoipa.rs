//! utoipa integration (feature `utoipa`): every derived type is `utoipa::IntoResponses`, so
//! `#[utoipa::path(..., responses(BundleError))]` lists each status with its examples.

use crate::catalog::components::Components;
use crate::catalog::{CatalogEntry, by_status, response};
use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::{Response, ResponseBuilder};

/// The responses of `entries` by status, schemas inlined (an `IntoResponses` impl cannot
/// register components), examples rendered as real responses are.
#[doc(hidden)]
pub fn utoipa_responses(entries: &[CatalogEntry]) -> BTreeMap<String, RefOr<Response>> {
    by_status(entries)
        .into_iter()
        .map(|(status, entries)| {
            let json = response(status, &entries, &mut Components::inline());
            (status.to_string(), RefOr::T(to_utoipa(json)))
        })
        .collect()
}

/// Implements `IntoResponses` for a derived type; called by the derive's expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_utoipa {
    ({$($impl_generics:tt)*} {$($ty:tt)*} {$($predicates:tt)*}) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($predicates)*
        {
            fn responses() -> $crate::__private::BTreeMap<
                $crate::__private::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::__private::utoipa_responses(&<Self as $crate::ApiError>::catalog())
            }
        }
    };
}

/// `response` in utoipa's model. utoipa cannot hold every JSON Schema (a subschema without
/// `type`, in a user's envelope): such a response keeps its description, headers and
/// examples, and loses only its schema.
fn to_utoipa(mut response: serde_json::Value) -> Response {
    if let Ok(read) = serde_json::from_value::<Response>(response.clone()) {
        return read;
    }
    if let Some(content) = response
        .get_mut("content")
        .and_then(serde_json::Value::as_object_mut)
    {
        for media in content.values_mut() {
            if let Some(media) = media.as_object_mut() {
                media.remove("schema");
            }
        }
    }
    let description = response["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    serde_json::from_value::<Response>(response)
        .unwrap_or_else(|_| ResponseBuilder::new().description(description).build())
}
