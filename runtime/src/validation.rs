//! Conversions from the validation crates' error types into [`Violations`] (features
//! `validator` and `garde`).

#[cfg(any(feature = "validator", feature = "garde"))]
use crate::violations::{FieldViolation, Violations};

/// `validator::ValidationErrors` (feature `validator`): every field error, nested structs as
/// `address.zip` and list items as `items[2].sku`, sorted by path (validator keeps no order).
/// A message the validation gives is kept; otherwise one is written from the code and its
/// parameters, in the style of Bean Validation (`size must be between 8 and 128`).
///
/// ```
/// use errcat::Violations;
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Registration {
///     #[validate(length(min = 1, message = "must not be blank"))]
///     organization_name: String,
///     #[validate(email)]
///     email: String,
///     #[validate(length(min = 8, max = 128))]
///     password: String,
/// }
///
/// let form = Registration { organization_name: String::new(), email: "invalid".into(), password: "short".into() };
/// let violations = Violations::from(&form.validate().unwrap_err());
/// let fields: Vec<(&str, &str)> = violations.iter().map(|v| (v.field.as_str(), &*v.message)).collect();
/// assert_eq!(fields, [
///     ("email", "must be a well-formed email address"),
///     ("organization_name", "must not be blank"),
///     ("password", "size must be between 8 and 128"),
/// ]);
/// ```
#[cfg(feature = "validator")]
impl From<&validator::ValidationErrors> for Violations {
    fn from(errors: &validator::ValidationErrors) -> Self {
        let mut out = Vec::new();
        walk_validator(errors, "", &mut out);
        Violations::from(out)
    }
}

#[cfg(feature = "validator")]
impl From<validator::ValidationErrors> for Violations {
    fn from(errors: validator::ValidationErrors) -> Self {
        Violations::from(&errors)
    }
}

#[cfg(feature = "validator")]
fn walk_validator(
    errors: &validator::ValidationErrors,
    prefix: &str,
    out: &mut Vec<FieldViolation>,
) {
    use validator::ValidationErrorsKind;
    let mut fields: Vec<_> = errors.errors().iter().collect();
    fields.sort_by_key(|(field, _)| *field);
    for (field, kind) in fields {
        // Struct-level errors are filed under `__all__`: they belong to the struct itself.
        let path = match (prefix, field.as_ref()) {
            (prefix, "__all__") => prefix.to_owned(),
            ("", field) => field.to_owned(),
            (prefix, field) => format!("{prefix}.{field}"),
        };
        match kind {
            ValidationErrorsKind::Field(errors) => {
                for error in errors {
                    out.push(FieldViolation::new(
                        path.clone(),
                        error.code.clone(),
                        error
                            .message
                            .clone()
                            .unwrap_or_else(|| default_message(error).into()),
                    ));
                }
            }
            ValidationErrorsKind::Struct(inner) => walk_validator(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    walk_validator(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

/// A message for a validator error that has none, from its code and parameters.
#[cfg(feature = "validator")]
fn default_message(error: &validator::ValidationError) -> String {
    let param = |name: &str| {
        error.params.get(name).map(|value| match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        })
    };
    let bounds = |noun: &str| match (param("min"), param("max"), param("equal")) {
        (_, _, Some(equal)) => format!("{noun}must be {equal}"),
        (Some(min), Some(max), _) if min == max => format!("{noun}must be {min}"),
        (Some(min), Some(max), _) => format!("{noun}must be between {min} and {max}"),
        (Some(min), None, _) => format!("{noun}must be at least {min}"),
        (None, Some(max), _) => format!("{noun}must be at most {max}"),
        (None, None, _) => format!("{noun}is out of range"),
    };
    match &*error.code {
        "length" => bounds("size "),
        "range" => bounds(""),
        "email" => "must be a well-formed email address".to_owned(),
        "url" => "must be a valid URL".to_owned(),
        "required" => "must not be null".to_owned(),
        "must_match" => param("other").map_or_else(
            || "must match".to_owned(),
            |other| format!("must match {other}"),
        ),
        "contains" => param("needle").map_or_else(
            || "is invalid".to_owned(),
            |needle| format!("must contain {needle}"),
        ),
        "does_not_contain" => param("needle").map_or_else(
            || "is invalid".to_owned(),
            |needle| format!("must not contain {needle}"),
        ),
        "regex" => "must match the expected pattern".to_owned(),
        "credit_card" => "must be a valid credit card number".to_owned(),
        "non_control_character" => "must not contain control characters".to_owned(),
        "ip" | "ipv4" | "ipv6" => "must be a valid IP address".to_owned(),
        _ => "is invalid".to_owned(),
    }
}

/// `garde::Report` (feature `garde`): every error in the order garde found them (declaration
/// order), paths as garde writes them (`address.zip`, `items[2].sku`). garde's errors carry no
/// code, so each has the code `invalid`.
#[cfg(feature = "garde")]
impl From<&garde::Report> for Violations {
    fn from(report: &garde::Report) -> Self {
        report
            .iter()
            .map(|(path, error)| {
                FieldViolation::new(path.to_string(), "invalid", error.message().to_owned())
            })
            .collect()
    }
}

#[cfg(feature = "garde")]
impl From<garde::Report> for Violations {
    fn from(report: garde::Report) -> Self {
        Violations::from(&report)
    }
}
