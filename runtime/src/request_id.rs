//! Request ids: which incoming ones are accepted, and how new ones are made.

use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

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

/// A new request id, formatted as a version 4 UUID.
///
/// Unique within the process (a counter) and unpredictable across processes (the counter
/// is hashed with a per-process random key); not for security decisions.
pub(crate) fn generate() -> String {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let key = KEY.get_or_init(RandomState::new);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let high = key.hash_one((count, nanos, 1_u8));
    let low = key.hash_one((count, nanos, 2_u8));
    let bits = (u128::from(high) << 64 | u128::from(low)) & !(0xf000 << 64) & !(0xc << 60);
    let bits = bits | (0x4000 << 64) | (0x8 << 60);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::{generate, is_sane};

    #[test]
    fn generated_ids_are_uuid_v4_and_distinct() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert_eq!(id.len(), 36, "{id}");
            assert_eq!(&id[14..15], "4", "{id}");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
            assert!(is_sane(id));
        }
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
