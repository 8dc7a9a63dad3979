//! Where compiled bodies are kept: one set per variant of the program, found by the variant's
//! id in a few loads, without a lock once compiled.

use super::skeleton::Skeleton;
use crate::model::parts::Vtable;
use crate::model::row::Variant;
use std::any::TypeId;
use std::sync::OnceLock;

/// Variants per chunk of slots, allocated together the first time one of them renders.
const CHUNK: usize = 256;

/// Chunks: room for 262,144 variants. Variants beyond are written member by member.
const CHUNKS: usize = 1024;

static SLOTS: [OnceLock<Box<[Slot]>>; CHUNKS] = [const { OnceLock::new() }; CHUNKS];

/// One variant's compiled bodies: for up to two envelopes (its own, and one a transparent
/// wrapper answers it in), outside and inside a request.
struct Slot([OnceLock<Compiled>; 4]);

struct Compiled {
    envelope: TypeId,
    /// `None` when the body cannot be compiled.
    skeleton: Option<Skeleton>,
}

/// The compiled body of `row` in `envelope`, outside or inside a request, compiled the first
/// time it is asked for; `None` when it cannot be compiled or has no slot.
pub(crate) fn skeleton(
    row: &'static Variant,
    envelope: &'static Vtable,
    with_request: bool,
) -> Option<&'static Skeleton> {
    let chunk = SLOTS.get(row.id / CHUNK)?.get_or_init(|| {
        (0..CHUNK)
            .map(|_| Slot([const { OnceLock::new() }; 4]))
            .collect()
    });
    let slot = &chunk[row.id % CHUNK];
    let cells = &slot.0[usize::from(with_request) * 2..][..2];
    for cell in cells {
        let compiled = cell.get_or_init(|| Compiled {
            envelope: envelope.type_id,
            skeleton: Skeleton::compile(row, envelope, with_request),
        });
        if compiled.envelope == envelope.type_id {
            return compiled.skeleton.as_ref();
        }
    }
    None
}
