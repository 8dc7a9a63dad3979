//! Arbitrary bytes and arbitrary JSON-ish text (huge and fractional numbers, escapes, lone
//! surrogates, invalid UTF-8, truncation, values of every kind where any field is) sent to
//! errcat's `Json` extractor: it never panics, answers in the envelope with a code of its
//! catalog, and its words never carry Rust's or serde's text.

use axum::body::Body;
use axum::extract::FromRequest;
use axum::response::IntoResponse;
use errcat::ApiError;
use errcat::axum::Json;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Fields of many shapes serde reads in its own ways.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Order {
    customer_name: String,
    count: u64,
    delta: i64,
    small: u8,
    ratio: f64,
    active: bool,
    initial: Option<char>,
    items: Vec<Item>,
    role: Role,
    payment: Payment,
    reference: Option<Reference>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    sku: String,
    quantity: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Owner,
    Admin,
    Guest,
}

/// Internally tagged: serde reads it whatever the input holds, losing places inside it.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[allow(dead_code)]
enum Payment {
    Card { last: String, month: u8 },
    Transfer { reference: String },
    Cash,
}

/// Untagged: the first form that fits.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Reference {
    Pair(u32, u32),
    Number(i64),
    Text(String),
}

/// The keys the generated objects use: the type's, and some it does not know.
const KEYS: &[&str] = &[
    "customerName",
    "count",
    "delta",
    "small",
    "ratio",
    "active",
    "initial",
    "items",
    "sku",
    "quantity",
    "role",
    "payment",
    "type",
    "last",
    "month",
    "reference",
    "extra",
];

/// Text no client should read: Rust's type names and serde's phrasing.
const FORBIDDEN: &[&str] = &[
    "expected",
    "invalid type",
    "line ",
    "column",
    "`",
    "struct ",
    "u8",
    "u32",
    "u64",
    "i64",
    "f64",
    "at line",
];

/// Polls a future that is ready at once: the body is in memory.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("an in-memory body is ready at once"),
    }
}

/// Sends `body` to `Json<Order>` and checks the answer.
fn check(body: Vec<u8>) -> Result<(), TestCaseError> {
    let shown = String::from_utf8_lossy(&body).into_owned();
    let request = http::Request::post("/orders")
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let Err(rejection) = ready(Json::<Order>::from_request(request, &())) else {
        return Ok(());
    };
    let codes: Vec<&str> = errcat::axum::Rejection::catalog()
        .iter()
        .map(|entry| entry.code)
        .collect();
    let response = rejection.into_response();
    let status = response.status();
    prop_assert_eq!(status, 400, "{}", shown);
    let bytes = ready(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
    let reply: Value = serde_json::from_slice(&bytes).unwrap();
    let code = reply["code"].as_str().unwrap_or_default();
    prop_assert!(codes.contains(&code), "{}: code {}", shown, code);
    prop_assert_eq!(&reply["status"], 400, "{}", shown);
    let mut words = vec![reply["detail"].as_str().unwrap_or_default().to_owned()];
    if let Some(errors) = reply["errors"].as_array() {
        words.extend(
            errors
                .iter()
                .map(|error| error["detail"].as_str().unwrap_or_default().to_owned()),
        );
    }
    for text in &words {
        prop_assert!(!text.is_empty(), "{}: {}", shown, reply);
        for forbidden in FORBIDDEN {
            prop_assert!(
                !text.contains(forbidden),
                "{}: {:?} contains {:?}",
                shown,
                text,
                forbidden
            );
        }
    }
    Ok(())
}

/// A JSON value's text, with the numbers, strings and escapes that trip parsers.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        "-?[0-9]{1,40}",
        "-?[0-9]{1,3}\\.[0-9]{1,3}",
        "-?[0-9]e[0-9]{1,3}",
        Just("1e400".to_owned()),
        Just("-1e400".to_owned()),
        "\"([a-z ]|\\\\u[dD][89abAB][0-9a-f]{2}|\\\\u00e9|\\\\[nt\"\\\\/]|\\\\x|\u{e9})*\"",
        prop::sample::select(vec![
            "\"owner\"",
            "\"admin\"",
            "\"card\"",
            "\"transfer\"",
            "\"cash\""
        ])
        .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(|members| {
                let members: Vec<String> = members
                    .iter()
                    .map(|(key, value)| format!("\"{key}\":{value}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

/// A JSON-ish body: a value, sometimes cut short or with a stray byte (invalid UTF-8
/// included) put in.
fn body() -> impl Strategy<Value = Vec<u8>> {
    (
        value(),
        any::<prop::sample::Index>(),
        prop_oneof![
            Just(None),
            Just(Some(Vec::new())),
            prop::collection::vec(any::<u8>(), 1..3).prop_map(Some),
            Just(Some(vec![0xc0, 0xaf])),
            Just(Some(vec![0xed, 0xa0, 0x80])),
        ],
    )
        .prop_map(|(text, at, change)| {
            let mut bytes = text.into_bytes();
            match change {
                None => {}
                // Cut short.
                Some(inserted) if inserted.is_empty() => bytes.truncate(at.index(bytes.len() + 1)),
                Some(inserted) => {
                    let at = at.index(bytes.len() + 1);
                    bytes.splice(at..at, inserted);
                }
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_arbitrary_bytes_are_refused_in_words(body in prop::collection::vec(any::<u8>(), 0..64)) {
        check(body)?;
    }

    #[test]
    fn prop_json_ish_text_is_refused_in_words(body in body()) {
        check(body)?;
    }

    #[test]
    fn prop_order_shaped_text_is_refused_in_words(
        members in prop::collection::vec((prop::sample::select(KEYS), value()), 0..14),
    ) {
        let members: Vec<String> = members
            .iter()
            .map(|(key, value)| format!("\"{key}\":{value}"))
            .collect();
        check(format!("{{{}}}", members.join(",")).into_bytes())?;
    }
}
