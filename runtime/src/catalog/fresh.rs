//! [`assert_fresh`]: generated docs committed to the repository, checked by a test.

use std::fmt::Write as _;
use std::path::Path;

/// In a test, fails with a line diff when the file at `path` differs from `text`; with the
/// environment variable `ERRCAT_BLESS=1` it rewrites the file instead (creating it if needed).
///
/// Keeps generated documentation (`docs/errors.md`, `docs/openapi.json`) in step with the
/// error types: a change to an enum fails the test until the docs are regenerated.
///
/// ```no_run
/// use errcat::catalog::{Catalog, assert_fresh};
/// # #[derive(Debug, errcat::ApiError)] #[status(404)] struct NotFound;
///
/// #[test]
/// fn error_docs_are_fresh() {
///     let catalog = Catalog::new().group::<NotFound>("Bundles");
///     assert_fresh("docs/errors.md", &catalog.to_markdown());
/// }
/// ```
///
/// # Panics
///
/// When the file differs (or cannot be read) and `ERRCAT_BLESS` is not `1`, or when
/// blessing cannot write the file.
#[track_caller]
pub fn assert_fresh(path: impl AsRef<Path>, text: &str) {
    check(path.as_ref(), text, blessing());
}

/// Whether this test run rewrites committed files (`ERRCAT_BLESS=1`) rather than checking them.
pub(super) fn blessing() -> bool {
    std::env::var_os("ERRCAT_BLESS").is_some_and(|value| value == "1")
}

/// Writes `text` to `path`, creating its parent directories.
#[track_caller]
pub(super) fn write(path: &Path, text: &str) {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", parent.display()));
    }
    std::fs::write(path, text)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
}

#[track_caller]
fn check(path: &Path, text: &str, bless: bool) {
    let current = std::fs::read_to_string(path);
    if current.as_deref().is_ok_and(|current| current == text) {
        return;
    }
    if bless {
        write(path, text);
        return;
    }
    match current {
        Ok(current) => panic!(
            "{} is stale; rerun with ERRCAT_BLESS=1 to regenerate it.\n--- {0} (committed)\n+++ generated\n{}",
            path.display(),
            diff(&current, text)
        ),
        Err(error) => panic!(
            "cannot read {} ({error}); rerun with ERRCAT_BLESS=1 to generate it",
            path.display()
        ),
    }
}

/// A line diff of `old` and `new`: changed lines with three lines of context, `-` for
/// removed and `+` for added.
fn diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    // Longest common subsequence table, from the end.
    let mut lcs = vec![vec![0_u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            lines.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    let changed: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 != ' ').collect();
    let mut out = String::new();
    let mut last_shown: Option<usize> = None;
    // The line number, in the generated text, of each diff line (removed lines take the
    // number of the next line they precede).
    let mut new_line = 1;
    for (k, (mark, line)) in lines.iter().enumerate() {
        let near = changed.iter().any(|&c| c.abs_diff(k) <= 3);
        if near {
            if last_shown.is_none_or(|last| k > last + 1) {
                let _ = writeln!(out, "@@ generated line {new_line} @@");
            }
            let _ = writeln!(out, "{mark}{line}");
            last_shown = Some(k);
        }
        if *mark != '-' {
            new_line += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{check, diff};
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-fresh-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("docs").join("errors.md")
    }

    #[test]
    fn bless_creates_and_rewrites() {
        let path = scratch("bless");
        check(&path, "one\n", true);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
        check(&path, "two\n", true);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
        check(&path, "two\n", false);
    }

    #[test]
    fn stale_file_fails_with_a_diff() {
        let path = scratch("stale");
        check(&path, "a\nb\n", true);
        let failure = std::panic::catch_unwind(|| check(&path, "a\nc\n", false)).unwrap_err();
        let message = failure.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("is stale; rerun with ERRCAT_BLESS=1"),
            "{message}"
        );
        assert!(message.contains("-b\n+c\n"), "{message}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "a\nb\n",
            "left as it was"
        );
    }

    #[test]
    fn missing_file_fails() {
        let path = scratch("missing");
        let failure = std::panic::catch_unwind(|| check(&path, "x", false)).unwrap_err();
        let message = failure.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("ERRCAT_BLESS=1 to generate it"),
            "{message}"
        );
    }

    #[test]
    fn diff_shows_changes_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n";
        let shown = diff(old, new);
        assert!(shown.contains("-e\n+E\n"), "{shown}");
        assert!(shown.starts_with("@@ generated line 2 @@\n b\n"), "{shown}");
        assert!(shown.contains("+j\n"), "{shown}");
        assert!(!shown.contains(" a\n"), "{shown}");
    }
}
