//! `error_set!`: an enum of whole error types, each answering as itself.

/// Declares an error set: an enum whose variants are whole error types, each answering as
/// itself (`#[api_error(transparent)]`), with `From` for each so `?` converts into it, and
/// `Display` and `std::error::Error` passed through.
///
/// A handler that returns a set documents exactly the errors of the types in it (see
/// [`Operations`](crate::catalog::Operations)), and returning any other error is a compile
/// error: there is no `From` for it. Members may be any `ApiError` type (with `Debug`), a
/// service's existing enums included; the set's `Display` and `source()` are a member's own
/// when it is an `std::error::Error`, else its public message and none.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("bundle {id} not found")]
/// #[status(404)]
/// #[message("bundle not found")]
/// pub struct BundleNotFound {
///     id: String,
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("key {0} not found")]
/// #[status(404)]
/// #[message("Key '{0}' not found")]
/// pub struct KeyNotFound(String);
///
/// errcat::error_set! {
///     /// What `GET /bundles/{id}/keys/{name}` answers with when it fails.
///     pub enum GetKeyError {
///         Bundle(BundleNotFound),
///         Key(KeyNotFound),
///     }
/// }
///
/// fn find(name: &str) -> Result<&'static str, GetKeyError> {
///     Err(KeyNotFound(name.to_owned()))?
/// }
///
/// let error = find("STRIPE_KEY").unwrap_err();
/// assert_eq!(error.code(), "KEY_NOT_FOUND");
/// assert_eq!(error.to_string(), "key STRIPE_KEY not found");
/// let codes: Vec<_> = GetKeyError::catalog().iter().map(|entry| entry.code).collect();
/// assert_eq!(codes, ["BUNDLE_NOT_FOUND", "KEY_NOT_FOUND"]);
/// ```
#[macro_export]
macro_rules! error_set {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_attr:meta])* $variant:ident($member:ty)),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(::core::fmt::Debug, $crate::ApiError)]
        $vis enum $name {
            $(
                $(#[$variant_attr])*
                #[api_error(transparent)]
                $variant($member),
            )+
        }

        $(
            impl ::core::convert::From<$member> for $name {
                fn from(error: $member) -> Self {
                    $name::$variant(error)
                }
            }
        )+

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use $crate::__private::{SetMemberApi as _, SetMemberError as _};
                match self {
                    $($name::$variant(error) => (&&&$crate::__private::SetMember(error)).__errcat_fmt(f),)+
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                #[allow(unused_imports)]
                use $crate::__private::{SetMemberApi as _, SetMemberError as _};
                match self {
                    $($name::$variant(error) => (&&&$crate::__private::SetMember(error)).__errcat_source(),)+
                }
            }
        }
    };
}
