//! Tokens for a validated input: one static table holding every variant's data as a single
//! encoded string, and an impl whose `parts` matches on `self` once and hands the row index
//! plus borrowed fields to the runtime.
//!
//! What a variant costs the compiler is what users pay for each variant, so the expansion
//! stays table-driven: a few bytes of one string literal and one match arm per variant;
//! envelopes, JSON, headers and the catalog are runtime code shared by every type.

use crate::ast::{Input, Variant};
use crate::ctxt::Errors;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::valid::{Kind, Own, PieceRow, Resolved, TemplateRow};
use crate::{fallback, valid};
use errcat_table::{Deprecation, Entry, Header, Piece, Row, Template};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

/// The whole expansion of `#[derive(ApiError)]` on `node`.
pub fn derive(node: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    // `None` only for a union, with the error recorded.
    let Some(input) = Input::from_syn(node, &mut errors) else {
        return fallback::expand(node, errors.finish().err().flatten().as_ref());
    };
    let resolved = valid::check(&input, &mut errors);
    match errors.finish() {
        Ok(()) => impl_api_error(&input, &resolved),
        Err(error) => fallback::expand(node, error.as_ref()),
    }
}

/// The distinct envelopes of a type, in order of first use; rows refer to them by index.
#[derive(Default)]
struct Envelopes {
    keys: Vec<String>,
    refs: Vec<TokenStream>,
}

impl Envelopes {
    fn index(&mut self, ty: &TokenStream, checks: &mut Vec<TokenStream>) -> usize {
        let key = ty.to_string();
        if let Some(index) = self.keys.iter().position(|known| *known == key) {
            return index;
        }
        self.keys.push(key);
        self.refs.push(quote!(::errcat::__private_vtable!(#ty)));
        // A user's envelope: its content type is checked here, where the user names it.
        let span = ty
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |token| token.span());
        checks.push(quote_spanned! {span=>
            const _: () = if !::errcat::__private::is_header_value(
                <#ty as ::errcat::Envelope>::CONTENT_TYPE,
            ) {
                ::core::panic!("the envelope's CONTENT_TYPE cannot be a header value: write visible ASCII, e.g. \"application/json\"")
            };
        });
        self.keys.len() - 1
    }
}

/// The envelope type a variant names, as written (spans kept, so an unknown envelope is
/// reported at the path that named it), and a name for it in messages.
fn envelope_of(variant: &Variant, input: &Input) -> (TokenStream, String) {
    match variant
        .attrs
        .envelope
        .as_ref()
        .or(input.attrs.envelope.as_ref())
    {
        Some(path) => (quote!(#path), quote!(#path).to_string().replace(' ', "")),
        None => (
            quote!(::errcat::envelope::Problem),
            "errcat::envelope::Problem".to_owned(),
        ),
    }
}

/// `span`'s place in the source with the derive's own (call-site) hygiene: what the
/// expansion's bindings and the expressions naming them are spanned with, so a diagnostic
/// points at the user's template or attribute, while the names resolve however the input was
/// written (by hand, or by a `macro_rules!` macro whose caller gave the template).
fn at(span: Span) -> Span {
    Span::call_site().located_at(span)
}

/// The binding of field `i`, spanned `at` `span`.
fn binding(i: usize, span: Span) -> syn::Ident {
    format_ident!("__field{}", i, span = at(span))
}

fn impl_api_error(input: &Input, resolved: &[Resolved]) -> TokenStream {
    let ty = input.ident;
    let scope = ParamsInScope::new(input.generics);
    let mut bounds = InferredBounds::default();

    let mut envelopes = Envelopes::default();
    let mut entries = Vec::with_capacity(resolved.len());
    let mut arms = Vec::with_capacity(resolved.len());
    let mut nested = Vec::new();
    let mut docs = Vec::with_capacity(resolved.len());
    let mut types = TypeDocs {
        keys: Vec::new(),
        consts: Vec::new(),
        in_const: input.generics.type_params().next().is_none(),
    };
    let mut checks = Vec::new();
    let docs_member = input.attrs.docs_member.as_ref().map(syn::LitStr::value);
    for (index, variant) in resolved.iter().enumerate() {
        let (envelope_ty, envelope_name) = envelope_of(variant.variant, input);
        let known = envelopes.keys.len();
        let envelope = envelopes.index(&envelope_ty, &mut checks);
        if let Some(member) = &input.attrs.docs_member
            && envelope == known
        {
            checks.push(docs_member_check(member, &envelope_ty, &envelope_name));
        }
        let pattern = if input.is_struct {
            quote!(Self)
        } else {
            let ident = variant.variant.ident;
            quote!(Self::#ident)
        };

        let own = match &variant.kind {
            Kind::Transparent(field) => {
                let (member, field_ty) = (&field.member, field.ty);
                if scope.intersects(field_ty) {
                    bounds.insert(field_ty, quote!(::errcat::ApiError));
                }
                entries.push(Entry::Transparent {
                    name: &variant.name,
                    envelope,
                    docs: variant.docs.as_deref(),
                    docs_member: docs_member.as_deref(),
                });
                // A concrete type that is not an ApiError fails in these two calls alone, at
                // the type as written (one error: same tokens, same bound), and never in a
                // bound on the impl, which would then be missing wherever the type is used.
                arms.push(quote! {
                    #pattern { #member: __field, .. } => <#field_ty as ::errcat::ApiError>::parts(
                        __field,
                        &mut ::errcat::__private::in_envelope(&__ERRCAT, #index, __visit),
                    ),
                });
                nested.push(quote! {
                    (#index, <#field_ty as ::errcat::ApiError>::catalog
                        as fn() -> ::errcat::__private::Vec<::errcat::CatalogEntry>)
                });
                docs.push(quote!(::errcat::__private::VariantDocs::NONE));
                continue;
            }
            Kind::Own(own) => own,
        };
        entries.push(Entry::Variant(Row {
            docs: variant.docs.as_deref(),
            docs_member: docs_member.as_deref(),
            ..row(variant, own, envelope)
        }));
        docs.push(variant_docs(variant.variant, own, &mut types));
        for (_, key, span) in &own.details {
            checks.push(detail_check(
                *span,
                key,
                &envelope_ty,
                &envelope_name,
                own.violations.is_some(),
            ));
        }
        arms.push(arm(
            variant.variant,
            own,
            &pattern,
            index,
            &scope,
            &mut bounds,
        ));
    }

    let count = resolved.len();
    let encoded = errcat_table::encode(&entries);
    let type_docs = &types.consts;
    let (docs_static, docs) = if types.in_const {
        (
            quote! {
                static __ERRCAT_DOCS: [::errcat::__private::VariantDocs<'static>; #count] = [#(#docs),*];
                #(#type_docs)*
            },
            quote!(&__ERRCAT_DOCS),
        )
    } else {
        (quote!(), quote!(&[#(#docs),*]))
    };
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
        // `deprecated`: the match names every variant, `#[deprecated]` ones too, and a
        // deprecation is the user's word to their callers, not to their own derive.
        #[allow(unused_qualifications, deprecated)]
        const _: () = {
            static __ERRCAT: ::errcat::__private::Table =
                ::errcat::__private::Table::new(#encoded, #count, &[#(#envelope_refs),*]);
            #docs_static
            #(#checks)*

            #[automatically_derived]
            #[diagnostic::do_not_recommend]
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
                fn parts(&self, __visit: &mut dyn ::core::ops::FnMut(&::errcat::envelope::ErrorParts<'_>)) {
                    #body
                }
                fn to_response(
                    &self,
                ) -> ::errcat::__private::Response<::errcat::__private::Bytes> {
                    ::errcat::__private::respond(self, ::errcat::__private_loggable!(self))
                }
                fn catalog() -> ::errcat::__private::Vec<::errcat::CatalogEntry> {
                    ::errcat::__private::catalog(&__ERRCAT, &[#(#nested),*], #docs)
                }
            }

            ::errcat::__private_integrations! { {#impl_generics} {#ty #ty_generics} {#(#predicates,)*} }
        };
    }
}

/// The docs of field types, as `fn() -> TypeDoc` expressions. For a type without type
/// parameters, each distinct type gets one constant, and the docs are static data: building
/// them at run time, in `catalog()`, cost the compiler more than the rest of the expansion.
struct TypeDocs {
    keys: Vec<String>,
    consts: Vec<TokenStream>,
    /// Whether the docs are constants (the type has no type parameters).
    in_const: bool,
}

impl TypeDocs {
    fn doc(&mut self, ty: &syn::Type) -> TokenStream {
        if !self.in_const {
            return quote!(::errcat::__private_type_doc!(#ty));
        }
        let key = quote!(#ty).to_string();
        let index = match self.keys.iter().position(|known| *known == key) {
            Some(index) => index,
            None => {
                let name = format_ident!("__ERRCAT_DOC{}", self.keys.len());
                self.consts.push(quote! {
                    const #name: fn() -> ::errcat::__private::TypeDoc =
                        || (::errcat::__private_type_doc!(#ty))();
                });
                self.keys.push(key);
                self.keys.len() - 1
            }
        };
        let name = format_ident!("__ERRCAT_DOC{}", index);
        quote!(#name)
    }
}

/// `Some(example)` as the JSON value of a `ty`, a wrong type reported at the example.
fn example_of(ty: &syn::Type, example: &TokenStream) -> TokenStream {
    let call = quote_spanned!(at(example.span())=> ::errcat::__private::example::<#ty, _>);
    quote!(::core::option::Option::Some(|| #call(#example)))
}

/// What the catalog reads of a variant's field types: each detail's schema and example, which
/// detail (with an example) each argument is, and the schema of each header that is one field.
fn variant_docs(variant: &Variant, own: &Own, types: &mut TypeDocs) -> TokenStream {
    let details: Vec<TokenStream> = own
        .details
        .iter()
        .map(|&(i, _, _)| {
            let field = &variant.fields[i];
            let ty = field.ty;
            let detail = field.attrs.detail.as_ref();
            let doc = match detail.and_then(|detail| detail.schema.as_ref()) {
                Some(schema) => quote!(|| ::errcat::__private::TypeDoc::declared(#schema())),
                None => types.doc(ty),
            };
            let example = detail.and_then(|detail| detail.example.as_ref());
            let example = match example.or(field.attrs.example.as_ref()) {
                Some(example) => example_of(ty, example),
                None => quote!(::core::option::Option::None),
            };
            quote!(::errcat::__private::DetailDoc { doc: #doc, example: #example })
        })
        .collect();
    let args: Vec<TokenStream> = own
        .args
        .iter()
        .map(|&(i, _)| {
            let field = &variant.fields[i];
            let example = field.attrs.example.as_ref().or_else(|| {
                field
                    .attrs
                    .detail
                    .as_ref()
                    .and_then(|detail| detail.example.as_ref())
            });
            match example {
                Some(example) => example_of(field.ty, example),
                None => quote!(::core::option::Option::None),
            }
        })
        .collect();
    let headers = own
        .headers
        .iter()
        .map(|header| match &*header.value.pieces {
            [PieceRow::Arg { index, .. }] => {
                let doc = types.doc(variant.fields[own.args[*index].0].ty);
                quote!(::core::option::Option::Some(#doc))
            }
            _ => quote!(::core::option::Option::None),
        })
        .collect::<Vec<_>>();
    let violations = match own.violations {
        Some((i, _)) => match &variant.fields[i].attrs.example {
            Some(example) => quote! {
                ::core::option::Option::Some(|| -> ::errcat::Violations {
                    ::core::convert::Into::into(#example)
                })
            },
            None => quote!(::core::option::Option::None),
        },
        None => quote!(::core::option::Option::None),
    };
    let body = match own.body {
        Some((i, _)) => {
            let doc = types.doc(variant.fields[i].ty);
            quote!(::core::option::Option::Some(#doc))
        }
        None => quote!(::core::option::Option::None),
    };
    // Most variants have nothing to say: one shared constant rather than a literal each.
    let none = quote!(::core::option::Option::None).to_string();
    let says_nothing = |items: &[TokenStream]| items.iter().all(|item| item.to_string() == none);
    if details.is_empty()
        && says_nothing(&args)
        && says_nothing(&headers)
        && own.body.is_none()
        && violations.to_string() == none
    {
        return quote!(::errcat::__private::VariantDocs::NONE);
    }
    let args = if says_nothing(&args) {
        Vec::new()
    } else {
        args
    };
    let headers = if says_nothing(&headers) {
        Vec::new()
    } else {
        headers
    };
    quote! {
        ::errcat::__private::VariantDocs {
            details: &[#(#details),*],
            args: &[#(#args),*],
            headers: &[#(#headers),*],
            body: #body,
            violations: #violations,
        }
    }
}

/// The table row of a variant with its own status.
fn row<'a>(variant: &'a Resolved<'a>, own: &'a Own, envelope: usize) -> Row<'a> {
    Row {
        name: &variant.name,
        status: own.status,
        code: &own.code,
        description: &variant.variant.attrs.doc,
        envelope,
        body: own.body.is_some(),
        violations: own.violations.is_some(),
        message: own.message.as_ref().map(template),
        field: own.field.as_ref().map(template),
        headers: own
            .headers
            .iter()
            .map(|header| Header {
                name: &header.name,
                lower: &header.lower,
                value: template(&header.value),
                optional: header.optional,
            })
            .collect(),
        details: own.details.iter().map(|(_, key, _)| key.as_str()).collect(),
        docs: None,
        docs_member: None,
        deprecated: variant
            .variant
            .attrs
            .deprecated
            .as_ref()
            .map(|deprecated| Deprecation {
                since: deprecated.since.as_deref(),
                note: deprecated.note.as_deref(),
            }),
    }
}

fn template(row: &TemplateRow) -> Template<'_> {
    Template {
        source: &row.source,
        pieces: row
            .pieces
            .iter()
            .map(|piece| match piece {
                PieceRow::Text(text) => Piece::Text(text),
                PieceRow::Arg { index, written } => Piece::Arg {
                    index: *index,
                    written,
                },
            })
            .collect(),
    }
}

/// The match arm of a variant with its own status: bind each field its row reads, once, by
/// reference, and hand them to the runtime.
fn arm(
    variant: &Variant,
    own: &Own,
    pattern: &TokenStream,
    index: usize,
    scope: &ParamsInScope,
    bounds: &mut InferredBounds,
) -> TokenStream {
    let field = |i: usize| &variant.fields[i];
    let mut bound: Vec<usize> = own.args.iter().map(|&(field, _)| field).collect();
    bound.extend(own.details.iter().map(|&(field, _, _)| field));
    bound.extend(own.body.map(|(field, _)| field));
    bound.extend(own.violations.map(|(field, _)| field));
    bound.sort_unstable();
    bound.dedup();
    let bindings = bound.iter().map(|&i| {
        let member = &field(i).member;
        let binding = binding(i, Span::call_site());
        quote!(#member: #binding)
    });
    let args: Vec<TokenStream> = own
        .args
        .iter()
        .map(|&(i, span)| {
            let binding = binding(i, span);
            // Only a #[header] interpolates an `Option` (validation saw to it): its value
            // when `Some`, else a marker the renderer leaves the header out for.
            if let Some(inner) = field(i).option {
                if scope.intersects(inner) {
                    bounds.insert(inner, quote!(::core::fmt::Display));
                }
                // The cast is spanned at the template, as any field's, so a `T` that is not
                // `Display` is reported there, in the same words.
                let value = format_ident!("__value", span = at(span));
                return quote_spanned!(at(span)=> match #binding {
                    ::core::option::Option::Some(#value) => #value as &dyn ::core::fmt::Display,
                    ::core::option::Option::None => ::errcat::__private::absent_arg(),
                });
            }
            let field_ty = field(i).ty;
            if scope.intersects(field_ty) {
                bounds.insert(field_ty, quote!(::core::fmt::Display));
            }
            quote_spanned!(at(span)=> #binding as &dyn ::core::fmt::Display)
        })
        .collect();
    let mut serialized = |i: usize, span: Span| {
        let field_ty = field(i).ty;
        if scope.intersects(field_ty) {
            bounds.insert(field_ty, quote!(::errcat::envelope::DetailValue));
        }
        let binding = binding(i, span);
        quote_spanned!(at(span)=> #binding as &dyn ::errcat::envelope::DetailValue)
    };
    let details: Vec<TokenStream> = own
        .details
        .iter()
        .map(|&(i, _, span)| serialized(i, span))
        .collect();
    let body = match own.body {
        Some((i, span)) => {
            let value = serialized(i, span);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let violations = match own.violations {
        Some((i, span)) => {
            let binding = binding(i, span);
            // A field of another type is a mismatch that names both types, and nothing private.
            quote_spanned!(at(span)=> {
                let __violations: &::errcat::Violations = #binding;
                ::core::option::Option::Some(__violations)
            })
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #pattern { #(#bindings,)* .. } => ::errcat::__private::visit(
            __visit, &__ERRCAT, #index, &[#(#args),*], &[#(#details),*], #body, #violations,
        ),
    }
}

/// A compile-time check that the type's `docs_member` is not one of an envelope's own
/// members.
fn docs_member_check(
    member: &syn::LitStr,
    envelope_ty: &TokenStream,
    envelope_name: &str,
) -> TokenStream {
    let key = member.value();
    let message = format!(
        "the docs_member \"{key}\" is already a member of the envelope `{envelope_name}`: \
         choose another key, e.g. docs_member = \"doc_url\""
    );
    quote_spanned! {member.span()=>
        const _: () = if ::errcat::__private::is_member(
            <#envelope_ty as ::errcat::Envelope>::MEMBERS,
            #key,
        ) {
            ::core::panic!(#message)
        };
    }
}

/// A compile-time check that a detail's key is not one of its envelope's own members (nor,
/// on a variant that lists field violations, the member they go in): the envelope may be the
/// user's, so only the compiler can read its members.
fn detail_check(
    span: Span,
    key: &str,
    envelope_ty: &TokenStream,
    envelope_name: &str,
    lists_violations: bool,
) -> TokenStream {
    let check = |members: TokenStream, clash: String| {
        let message = format!(
            "the #[detail] key \"{key}\" {clash}: give the detail another key with \
             #[detail(rename = \"...\")]"
        );
        quote_spanned! {span=>
            const _: () = if ::errcat::__private::is_member(#members, #key) {
                ::core::panic!(#message)
            };
        }
    };
    let own = check(
        quote!(<#envelope_ty as ::errcat::Envelope>::MEMBERS),
        format!("is already a member of the envelope `{envelope_name}`"),
    );
    let violations = lists_violations.then(|| {
        check(
            quote!(<#envelope_ty as ::errcat::Envelope>::VIOLATION_MEMBERS),
            format!(
                "is where the envelope `{envelope_name}` lists this variant's field violations"
            ),
        )
    });
    quote!(#own #violations)
}
