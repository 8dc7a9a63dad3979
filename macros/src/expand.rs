//! Tokens for a validated input: one static table holding every variant's data as a single
//! encoded string, and an impl whose `parts` matches on `self` once and hands the row index
//! plus borrowed fields to the runtime.
//!
//! What a variant costs the compiler is what users pay for each variant, so the expansion
//! stays table-driven: a few bytes of one string literal and one match arm per variant;
//! envelopes, JSON, headers and the catalog are runtime code shared by every type.

use crate::ast::{Input, Variant};
use crate::ctxt::Errors;
use crate::encode::Encoder;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::template::{Piece, Template};
use crate::{fallback, valid};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::ext::IdentExt as _;
use syn::spanned::Spanned as _;

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

/// The distinct envelopes of a type, in order of first use; rows refer to them by index.
#[derive(Default)]
struct Envelopes {
    keys: Vec<String>,
    refs: Vec<TokenStream>,
}

impl Envelopes {
    fn index(&mut self, ty: &TokenStream, span: Span) -> usize {
        let key = ty.to_string();
        if let Some(index) = self.keys.iter().position(|known| *known == key) {
            return index;
        }
        self.keys.push(key);
        self.refs.push(quote_spanned! {span=>
            &<#ty as ::errcat::__private::HasVtable>::VTABLE
        });
        self.keys.len() - 1
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

    let mut encoder = Encoder::default();
    let mut envelopes = Envelopes::default();
    let mut arms = Vec::with_capacity(input.variants.len());
    let mut nested = Vec::new();
    let mut checks = Vec::new();
    for (index, variant) in input.variants.iter().enumerate() {
        let envelope_ty = variant
            .attrs
            .envelope
            .as_ref()
            .map_or_else(|| default_envelope.clone(), |path| quote!(#path));
        let envelope = envelopes.index(&envelope_ty, envelope_span(variant, input));
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
            // Spanned at the field's type, where an unmet bound is then reported.
            bounds.insert(
                field_ty,
                quote_spanned!(field_ty.span()=> ::errcat::ApiError),
            );
            encode_transparent(&mut encoder, &name, envelope);
            arms.push(quote! {
                #pattern { #member: __field, .. } =>
                    ::errcat::__private::transparent(__field, &__ERRCAT, #index, __visit),
            });
            nested.push(quote! {
                (#index, <#field_ty as ::errcat::ApiError>::catalog
                    as fn() -> ::errcat::__private::Vec<::errcat::CatalogEntry>)
            });
            continue;
        }

        let row = VariantRow::new(variant, input);
        row.encode(&mut encoder, &name, input, envelope);
        for (i, key) in &row.details {
            checks.push(detail_check(
                &variant.fields[*i],
                key,
                &envelope_ty,
                row.violations.is_some(),
            ));
        }

        // Bind each field the row reads, once, by reference.
        let mut bound: Vec<usize> = row.args.iter().map(|&(field, _)| field).collect();
        bound.extend(row.details.iter().map(|&(field, _)| field));
        bound.extend(row.body);
        bound.extend(row.violations);
        bound.sort_unstable();
        bound.dedup();
        let bindings = bound.iter().map(|&i| {
            let member = &variant.fields[i].member;
            let binding = format_ident!("__field{}", i);
            quote!(#member: #binding)
        });
        let args = row.args.iter().map(|&(i, span)| {
            let field_ty = variant.fields[i].ty;
            if scope.intersects(field_ty) {
                bounds.insert(field_ty, quote!(::core::fmt::Display));
            }
            let binding = format_ident!("__field{}", i, span = span);
            quote_spanned!(span=> #binding as &dyn ::core::fmt::Display)
        });
        let args: Vec<TokenStream> = args.collect();
        let mut serialized = |i: usize, span: Option<Span>| {
            let field_ty = variant.fields[i].ty;
            if scope.intersects(field_ty) {
                bounds.insert(field_ty, quote!(::errcat::__private::Serialize));
            }
            let span = span.unwrap_or_else(Span::call_site);
            let binding = format_ident!("__field{}", i, span = span);
            quote_spanned!(span=> #binding as &dyn ::errcat::DetailValue)
        };
        let details: Vec<TokenStream> = row
            .details
            .iter()
            .map(|&(i, _)| serialized(i, variant.fields[i].attrs.detail.as_ref().map(|d| d.span)))
            .collect();
        let body = match row.body {
            Some(i) => {
                let value = serialized(i, variant.fields[i].attrs.body);
                quote!(::core::option::Option::Some(#value))
            }
            None => quote!(::core::option::Option::None),
        };
        let violations = match row.violations {
            Some(i) => {
                let span = variant.fields[i]
                    .attrs
                    .violations
                    .unwrap_or_else(Span::call_site);
                let binding = format_ident!("__field{}", i, span = span);
                quote_spanned!(span=> ::core::option::Option::Some(::errcat::__private::ViolationsField::violations(#binding)))
            }
            None => quote!(::core::option::Option::None),
        };
        arms.push(quote! {
            #pattern { #(#bindings,)* .. } => ::errcat::__private::visit(
                __visit, &__ERRCAT, #index, &[#(#args),*], &[#(#details),*], #body, #violations,
            ),
        });
    }

    let count = input.variants.len();
    let encoded = encoder.finish();
    let envelope_refs = &envelopes.refs;
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
            static __ERRCAT: ::errcat::__private::Table<[::errcat::__private::BodyCache; #count]> =
                ::errcat::__private::Table::new(#encoded, &[#(#envelope_refs),*]);
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
                    #body
                }
                fn to_response(
                    &self,
                ) -> ::errcat::__private::Response<::errcat::__private::Bytes> {
                    ::errcat::__private::respond(self, ::errcat::__private_loggable!(self))
                }
                fn catalog() -> ::errcat::__private::Vec<::errcat::CatalogEntry> {
                    ::errcat::__private::catalog(&__ERRCAT, &[#(#nested),*])
                }
            }

            ::errcat::__private_integrations! { {#impl_generics} {#ty #ty_generics} {#(#predicates,)*} }
        };
    }
}

/// A compile-time check that a detail's key is not one of its envelope's own members (nor,
/// on a variant that lists field violations, the member they go in).
fn detail_check(
    field: &crate::ast::Field,
    key: &str,
    envelope_ty: &TokenStream,
    lists_violations: bool,
) -> TokenStream {
    let span = field
        .attrs
        .detail
        .as_ref()
        .map_or_else(Span::call_site, |d| d.span);
    let envelope_name = envelope_ty.to_string().replace(' ', "");
    let check = |members: &str, clash: String| {
        let members = format_ident!("{members}");
        let message = format!(
            "the #[detail] key \"{key}\" {clash}: give the detail another key with \
             #[detail(rename = \"...\")]"
        );
        quote_spanned! {span=>
            const _: () = ::errcat::__private::assert_not_member(
                <#envelope_ty as ::errcat::__private::HasVtable>::VTABLE.#members,
                #key,
                #message,
            );
        }
    };
    let own = check(
        "members",
        format!("is already a member of the envelope `{envelope_name}`"),
    );
    let violations = lists_violations.then(|| {
        check(
            "violation_members",
            format!(
                "is where the envelope `{envelope_name}` lists this variant's field violations"
            ),
        )
    });
    quote!(#own #violations)
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

/// The row of a transparent variant: only its name and envelope are read.
fn encode_transparent(encoder: &mut Encoder, name: &str, envelope: usize) {
    encoder.string(name);
    encoder.number(500);
    encoder.string("");
    encoder.string("");
    encoder.number(envelope);
    encoder.string("0");
    encoder.string("0");
    encoder.no_template();
    encoder.no_template();
    encoder.number(0);
    encoder.number(0);
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
    /// The `#[api_error(violations)]` field.
    violations: Option<usize>,
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
        let violations = variant
            .fields
            .iter()
            .position(|field| field.attrs.violations.is_some());
        VariantRow {
            variant,
            status,
            args,
            details,
            body,
            violations,
        }
    }

    /// The argument a placeholder piece reads.
    fn arg_of(&self, piece: &Piece) -> usize {
        let Piece::Field(placeholder) = piece else {
            return 0;
        };
        let field = self.variant.resolve(&placeholder.name).unwrap_or(0);
        self.args
            .iter()
            .position(|&(seen, _)| seen == field)
            .unwrap_or(0)
    }

    fn template(&self, encoder: &mut Encoder, template: Option<&Template>) {
        match template {
            Some(template) => encoder.template(template, |piece| self.arg_of(piece)),
            None => encoder.no_template(),
        }
    }

    /// Appends this row to the type's encoding (the order `errcat`'s decoder reads).
    fn encode(&self, encoder: &mut Encoder, name: &str, input: &Input, envelope: usize) {
        let attrs = &self.variant.attrs;
        encoder.string(name);
        encoder.number(self.status);
        encoder.string(&self.variant.code(input.rename_rule()));
        encoder.string(&attrs.doc);
        encoder.number(envelope);
        encoder.string(if self.body.is_some() { "1" } else { "0" });
        encoder.string(if self.violations.is_some() { "1" } else { "0" });
        self.template(encoder, attrs.message.as_ref());
        self.template(encoder, attrs.field.as_ref());
        encoder.number(attrs.headers.len());
        for header in &attrs.headers {
            encoder.string(&header.name.value());
            encoder.string(&header.lower);
            encoder.template(&header.value, |piece| self.arg_of(piece));
        }
        encoder.number(self.details.len());
        for (_, key) in &self.details {
            encoder.string(key);
        }
    }
}
