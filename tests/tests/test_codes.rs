//! Codes: explicit, derived from the variant name in the `rename_all` case, raw identifiers
//! unraw'd, and a struct's code from its type name.

use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(status = 400)]
enum Default {
    #[error("x")]
    NotFound,
    #[error("x")]
    HTTPVersion,
    #[error("x")]
    r#Match,
    #[error("x")]
    #[code("custom.code")]
    Custom,
}

#[test]
fn test_default_case_is_screaming_snake() {
    assert_eq!(Default::NotFound.code(), "NOT_FOUND");
    // serde's rule: every capital starts a word.
    assert_eq!(Default::HTTPVersion.code(), "H_T_T_P_VERSION");
    assert_eq!(Default::r#Match.code(), "MATCH");
    assert_eq!(Default::Custom.code(), "custom.code");
}

macro_rules! case_test {
    ($test:ident, $case:literal, $expected:literal) => {
        #[test]
        fn $test() {
            #[derive(Debug, thiserror::Error, ApiError)]
            #[api_error(rename_all = $case, status = 400)]
            enum E {
                #[error("x")]
                RateLimitExceeded,
            }
            assert_eq!(E::RateLimitExceeded.code(), $expected);
            assert_eq!(E::catalog()[0].code, $expected);
        }
    };
}

case_test!(test_rename_lowercase, "lowercase", "ratelimitexceeded");
case_test!(test_rename_uppercase, "UPPERCASE", "RATELIMITEXCEEDED");
case_test!(test_rename_pascal, "PascalCase", "RateLimitExceeded");
case_test!(test_rename_camel, "camelCase", "rateLimitExceeded");
case_test!(test_rename_snake, "snake_case", "rate_limit_exceeded");
case_test!(
    test_rename_screaming_snake,
    "SCREAMING_SNAKE_CASE",
    "RATE_LIMIT_EXCEEDED"
);
case_test!(test_rename_kebab, "kebab-case", "rate-limit-exceeded");
case_test!(
    test_rename_screaming_kebab,
    "SCREAMING-KEBAB-CASE",
    "RATE-LIMIT-EXCEEDED"
);

#[test]
fn test_struct_code_from_type_name() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[error("locked")]
    #[status(423)]
    struct AccountLocked;

    assert_eq!(AccountLocked.code(), "ACCOUNT_LOCKED");
    assert_eq!(AccountLocked.message(), "Locked");
}

#[test]
fn test_type_default_status_and_override() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(status = 500)]
    enum E {
        #[error("x")]
        Internal,
        #[error("x")]
        #[status(503)]
        Unavailable,
    }
    assert_eq!(E::Internal.status(), 500);
    assert_eq!(E::Unavailable.status(), 503);
    assert_eq!(E::Unavailable.message(), "Service Unavailable");
}

#[test]
fn test_same_code_same_status_is_allowed() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum E {
        #[error("x")]
        #[status(400)]
        #[code("VALIDATION_ERROR")]
        #[message("title is required")]
        MissingTitle,
        #[error("x")]
        #[status(400)]
        #[code("VALIDATION_ERROR")]
        #[message("priority must be one of: low, normal, high, critical")]
        BadPriority,
    }
    assert_eq!(E::MissingTitle.code(), E::BadPriority.code());
}
