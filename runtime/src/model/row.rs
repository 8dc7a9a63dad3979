//! [`Variant`]: one variant's data, as the derive described it.

use errcat_table::{Deprecation, Header, Row, Template};
use http::StatusCode;

/// One variant with its own status, decoded from its type's [`Table`](super::table::Table).
#[derive(Debug)]
pub struct Variant {
    /// Unique among every variant of the program: what the renderer keys its compiled bodies
    /// by.
    pub(crate) id: usize,
    pub(crate) status: StatusCode,
    pub(crate) row: Row<'static>,
}

impl Variant {
    pub(crate) fn new(id: usize, row: Row<'static>) -> Option<Self> {
        Some(Variant {
            id,
            status: StatusCode::from_u16(row.status).ok()?,
            row,
        })
    }

    /// The variant's name, raw prefix removed.
    pub(crate) fn name(&self) -> &'static str {
        self.row.name
    }

    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn code(&self) -> &'static str {
        self.row.code
    }

    pub(crate) fn description(&self) -> &'static str {
        self.row.description
    }

    /// `#[message]`; `None` means the status's reason phrase.
    pub(crate) fn message(&self) -> Option<&Template<'static>> {
        self.row.message.as_ref()
    }

    pub(crate) fn field(&self) -> Option<&Template<'static>> {
        self.row.field.as_ref()
    }

    pub(crate) fn headers(&self) -> &[Header<'static>] {
        &self.row.headers
    }

    /// The keys of the `#[detail]` members, in field order.
    pub(crate) fn details(&self) -> &[&'static str] {
        &self.row.details
    }

    /// Whether a field is the whole body (`#[api_error(body)]`).
    pub(crate) fn body(&self) -> bool {
        self.row.body
    }

    /// Whether a field lists the request's invalid fields (`#[api_error(violations)]`).
    pub(crate) fn violations(&self) -> bool {
        self.row.violations
    }

    /// Where the error is documented, and the member carrying the link.
    pub(crate) fn links(&self) -> super::link::Links {
        super::link::Links {
            docs: self.row.docs,
            member: self.row.docs_member,
        }
    }

    /// Rust's `#[deprecated]` on the variant.
    pub(crate) fn deprecated(&self) -> Option<Deprecation<'static>> {
        self.row.deprecated
    }
}
