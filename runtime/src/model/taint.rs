//! Whether a value an envelope was handed while its body was being recorded has been read.
//!
//! errcat compiles an envelope's body once per variant by running the envelope's `write` on
//! stand-ins for everything that changes from one response to the next (field values,
//! details, the request id, path and time). A stand-in that is only passed on to the body
//! becomes a hole in the compiled body. A stand-in that is read (displayed, measured,
//! compared) could change what the envelope writes, so it marks the recording as tainted and
//! that body is then written member by member on every response instead: a compiled body is
//! never wrong, whatever the envelope does with what it is given.

use std::cell::Cell;

thread_local! {
    static TAINTED: Cell<bool> = const { Cell::new(false) };
}

/// A stand-in was read.
pub(crate) fn taint() {
    TAINTED.with(|tainted| tainted.set(true));
}

/// Runs `record` with a fresh flag and returns whether it read a stand-in. A recording nested
/// inside another (an envelope that renders another error while it writes) also taints the
/// outer one when it is tainted: it may have read the outer stand-ins.
pub(crate) fn watch(record: impl FnOnce()) -> bool {
    let outer = TAINTED.with(|tainted| tainted.replace(false));
    record();
    let inner = TAINTED.with(|tainted| tainted.replace(outer));
    if inner {
        taint();
    }
    inner
}
