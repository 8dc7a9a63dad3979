//! Tokens for a validated input: one static table with a row per variant, and an impl whose
//! methods match on `self` once and hand the row plus borrowed fields to the runtime.
//!
//! The expansion stays table-driven so that each variant costs a row of static data and one
//! match arm; envelopes, JSON, headers and the catalog are runtime code shared by every type.

use crate::ast::{Input, Variant};
use crate::ctxt::Errors;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::template::{Piece, Template};
use crate::{fallback, valid};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::ext::IdentExt as _;

/// The whole expansion of `#[derive(ApiError)]` on `node`.
pub fn derive(node: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let input = Input::from_syn(node, &mut errors);
    if let Some(input) = &input {
        valid::check(input, &mut errors);
    }
    match (input, errors.finish()) {
        (Some(input), Ok(())) => impl_api_error(&input),
        (_, Err(error)) => fallback::expand(node, &error),
        (None, Ok(())) => fallback::expand(
            node,
            &syn::Error::new(Span::call_site(), "ApiError supports enums and structs"),
        ),
    }
}

fn impl_api_error(input: &Input) -> TokenStream {
    let ty = input.ident;
    let scope = ParamsInScope::new(input.generics);
    let mut bounds = InferredBounds::default();
    let default_envelope = input
        .attrs
        .envelope
        .as_ref()
        .map_or_else(|| quote!(::errcat::envelope::Problem), |path| quote!(#path));

    let mut rows = Vec::with_capacity(input.variants.len());
    let mut arms = Vec::with_capacity(input.variants.len());
    let mut nested = Vec::new();
    let mut checks = Vec::new();
    for (index, variant) in input.variants.iter().enumerate() {
        let envelope = variant
            .attrs
            .envelope
            .as_ref()
            .map_or_else(|| default_envelope.clone(), |path| quote!(#path));
        let envelope_ty = envelope;
        let envelope = quote_spanned! {envelope_span(variant, input)=>
            &<#envelope_ty as ::errcat::__private::HasVtable>::VTABLE
        };
        let pattern = if input.is_struct {
            quote!(Self)
        } else {
            let ident = variant.ident;
            quote!(Self::#ident)
        };
        let name = variant.ident.unraw().to_string();

        if variant.attrs.transparent.is_some() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let (member, field_ty) = (&field.member, field.ty);
            // Always bounded, even when concrete: one error at the impl instead of one per
            // use when the field's type is not an ApiError.
            bounds.insert(field_ty, quote!(::errcat::ApiError));
            rows.push(quote! {
                ::errcat::__private::Variant::transparent(#name, #envelope)
            });
            arms.push(quote! {
                #pattern { #member: __field, .. } => ::errcat::__private::transparent(
                    __field, &__ERRCAT_VARIANTS[#index], __visit,
                ),
            });
            nested.push(quote! {
                (#index, <#field_ty as ::errcat::ApiError>::catalog
                    as fn() -> ::errcat::__private::Vec<::errcat::CatalogEntry>)
            });
            continue;
        }

        let row = VariantRow::new(variant, input);
        let status = row.status;
        let code = variant.code(input.rename_rule());
        let message = option(variant.attrs.message.as_ref().map(|t| row.template(t)));
        let field = option(variant.attrs.field.as_ref().map(|t| row.template(t)));
        let headers = variant.attrs.headers.iter().map(|header| {
            let name = header.name.value();
            let lower = &header.lower;
            let value = row.template(&header.value);
            quote! {
                ::errcat::__private::HeaderTemplate { name: #name, lower: #lower, value: #value }
            }
        });
        let detail_keys = row.details.iter().map(|(_, key)| key);
        // A detail named like one of the envelope's own members would repeat a JSON key.
        for (i, key) in &row.details {
            let span = variant.fields[*i]
                .attrs
                .detail
                .as_ref()
                .map_or_else(Span::call_site, |d| d.span);
            let envelope_name = envelope_ty.to_string().replace(' ', "");
            let message = format!(
                "the #[detail] key \"{key}\" is already a member of the envelope `{envelope_name}`: \
                 give the detail another key with #[detail(rename = \"...\")]"
            );
            checks.push(quote_spanned! {span=>
                const _: () = ::errcat::__private::assert_not_member(
                    <#envelope_ty as ::errcat::__private::HasVtable>::VTABLE.members,
                    #key,
                    #message,
                );
            });
        }
        let has_body = row.body.is_some();
        let description = &variant.attrs.doc;
        rows.push(quote! {
            ::errcat::__private::Variant {
                name: #name,
                status: #status,
                code: #code,
                message: #message,
                field: #field,
                headers: &[#(#headers),*],
                details: &[#(#detail_keys),*],
                body: #has_body,
                description: #description,
                envelope: #envelope,
                cache: ::errcat::__private::BodyCache::new(),
            }
        });

        // Bind each field the row reads, once, by reference.
        let mut bound: Vec<usize> = row.args.iter().map(|&(field, _)| field).collect();
        bound.extend(row.details.iter().map(|&(field, _)| field));
        bound.extend(row.body);
        bound.sort_unstable();
        bound.dedup();
        let bindings = bound.iter().map(|&i| {
            let member = &variant.fields[i].member;
            let binding = format_ident!("__field{}", i);
            quote!(#member: #binding)
        });
        let args: Vec<TokenStream> = row
            .args
            .iter()
            .map(|&(i, span)| {
                let binding = format_ident!("__field{}", i, span = span);
                let field_ty = variant.fields[i].ty;
                if scope.intersects(field_ty) {
                    bounds.insert(field_ty, quote!(::core::fmt::Display));
                }
                quote_spanned! {span=>
                    ::errcat::__private::Arg::new(
                        #binding as &dyn ::core::fmt::Display,
                        (&&&::errcat::__private::Probe(#binding)).__errcat_fast(),
                    )
                }
            })
            .collect();
        let details: Vec<TokenStream> = row
            .details
            .iter()
            .map(|&(i, _)| {
                let field = &variant.fields[i];
                if scope.intersects(field.ty) {
                    bounds.insert(field.ty, quote!(::errcat::__private::Serialize));
                }
                let span = field
                    .attrs
                    .detail
                    .as_ref()
                    .map_or_else(Span::call_site, |d| d.span);
                let binding = format_ident!("__field{}", i, span = span);
                quote_spanned!(span=> #binding as &dyn ::errcat::DetailValue)
            })
            .collect();
        let body = match row.body {
            Some(i) => {
                let field = &variant.fields[i];
                if scope.intersects(field.ty) {
                    bounds.insert(field.ty, quote!(::errcat::__private::Serialize));
                }
                let span = field.attrs.body.unwrap_or_else(Span::call_site);
                let binding = format_ident!("__field{}", i, span = span);
                quote_spanned!(span=> ::core::option::Option::Some(#binding as &dyn ::errcat::DetailValue))
            }
            None => quote!(::core::option::Option::None),
        };
        arms.push(quote! {
            #pattern { #(#bindings,)* .. } => __visit(&::errcat::__private::parts(
                &__ERRCAT_VARIANTS[#index],
                &[#(#args),*],
                &[#(#details),*],
                #body,
            )),
        });
    }

    let count = rows.len();
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let where_clause = bounds.augment(input.generics);
    let predicates = where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter());
    let body = if arms.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    quote! {
        #[allow(unused_qualifications)]
        const _: () = {
            static __ERRCAT_VARIANTS: [::errcat::__private::Variant; #count] = [#(#rows),*];
            #(#checks)*

            #[automatically_derived]
            impl #impl_generics ::errcat::ApiError for #ty #ty_generics #where_clause {
                fn status(&self) -> ::errcat::__private::StatusCode {
                    ::errcat::__private::status_of(self)
                }
                fn code(&self) -> &'static str {
                    ::errcat::__private::code_of(self)
                }
                fn message(&self) -> ::errcat::__private::Cow<'static, str> {
                    ::errcat::__private::message_of(self)
                }
                fn parts(&self, __visit: &mut dyn ::core::ops::FnMut(&::errcat::ErrorParts<'_>)) {
                    #[allow(unused_imports)]
                    use ::errcat::__private::{FastInt as _, FastNone as _, FastStr as _};
                    #body
                }
                fn to_response(
                    &self,
                ) -> ::errcat::__private::Response<::errcat::__private::Bytes> {
                    use ::errcat::__private::{ProbeDebug as _, ProbeError as _, ProbeOpaque as _};
                    ::errcat::__private::respond::<Self, ::errcat::__private::Bytes>(
                        self,
                        (&&&::errcat::__private::Probe(self)).__errcat_loggable(),
                    )
                }
                fn catalog() -> ::errcat::__private::Vec<::errcat::CatalogEntry> {
                    ::errcat::__private::catalog(&__ERRCAT_VARIANTS, &[#(#nested),*])
                }
            }

            ::errcat::__private_integrations! { {#impl_generics} {#ty #ty_generics} {#(#predicates,)*} }
        };
    }
}

/// Where an unknown envelope's error should point: the path that named it.
fn envelope_span(variant: &Variant, input: &Input) -> Span {
    variant
        .attrs
        .envelope
        .as_ref()
        .or(input.attrs.envelope.as_ref())
        .map_or_else(Span::call_site, |path| {
            path.segments
                .last()
                .map_or_else(Span::call_site, |s| s.ident.span())
        })
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// What one variant's row reads from its fields.
struct VariantRow<'a> {
    variant: &'a Variant<'a>,
    status: u16,
    /// Interpolated fields in order of first use, with the span of the template naming them.
    args: Vec<(usize, Span)>,
    /// `#[detail]` fields and their keys, in field order.
    details: Vec<(usize, String)>,
    /// The `#[api_error(body)]` field.
    body: Option<usize>,
}

impl<'a> VariantRow<'a> {
    fn new(variant: &'a Variant<'a>, input: &Input) -> Self {
        let status = variant
            .attrs
            .status
            .as_ref()
            .or(input.attrs.default_status.as_ref())
            .map_or(500, |status| status.value);
        let attrs = &variant.attrs;
        let templates = attrs
            .message
            .iter()
            .chain(attrs.field.iter())
            .chain(attrs.headers.iter().map(|header| &header.value));
        let mut args: Vec<(usize, Span)> = Vec::new();
        for template in templates {
            for placeholder in template.placeholders() {
                if let Ok(field) = variant.resolve(&placeholder.name)
                    && !args.iter().any(|&(seen, _)| seen == field)
                {
                    args.push((field, template.lit.span()));
                }
            }
        }
        let details = variant
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, field)| field.detail_key().map(|key| (i, key)))
            .collect();
        let body = variant
            .fields
            .iter()
            .position(|field| field.attrs.body.is_some());
        VariantRow {
            variant,
            status,
            args,
            details,
            body,
        }
    }

    /// A `Template` literal whose placeholders index into this row's args.
    fn template(&self, template: &Template) -> TokenStream {
        let source = template.lit.value();
        let pieces = template.pieces.iter().map(|piece| match piece {
            Piece::Text(text) => quote!(::errcat::__private::Piece::Text(#text)),
            Piece::Field(placeholder) => {
                let field = self.variant.resolve(&placeholder.name).unwrap_or(0);
                let arg = self
                    .args
                    .iter()
                    .position(|&(seen, _)| seen == field)
                    .unwrap_or(0);
                let written = &placeholder.written;
                quote!(::errcat::__private::Piece::Field(#arg, #written))
            }
        });
        quote! {
            ::errcat::__private::Template { source: #source, pieces: &[#(#pieces),*] }
        }
    }
}
