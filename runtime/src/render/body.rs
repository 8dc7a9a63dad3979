//! [`Body`]: the sink that writes a real body, value by value.

use crate::envelope::JsonObject;
use crate::json::Escaper;
use crate::log;
use crate::model::sink::{Kept, Sink};
use crate::model::text::Text;
use crate::model::timestamp::Timestamp;
use crate::model::value::DetailValue;
use std::fmt;

/// A body being written into a buffer, with every value in it.
pub(crate) struct Body<'a>(pub(crate) &'a mut Vec<u8>);

impl Sink for Body<'_> {
    fn buf(&mut self) -> &mut Vec<u8> {
        self.0
    }

    fn text(&mut self, text: Text<'_>) -> fmt::Result {
        text.write_to(&mut Escaper(self.0))
    }

    fn timestamp(&mut self, time: Timestamp) {
        self.0.extend_from_slice(&time.rfc3339());
    }

    fn value(&mut self, start: usize, key: &str, value: &dyn DetailValue) -> Kept {
        let value_start = self.0.len();
        if value.write_json(self.0).is_err() {
            self.0.truncate(start);
            log::member_dropped(key);
            return Kept::No;
        }
        if self.0[value_start..] == *b"null" {
            self.0.truncate(start);
            return Kept::No;
        }
        Kept::Yes
    }

    fn failed(&mut self, start: usize, key: &str) {
        self.0.truncate(start);
        log::member_dropped(key);
    }

    fn reserved(&mut self, key: &str) {
        log::member_dropped(key);
    }

    // A real body knows which members it kept.
    fn uncertain_separator(&mut self) {}
}

impl JsonObject<'_> {
    /// The bytes of one object whose members are written by `members`; for tests and
    /// custom tooling.
    pub fn render(members: impl FnOnce(&mut JsonObject<'_>)) -> Vec<u8> {
        let mut buf = Vec::new();
        JsonObject::write(&mut Body(&mut buf), &[], &[], members);
        buf
    }
}
