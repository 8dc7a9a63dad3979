//! The model of one `#[derive(ApiError)]` input: the type, its variants and their fields,
//! borrowing from syn's tree, with every attribute already parsed into typed values.

use crate::attr::{self, Attrs, Site};
use crate::case::{RenameRule, camel_case_field};
use crate::ctxt::Errors;
use crate::template::PlaceholderName;
use syn::ext::IdentExt as _;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

/// The deriving type.
pub struct Input<'a> {
    /// The type's name.
    pub ident: &'a Ident,
    /// The type's generics, as declared.
    pub generics: &'a Generics,
    /// Type-level attributes: `envelope`, `rename_all`, default `status`.
    pub attrs: Attrs,
    /// Whether the type is a struct (one variant, matched as `Self`).
    pub is_struct: bool,
    /// The variants in declaration order; a struct has exactly one.
    pub variants: Vec<Variant<'a>>,
}

/// One variant (or the struct itself).
pub struct Variant<'a> {
    /// The variant's name (the type's name for a struct).
    pub ident: &'a Ident,
    /// Its attributes: `status`, `code`, `message`, `header`, `field`, `envelope`, `transparent`.
    pub attrs: Attrs,
    /// Its fields in declaration order.
    pub fields: Vec<Field<'a>>,
    /// Whether the fields are named (`{ id: String }`) rather than positional.
    pub named: bool,
    /// Whether thiserror's `#[error(transparent)]` is on it: a hint for a missing
    /// `#[api_error(transparent)]`.
    pub thiserror_transparent: bool,
    /// Whether an attribute on it looks like a misspelt `#[status]` (`#[staus(404)]`), which
    /// rustc reports as unknown.
    pub status_misspelt: bool,
}

/// One field of a variant.
pub struct Field<'a> {
    /// The field as written.
    pub original: &'a syn::Field,
    /// How a pattern names it: `id` or `0`.
    pub member: Member,
    /// Its type.
    pub ty: &'a Type,
    /// `T` when the type is written `Option<T>` (or `std::option::Option<T>`): a header
    /// interpolating it is sent only when it is `Some`.
    pub option: Option<&'a Type>,
    /// `#[detail]`, `#[api_error(body)]`.
    pub attrs: Attrs,
    /// thiserror's `#[source]` or `#[from]`, or a field named `source`: the error's cause,
    /// which must never reach a body or a header.
    pub is_source: bool,
}

impl<'a> Input<'a> {
    /// Builds the model, recording malformed attributes in `errors`. `None` for unions.
    pub fn from_syn(node: &'a DeriveInput, errors: &mut Errors) -> Option<Self> {
        match &node.data {
            Data::Struct(data) => {
                let mut attrs = attr::parse(&node.attrs, Site::Struct, errors);
                let variant_attrs = Attrs {
                    status: attrs.status.take(),
                    code: attrs.code.take(),
                    message: attrs.message.take(),
                    headers: std::mem::take(&mut attrs.headers),
                    field: attrs.field.take(),
                    transparent: attrs.transparent.take(),
                    doc: std::mem::take(&mut attrs.doc),
                    deprecated: attrs.deprecated.take(),
                    ..Attrs::default()
                };
                let variant = Variant {
                    ident: &node.ident,
                    attrs: variant_attrs,
                    fields: fields_of(&data.fields, errors),
                    named: matches!(data.fields, Fields::Named(_)),
                    thiserror_transparent: is_thiserror_transparent(&node.attrs),
                    status_misspelt: is_status_misspelt(&node.attrs),
                };
                Some(Input {
                    ident: &node.ident,
                    generics: &node.generics,
                    attrs,
                    is_struct: true,
                    variants: vec![variant],
                })
            }
            Data::Enum(data) => {
                let attrs = attr::parse(&node.attrs, Site::Enum, errors);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| Variant {
                        ident: &variant.ident,
                        attrs: attr::parse(&variant.attrs, Site::Variant, errors),
                        fields: fields_of(&variant.fields, errors),
                        named: matches!(variant.fields, Fields::Named(_)),
                        thiserror_transparent: is_thiserror_transparent(&variant.attrs),
                        status_misspelt: is_status_misspelt(&variant.attrs),
                    })
                    .collect();
                Some(Input {
                    ident: &node.ident,
                    generics: &node.generics,
                    attrs,
                    is_struct: false,
                    variants,
                })
            }
            Data::Union(data) => {
                errors.spanned(
                    data.union_token,
                    "ApiError cannot be derived for a union: use an enum (one variant per error) or a struct",
                );
                None
            }
        }
    }

    /// The case rule codes derive from.
    pub fn rename_rule(&self) -> RenameRule {
        self.attrs
            .rename_all
            .unwrap_or(RenameRule::ScreamingSnakeCase)
    }
}

/// Whether `attrs` hold thiserror's `#[error(transparent)]`.
fn is_thiserror_transparent(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("error")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "transparent")
    })
}

/// Whether one of `attrs` is named within two edits of `status` (and is not `status`).
fn is_status_misspelt(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().get_ident().is_some_and(|ident| {
            let name = ident.to_string();
            name != "status" && edit_distance(&name, "status") <= 2
        })
    })
}

/// The Levenshtein distance between `a` and `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn fields_of<'a>(fields: &'a Fields, errors: &mut Errors) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| Field {
            original: field,
            member: field
                .ident
                .clone()
                .map_or_else(|| Member::Unnamed(i.into()), Member::Named),
            ty: &field.ty,
            option: option_inner(&field.ty),
            attrs: attr::parse(&field.attrs, Site::Field, errors),
            is_source: field
                .attrs
                .iter()
                .any(|attr| attr.path().is_ident("source") || attr.path().is_ident("from"))
                || field.ident.as_ref().is_some_and(|ident| ident == "source"),
        })
        .collect()
}

/// `T` when `ty` is written `Option<T>`, `std::option::Option<T>` or
/// `core::option::Option<T>`: as serde does, the type as written decides, so an alias of an
/// `Option` is taken for what it names (and must then be `Display`, as any other field).
fn option_inner(ty: &Type) -> Option<&Type> {
    let path = match ty {
        Type::Group(group) => return option_inner(&group.elem),
        Type::Paren(paren) => return option_inner(&paren.elem),
        Type::Path(path) if path.qself.is_none() => &path.path,
        _ => return None,
    };
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let prefix_ok = match segments.as_slice() {
        [_] => path.leading_colon.is_none(),
        [root, module, _] => (root == "std" || root == "core") && module == "option",
        _ => false,
    };
    let last = path.segments.last()?;
    if !prefix_ok || last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

impl Variant<'_> {
    /// The variant's code: `#[code]`, else its name in the type's case.
    pub fn code(&self, rule: RenameRule) -> String {
        self.attrs.code.as_ref().map_or_else(
            || rule.apply_to_variant(&self.ident.unraw().to_string()),
            syn::LitStr::value,
        )
    }

    /// The field a placeholder names, or why there is none.
    pub fn resolve(&self, name: &PlaceholderName) -> Result<usize, String> {
        let variant = self.ident;
        match name {
            PlaceholderName::Named(wanted) => {
                if !self.named && !self.fields.is_empty() {
                    return Err(format!(
                        "`{{{wanted}}}` names a field, but `{variant}` has positional fields: write `{{0}}`"
                    ));
                }
                self.fields
                    .iter()
                    .position(|field| field.name().as_deref() == Some(wanted.as_str()))
                    .ok_or_else(|| {
                        format!("`{variant}` has no field `{wanted}`{}", self.field_list())
                    })
            }
            PlaceholderName::Index(index) => {
                if self.named {
                    return Err(format!(
                        "`{{{index}}}` is positional, but `{variant}` has named fields: write the name{}",
                        self.field_list()
                    ));
                }
                if *index < self.fields.len() {
                    Ok(*index)
                } else {
                    Err(format!(
                        "`{{{index}}}` is out of range: `{variant}` has {} field{}",
                        self.fields.len(),
                        if self.fields.len() == 1 { "" } else { "s" }
                    ))
                }
            }
        }
    }

    fn field_list(&self) -> String {
        let names: Vec<String> = self.fields.iter().filter_map(Field::name).collect();
        if names.is_empty() {
            "; it has no named fields".to_owned()
        } else {
            format!("; its fields are: {}", names.join(", "))
        }
    }
}

impl Field<'_> {
    /// The field's name with any `r#` removed; `None` for a positional field.
    pub fn name(&self) -> Option<String> {
        self.original
            .ident
            .as_ref()
            .map(|ident| ident.unraw().to_string())
    }

    /// The key of this field's `#[detail]` member: its `rename`, else the camelCase name.
    pub fn detail_key(&self) -> Option<String> {
        let detail = self.attrs.detail.as_ref()?;
        match &detail.rename {
            Some(rename) => Some(rename.value()),
            None => self.name().map(|name| camel_case_field(&name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::option_inner;
    use quote::ToTokens as _;

    fn inner(ty: &str) -> Option<String> {
        let ty: syn::Type = syn::parse_str(ty).unwrap();
        option_inner(&ty).map(|inner| inner.to_token_stream().to_string())
    }

    #[test]
    fn options_as_written() {
        for written in [
            "Option<u64>",
            "std::option::Option<u64>",
            "::core::option::Option<u64>",
            "(Option<u64>)",
        ] {
            assert_eq!(inner(written).as_deref(), Some("u64"), "{written}");
        }
        assert_eq!(inner("Option<Vec<u8>>").as_deref(), Some("Vec < u8 >"));
        for other in [
            "u64",
            "Option",
            "::Option<u64>",
            "my::Option<u64>",
            "std::Option<u64>",
            "Vec<Option<u64>>",
            "&Option<u64>",
            "<T as Tr>::Option<u64>",
        ] {
            assert_eq!(inner(other), None, "{other}");
        }
    }
}
