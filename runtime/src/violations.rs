//! Field-level validation errors: which fields of a request are wrong, and why.

use std::borrow::Cow;
use std::fmt;

/// Where in the request a violated field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The body (JSON or form).
    Body,
    /// The query string.
    Query,
    /// The path.
    Path,
    /// A header.
    Header,
}

impl Location {
    /// `body`, `query`, `path` or `header`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Body => "body",
            Location::Query => "query",
            Location::Path => "path",
            Location::Header => "header",
        }
    }
}

/// One invalid field of a request: where it is, a stable code, and a message for a human.
///
/// ```
/// use errcat::{FieldViolation, Location};
///
/// let violation = FieldViolation::new("items[2].sku", "length", "size must be between 8 and 128");
/// assert_eq!(violation.location, Location::Body);
/// assert_eq!(violation.json_pointer(), "#/items/2/sku");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// The field's path: `email`, `address.zip`, `items[2].sku`.
    pub field: String,
    /// A stable, machine-readable code: `length`, `email`, `missing`, `invalid_type`.
    pub code: Cow<'static, str>,
    /// What is wrong, for a human: `must be a well-formed email address`.
    pub message: Cow<'static, str>,
    /// Where the field is.
    pub location: Location,
}

impl FieldViolation {
    /// A violation of a body field.
    pub fn new(
        field: impl Into<String>,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        FieldViolation {
            field: field.into(),
            code: code.into(),
            message: message.into(),
            location: Location::Body,
        }
    }

    /// The same violation, located elsewhere in the request.
    #[must_use]
    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    /// The field as an RFC 6901 JSON pointer fragment: `items[2].sku` is `#/items/2/sku`.
    pub fn json_pointer(&self) -> String {
        let mut pointer = String::from("#");
        for segment in path_segments(&self.field) {
            pointer.push('/');
            for ch in segment.chars() {
                match ch {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    _ => pointer.push(ch),
                }
            }
        }
        pointer
    }
}

/// The segments of `a.b[2].c`: `a`, `b`, `2`, `c`.
fn path_segments(path: &str) -> impl Iterator<Item = &str> {
    path.split(['.', '[', ']'])
        .filter(|segment| !segment.is_empty())
}

impl fmt::Display for FieldViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The invalid fields of one request, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations(Vec<FieldViolation>);

impl Violations {
    /// No violations.
    pub fn new() -> Self {
        Violations(Vec::new())
    }

    /// Adds a violation.
    pub fn push(&mut self, violation: FieldViolation) {
        self.0.push(violation);
    }

    /// The violations, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldViolation> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first violation, if any.
    pub fn first(&self) -> Option<&FieldViolation> {
        self.0.first()
    }

    /// The same violations with each field named as `T`'s serde `Deserialize` names it,
    /// at every level (`billing_address.zip_code` is `billingAddress.zipCode` under
    /// `#[serde(rename_all = "camelCase")]`), ordered as `T` declares its fields (list items
    /// by index): validation crates report Rust names, sorted. A field whose serde name is
    /// not its Rust name in some case (`#[serde(rename = "pass")]` on `password`) keeps the
    /// name the validation crate gave it, and goes last.
    ///
    /// errcat's `Valid` and `Garde` extractors do this themselves.
    ///
    /// ```
    /// use errcat::{FieldViolation, Violations};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct Registration {
    ///     organization_name: String,
    ///     email: String,
    /// }
    ///
    /// let violations: Violations = [
    ///     FieldViolation::new("email", "email", "must be a well-formed email address"),
    ///     FieldViolation::new("organization_name", "length", "must not be blank"),
    /// ]
    /// .into_iter()
    /// .collect();
    /// let named = violations.named_by::<Registration>();
    /// let fields: Vec<&str> = named.iter().map(|v| v.field.as_str()).collect();
    /// assert_eq!(fields, ["organizationName", "email"]);
    /// ```
    #[must_use]
    pub fn named_by<'de, T: serde::Deserialize<'de>>(self) -> Self {
        let names = crate::serde_names::SerdeNames::of::<T>();
        let mut keyed: Vec<(Vec<usize>, FieldViolation)> = self
            .0
            .into_iter()
            .map(|mut violation| {
                let (field, order) = names.rename(&violation.field);
                violation.field = field;
                (order, violation)
            })
            .collect();
        keyed.sort_by(|(a, _), (b, _)| a.cmp(b));
        Violations(keyed.into_iter().map(|(_, violation)| violation).collect())
    }

    /// The same violations with each field's name segments in camelCase (`organization_name`
    /// becomes `organizationName`, `items[2].unit_price` becomes `items[2].unitPrice`): for
    /// a validation crate that reports Rust field names in an API whose JSON is camelCase.
    ///
    /// ```
    /// use errcat::{FieldViolation, Violations};
    ///
    /// let violations = Violations::from(FieldViolation::new("line_items[2].unit_price", "range", "must be positive"));
    /// assert_eq!(violations.camel_case().first().unwrap().field, "lineItems[2].unitPrice");
    /// ```
    #[must_use]
    pub fn camel_case(mut self) -> Self {
        for violation in &mut self.0 {
            violation.field = camel_case_path(&violation.field);
        }
        self
    }
}

/// `a_b.c_d[2]` as `aB.cD[2]`: each segment between `.` and `[`..`]` in camelCase.
fn camel_case_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut upper = false;
    let mut in_segment_start = true;
    for ch in path.chars() {
        match ch {
            '_' if !in_segment_start => upper = true,
            '.' | '[' | ']' => {
                out.push(ch);
                upper = false;
                in_segment_start = true;
            }
            _ => {
                if upper {
                    out.extend(ch.to_uppercase());
                } else {
                    out.push(ch);
                }
                upper = false;
                in_segment_start = false;
            }
        }
    }
    out
}

impl From<Vec<FieldViolation>> for Violations {
    fn from(violations: Vec<FieldViolation>) -> Self {
        Violations(violations)
    }
}

impl From<FieldViolation> for Violations {
    fn from(violation: FieldViolation) -> Self {
        Violations(vec![violation])
    }
}

impl<const N: usize> From<[FieldViolation; N]> for Violations {
    fn from(violations: [FieldViolation; N]) -> Self {
        Violations(violations.into())
    }
}

impl FromIterator<FieldViolation> for Violations {
    fn from_iter<I: IntoIterator<Item = FieldViolation>>(iter: I) -> Self {
        Violations(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a FieldViolation;
    type IntoIter = std::slice::Iter<'a, FieldViolation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Violations {
    type Item = FieldViolation;
    type IntoIter = std::vec::IntoIter<FieldViolation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}
