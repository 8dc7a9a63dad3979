//! Reading a valid JSON body, the happy path of every `POST` a service handles: axum's
//! `Json<T>`, errcat's `Json<T>`, and `serde_json::from_slice` alone (the floor), on a
//! 400-byte order with nested objects and a list. Each extractor's op builds its request
//! first; [`request`] measures that alone, so the report subtracts it.

use axum::extract::{FromRequest, Request};
use serde::Deserialize;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// An order as a shop's API receives it: nested objects, a list of items, numbers of each
/// kind.
pub const ORDER: &[u8] = br#"{"orderId":"ord_8f3a2c1e","customer":{"id":"cus_42","name":"Ada Lovelace","email":"ada@example.com","address":{"street":"12 Analytical Row","city":"London","zip":"NW1 6XE","country":"GB"}},"items":[{"sku":"KB-001","quantity":2,"unitPrice":49.5},{"sku":"MS-002","quantity":1,"unitPrice":19.99},{"sku":"CB-003","quantity":3,"unitPrice":7.25}],"currency":"EUR","note":"Leave at the door","express":true}"#;

/// The order's type, as a handler declares it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The client's id for the order.
    pub order_id: String,
    /// Who orders.
    pub customer: Customer,
    /// What is ordered.
    pub items: Vec<Item>,
    /// ISO 4217.
    pub currency: String,
    /// For the courier.
    pub note: Option<String>,
    /// Next-day delivery.
    pub express: bool,
}

/// The customer of an [`Order`].
#[derive(Debug, Deserialize)]
pub struct Customer {
    /// The customer's id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Where the receipt goes.
    pub email: String,
    /// Where the order goes.
    pub address: Address,
}

/// A postal address.
#[derive(Debug, Deserialize)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// City.
    pub city: String,
    /// Postal code.
    pub zip: String,
    /// ISO 3166 country code.
    pub country: String,
}

/// One line of an [`Order`].
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// The product.
    pub sku: String,
    /// How many.
    pub quantity: u32,
    /// Price of one, in the order's currency.
    pub unit_price: f64,
}

/// The ways measured, by name: each runs one op.
pub const WAYS: [(&str, fn()); 4] = [
    ("request", request),
    ("axum", axum_json),
    ("errcat", errcat_json),
    ("serde_json", serde_json_alone),
];

/// The request each extractor reads: what its op pays for besides the extraction.
pub fn request() {
    black_box(order_request());
}

/// axum's `Json<Order>` reads the request.
pub fn axum_json() {
    let order = ready(axum::Json::<Order>::from_request(order_request(), &()));
    black_box(order.ok().map(|axum::Json(order)| order));
}

/// errcat's `Json<Order>` reads the request.
pub fn errcat_json() {
    let order = ready(errcat::axum::Json::<Order>::from_request(
        order_request(),
        &(),
    ));
    black_box(order.ok().map(|errcat::axum::Json(order)| order));
}

/// `serde_json::from_slice` alone, on the same bytes: no request, no checks.
pub fn serde_json_alone() {
    black_box(serde_json::from_slice::<Order>(black_box(ORDER)).ok());
}

fn order_request() -> Request {
    http::Request::post("/orders")
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(bytes::Bytes::from_static(
            black_box(ORDER),
        )))
        .unwrap_or_default()
}

/// The output of a future that is ready at once, as an extractor's is on an in-memory body.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("an in-memory body is ready at once"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_about_400_bytes_and_every_way_reads_it() {
        assert!((380..=420).contains(&ORDER.len()), "{}", ORDER.len());
        let request = order_request();
        let axum::Json(order) = ready(axum::Json::<Order>::from_request(request, &())).unwrap();
        assert_eq!(order.items.len(), 3);
        let errcat::axum::Json(order) = ready(errcat::axum::Json::<Order>::from_request(
            order_request(),
            &(),
        ))
        .unwrap();
        assert_eq!(order.customer.address.city, "London");
        assert!(serde_json::from_slice::<Order>(ORDER).is_ok());
    }
}
