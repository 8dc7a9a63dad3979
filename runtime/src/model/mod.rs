//! The error model: what an error says (its parts, its static row, its text) and what an
//! envelope may read, with no rendering in it. Envelopes and the renderer build on it.

pub(crate) mod link;
pub(crate) mod parts;
pub(crate) mod row;
pub(crate) mod schema;
pub(crate) mod sink;
pub(crate) mod table;
pub(crate) mod taint;
pub(crate) mod text;
pub(crate) mod timestamp;
pub(crate) mod value;
pub(crate) mod view;
