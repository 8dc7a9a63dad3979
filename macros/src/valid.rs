//! Rules that relate several attributes: placeholders name real fields, every variant has a
//! status, one code keeps one status, `transparent` and `body` are used where they make sense.

use crate::ast::{Input, Variant};
use crate::ctxt::Errors;
use crate::template::Template;
use std::collections::{BTreeMap as Map, BTreeSet as Set};

/// Records every rule the input breaks.
pub fn check(input: &Input, errors: &mut Errors) {
    let rule = input.rename_rule();
    // code -> (status, variant that first used it)
    let mut codes: Map<String, (u16, String)> = Map::new();
    for variant in &input.variants {
        if variant.attrs.transparent.is_some() {
            check_transparent(variant, errors);
            continue;
        }
        check_fields(variant, errors);
        for template in templates(variant) {
            for placeholder in template.placeholders() {
                match variant.resolve(&placeholder.name) {
                    Err(message) => errors.at(template.lit.span(), message),
                    Ok(index) if variant.fields[index].is_source => errors.at(
                        template.lit.span(),
                        format!(
                            "`{{{}}}` would send `{}`'s source error to clients, and sources stay \
                             private: say what failed in words, e.g. #[message(\"internal server error\")]",
                            placeholder.written, variant.ident
                        ),
                    ),
                    Ok(_) => {}
                }
            }
        }
        let status = match (&variant.attrs.status, &input.attrs.default_status) {
            (Some(status), _) | (None, Some(status)) => status.value,
            // A malformed or misplaced status was already reported where it was written.
            (None, None) if variant.attrs.status_written || input.attrs.status_written => continue,
            (None, None) => {
                let what = if input.is_struct { "struct" } else { "variant" };
                let advice = if input.is_struct {
                    "add #[status(404)] to the struct".to_owned()
                } else {
                    format!(
                        "add #[status(404)] to `{}`, or give the enum a default for variants \
                         that name none: #[api_error(status = 500)]",
                        variant.ident
                    )
                };
                errors.spanned(
                    variant.ident,
                    format!("{what} `{}` has no status: {advice}", variant.ident),
                );
                continue;
            }
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
                codes.insert(code, (status, variant.ident.to_string()));
            }
        }
    }
}

fn templates<'v>(variant: &'v Variant) -> impl Iterator<Item = &'v Template> {
    let attrs = &variant.attrs;
    attrs
        .message
        .iter()
        .chain(attrs.field.iter())
        .chain(attrs.headers.iter().map(|header| &header.value))
}

fn check_transparent(variant: &Variant, errors: &mut Errors) {
    let attrs = &variant.attrs;
    let Some(span) = attrs.transparent else {
        return;
    };
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
        }
    }
    for field in &variant.fields {
        if let Some(detail) = &field.attrs.detail {
            errors.at(detail.span, "#[detail] cannot be used on a `transparent` variant: the inner error supplies its details");
        }
        if let Some(span) = field.attrs.violations {
            errors.at(span, "`violations` cannot be used on a `transparent` variant: the inner error supplies them");
        }
        if let Some(body) = field.attrs.body {
            errors.at(body, "`body` cannot be used on a `transparent` variant: the inner error supplies its body");
        }
    }
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
