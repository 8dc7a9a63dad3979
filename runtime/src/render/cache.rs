//! Where compiled bodies are kept: one set per variant of the program, found by the variant's
//! id in a few loads, without a lock once compiled.

use super::skeleton::Skeleton;
use crate::model::link::{Wrapper, same_wrapper};
use crate::model::parts::Vtable;
use crate::model::row::Variant;
use std::any::TypeId;
use std::sync::OnceLock;

/// Variants per chunk of slots, allocated together the first time one of them renders.
const CHUNK: usize = 256;

/// Chunks: room for 262,144 variants. Variants beyond are written member by member.
const CHUNKS: usize = 1024;

static SLOTS: [OnceLock<Box<[Slot]>>; CHUNKS] = [const { OnceLock::new() }; CHUNKS];

/// One variant's compiled bodies, outside and inside a request, each for up to two envelopes
/// and wrappers (its own, and those of a transparent wrapper that answers it).
struct Slot([[OnceLock<Compiled>; 2]; 2]);

struct Compiled {
    envelope: TypeId,
    /// The wrapper it was compiled for: a transparent wrapper may document it on its page.
    wrapper: Wrapper,
    /// `None` when the body cannot be compiled.
    skeleton: Option<Skeleton>,
}

/// The compiled body of `row` in `envelope` through `wrapper`, outside or inside a request,
/// compiled the first time it is asked for; `None` when it cannot be compiled or has no slot.
#[inline(always)]
pub(crate) fn skeleton(
    row: &'static Variant,
    envelope: &'static Vtable,
    wrapper: Wrapper,
    with_request: bool,
) -> Option<&'static Skeleton> {
    let chunk = SLOTS.get(row.id / CHUNK)?;
    let Some(chunk) = chunk.get() else {
        return first_of_chunk(chunk, row, envelope, wrapper, with_request);
    };
    let [own, other] = &chunk[row.id % CHUNK].0[usize::from(with_request)];
    for cell in [own, other] {
        match cell.get() {
            Some(compiled)
                if compiled.envelope == envelope.type_id
                    && same_wrapper(compiled.wrapper, wrapper) =>
            {
                return compiled.skeleton.as_ref();
            }
            Some(_) => {}
            None => return compile(cell, row, envelope, wrapper, with_request),
        }
    }
    None
}

/// The first body compiled in a chunk of variants: the chunk's slots are made first.
#[cold]
fn first_of_chunk(
    chunk: &'static OnceLock<Box<[Slot]>>,
    row: &'static Variant,
    envelope: &'static Vtable,
    wrapper: Wrapper,
    with_request: bool,
) -> Option<&'static Skeleton> {
    chunk.get_or_init(|| {
        (0..CHUNK)
            .map(|_| Slot([const { [const { OnceLock::new() }; 2] }; 2]))
            .collect()
    });
    skeleton(row, envelope, wrapper, with_request)
}

/// Compiles `row`'s body into `cell`, unless another thread just did (perhaps for another
/// envelope: then the second cell is tried).
#[cold]
fn compile(
    cell: &'static OnceLock<Compiled>,
    row: &'static Variant,
    envelope: &'static Vtable,
    wrapper: Wrapper,
    with_request: bool,
) -> Option<&'static Skeleton> {
    cell.get_or_init(|| Compiled {
        envelope: envelope.type_id,
        wrapper,
        skeleton: Skeleton::compile(row, envelope, wrapper, with_request),
    });
    skeleton(row, envelope, wrapper, with_request)
}
