//! Rules that relate several attributes (placeholders name real fields, every variant has a
//! status, one code keeps one status, `transparent` and `body` are used where they make
//! sense), and the resolved model that expansion reads: with every rule met, each variant's
//! status, code, arguments and keys are settled here, so expansion has nothing to guess.

use crate::ast::{Field, Input, Variant};
use crate::ctxt::Errors;
use crate::template::{Piece, Template};
use proc_macro2::Span;
use std::collections::{BTreeMap as Map, BTreeSet as Set};
use syn::ext::IdentExt as _;

/// One variant, resolved.
pub struct Resolved<'a> {
    /// The variant (the struct, for a struct).
    pub variant: &'a Variant<'a>,
    /// Its name with any `r#` removed.
    pub name: String,
    /// What it answers with.
    pub kind: Kind<'a>,
    /// Where it is documented: its own `docs`, else the type's.
    pub docs: Option<String>,
}

/// What a resolved variant answers with.
pub enum Kind<'a> {
    /// Its one field's `ApiError`.
    Transparent(&'a Field<'a>),
    /// Its own status, code, message and the rest.
    Own(Box<Own>),
}

/// A variant with its own status.
pub struct Own {
    /// The status, in 400..=599.
    pub status: u16,
    /// The code.
    pub code: String,
    /// The interpolated fields, in order of first use, each with the span of the template
    /// that first names it; templates refer to them by position here.
    pub args: Vec<(usize, Span)>,
    /// `#[message]`.
    pub message: Option<TemplateRow>,
    /// `#[field]`.
    pub field: Option<TemplateRow>,
    /// `#[header]`s, in order.
    pub headers: Vec<HeaderRow>,
    /// `#[detail]` fields, their keys and the span of their attribute, in field order.
    pub details: Vec<(usize, String, Span)>,
    /// The `#[api_error(body)]` field, and the span of its keyword.
    pub body: Option<(usize, Span)>,
    /// The `#[api_error(violations)]` field, and the span of its keyword.
    pub violations: Option<(usize, Span)>,
}

/// A template whose placeholders are argument positions.
pub struct TemplateRow {
    /// As written.
    pub source: String,
    /// Text and arguments in order.
    pub pieces: Vec<PieceRow>,
}

/// One run of a [`TemplateRow`].
pub enum PieceRow {
    /// Literal text.
    Text(String),
    /// The argument at `index` of [`Own::args`], and the placeholder as written.
    Arg { index: usize, written: String },
}

/// A `#[header]` with its value resolved.
pub struct HeaderRow {
    /// The name as written.
    pub name: String,
    /// The name lowercased.
    pub lower: String,
    /// The value.
    pub value: TemplateRow,
    /// Whether the value interpolates an `Option` field: the header is then sent only when
    /// every `Option` field it names is `Some`.
    pub optional: bool,
}

/// Records every rule the input breaks, and returns each variant resolved; only complete when
/// no error was recorded.
pub fn check<'a>(input: &'a Input<'a>, errors: &mut Errors) -> Vec<Resolved<'a>> {
    let rule = input.rename_rule();
    // code -> (status, variant that first used it)
    let mut codes: Map<String, (u16, String)> = Map::new();
    let mut resolved = Vec::with_capacity(input.variants.len());
    for variant in &input.variants {
        let name = variant.ident.unraw().to_string();
        if variant.attrs.transparent.is_some() {
            if let Some(docs) = &variant.attrs.docs
                && docs.value().contains('#')
            {
                errors.at(
                    docs.span(),
                    "a transparent variant answers with each of its inner type's codes, and its \
                     `docs` page gets each code's anchor appended: write the page without a \
                     fragment",
                );
            }
            if let Some(field) = check_transparent(variant, errors) {
                resolved.push(Resolved {
                    variant,
                    name,
                    kind: Kind::Transparent(field),
                    docs: docs_of(variant, input),
                });
            }
            continue;
        }
        check_fields(variant, errors);
        let mut args: Vec<(usize, Span)> = Vec::new();
        let mut template_row = |template: &Template, attribute: &str, errors: &mut Errors| {
            let mut ok = true;
            let mut pieces = Vec::with_capacity(template.pieces.len());
            for piece in &template.pieces {
                let placeholder = match piece {
                    Piece::Text(text) => {
                        pieces.push(PieceRow::Text(text.clone()));
                        continue;
                    }
                    Piece::Field(placeholder) => placeholder,
                };
                match variant.resolve(&placeholder.name) {
                    Err(message) => {
                        errors.at(template.lit.span(), message);
                        ok = false;
                    }
                    Ok(index) if variant.fields[index].is_source => {
                        errors.at(
                            template.lit.span(),
                            format!(
                                "`{{{}}}` would send `{}`'s source error to clients, and sources \
                                 stay private: {}",
                                placeholder.written,
                                variant.ident,
                                match attribute {
                                    "#[message]" =>
                                        "say what failed in words, e.g. \
                                                     #[message(\"internal server error\")]",
                                    _ => "write it without the source",
                                }
                            ),
                        );
                        ok = false;
                    }
                    Ok(index)
                        if attribute != "#[header]" && variant.fields[index].option.is_some() =>
                    {
                        errors.at(
                            template.lit.span(),
                            format!(
                                "`{{{}}}` is an `Option`, and {attribute} has nothing to show \
                                 when it is `None`: make the field a #[detail] (left out of the \
                                 body when `None`), or interpolate it in a #[header] only (sent \
                                 only when `Some`)",
                                placeholder.written,
                            ),
                        );
                        ok = false;
                    }
                    Ok(field) => {
                        let index = match args.iter().position(|&(seen, _)| seen == field) {
                            Some(index) => index,
                            None => {
                                args.push((field, template.lit.span()));
                                args.len() - 1
                            }
                        };
                        pieces.push(PieceRow::Arg {
                            index,
                            written: placeholder.written.clone(),
                        });
                    }
                }
            }
            ok.then(|| TemplateRow {
                source: template.lit.value(),
                pieces,
            })
        };
        let attrs = &variant.attrs;
        let message = attrs
            .message
            .as_ref()
            .map(|t| template_row(t, "#[message]", errors));
        let field = attrs
            .field
            .as_ref()
            .map(|t| template_row(t, "#[field]", errors));
        let headers: Vec<Option<HeaderRow>> = attrs
            .headers
            .iter()
            .map(|header| {
                template_row(&header.value, "#[header]", errors).map(|value| HeaderRow {
                    name: header.name.value(),
                    lower: header.lower.clone(),
                    value,
                    optional: false,
                })
            })
            .collect();

        let Some(status) = status_of(variant, input, errors) else {
            continue;
        };
        let code = variant.code(rule);
        match codes.get(&code) {
            Some((first_status, first_variant)) if *first_status != status => {
                let message = format!(
                    "code \"{code}\" is already used with status {first_status} by `{first_variant}`; \
                     one code has one status: give `{}` its own #[code(\"...\")] or status {first_status}",
                    variant.ident
                );
                match &variant.attrs.code {
                    Some(lit) => errors.spanned(lit, message),
                    None => errors.spanned(variant.ident, message),
                }
            }
            Some(_) => {}
            None => {
                codes.insert(code.clone(), (status, variant.ident.to_string()));
            }
        }

        // Only a variant whose every template resolved is complete; the others have errors.
        let (Some(message), Some(field), Some(headers)) = (
            message.map_or(Some(None), |row| row.map(Some)),
            field.map_or(Some(None), |row| row.map(Some)),
            headers.into_iter().collect::<Option<Vec<_>>>(),
        ) else {
            continue;
        };
        let mut headers = headers;
        for header in &mut headers {
            header.optional = header.value.pieces.iter().any(|piece| {
                matches!(piece, PieceRow::Arg { index, .. }
                    if variant.fields[args[*index].0].option.is_some())
            });
        }
        for (i, field) in variant.fields.iter().enumerate() {
            let Some(example) = &field.attrs.example else {
                continue;
            };
            let shown = field.attrs.detail.is_some()
                || field.attrs.violations.is_some()
                || args.iter().any(|&(arg, _)| arg == i);
            if !shown {
                let name = field.name().unwrap_or_else(|| i.to_string());
                errors.spanned(
                    example,
                    format!(
                        "`example` gives the value the catalog's examples show for `{name}`, \
                         but no example shows `{name}`: use it in #[message], #[field] or a \
                         #[header], make it a #[detail], or remove the example"
                    ),
                );
            }
        }
        let details = variant
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, field)| {
                let detail = field.attrs.detail.as_ref()?;
                Some((i, field.detail_key()?, detail.span))
            })
            .collect();
        let marked = |span_of: fn(&Field) -> Option<Span>| {
            variant
                .fields
                .iter()
                .enumerate()
                .find_map(|(i, field)| Some((i, span_of(field)?)))
        };
        resolved.push(Resolved {
            variant,
            name,
            kind: Kind::Own(Box::new(Own {
                status,
                code,
                args,
                message,
                field,
                headers,
                details,
                body: marked(|field| field.attrs.body),
                violations: marked(|field| field.attrs.violations),
            })),
            docs: docs_of(variant, input),
        });
    }
    check_docs_member(input, &resolved, errors);
    resolved
}

/// Where `variant` is documented: its own `docs`, else the type's.
fn docs_of(variant: &Variant, input: &Input) -> Option<String> {
    variant
        .attrs
        .docs
        .as_ref()
        .or(input.attrs.docs.as_ref())
        .map(syn::LitStr::value)
}

/// `docs_member` needs a page to link to, and a key no detail uses.
fn check_docs_member(input: &Input, resolved: &[Resolved], errors: &mut Errors) {
    let Some(member) = &input.attrs.docs_member else {
        return;
    };
    // A transparent variant's inner type may name its own page.
    let documented = resolved
        .iter()
        .any(|variant| variant.docs.is_some() || matches!(variant.kind, Kind::Transparent(_)));
    if !documented {
        errors.at(
            member.span(),
            "`docs_member` carries the link to where each error is documented, and this type \
             names no page: add #[api_error(docs = \"https://api.example.com/errors\")] beside it",
        );
    }
    let key = member.value();
    for variant in resolved {
        let Kind::Own(own) = &variant.kind else {
            continue;
        };
        for (_, detail, span) in &own.details {
            if *detail == key {
                errors.at(
                    *span,
                    format!(
                        "the #[detail] key \"{key}\" is the type's `docs_member`: give the detail \
                         another key with #[detail(rename = \"...\")]"
                    ),
                );
            }
        }
    }
}

/// The variant's status, its own or the type's default; `None`, with the error recorded,
/// when it has neither.
fn status_of(variant: &Variant, input: &Input, errors: &mut Errors) -> Option<u16> {
    if let Some(status) = variant
        .attrs
        .status
        .as_ref()
        .or(input.attrs.default_status.as_ref())
    {
        return Some(status.value);
    }
    // A malformed or misplaced status was already reported where it was written.
    if variant.attrs.status_written || input.attrs.status_written {
        return None;
    }
    // A misspelt one (`#[staus(404)]`) rustc reports as an unknown attribute.
    if variant.status_misspelt {
        errors.reported_by_rustc();
        return None;
    }
    let message = if variant.thiserror_transparent {
        format!(
            "variant `{}` has thiserror's #[error(transparent)] but no status: add \
             #[api_error(transparent)] so its field's ApiError answers, or give it its own \
             #[status(...)]",
            variant.ident
        )
    } else if input.is_struct {
        format!(
            "struct `{}` has no status: add #[status(...)] to the struct, e.g. #[status(400)]",
            variant.ident
        )
    } else {
        let example = sibling_status(input).unwrap_or(400);
        format!(
            "variant `{}` has no status: add the status it answers with, e.g. \
             #[status({example})], or give the enum a default for variants that name none, \
             e.g. #[api_error(status = {example})]",
            variant.ident
        )
    };
    errors.spanned(variant.ident, message);
    None
}

/// The status the type's variants use most, to suggest in an example.
fn sibling_status(input: &Input) -> Option<u16> {
    let mut counts: Map<u16, usize> = Map::new();
    for variant in &input.variants {
        if let Some(status) = &variant.attrs.status {
            *counts.entry(status.value).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(status, count)| (count, std::cmp::Reverse(status)))
        .map(|(status, _)| status)
}

/// The one field of a transparent variant, when the variant is well formed.
fn check_transparent<'a>(variant: &'a Variant<'a>, errors: &mut Errors) -> Option<&'a Field<'a>> {
    let attrs = &variant.attrs;
    let span = attrs.transparent?;
    let mut ok = true;
    if variant.fields.len() != 1 {
        errors.at(
            span,
            format!(
                "`transparent` needs exactly one field, whose type implements ApiError, but `{}` \
                 has {}: wrap the inner error alone, or remove `transparent` and give the \
                 variant its own #[status]",
                variant.ident,
                variant.fields.len()
            ),
        );
        ok = false;
    }
    let conflicts = [
        ("#[status]", attrs.status.as_ref().map(|status| status.span)),
        ("#[code]", attrs.code.as_ref().map(syn::LitStr::span)),
        ("#[message]", attrs.message.as_ref().map(|m| m.lit.span())),
        ("#[field]", attrs.field.as_ref().map(|f| f.lit.span())),
        ("#[header]", attrs.headers.first().map(|h| h.name.span())),
    ];
    for (name, found) in conflicts {
        if let Some(at) = found {
            errors.at(
                at,
                format!(
                    "{name} cannot be combined with `transparent`: the inner error supplies it; \
                     remove {name}, or remove `transparent`"
                ),
            );
            ok = false;
        }
    }
    for field in &variant.fields {
        if let Some(detail) = &field.attrs.detail {
            errors.at(detail.span, "#[detail] cannot be used on a `transparent` variant: the inner error supplies its details");
            ok = false;
        }
        if let Some(span) = field.attrs.violations {
            errors.at(span, "`violations` cannot be used on a `transparent` variant: the inner error supplies them");
            ok = false;
        }
        if let Some(body) = field.attrs.body {
            errors.at(body, "`body` cannot be used on a `transparent` variant: the inner error supplies its body");
            ok = false;
        }
    }
    if ok { variant.fields.first() } else { None }
}

fn check_fields(variant: &Variant, errors: &mut Errors) {
    for field in variant.fields.iter().filter(|field| field.is_source) {
        let public = field
            .attrs
            .detail
            .as_ref()
            .map(|d| ("#[detail]", d.span))
            .or(field.attrs.body.map(|span| ("#[api_error(body)]", span)));
        if let Some((attribute, span)) = public {
            errors.at(
                span,
                format!("{attribute} on a source error would send it to clients, and sources stay private: remove {attribute}"),
            );
        }
    }
    let mut keys = Set::new();
    for field in &variant.fields {
        let Some(detail) = &field.attrs.detail else {
            continue;
        };
        match field.detail_key() {
            None => errors.at(
                detail.span,
                "a #[detail] on a positional field needs a key: write #[detail(rename = \"key\")]",
            ),
            Some(key) => {
                if !keys.insert(key.clone()) {
                    errors.at(
                        detail.span,
                        format!(
                            "two #[detail] members of `{}` are both named \"{key}\": give one \
                             #[detail(rename = \"...\")]",
                            variant.ident
                        ),
                    );
                }
            }
        }
    }

    let mut lists = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.violations);
    if lists.next().is_some() {
        for extra in lists {
            errors.at(
                extra,
                format!(
                    "`{}` already has a field marked #[api_error(violations)]: keep one list",
                    variant.ident
                ),
            );
        }
    }
    let has_body = variant
        .fields
        .iter()
        .any(|field| field.attrs.body.is_some());
    for field in &variant.fields {
        let Some(span) = field.attrs.violations else {
            continue;
        };
        if field.attrs.body.is_some() || field.attrs.detail.is_some() {
            errors.at(span, "#[api_error(violations)] on a field that is also the body or a #[detail]: keep one of them");
        } else if has_body {
            errors.at(
                span,
                format!(
                    "`{}` has a #[api_error(body)] field, which is the whole body, so these violations would never be sent: remove one",
                    variant.ident
                ),
            );
        }
        if field.is_source {
            errors.at(span, "#[api_error(violations)] on a source error: sources stay private; use an `errcat::Violations` field");
        }
    }

    let mut bodies = variant.fields.iter().filter_map(|field| field.attrs.body);
    if bodies.next().is_some() {
        for extra in bodies {
            errors.at(
                extra,
                format!(
                    "`{}` already has a field marked #[api_error(body)]: a variant has one body",
                    variant.ident
                ),
            );
        }
        for field in &variant.fields {
            let Some(detail) = &field.attrs.detail else {
                continue;
            };
            let message = if field.attrs.body.is_some() {
                "#[detail] and #[api_error(body)] on one field: the body field is the whole body; remove #[detail]".to_owned()
            } else {
                format!(
                    "`{}` has a #[api_error(body)] field, which is the whole body, so this #[detail] \
                     would never be sent: remove #[detail], or put the value inside the body type",
                    variant.ident
                )
            };
            errors.at(detail.span, message);
        }
    }

    let mut names = Set::new();
    for header in &variant.attrs.headers {
        if !names.insert(header.lower.as_str()) {
            errors.at(
                header.name.span(),
                format!(
                    "duplicate #[header] {:?} on `{}`: keep only one",
                    header.name.value(),
                    variant.ident
                ),
            );
        }
    }
}
