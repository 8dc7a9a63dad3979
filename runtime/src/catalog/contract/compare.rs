//! A recorded contract against the current one: what would break a client written against
//! the recorded one, and what was only added.

use super::snapshot::{Code, Contract, Member};
use serde_json::Value;
use std::collections::BTreeSet;

/// One change to a code's contract that would break a client written against the recorded
/// one, from [`Catalog::breaking_changes`](crate::Catalog::breaking_changes).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BreakingChange {
    /// The code it concerns.
    pub code: String,
    /// What changed, old before new: `status 429 -> 503`, ``detail `retryAfter` removed``.
    pub change: String,
}

impl std::fmt::Display for BreakingChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.change)
    }
}

/// The differences between two contracts that the check reports.
#[derive(Debug, Default)]
pub(super) struct Comparison {
    /// What a client of the recorded contract would trip on, by code.
    pub(super) breaking: Vec<BreakingChange>,
    /// What the recorded contract lacks (new codes, members, headers), `CODE: what` each.
    pub(super) additions: Vec<String>,
}

/// How `current` differs from `recorded`, code by code in code order.
pub(super) fn compare(recorded: &Contract, current: &Contract) -> Comparison {
    let mut comparison = Comparison::default();
    let codes: BTreeSet<&String> = recorded.codes.keys().chain(current.codes.keys()).collect();
    for code in codes {
        let mut changes = Changes {
            code,
            comparison: &mut comparison,
        };
        match (recorded.codes.get(code), current.codes.get(code)) {
            (Some(was), Some(now)) => changes.code(was, now),
            (Some(was), None) => {
                changes.breaking(format!("removed (was {}, {})", was.status, was.envelope));
            }
            (None, _) => changes.added("new code".to_owned()),
        }
    }
    comparison
}

/// The changes found in one code.
struct Changes<'a> {
    code: &'a str,
    comparison: &'a mut Comparison,
}

impl Changes<'_> {
    fn breaking(&mut self, change: String) {
        self.comparison.breaking.push(BreakingChange {
            code: self.code.to_owned(),
            change,
        });
    }

    fn added(&mut self, change: String) {
        self.comparison
            .additions
            .push(format!("{}: {change}", self.code));
    }

    fn code(&mut self, was: &Code, now: &Code) {
        if was.status != now.status {
            self.breaking(format!("status {} -> {}", was.status, now.status));
        }
        let content_type = format!("{} -> {}", was.content_type, now.content_type);
        match (
            was.envelope != now.envelope,
            was.content_type != now.content_type,
        ) {
            (true, true) => self.breaking(format!(
                "envelope {} -> {} ({content_type})",
                was.envelope, now.envelope
            )),
            (true, false) => {
                self.breaking(format!("envelope {} -> {}", was.envelope, now.envelope))
            }
            (false, true) => self.breaking(format!("content type {content_type}")),
            (false, false) => {}
        }
        if let (Some(was), Some(now)) = (&was.body, &now.body)
            && was != now
        {
            self.breaking(format!("body type {} -> {}", compact(was), compact(now)));
        }
        self.text("type", &was.type_uri, &now.type_uri);
        self.text("docs member", &was.docs_member, &now.docs_member);
        self.text("field", &was.field, &now.field);
        match (was.violations, now.violations) {
            (true, false) => self.breaking("violations removed".to_owned()),
            (false, true) => self.added("violations added".to_owned()),
            _ => {}
        }
        self.members("detail", &was.details, &now.details, |a, b| a == b);
        // Header names are case-insensitive: `retry-after` is still `Retry-After`.
        self.members(
            "header",
            &was.headers,
            &now.headers,
            str::eq_ignore_ascii_case,
        );
        if was.deprecated.is_none()
            && let Some(label) = &now.deprecated
        {
            self.added(label.clone());
        }
    }

    /// A text the client may match on (the `type` URI, the field template): changed or
    /// removed is breaking, added is not.
    fn text(&mut self, what: &str, was: &Option<String>, now: &Option<String>) {
        match (was, now) {
            (Some(was), Some(now)) if was != now => {
                self.breaking(format!("{what} `{was}` -> `{now}`"));
            }
            (Some(was), None) => self.breaking(format!("{what} `{was}` removed")),
            (None, Some(now)) => self.added(format!("{what} `{now}` added")),
            _ => {}
        }
    }

    /// Details or headers: one removed, retyped, or no longer always sent is breaking.
    fn members(
        &mut self,
        what: &str,
        was: &[(String, Member)],
        now: &[(String, Member)],
        same: fn(&str, &str) -> bool,
    ) {
        for (name, old) in was {
            let Some(new) = find(now, name, same) else {
                self.breaking(format!("{what} `{name}` removed"));
                continue;
            };
            if old.schema != new.schema {
                self.breaking(format!(
                    "{what} `{name}` type {} -> {}",
                    compact(&old.schema),
                    compact(&new.schema)
                ));
            }
            match (old.required, new.required) {
                (true, false) => self.breaking(format!("{what} `{name}` no longer always sent")),
                (false, true) => self.added(format!("{what} `{name}` now always sent")),
                _ => {}
            }
        }
        for (name, _) in now {
            if find(was, name, same).is_none() {
                self.added(format!("{what} `{name}` added"));
            }
        }
    }
}

/// The member of `members` called `name`, as `same` compares names.
fn find<'a>(
    members: &'a [(String, Member)],
    name: &str,
    same: fn(&str, &str) -> bool,
) -> Option<&'a Member> {
    members
        .iter()
        .find(|(known, _)| same(known, name))
        .map(|(_, member)| member)
}

/// A schema on one line: `{"type":"integer"}`.
fn compact(schema: &Value) -> String {
    schema.to_string()
}
