//! Bounds for generic types: only fields that mention a type parameter get a bound, and only
//! the one their use needs (`Display` to interpolate, `Serialize` for a detail or body,
//! `ApiError` for a transparent field).

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::collections::BTreeSet as Set;
use syn::{GenericArgument, Generics, Ident, PathArguments, Type, WhereClause, parse_quote};

/// The type parameters a field's type may mention.
pub struct ParamsInScope<'a> {
    names: Set<&'a Ident>,
}

impl<'a> ParamsInScope<'a> {
    /// The type parameters of `generics`.
    pub fn new(generics: &'a Generics) -> Self {
        ParamsInScope {
            names: generics.type_params().map(|param| &param.ident).collect(),
        }
    }

    /// Whether `ty` mentions one of the parameters.
    pub fn intersects(&self, ty: &Type) -> bool {
        !self.names.is_empty() && self.mentions(ty)
    }

    fn mentions(&self, ty: &Type) -> bool {
        match ty {
            Type::Path(ty) => {
                if let Some(qself) = &ty.qself
                    && self.mentions(&qself.ty)
                {
                    return true;
                }
                if let Some(front) = ty.path.segments.first()
                    && ty.qself.is_none()
                    && self.names.contains(&front.ident)
                {
                    return true;
                }
                ty.path
                    .segments
                    .iter()
                    .any(|segment| match &segment.arguments {
                        PathArguments::AngleBracketed(arguments) => {
                            arguments.args.iter().any(|arg| match arg {
                                GenericArgument::Type(ty) => self.mentions(ty),
                                _ => false,
                            })
                        }
                        _ => false,
                    })
            }
            Type::Reference(ty) => self.mentions(&ty.elem),
            Type::Slice(ty) => self.mentions(&ty.elem),
            Type::Array(ty) => self.mentions(&ty.elem),
            Type::Paren(ty) => self.mentions(&ty.elem),
            Type::Group(ty) => self.mentions(&ty.elem),
            Type::Ptr(ty) => self.mentions(&ty.elem),
            Type::Tuple(ty) => ty.elems.iter().any(|elem| self.mentions(elem)),
            // Anything else (trait objects, macros): bound it to be safe.
            _ => true,
        }
    }
}

/// `where` predicates collected while walking the fields, without repeats.
#[derive(Default)]
pub struct InferredBounds {
    seen: Set<String>,
    predicates: Vec<TokenStream>,
}

impl InferredBounds {
    /// Adds `ty: bound` unless already present.
    pub fn insert(&mut self, ty: &Type, bound: TokenStream) {
        let predicate = quote::quote!(#ty: #bound);
        if self.seen.insert(predicate.to_string()) {
            self.predicates.push(predicate);
        }
    }

    /// The type's where clause with the collected predicates appended.
    pub fn augment(&self, generics: &Generics) -> Option<WhereClause> {
        let mut generics = generics.clone();
        if !self.predicates.is_empty() {
            let where_clause = generics.make_where_clause();
            for predicate in &self.predicates {
                where_clause.predicates.push(parse_quote!(#predicate));
            }
        }
        generics.where_clause
    }
}

impl ToTokens for InferredBounds {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for predicate in &self.predicates {
            predicate.to_tokens(tokens);
            quote::quote!(,).to_tokens(tokens);
        }
    }
}
