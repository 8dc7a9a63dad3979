//! Message, field and header templates: named and positional placeholders, repeated
//! placeholders, `{{ }}` escapes, Display of any type, and the reason-phrase default.

mod common;

use common::body;
use errcat::ApiError;
use std::fmt;

struct Upper(&'static str);

impl fmt::Display for Upper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_uppercase())
    }
}

impl fmt::Debug for Upper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
enum E {
    #[error("x")]
    #[status(404)]
    #[message("User '{0}' not found")]
    Positional(String, u32),

    #[error("x")]
    #[status(400)]
    #[message("{a} and {b} and {a} again")]
    Named { a: u8, b: Upper },

    #[error("x")]
    #[status(400)]
    #[message("use {{braces}} around {name}, like {{{name}}}")]
    Escapes { name: &'static str },

    #[error("x")]
    #[status(409)]
    #[message(r#"App with sourceAppId "{0}" already exists"#)]
    Quotes(String),

    #[error("x")]
    #[status(422)]
    NoMessage,

    #[error("x")]
    #[status(499)]
    Unregistered,

    #[error("x")]
    #[status(599)]
    UnregisteredServer,
}

#[test]
fn test_positional_placeholder() {
    let error = E::Positional("nonexistent".into(), 7);
    assert_eq!(error.message(), "User 'nonexistent' not found");
    assert_eq!(
        body(&error),
        r#"{"message":"User 'nonexistent' not found"}"#
    );
}

#[test]
fn test_repeated_named_placeholders_use_display() {
    let error = E::Named {
        a: 1,
        b: Upper("two"),
    };
    assert_eq!(error.message(), "1 and TWO and 1 again");
}

#[test]
fn test_brace_escapes() {
    let error = E::Escapes { name: "id" };
    assert_eq!(error.message(), "use {braces} around id, like {id}");
    let entry = &E::catalog()[2];
    assert_eq!(
        entry.message,
        "use {{braces}} around {name}, like {{{name}}}"
    );
}

#[test]
fn test_quotes_are_escaped_in_json() {
    let error = E::Quotes("my-app".into());
    assert_eq!(
        body(&error),
        r#"{"message":"App with sourceAppId \"my-app\" already exists"}"#
    );
}

#[test]
fn test_default_message_is_reason_phrase() {
    assert_eq!(E::NoMessage.message(), "Unprocessable Entity");
    assert_eq!(body(&E::NoMessage), r#"{"message":"Unprocessable Entity"}"#);
    assert_eq!(E::catalog()[4].message, "Unprocessable Entity");
}

#[test]
fn test_unregistered_status_reason() {
    assert_eq!(E::Unregistered.message(), "Client Error");
    assert_eq!(E::UnregisteredServer.message(), "Server Error");
}

#[test]
fn test_message_is_borrowed_when_fixed() {
    assert!(matches!(
        E::NoMessage.message(),
        std::borrow::Cow::Borrowed(_)
    ));
    assert!(matches!(
        E::Quotes(String::new()).message(),
        std::borrow::Cow::Owned(_)
    ));
}
