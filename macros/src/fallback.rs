//! What the derive emits when the input has errors: the errors, plus stub impls of `ApiError`
//! and of the framework traits this build's features give every derived type
//! (`IntoResponse`, `ResponseError`, `IntoResponses`), so a use of the type elsewhere (an axum
//! handler returning it, say) does not cascade into a second, unrelated error.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// The compile errors (if rustc does not report them itself) and stub impls for `input`.
pub fn expand(input: &DeriveInput, error: Option<&syn::Error>) -> TokenStream {
    let ty = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let predicates = where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter());
    let error = error.map(syn::Error::to_compile_error);
    quote! {
        #error

        #[allow(unused_qualifications)]
        const _: () = {
            #[automatically_derived]
            #[diagnostic::do_not_recommend]
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

            ::errcat::__private_integrations! { {#impl_generics} {#ty #ty_generics} {#(#predicates,)*} }
        };
    }
}
