//! Typed parsing of errcat's attributes, wherever they sit.
//!
//! Every attribute is parsed into a typed value here; misplaced, repeated, unknown or malformed
//! ones become spanned errors that say what to write instead. Rules that relate several
//! attributes (placeholders naming fields, code clashes) are in `valid.rs`.

mod api_error;

use crate::case::RenameRule;
use crate::ctxt::Errors;
use crate::template::Template;
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Attribute, Error, Expr, ExprLit, Lit, LitInt, LitStr, Meta, Path, Result, Token};

/// Where an attribute list sits; decides which attributes are allowed.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Site {
    /// A struct: both the type and its only variant.
    Struct,
    /// An enum, as a whole.
    Enum,
    /// One variant of an enum.
    Variant,
    /// One field of a struct or variant.
    Field,
}

impl Site {
    fn accepts_variant_attrs(self) -> bool {
        matches!(self, Site::Struct | Site::Variant)
    }
}

/// Every errcat attribute found at one site.
#[derive(Default)]
pub struct Attrs {
    /// `#[api_error(envelope = PATH)]`
    pub envelope: Option<Path>,
    /// `#[api_error(rename_all = "...")]`
    pub rename_all: Option<RenameRule>,
    /// `#[api_error(status = N)]` on a type: the default status.
    pub default_status: Option<Status>,
    /// `#[status(N)]`
    pub status: Option<Status>,
    /// Whether a status was written here (`#[status]` or `status = `), valid or not: a
    /// malformed or misplaced one is reported once, not again as a missing status.
    pub status_written: bool,
    /// `#[code("...")]`
    pub code: Option<LitStr>,
    /// `#[message("...")]`
    pub message: Option<Template>,
    /// `#[header("Name", "...")]`, in order.
    pub headers: Vec<Header>,
    /// `#[field("...")]`
    pub field: Option<Template>,
    /// `#[api_error(transparent)]`: the keyword's span.
    pub transparent: Option<Span>,
    /// `#[detail]` or `#[detail(rename = "...")]`
    pub detail: Option<Detail>,
    /// `#[api_error(body)]`: the keyword's span.
    pub body: Option<Span>,
    /// `#[api_error(violations)]`: the keyword's span.
    pub violations: Option<Span>,
    /// `#[api_error(example = EXPR)]` on a field: its value in the catalog's examples.
    pub example: Option<TokenStream>,
    /// The doc comment, lines joined with `\n`.
    pub doc: String,
    /// `#[api_error(docs = "URI")]`: where the errors are documented.
    pub docs: Option<LitStr>,
    /// `#[api_error(docs_member = "key")]`: the body member carrying the docs link.
    pub docs_member: Option<LitStr>,
    /// Rust's `#[deprecated]`: its `since` and `note`, if given.
    pub deprecated: Option<Deprecated>,
}

/// Rust's `#[deprecated]`, `#[deprecated = "note"]` or
/// `#[deprecated(since = "...", note = "...")]`, as far as it reads: rustc checks its form.
#[derive(Default)]
pub struct Deprecated {
    /// `since = "..."`.
    pub since: Option<String>,
    /// `note = "..."`.
    pub note: Option<String>,
}

/// A status literal, already checked to be in 400..=599.
pub struct Status {
    /// The status.
    pub value: u16,
    /// The literal, for spans.
    pub span: Span,
}

/// One `#[header("Name", "template")]`.
pub struct Header {
    /// The name as written (`Retry-After`).
    pub name: LitStr,
    /// The name lowercased, as `http::HeaderName` stores it.
    pub lower: String,
    /// The value template.
    pub value: Template,
}

/// A `#[detail]` on a field.
pub struct Detail {
    /// `rename = "key"`, if given.
    pub rename: Option<LitStr>,
    /// `example = EXPR`: the member's value in the catalog's examples.
    pub example: Option<TokenStream>,
    /// `schema = PATH`: a function giving the member's JSON Schema, for a type errcat cannot
    /// document itself.
    pub schema: Option<Path>,
    /// The attribute, for spans.
    pub span: Span,
}

mod kw {
    syn::custom_keyword!(envelope);
    syn::custom_keyword!(rename_all);
    syn::custom_keyword!(status);
    syn::custom_keyword!(transparent);
    syn::custom_keyword!(body);
    syn::custom_keyword!(violations);
    syn::custom_keyword!(rename);
    syn::custom_keyword!(example);
    syn::custom_keyword!(schema);
    syn::custom_keyword!(docs);
    syn::custom_keyword!(docs_member);
}

/// Parses the errcat attributes among `attrs`, recording every mistake in `errors`.
pub fn parse(attrs: &[Attribute], site: Site, errors: &mut Errors) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs {
        let Some(name) = attr.path().get_ident().map(ToString::to_string) else {
            continue;
        };
        let result = match name.as_str() {
            "doc" => {
                collect_doc(attr, &mut out.doc);
                Ok(())
            }
            "api_error" => api_error::parse(attr, site, &mut out, errors),
            "status" | "code" | "message" | "header" | "field" => {
                parse_variant_attr(attr, &name, site, &mut out)
            }
            "detail" => parse_detail(attr, site, &mut out),
            "deprecated" => {
                out.deprecated = Some(deprecated(attr));
                Ok(())
            }
            _ => Ok(()),
        };
        errors.ok(result);
    }
    out
}

/// What `#[deprecated]` says; a malformed one is rustc's to report, and reads as bare.
fn deprecated(attr: &Attribute) -> Deprecated {
    let mut out = Deprecated::default();
    match &attr.meta {
        Meta::NameValue(nv) => {
            if let Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) = &nv.value
            {
                out.note = Some(lit.value());
            }
        }
        Meta::List(list) => {
            let _ = list.parse_nested_meta(|meta| {
                let value: LitStr = meta.value()?.parse()?;
                if meta.path.is_ident("since") {
                    out.since = Some(value.value());
                } else if meta.path.is_ident("note") {
                    out.note = Some(value.value());
                }
                Ok(())
            });
        }
        Meta::Path(_) => {}
    }
    out
}

fn collect_doc(attr: &Attribute, doc: &mut String) {
    if let Meta::NameValue(nv) = &attr.meta
        && let Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) = &nv.value
    {
        let line = lit.value();
        let line = line.strip_prefix(' ').unwrap_or(&line).trim_end();
        if !doc.is_empty() {
            doc.push('\n');
        }
        doc.push_str(line);
    }
}

fn duplicate(attr: &Attribute, what: &str, site: Site) -> Error {
    let place = match site {
        Site::Struct => "this struct",
        Site::Enum => "this enum",
        Site::Variant => "this variant",
        Site::Field => "this field",
    };
    Error::new_spanned(attr, format!("duplicate {what} on {place}: keep only one"))
}

fn require_list<'a>(attr: &'a Attribute, example: &str) -> Result<&'a syn::MetaList> {
    match &attr.meta {
        Meta::List(list) => Ok(list),
        other => Err(Error::new_spanned(
            other,
            format!("expected arguments in parentheses: write {example}"),
        )),
    }
}

fn parse_variant_attr(attr: &Attribute, name: &str, site: Site, out: &mut Attrs) -> Result<()> {
    if name == "status" {
        out.status_written = true;
    }
    if !site.accepts_variant_attrs() {
        let advice = match (site, name) {
            (Site::Enum, "status") => format!(
                "put it on each variant, or give the enum a default for variants that name \
                 none: {}",
                StatusForm::DEFAULT.with(written_status(attr).unwrap_or(500))
            ),
            (Site::Enum, _) => format!("put #[{name}(...)] on the variants it describes"),
            _ => format!("put #[{name}(...)] on the variant (or struct) the field belongs to"),
        };
        let place = if site == Site::Enum {
            "an enum"
        } else {
            "a field"
        };
        return Err(Error::new_spanned(
            attr.path(),
            format!("#[{name}] does not apply to {place}: {advice}"),
        ));
    }
    match name {
        "status" => {
            let list = require_list(attr, "#[status(404)]")?;
            let status = list.parse_args_with(|input: ParseStream| {
                let status = parse_status(input, StatusForm::VARIANT, 404)?;
                nothing_after(input, &StatusForm::VARIANT.with(status.value))?;
                Ok(status)
            })?;
            if out.status.is_some() {
                return Err(duplicate(attr, "#[status]", site));
            }
            out.status = Some(status);
        }
        "code" => {
            let list = require_list(attr, "#[code(\"NOT_FOUND\")]")?;
            let code = list.parse_args_with(|input: ParseStream| {
                let lit = string_literal(input, "#[code(\"NOT_FOUND\")]")?;
                let value = lit.value();
                if value.is_empty() {
                    return Err(Error::new(lit.span(), "a code must not be empty: write a stable machine-readable code such as \"NOT_FOUND\""));
                }
                if value.chars().any(char::is_control) {
                    return Err(Error::new(lit.span(), "a code must not contain control characters: write a stable machine-readable code such as \"NOT_FOUND\""));
                }
                if value.contains(['{', '}']) {
                    return Err(Error::new(lit.span(), "a code is fixed, not a template: write it without `{` `}` (\"KEY_NOT_FOUND\"), and put the value in the message or a #[detail]"));
                }
                nothing_after(input, "#[code(\"NOT_FOUND\")]")?;
                Ok(lit)
            })?;
            if out.code.is_some() {
                return Err(duplicate(attr, "#[code]", site));
            }
            out.code = Some(code);
        }
        "message" => {
            let list = require_list(attr, "#[message(\"bundle not found\")]")?;
            let lit = list.parse_args_with(|input: ParseStream| {
                let lit = string_literal(input, "#[message(\"bundle not found\")]")?;
                nothing_after(input, "#[message(\"bundle not found\")]")?;
                Ok(lit)
            })?;
            let template = Template::parse(&lit, "#[message]")?;
            if out.message.is_some() {
                return Err(duplicate(attr, "#[message]", site));
            }
            out.message = Some(template);
        }
        "field" => {
            let list = require_list(attr, "#[field(\"email\")]")?;
            let lit = list.parse_args_with(|input: ParseStream| {
                let lit = string_literal(input, "#[field(\"email\")]")?;
                nothing_after(input, "#[field(\"email\")]")?;
                Ok(lit)
            })?;
            let template = Template::parse(&lit, "#[field]")?;
            if out.field.is_some() {
                return Err(duplicate(attr, "#[field]", site));
            }
            out.field = Some(template);
        }
        _ => {
            let list = require_list(attr, "#[header(\"Retry-After\", \"{retry_after}\")]")?;
            let header = list.parse_args_with(parse_header)?;
            out.headers.push(header);
        }
    }
    Ok(())
}

/// An error on whatever follows an attribute's value, if anything does.
fn nothing_after(input: ParseStream, example: &str) -> Result<()> {
    if input.is_empty() {
        return Ok(());
    }
    let rest: proc_macro2::TokenStream = input.parse()?;
    Err(Error::new_spanned(
        rest,
        format!("unexpected tokens after the value: write {example}"),
    ))
}

fn string_literal(input: ParseStream, example: &str) -> Result<LitStr> {
    if input.peek(LitStr) {
        return input.parse();
    }
    let token: TokenTree = input.parse().map_err(|error| {
        Error::new(
            error.span(),
            format!("expected a string literal: write {example}"),
        )
    })?;
    Err(Error::new(
        token.span(),
        format!("expected a string literal: write {example}"),
    ))
}

/// How a status is written, with `{}` where the number goes: `#[status({})]`.
#[derive(Clone, Copy)]
pub(crate) struct StatusForm(&'static str);

impl StatusForm {
    pub(crate) const VARIANT: StatusForm = StatusForm("#[status({})]");
    pub(crate) const DEFAULT: StatusForm = StatusForm("#[api_error(status = {})]");

    /// The attribute written with `status`.
    pub(crate) fn with(self, status: u16) -> String {
        self.0.replace("{}", &status.to_string())
    }
}

/// The status a user meant by what they wrote, when it can be told: a string of digits
/// (`"400"`) or one of `http::StatusCode`'s constants (`StatusCode::BAD_REQUEST`).
fn meant_status(tokens: &proc_macro2::TokenStream) -> Option<u16> {
    let last = tokens.clone().into_iter().last()?;
    let status = match last {
        TokenTree::Literal(literal) => {
            let lit: LitStr = syn::parse2(TokenTree::Literal(literal).into()).ok()?;
            lit.value().trim().parse().ok()?
        }
        TokenTree::Ident(ident) => status_named(&ident.to_string())?,
        _ => return None,
    };
    (400..=599).contains(&status).then_some(status)
}

/// The status of an `http::StatusCode` constant.
fn status_named(name: &str) -> Option<u16> {
    const NAMES: &[(&str, u16)] = &[
        ("BAD_REQUEST", 400),
        ("UNAUTHORIZED", 401),
        ("PAYMENT_REQUIRED", 402),
        ("FORBIDDEN", 403),
        ("NOT_FOUND", 404),
        ("METHOD_NOT_ALLOWED", 405),
        ("NOT_ACCEPTABLE", 406),
        ("PROXY_AUTHENTICATION_REQUIRED", 407),
        ("REQUEST_TIMEOUT", 408),
        ("CONFLICT", 409),
        ("GONE", 410),
        ("LENGTH_REQUIRED", 411),
        ("PRECONDITION_FAILED", 412),
        ("PAYLOAD_TOO_LARGE", 413),
        ("URI_TOO_LONG", 414),
        ("UNSUPPORTED_MEDIA_TYPE", 415),
        ("RANGE_NOT_SATISFIABLE", 416),
        ("EXPECTATION_FAILED", 417),
        ("IM_A_TEAPOT", 418),
        ("MISDIRECTED_REQUEST", 421),
        ("UNPROCESSABLE_ENTITY", 422),
        ("LOCKED", 423),
        ("FAILED_DEPENDENCY", 424),
        ("TOO_EARLY", 425),
        ("UPGRADE_REQUIRED", 426),
        ("PRECONDITION_REQUIRED", 428),
        ("TOO_MANY_REQUESTS", 429),
        ("REQUEST_HEADER_FIELDS_TOO_LARGE", 431),
        ("UNAVAILABLE_FOR_LEGAL_REASONS", 451),
        ("INTERNAL_SERVER_ERROR", 500),
        ("NOT_IMPLEMENTED", 501),
        ("BAD_GATEWAY", 502),
        ("SERVICE_UNAVAILABLE", 503),
        ("GATEWAY_TIMEOUT", 504),
        ("HTTP_VERSION_NOT_SUPPORTED", 505),
        ("VARIANT_ALSO_NEGOTIATES", 506),
        ("INSUFFICIENT_STORAGE", 507),
        ("LOOP_DETECTED", 508),
        ("NOT_EXTENDED", 510),
        ("NETWORK_AUTHENTICATION_REQUIRED", 511),
    ];
    NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, status)| status)
}

/// A status in 400..=599, written as `form` shows; a mistake's message writes it back with
/// the status the user meant where that can be told (else `fallback`).
fn parse_status(input: ParseStream, form: StatusForm, fallback: u16) -> Result<Status> {
    // Everything up to the next `,`: what the user wrote for the status.
    let mut tokens = proc_macro2::TokenStream::new();
    let fork = input.fork();
    while !fork.is_empty() && !fork.peek(Token![,]) {
        tokens.extend([fork.parse::<TokenTree>()?]);
    }
    let example = form.with(meant_status(&tokens).unwrap_or(fallback));
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(Error::new(
            lit.span(),
            format!("a status is an integer literal, not a string: write {example}"),
        ));
    }
    if !input.peek(LitInt) {
        while !input.is_empty() && !input.peek(Token![,]) {
            input.parse::<TokenTree>()?;
        }
        if tokens.is_empty() {
            return Err(input.error(format!("expected a status: write {example}")));
        }
        // Span the whole expression, not only its first token.
        return Err(Error::new_spanned(
            tokens,
            format!(
                "a status is an integer literal in 400..=599, not a path or expression: write {example}"
            ),
        ));
    }
    let lit: LitInt = input.parse()?;
    let digits = lit.base10_digits();
    if !lit.suffix().is_empty() {
        return Err(Error::new(
            lit.span(),
            format!("a status takes no type suffix: write {digits}, not {lit}"),
        ));
    }
    match lit.base10_parse::<u16>() {
        Ok(value) if (400..=599).contains(&value) => Ok(Status {
            value,
            span: lit.span(),
        }),
        _ => Err(Error::new(
            lit.span(),
            format!(
                "status {digits} is not an error status: write a 4xx or 5xx status, in 400..=599"
            ),
        )),
    }
}

/// The status a misplaced `#[status(...)]` names, if it is a valid one.
fn written_status(attr: &Attribute) -> Option<u16> {
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    let lit: LitInt = syn::parse2(list.tokens.clone()).ok()?;
    let status = lit.base10_parse().ok()?;
    (400..=599).contains(&status).then_some(status)
}

fn parse_header(input: ParseStream) -> Result<Header> {
    const EXAMPLE: &str = "#[header(\"Retry-After\", \"{retry_after}\")]";
    let name = string_literal(input, EXAMPLE)?;
    input.parse::<Token![,]>().map_err(|error| {
        Error::new(
            error.span(),
            format!("expected a name and a value: write {EXAMPLE}"),
        )
    })?;
    let value = string_literal(input, EXAMPLE)?;
    nothing_after(input, EXAMPLE)?;
    let name_text = name.value();
    if name_text.is_empty() || !name_text.bytes().all(is_token_byte) {
        return Err(Error::new(
            name.span(),
            format!(
                "invalid header name {:?}: a header name is letters, digits and \
                 !#$%&'*+-.^_`|~ only, e.g. \"Retry-After\"",
                name_text
            ),
        ));
    }
    let lower = name_text.to_ascii_lowercase();
    if matches!(lower.as_str(), "content-type" | "content-length") {
        return Err(Error::new(
            name.span(),
            format!(
                "errcat sets {name_text} itself (from the envelope and the body): remove this #[header]"
            ),
        ));
    }
    let template = Template::parse(&value, "#[header]")?;
    for piece in &template.pieces {
        if let crate::template::Piece::Text(text) = piece
            && let Some(bad) = text
                .chars()
                .find(|&ch| !(ch == '\t' || (' '..='~').contains(&ch)))
        {
            return Err(Error::new(
                value.span(),
                format!(
                    "header value contains {bad:?}, which cannot appear in an HTTP header: \
                     use visible ASCII, spaces and tabs only"
                ),
            ));
        }
    }
    Ok(Header {
        name,
        lower,
        value: template,
    })
}

/// Whether `b` may appear in an HTTP header name (RFC 9110 `tchar`).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn parse_detail(attr: &Attribute, site: Site, out: &mut Attrs) -> Result<()> {
    const EXAMPLE: &str =
        "#[detail(rename = \"key\", example = 42, schema = path::to::schema_fn)], or #[detail]";
    if site != Site::Field {
        return Err(Error::new_spanned(
            attr.path(),
            "#[detail] applies to a field: put it on the field whose value should become a \
             member of the body",
        ));
    }
    let mut detail = Detail {
        rename: None,
        example: None,
        schema: None,
        span: attr.path().span(),
    };
    match &attr.meta {
        Meta::Path(_) => {}
        Meta::List(list) => list.parse_args_with(|input: ParseStream| {
            while !input.is_empty() {
                let lookahead = input.lookahead1();
                if lookahead.peek(kw::rename) {
                    let key: kw::rename = input.parse()?;
                    input.parse::<Token![=]>()?;
                    let lit = string_literal(input, "#[detail(rename = \"key\")]")?;
                    if lit.value().is_empty() {
                        return Err(Error::new(
                            lit.span(),
                            "a detail key must not be empty: write #[detail(rename = \"key\")]",
                        ));
                    }
                    if detail.rename.replace(lit).is_some() {
                        return Err(Error::new(key.span, "duplicate `rename`: keep only one"));
                    }
                } else if lookahead.peek(kw::example) {
                    let key: kw::example = input.parse()?;
                    input.parse::<Token![=]>()?;
                    let expr = expression(input, "#[detail(example = 42)]")?;
                    if detail.example.replace(expr).is_some() {
                        return Err(Error::new(key.span, "duplicate `example`: keep only one"));
                    }
                } else if lookahead.peek(kw::schema) {
                    let key: kw::schema = input.parse()?;
                    input.parse::<Token![=]>()?;
                    let path: Path = input.parse()?;
                    if detail.schema.replace(path).is_some() {
                        return Err(Error::new(key.span, "duplicate `schema`: keep only one"));
                    }
                } else {
                    let token: TokenTree = input.parse()?;
                    let what = match &token {
                        TokenTree::Ident(ident) => format!("unknown key `{ident}` in #[detail]"),
                        _ => "expected a key in #[detail]".to_owned(),
                    };
                    return Err(Error::new(token.span(), format!("{what}: write {EXAMPLE}")));
                }
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
            }
            Ok(())
        })?,
        Meta::NameValue(nv) => {
            return Err(Error::new_spanned(nv, format!("write {EXAMPLE}")));
        }
    }
    if out.detail.is_some() {
        return Err(duplicate(attr, "#[detail]", site));
    }
    out.detail = Some(detail);
    Ok(())
}

/// An expression's tokens, up to the next `,` outside brackets and generics: syn parses only
/// some expressions without its `full` feature, which every user would compile.
pub(crate) fn expression(input: ParseStream, example: &str) -> Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut angles = 0_usize;
    let mut previous: Option<char> = None;
    while !input.is_empty() {
        if angles == 0 && input.peek(Token![,]) {
            break;
        }
        let tree: TokenTree = input.parse()?;
        if let TokenTree::Punct(punct) = &tree {
            match punct.as_char() {
                '<' => angles += 1,
                // `->` and `=>` close nothing.
                '>' if !matches!(previous, Some('-' | '=')) => angles = angles.saturating_sub(1),
                _ => {}
            }
            previous = Some(punct.as_char());
        } else {
            previous = None;
        }
        tokens.extend([tree]);
    }
    if tokens.is_empty() {
        return Err(input.error(format!("expected an expression: write {example}")));
    }
    Ok(tokens)
}
