//! What the derive emits when the input has errors: the errors, plus a stub `ApiError` impl
//! so uses of the type elsewhere do not cascade into unrelated errors.
//!
//! The framework impls are left out: actix-web's `ResponseError` would add `Display` and
//! `Debug` requirements that have nothing to do with the mistake being reported.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// The compile errors and a stub `ApiError` impl for `input`.
pub fn expand(input: &DeriveInput, error: &syn::Error) -> TokenStream {
    let ty = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let error = error.to_compile_error();
    quote! {
        #error

        #[allow(unused_qualifications)]
        #[automatically_derived]
        impl #impl_generics ::errcat::ApiError for #ty #ty_generics #where_clause {
            fn status(&self) -> ::errcat::__private::StatusCode {
                ::core::unreachable!()
            }
            fn code(&self) -> &'static str {
                ::core::unreachable!()
            }
            fn message(&self) -> ::errcat::__private::Cow<'static, str> {
                ::core::unreachable!()
            }
        }
    }
}
