//! [`DetailValue`]: what a body member's value can be.

use serde::Serialize;

/// A value that can be a member of an error body: anything `serde::Serialize`.
///
/// It is the object-safe face of `Serialize` that `#[detail]` fields,
/// `#[api_error(body)]` fields and [`ErrorParts::with_details`](crate::envelope::ErrorParts::with_details)
/// hand to envelopes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written into an error body",
    label = "`{Self}` does not implement `serde::Serialize`",
    note = "a #[detail] or #[api_error(body)] field must implement serde::Serialize"
)]
pub trait DetailValue {
    /// Appends this value's JSON to `out`; on error `out` may hold a partial value.
    #[doc(hidden)]
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
}

impl<T: Serialize + ?Sized> DetailValue for T {
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }
}

/// The stand-in for a detail's value while a body is recorded (see `taint`): the recorder
/// knows it by its address, and writing it marks the recording as tainted.
/// (It is one byte, not zero, so that each stand-in has an address of its own.)
pub(crate) struct DetailHole {
    _distinct: u8,
}

impl DetailHole {
    /// `count` stand-ins.
    pub(crate) fn many(count: usize) -> Vec<DetailHole> {
        (0..count).map(|_| DetailHole { _distinct: 0 }).collect()
    }
}

impl Serialize for DetailHole {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::taint::taint();
        serializer.serialize_unit()
    }
}
