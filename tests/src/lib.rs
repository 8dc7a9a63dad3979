//! Integration tests of errcat live in `tests/`; this crate has no code of its own.
