//! [`Catalog::to_markdown`]: the status summary, then one table and the examples per group.

use super::collect::{Catalog, by_status};
use super::entry::CatalogEntry;
use crate::envelope::reason_phrase;
use http::StatusCode;
use std::fmt::Write as _;

impl Catalog {
    /// The Markdown page: a status summary table (`| Status | Name | Codes |`), then per
    /// group a heading, a `| Status | Code | Message | Description |` table with one row
    /// per entry, and each entry's example response.
    pub fn to_markdown(&self) -> String {
        render(self)
    }
}

fn render(catalog: &Catalog) -> String {
    let mut out = String::new();
    if let Some(title) = &catalog.title {
        let _ = writeln!(out, "# {}\n", cell(title));
    }
    out.push_str(&status_table(catalog));
    for group in &catalog.groups {
        let _ = writeln!(out, "\n## {}\n", group.name);
        out.push_str("| Status | Code | Message | Description |\n|---|---|---|---|\n");
        for entry in &group.entries {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                entry.status,
                cell(entry.code),
                cell(entry.message),
                description(entry)
            );
        }
        for (status, entries) in by_status(&group.entries) {
            let _ = writeln!(out, "\n### {status} {}", reason(status));
            for entry in entries {
                example(&mut out, entry);
            }
        }
    }
    out
}

/// The status summary: each status used, its reason phrase and its codes, with plain codes
/// and `|---|` rules, as hand-written error pages have them.
pub(super) fn status_table(catalog: &Catalog) -> String {
    let mut out = String::from("| Status | Name | Codes |\n|---|---|---|\n");
    for (status, codes) in catalog.statuses() {
        let codes: Vec<String> = codes.iter().map(|code| cell(code)).collect();
        let _ = writeln!(
            out,
            "| {status} | {} | {} |",
            reason(status),
            codes.join(", ")
        );
    }
    out
}

pub(super) fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status).map_or("Error", reason_phrase)
}

/// The description cell: a deprecated code's row says so first, in bold.
fn description(entry: &CatalogEntry) -> String {
    match entry.deprecated {
        Some(deprecation) if entry.description.is_empty() => {
            format!("**{}**", cell(&deprecation.label()))
        }
        Some(deprecation) => format!(
            "**{}**<br><br>{}",
            cell(&deprecation.label()),
            cell(entry.description)
        ),
        None => cell(entry.description),
    }
}

fn example(out: &mut String, entry: &CatalogEntry) {
    let _ = write!(
        out,
        "\n#### {} ({})\n\n",
        code_span(entry.code),
        entry.variant
    );
    if let Some(deprecation) = entry.deprecated {
        let _ = writeln!(out, "**{}**\n", cell(&deprecation.label()));
    }
    if !entry.description.is_empty() {
        let _ = writeln!(out, "{}\n", entry.description);
    }
    let Some(response) = entry.example() else {
        out.push_str("The body is the error's own value, outside the envelope.\n");
        return;
    };
    out.push_str("```http\n");
    let _ = writeln!(out, "HTTP/1.1 {} {}", entry.status, reason(entry.status));
    for (name, value) in response.headers() {
        let _ = writeln!(
            out,
            "{}: {}",
            header_name(entry, name.as_str()),
            String::from_utf8_lossy(value.as_bytes())
        );
    }
    let _ = writeln!(out, "\n{}\n```", String::from_utf8_lossy(response.body()));
    if !entry.optional_headers.is_empty() {
        let names: Vec<String> = entry
            .optional_headers
            .iter()
            .map(|name| code_span(name))
            .collect();
        let _ = writeln!(
            out,
            "\nOptional headers (left out when they have no value): {}.",
            names.join(", ")
        );
    }
}

/// The header's name as the error declared it (`Retry-After`), else as http stores it.
pub(super) fn header_name<'a>(entry: &'a CatalogEntry, lower: &'a str) -> &'a str {
    if lower == "content-type" {
        return "Content-Type";
    }
    entry
        .headers
        .iter()
        .find(|name| name.eq_ignore_ascii_case(lower))
        .copied()
        .unwrap_or(lower)
}

/// A code in backticks, safe in a table cell.
fn code_span(code: &str) -> String {
    if code.contains('`') || code.contains('|') {
        format!("`` {} ``", code.replace('|', "\\|"))
    } else {
        format!("`{code}`")
    }
}

/// Text safe in one table cell: pipes escaped, HTML and emphasis characters neutralised,
/// paragraphs kept apart.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("<br><br>");
        }
        for (j, line) in paragraph.lines().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            for ch in line.trim().chars() {
                match ch {
                    '|' => out.push_str("\\|"),
                    '\\' => out.push_str("\\\\"),
                    '*' => out.push_str("\\*"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    _ => out.push(ch),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cell, code_span};

    #[test]
    fn cells_are_safe() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("<b>*x*</b>"), "&lt;b&gt;\\*x\\*&lt;/b&gt;");
        assert_eq!(cell("one\ntwo\n\nthree"), "one two<br><br>three");
        assert_eq!(cell(r"C:\dir"), r"C:\\dir");
        assert_eq!(code_span("A|B"), "`` A\\|B ``");
        assert_eq!(code_span("NOT_FOUND"), "`NOT_FOUND`");
    }
}
