//! `#[message]`, `#[field]` and `#[header]` templates: literal text with `{name}` / `{0}`
//! placeholders and `{{` `}}` escapes, parsed once at compile time.

use syn::{Error, LitStr, Result};

/// A parsed template literal.
pub struct Template {
    /// The literal as written, for spans and for the catalog.
    pub lit: LitStr,
    /// Literal text and placeholders in order; adjacent text is merged.
    pub pieces: Vec<Piece>,
}

/// One run of a template.
pub enum Piece {
    /// Text with escapes resolved (`{{` is already `{`).
    Text(String),
    /// A field to interpolate with `Display`.
    Field(Placeholder),
}

/// A `{name}` or `{0}` in a template.
pub struct Placeholder {
    /// What the braces held, as written (`retry_after`, `0`, `r#type`).
    pub written: String,
    /// The field it names.
    pub name: PlaceholderName,
}

/// The field a placeholder names.
#[derive(PartialEq, Eq, Clone, Debug)]
pub enum PlaceholderName {
    /// `{id}`: a named field, raw prefix removed.
    Named(String),
    /// `{0}`: a tuple field by position.
    Index(usize),
}

impl Template {
    /// Parses `lit`; `attribute` names it in error messages (`#[message]`).
    pub fn parse(lit: &LitStr, attribute: &str) -> Result<Self> {
        let source = lit.value();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.char_indices().peekable();
        while let Some((start, ch)) = chars.next() {
            match ch {
                '{' if chars.peek().is_some_and(|&(_, next)| next == '{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().is_some_and(|&(_, next)| next == '}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(Error::new(
                        lit.span(),
                        format!(
                            "unmatched `}}` in {attribute}: write `}}}}` for a literal closing brace"
                        ),
                    ));
                }
                '{' => {
                    let Some(len) = source[start + 1..].find('}') else {
                        return Err(Error::new(
                            lit.span(),
                            format!(
                                "unmatched `{{` in {attribute}: close the placeholder with `}}`, \
                                 or write `{{{{` for a literal opening brace"
                            ),
                        ));
                    };
                    let inner = &source[start + 1..start + 1 + len];
                    let name = placeholder_name(inner, lit, attribute)?;
                    // Skip the placeholder's characters and its closing brace.
                    for _ in 0..=inner.chars().count() {
                        chars.next();
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(Placeholder {
                        written: inner.to_owned(),
                        name,
                    }));
                }
                _ => text.push(ch),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template {
            lit: lit.clone(),
            pieces,
        })
    }
}

fn placeholder_name(inner: &str, lit: &LitStr, attribute: &str) -> Result<PlaceholderName> {
    if inner.is_empty() {
        return Err(Error::new(
            lit.span(),
            format!(
                "empty placeholder `{{}}` in {attribute}: name the field, e.g. `{{id}}`, \
                 or give its position, e.g. `{{0}}`"
            ),
        ));
    }
    if let Some((name, _spec)) = inner.split_once(':') {
        return Err(Error::new(
            lit.span(),
            format!(
                "placeholder `{{{inner}}}` in {attribute} has a format spec; errcat \
                 interpolates with Display only: write `{{{name}}}`"
            ),
        ));
    }
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        return inner.parse().map(PlaceholderName::Index).map_err(|_| {
            Error::new(
                lit.span(),
                format!("placeholder `{{{inner}}}` is out of range"),
            )
        });
    }
    let ident = inner.strip_prefix("r#").unwrap_or(inner);
    let mut chars = ident.chars();
    let valid = chars
        .next()
        .is_some_and(|first| first == '_' || first.is_alphabetic())
        && chars.all(|ch| ch == '_' || ch.is_alphanumeric());
    if valid && ident != "_" {
        Ok(PlaceholderName::Named(ident.to_owned()))
    } else {
        Err(Error::new(
            lit.span(),
            format!(
                "`{{{inner}}}` in {attribute} is not a placeholder: placeholders name a field, \
                 e.g. `{{id}}` or `{{0}}`; write `{{{{` and `}}}}` for literal braces"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Piece, PlaceholderName, Template};
    use proc_macro2::Span;
    use syn::LitStr;

    fn parse(source: &str) -> Result<Template, String> {
        Template::parse(&LitStr::new(source, Span::call_site()), "#[message]")
            .map_err(|error| error.to_string())
    }

    fn shape(template: &Template) -> Vec<String> {
        template
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => format!("text:{text}"),
                Piece::Field(placeholder) => format!("field:{:?}", placeholder.name),
            })
            .collect()
    }

    #[test]
    fn text_and_placeholders() {
        let template = parse("Try again in {retry_after} seconds ({0}).").unwrap();
        assert_eq!(
            shape(&template),
            [
                "text:Try again in ",
                "field:Named(\"retry_after\")",
                "text: seconds (",
                "field:Index(0)",
                "text:).",
            ]
        );
    }

    #[test]
    fn escapes_and_unicode() {
        let template = parse("{{literal}} é {r#type}}}").unwrap();
        assert_eq!(
            shape(&template),
            ["text:{literal} é ", "field:Named(\"type\")", "text:}"]
        );
        assert_eq!(shape(&parse("a {{ b }}").unwrap()), ["text:a { b }"]);
        let placeholder = parse("{x}").unwrap();
        assert!(matches!(
            &placeholder.pieces[..],
            [Piece::Field(p)] if p.name == PlaceholderName::Named("x".into())
        ));
    }

    #[test]
    fn mistakes() {
        for (source, expected) in [
            ("a { b", "unmatched `{`"),
            ("a } b", "unmatched `}`"),
            ("{}", "empty placeholder"),
            (
                "{id:?}",
                "format spec; errcat interpolates with Display only: write `{id}`",
            ),
            ("{a b}", "is not a placeholder"),
            ("{-1}", "is not a placeholder"),
            ("{_}", "is not a placeholder"),
            ("{99999999999999999999999}", "out of range"),
        ] {
            let error = parse(source)
                .err()
                .unwrap_or_else(|| panic!("{source} parsed"));
            assert!(error.contains(expected), "{source}: {error}");
        }
    }
}
