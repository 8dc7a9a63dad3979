//! `#[api_error(...)]`: its keys (`envelope`, `rename_all`, `status`, `docs`, `docs_member`,
//! `transparent`, `body`, `violations`, `example`), each valid at some sites only.

use super::{Attrs, Site, StatusForm, kw, parse_status, require_list, string_literal};
use crate::case::{RENAME_RULES, RenameRule};
use crate::ctxt::Errors;
use proc_macro2::TokenTree;
use syn::parse::ParseStream;
use syn::{Attribute, Error, LitStr, Path, Result, Token};

/// The error for a token that is none of `#[api_error]`'s keys, listing those valid at `site`.
fn unknown_key(input: ParseStream, site: Site) -> Error {
    let expected = match site {
        Site::Enum => {
            "`envelope = PATH`, `rename_all = \"...\"`, `status = N`, `docs = \"URI\"` or \
             `docs_member = \"key\"`"
        }
        Site::Struct => {
            "`envelope = PATH`, `rename_all = \"...\"`, `status = N`, `docs = \"URI\"`, \
             `docs_member = \"key\"` or `transparent`"
        }
        Site::Variant => "`envelope = PATH`, `docs = \"URI\"` or `transparent`",
        Site::Field => "`body`, `violations` or `example = EXPR`",
    };
    match input.parse::<TokenTree>() {
        Ok(TokenTree::Ident(ident)) => Error::new(
            ident.span(),
            format!("unknown key `{ident}` in #[api_error]: expected {expected} here"),
        ),
        Ok(token) => Error::new(
            token.span(),
            format!("expected a key in #[api_error]: write {expected}"),
        ),
        Err(error) => error,
    }
}

pub(super) fn parse(
    attr: &Attribute,
    site: Site,
    out: &mut Attrs,
    errors: &mut Errors,
) -> Result<()> {
    let list = require_list(
        attr,
        "#[api_error(envelope = errcat::envelope::ErrorField)]",
    )?;
    list.parse_args_with(|input: ParseStream| {
        while !input.is_empty() {
            if let Err(error) = parse_api_error_key(input, site, out, errors) {
                errors.push(error);
                // Skip to the next key, so one mistake neither hides the others nor drops
                // the keys after it (a lost `status = 500` would be reported again as missing).
                while !input.is_empty() && !input.peek(Token![,]) {
                    input.parse::<TokenTree>()?;
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>().map_err(|error| {
                Error::new(
                    error.span(),
                    "expected `,` between keys: write #[api_error(key = value, key = value)]",
                )
            })?;
        }
        Ok(())
    })
}

/// Parses one `key` or `key = value` of `#[api_error(...)]`.
fn parse_api_error_key(
    input: ParseStream,
    site: Site,
    out: &mut Attrs,
    errors: &mut Errors,
) -> Result<()> {
    let is_type = matches!(site, Site::Struct | Site::Enum);
    if input.peek(kw::envelope) {
        let key: kw::envelope = input.parse()?;
        eq_sign(
            input,
            "#[api_error(envelope = errcat::envelope::ErrorField)]",
        )?;
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            let written = lit.value();
            let known = ["Problem", "ErrorField", "MessageField", "Wrapped", "Spring"]
                .into_iter()
                .find(|name| name.eq_ignore_ascii_case(&written.replace(['_', '-'], "")));
            let suggestion = match known {
                Some(name) => format!("errcat::envelope::{name}"),
                None if syn::parse_str::<Path>(&written).is_ok() => written,
                None => "errcat::envelope::ErrorField".to_owned(),
            };
            return Err(Error::new(
                lit.span(),
                format!(
                    "`envelope` takes a type path, not a string: write envelope = {suggestion}"
                ),
            ));
        }
        let path: Path = input.parse()?;
        if site == Site::Field {
            errors.at(
                key.span,
                "`envelope` does not apply to a field: put #[api_error(envelope = ...)] on the \
                 variant or the type",
            );
        } else if out.envelope.is_some() {
            errors.at(key.span, "duplicate `envelope`: keep only one");
        } else {
            out.envelope = Some(path);
        }
    } else if input.peek(kw::rename_all) {
        let key: kw::rename_all = input.parse()?;
        eq_sign(input, "#[api_error(rename_all = \"kebab-case\")]")?;
        let lit = string_literal(input, "rename_all = \"SCREAMING_SNAKE_CASE\"")?;
        if !is_type {
            errors.at(
                key.span,
                "`rename_all` applies to the whole type: move it to #[api_error(...)] on the \
                 type, or give this variant #[code(\"...\")]",
            );
        } else if let Some(rule) = RenameRule::from_name(&lit.value()) {
            if out.rename_all.is_some() {
                errors.at(key.span, "duplicate `rename_all`: keep only one");
            }
            out.rename_all = Some(rule);
        } else {
            let names: Vec<String> = RENAME_RULES
                .iter()
                .map(|(name, _)| format!("\"{name}\""))
                .collect();
            errors.at(
                lit.span(),
                format!(
                    "unknown case {:?} for `rename_all`: expected one of {}",
                    lit.value(),
                    names.join(", ")
                ),
            );
        }
    } else if input.peek(kw::status) {
        out.status_written = true;
        let key: kw::status = input.parse()?;
        eq_sign(input, "#[api_error(status = 500)]")?;
        let status = parse_status(input, StatusForm::DEFAULT, 500)?;
        if !is_type {
            errors.at(
                key.span,
                format!(
                    "`status` in #[api_error] is the type's default: on a variant, write {}",
                    StatusForm::VARIANT.with(status.value)
                ),
            );
        } else if out.default_status.is_some() {
            errors.at(key.span, "duplicate `status`: keep only one");
        } else {
            out.default_status = Some(status);
        }
    } else if input.peek(kw::docs_member) {
        let key: kw::docs_member = input.parse()?;
        eq_sign(input, "#[api_error(docs_member = \"doc_url\")]")?;
        let lit = string_literal(input, "docs_member = \"doc_url\"")?;
        if !is_type {
            errors.at(
                key.span,
                "`docs_member` applies to the whole type: move it to #[api_error(...)] on the \
                 type",
            );
        } else if lit.value().is_empty() {
            errors.at(
                lit.span(),
                "`docs_member` is the key of a body member: write a non-empty key, e.g. \
                 docs_member = \"doc_url\"",
            );
        } else if out.docs_member.is_some() {
            errors.at(key.span, "duplicate `docs_member`: keep only one");
        } else {
            out.docs_member = Some(lit);
        }
    } else if input.peek(kw::docs) {
        let key: kw::docs = input.parse()?;
        eq_sign(
            input,
            "#[api_error(docs = \"https://api.example.com/errors\")]",
        )?;
        let lit = string_literal(input, "docs = \"https://api.example.com/errors\"")?;
        if site == Site::Field {
            errors.at(
                key.span,
                "`docs` does not apply to a field: put #[api_error(docs = \"...\")] on the type \
                 (or on a variant documented elsewhere)",
            );
        } else if let Err(message) = check_docs_uri(&lit.value(), site == Site::Enum) {
            errors.at(lit.span(), message);
        } else if out.docs.is_some() {
            errors.at(key.span, "duplicate `docs`: keep only one");
        } else {
            out.docs = Some(lit);
        }
    } else if input.peek(kw::transparent) {
        let key: kw::transparent = input.parse()?;
        if !matches!(site, Site::Struct | Site::Variant) {
            errors.at(
                key.span,
                "`transparent` applies to a variant (or struct) with one field whose type \
                 implements ApiError: put #[api_error(transparent)] on that variant",
            );
        } else if out.transparent.is_some() {
            errors.at(key.span, "duplicate `transparent`: keep only one");
        } else {
            out.transparent = Some(key.span);
        }
    } else if input.peek(kw::body) {
        let key: kw::body = input.parse()?;
        if site != Site::Field {
            errors.at(
                key.span,
                "`body` applies to a field: put #[api_error(body)] on the field whose value is \
                 the whole body",
            );
        } else if out.body.is_some() {
            errors.at(key.span, "duplicate `body`: keep only one");
        } else {
            out.body = Some(key.span);
        }
    } else if input.peek(kw::example) {
        let key: kw::example = input.parse()?;
        eq_sign(input, "#[api_error(example = \"name\")]")?;
        let expr = super::expression(input, "#[api_error(example = \"name\")]")?;
        if site != Site::Field {
            errors.at(
                key.span,
                "`example` applies to a field: put #[api_error(example = ...)] on the field \
                 whose value the catalog's examples show",
            );
        } else if out.example.is_some() {
            errors.at(key.span, "duplicate `example`: keep only one");
        } else {
            out.example = Some(expr);
        }
    } else if input.peek(kw::violations) {
        let key: kw::violations = input.parse()?;
        if site != Site::Field {
            errors.at(
                key.span,
                "`violations` applies to a field: put #[api_error(violations)] on the \
                 `errcat::Violations` field listing the request's invalid fields",
            );
        } else if out.violations.is_some() {
            errors.at(key.span, "duplicate `violations`: keep only one");
        } else {
            out.violations = Some(key.span);
        }
    } else {
        return Err(unknown_key(input, site));
    }
    Ok(())
}

/// Whether `uri` can be a problem's `type` as written: a URI reference (RFC 3986) whose
/// characters need no escaping in JSON, a header or HTML. An enum's page gets `#` and each
/// code's anchor appended, so it has no fragment of its own; a variant's (or a struct's, one
/// code) may: it is then the whole URI.
fn check_docs_uri(uri: &str, is_enum: bool) -> std::result::Result<(), String> {
    if uri.is_empty() {
        return Err(
            "`docs` names the page documenting these errors: write docs = \"https://api.example.com/errors\""
                .to_owned(),
        );
    }
    let bad: Vec<String> = uri
        .chars()
        .filter(|&c| !in_uri(c))
        .map(|c| format!("{c:?}"))
        .collect();
    if !bad.is_empty() {
        return Err(format!(
            "{} cannot appear in a URI: percent-encode it, write docs = \"{}\"",
            bad.join(", "),
            percent_encoded(uri)
        ));
    }
    if is_enum && uri.contains('#') {
        return Err(
            "the enum's `docs` page gets `#` and each code appended: write the page without a \
             fragment, e.g. docs = \"https://api.example.com/errors\", or give one variant its \
             whole URI with #[api_error(docs = \"...#...\")]"
                .to_owned(),
        );
    }
    match uri.split_once('#') {
        Some((_, fragment)) if fragment.contains('#') => {
            Err("a URI has one `#` at most: percent-encode a `#` in the fragment as %23".to_owned())
        }
        Some((page, "")) => Err(format!(
            "the fragment after `#` is empty: name the section (\"{page}#credit\"), or write the \
             page alone, \"{page}\", to get each code's anchor appended"
        )),
        _ => Ok(()),
    }
}

/// Whether `c` can stand in a URI as it is (RFC 3986: visible ASCII, none of the characters it
/// excludes), and so in JSON, a header or HTML without escaping.
fn in_uri(c: char) -> bool {
    c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c)
}

/// `uri` with every character a URI cannot hold percent-encoded, as UTF-8 bytes.
fn percent_encoded(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        if in_uri(c) {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// The `=` after a key; `example` shows the whole `key = value`.
fn eq_sign(input: ParseStream, example: &str) -> Result<()> {
    input
        .parse::<Token![=]>()
        .map(drop)
        .map_err(|error| Error::new(error.span(), format!("expected `=`: write {example}")))
}
