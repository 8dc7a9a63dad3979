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
        let status = [400, 404, 409, 429, 500][i % 5];
        let thiserror = flavor != Flavor::Plain;
        let errcat = flavor == Flavor::Errcat;
        let _ = writeln!(out, "    /// Variant {i}.");
        match i % 4 {
            0 => {
                if thiserror {
                    let _ = writeln!(out, "    #[error(\"variant {i} failed\")]");
                }
                if errcat {
                    let _ = writeln!(
                        out,
                        "    #[status({status})]\n    #[code(\"E{i}\")]\n    #[message(\"variant {i} failed\")]"
                    );
                }
                let _ = writeln!(out, "    Unit{i},");
            }
            1 => {
                if thiserror {
                    let _ = writeln!(out, "    #[error(\"item {{0}} of variant {i} not found\")]");
                }
                if errcat {
                    let _ = writeln!(
                        out,
                        "    #[status({status})]\n    #[code(\"E{i}\")]\n    #[message(\"item '{{0}}' of variant {i} not found\")]"
                    );
                }
                let _ = writeln!(out, "    Tuple{i}(String, u32),");
            }
            2 => {
                if thiserror {
                    let _ = writeln!(out, "    #[error(\"{{field}} is invalid in variant {i}\")]");
                }
                if errcat {
                    let _ = writeln!(
                        out,
                        "    #[status({status})]\n    #[code(\"E{i}\")]\n    #[message(\"{{field}} is invalid\")]\n    #[field(\"{{field}}\")]"
                    );
                }
                let _ = writeln!(
                    out,
                    "    Named{i} {{ field: &'static str, internal: u64 }},"
                );
            }
            _ => {
                if thiserror {
                    let _ = writeln!(
                        out,
                        "    #[error(\"limited for {{retry_after}}s in variant {i}\")]"
                    );
                }
                if errcat {
                    let _ = writeln!(
                        out,
                        "    #[status({status})]\n    #[code(\"E{i}\")]\n    #[message(\"Try again in {{retry_after}} seconds.\")]\n    #[header(\"Retry-After\", \"{{retry_after}}\")]"
                    );
                }
                let detail = if errcat { "#[detail] " } else { "" };
                let _ = writeln!(out, "    Limited{i} {{ {detail}retry_after: u64 }},");
            }
        }
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
