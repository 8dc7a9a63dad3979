//! The request-context core of errcat's middleware (axum's `ErrorContextLayer`, actix-web's
//! `ErrorContext`): which id a request gets, its context current while it is handled, and the
//! id echoed on its response. The framework modules only adapt their own types to it.

use crate::request::RequestContext;

/// The name of the request and response header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// How the middleware makes an id for a request that brings none it can keep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum NewIds {
    /// Random (version 4) UUIDs.
    #[default]
    Random,
    /// Time-ordered (version 7) UUIDs, which sort by when they were made.
    TimeOrdered,
}

/// The context of a request on `path` whose incoming id is `incoming` (the `x-request-id`
/// header, or an id an outer layer set): that id when it is a sane token, else a new one.
pub(crate) fn context(incoming: Option<&[u8]>, path: &str, ids: NewIds) -> RequestContext {
    let id = incoming
        .and_then(|id| std::str::from_utf8(id).ok())
        .filter(|id| is_sane(id))
        .map_or_else(|| generate(ids), str::to_owned);
    RequestContext::new(id, path)
}

/// The longest incoming id accepted.
pub(crate) const MAX_LEN: usize = 128;

/// Whether an incoming request id may be reflected in responses and bodies: 1 to 128
/// characters from `A-Z a-z 0-9 - _ . : / + = @ ~`.
pub(crate) fn is_sane(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=@~".contains(&b))
}

/// A new request id: a UUID from the `uuid` crate, in its hyphenated form.
pub(crate) fn generate(ids: NewIds) -> String {
    let uuid = match ids {
        NewIds::Random => uuid::Uuid::new_v4(),
        NewIds::TimeOrdered => uuid::Uuid::now_v7(),
    };
    uuid.hyphenated()
        .encode_lower(&mut uuid::Uuid::encode_buffer())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::{NewIds, generate, is_sane};

    #[test]
    fn generated_ids_are_uuids_of_their_version_and_distinct() {
        for (ids, version) in [(NewIds::Random, 4), (NewIds::TimeOrdered, 7)] {
            let a = generate(ids);
            let b = generate(ids);
            assert_ne!(a, b);
            for id in [&a, &b] {
                let uuid = uuid::Uuid::parse_str(id).unwrap();
                assert_eq!(uuid.get_version_num(), version, "{id}");
                assert_eq!(uuid.hyphenated().to_string(), *id);
                assert!(is_sane(id));
            }
        }
    }

    #[test]
    fn time_ordered_ids_sort_by_time() {
        let earlier = generate(NewIds::TimeOrdered);
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(earlier < generate(NewIds::TimeOrdered));
    }

    #[test]
    fn sane_ids() {
        assert!(is_sane("req_abc123"));
        assert!(is_sane("3f2c:A/b+c=d@e~f.g-h"));
        assert!(!is_sane(""));
        assert!(!is_sane(&"a".repeat(129)));
        assert!(is_sane(&"a".repeat(128)));
        for hostile in ["a b", "a\"b", "<script>", "a\\b", "é", "a,b", "a;b"] {
            assert!(!is_sane(hostile), "{hostile}");
        }
    }
}
