//! Generates an error enum of any size, for the scale benchmark (1,000 variants) and the
//! compile-time measurement (200 variants). Variants cycle through a unit variant, a tuple
//! variant and two named variants, with interpolated messages, headers and details.

use std::fmt::Write as _;

/// Which derives the generated enum gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `#[derive(Debug)]` only: the baseline.
    Plain,
    /// `#[derive(Debug, thiserror::Error)]` with `#[error]` on every variant.
    Thiserror,
    /// thiserror's derive plus errcat's, with errcat's attributes on every variant.
    Errcat,
    /// thiserror's derive plus a hand-written `IntoResponse` with `json!` in every arm.
    Json,
}

/// What the errcat attributes of variant `i` say: what its catalog entry must read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The variant's name.
    pub name: String,
    /// Its status.
    pub status: u16,
    /// Its code.
    pub code: String,
    /// Its message template.
    pub message: String,
    /// Its field template.
    pub field: Option<String>,
    /// Its headers' names.
    pub headers: Vec<String>,
    /// Its detail keys.
    pub details: Vec<String>,
}

/// The attributes variant `i` is generated with.
pub fn expected(i: usize) -> Expected {
    let status = [400, 404, 409, 429, 500][i % 5];
    let (name, message, field, headers, details) = match i % 4 {
        0 => (
            format!("Unit{i}"),
            format!("variant {i} failed"),
            None,
            vec![],
            vec![],
        ),
        1 => (
            format!("Tuple{i}"),
            format!("item '{{0}}' of variant {i} not found"),
            None,
            vec![],
            vec![],
        ),
        2 => (
            format!("Named{i}"),
            "{field} is invalid".to_owned(),
            Some("{field}".to_owned()),
            vec![],
            vec![],
        ),
        _ => (
            format!("Limited{i}"),
            "Try again in {retry_after} seconds.".to_owned(),
            None,
            vec!["Retry-After".to_owned()],
            vec!["retryAfter".to_owned()],
        ),
    };
    Expected {
        name,
        status,
        code: format!("E{i}"),
        message,
        field,
        headers,
        details,
    }
}

/// The source of an enum called `name` with `variants` variants.
pub fn enum_source(name: &str, variants: usize, flavor: Flavor) -> String {
    let derives = match flavor {
        Flavor::Plain => "Debug",
        Flavor::Thiserror | Flavor::Json => "Debug, thiserror::Error",
        Flavor::Errcat => "Debug, thiserror::Error, errcat::ApiError",
    };
    let mut out = String::new();
    let _ = writeln!(out, "/// A generated error enum of {variants} variants.");
    let _ = writeln!(out, "#[derive({derives})]");
    let _ = writeln!(out, "#[allow(dead_code)]\npub enum {name} {{");
    for i in 0..variants {
        let spec = expected(i);
        let _ = writeln!(out, "    /// Variant {i}.");
        if flavor != Flavor::Plain {
            let thiserror = match i % 4 {
                0 => format!("variant {i} failed"),
                1 => format!("item {{0}} of variant {i} not found"),
                2 => format!("{{field}} is invalid in variant {i}"),
                _ => format!("limited for {{retry_after}}s in variant {i}"),
            };
            let _ = writeln!(out, "    #[error(\"{thiserror}\")]");
        }
        if flavor == Flavor::Errcat {
            let _ = writeln!(
                out,
                "    #[status({})]\n    #[code(\"{}\")]\n    #[message(\"{}\")]",
                spec.status, spec.code, spec.message
            );
            if let Some(field) = &spec.field {
                let _ = writeln!(out, "    #[field(\"{field}\")]");
            }
            for header in &spec.headers {
                let _ = writeln!(out, "    #[header(\"{header}\", \"{{retry_after}}\")]");
            }
        }
        let detail = if flavor == Flavor::Errcat {
            "#[detail] "
        } else {
            ""
        };
        let fields = match i % 4 {
            0 => String::new(),
            1 => "(String, u32)".to_owned(),
            2 => " { field: &'static str, internal: u64 }".to_owned(),
            _ => format!(" {{ {detail}retry_after: u64 }}"),
        };
        let _ = writeln!(out, "    {}{fields},", spec.name);
    }
    out.push_str("}\n");
    if flavor == Flavor::Json {
        json_impl(&mut out, name, variants);
    }
    out
}

/// What users write by hand today: a match arm per variant building `json!`.
fn json_impl(out: &mut String, name: &str, variants: usize) {
    let _ = writeln!(out, "\nimpl axum::response::IntoResponse for {name} {{");
    let _ = writeln!(
        out,
        "    fn into_response(self) -> axum::response::Response {{"
    );
    let _ = writeln!(
        out,
        "        use axum::http::StatusCode;\n        use serde_json::json;"
    );
    let _ = writeln!(out, "        match self {{");
    for i in 0..variants {
        let status = [400, 404, 409, 429, 500][i % 5];
        let status = format!("StatusCode::from_u16({status}).unwrap()");
        let arm = match i % 4 {
            0 => format!(
                "Self::Unit{i} => ({status}, axum::Json(json!({{\"code\": \"E{i}\", \"message\": \"variant {i} failed\"}}))).into_response(),"
            ),
            1 => format!(
                "Self::Tuple{i}(item, _) => ({status}, axum::Json(json!({{\"code\": \"E{i}\", \"message\": format!(\"item '{{item}}' of variant {i} not found\")}}))).into_response(),"
            ),
            2 => format!(
                "Self::Named{i} {{ field, .. }} => ({status}, axum::Json(json!({{\"code\": \"E{i}\", \"message\": format!(\"{{field}} is invalid\"), \"field\": field}}))).into_response(),"
            ),
            _ => format!(
                "Self::Limited{i} {{ retry_after }} => ({status}, [(axum::http::header::RETRY_AFTER, retry_after.to_string())], axum::Json(json!({{\"code\": \"E{i}\", \"message\": format!(\"Try again in {{retry_after}} seconds.\"), \"retryAfter\": retry_after}}))).into_response(),"
            ),
        };
        let _ = writeln!(out, "            {arm}");
    }
    out.push_str("        }\n    }\n}\n");
}
