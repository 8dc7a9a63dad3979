//! serde's `rename_all` case rules: how a code derives from a variant name and a detail key
//! from a field name.

use self::RenameRule::{
    CamelCase, KebabCase, LowerCase, PascalCase, ScreamingKebabCase, ScreamingSnakeCase, SnakeCase,
    UpperCase,
};

/// One of serde's case conventions; the names are serde's own.
#[allow(clippy::enum_variant_names)]
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum RenameRule {
    /// `lowercase`
    LowerCase,
    /// `UPPERCASE`
    UpperCase,
    /// `PascalCase`
    PascalCase,
    /// `camelCase`
    CamelCase,
    /// `snake_case`
    SnakeCase,
    /// `SCREAMING_SNAKE_CASE`, errcat's default for codes.
    ScreamingSnakeCase,
    /// `kebab-case`
    KebabCase,
    /// `SCREAMING-KEBAB-CASE`
    ScreamingKebabCase,
}

/// The accepted names, in the order an error message lists them.
pub const RENAME_RULES: &[(&str, RenameRule)] = &[
    ("lowercase", LowerCase),
    ("UPPERCASE", UpperCase),
    ("PascalCase", PascalCase),
    ("camelCase", CamelCase),
    ("snake_case", SnakeCase),
    ("SCREAMING_SNAKE_CASE", ScreamingSnakeCase),
    ("kebab-case", KebabCase),
    ("SCREAMING-KEBAB-CASE", ScreamingKebabCase),
];

impl RenameRule {
    /// The rule called `name`, if serde knows it.
    pub fn from_name(name: &str) -> Option<Self> {
        RENAME_RULES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, rule)| *rule)
    }

    /// Applies the rule to a `PascalCase` variant or type name.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            PascalCase => variant.to_owned(),
            LowerCase => variant.to_ascii_lowercase(),
            UpperCase => variant.to_ascii_uppercase(),
            CamelCase => {
                let mut chars = variant.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            SnakeCase => {
                let mut snake = String::with_capacity(variant.len() + 4);
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                snake
            }
            ScreamingSnakeCase => SnakeCase.apply_to_variant(variant).to_ascii_uppercase(),
            KebabCase => SnakeCase.apply_to_variant(variant).replace('_', "-"),
            ScreamingKebabCase => ScreamingSnakeCase
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }
}

/// The camelCase form of a `snake_case` field name: the default key of a `#[detail]`.
pub fn camel_case_field(field: &str) -> String {
    let mut camel = String::with_capacity(field.len());
    let mut capitalize = false;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = !camel.is_empty();
        } else if capitalize {
            camel.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            camel.push(ch);
        }
    }
    camel
}

#[cfg(test)]
mod tests {
    use super::{RenameRule, camel_case_field};

    #[test]
    fn codes_from_variant_names() {
        let cases = [
            ("SCREAMING_SNAKE_CASE", "NotFound", "NOT_FOUND"),
            ("snake_case", "NotFound", "not_found"),
            ("kebab-case", "RateLimited", "rate-limited"),
            ("SCREAMING-KEBAB-CASE", "RateLimited", "RATE-LIMITED"),
            ("camelCase", "NotFound", "notFound"),
            ("PascalCase", "NotFound", "NotFound"),
            ("lowercase", "NotFound", "notfound"),
            ("UPPERCASE", "NotFound", "NOTFOUND"),
        ];
        for (rule, variant, code) in cases {
            let rule = RenameRule::from_name(rule).unwrap();
            assert_eq!(rule.apply_to_variant(variant), code, "{rule:?}");
        }
        assert_eq!(RenameRule::from_name("Screaming"), None);
    }

    #[test]
    fn detail_keys_are_camel_case() {
        assert_eq!(camel_case_field("retry_after"), "retryAfter");
        assert_eq!(camel_case_field("id"), "id");
        assert_eq!(camel_case_field("_private_x"), "privateX");
        assert_eq!(camel_case_field("a__b"), "aB");
    }
}
