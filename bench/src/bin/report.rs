//! Run with `cargo run --release -p errcat-bench --bin report` (add `-- --skip-compile-time`
//! to leave out the slow compile-time part). Writes `BENCHMARKS.md` at the repository root;
//! `-- json` prints only the JSON-body section, in a minute; `-- layer` the layer section.
//!
//! Measures each scenario's three ways: instructions per op under
//! `valgrind --tool=callgrind` (repeatable), allocations and bytes per op with a counting
//! allocator, and time per op; then reading a valid JSON body with axum's and errcat's `Json`,
//! the 1,000-variant scale checks and the compile time of a generated 200-variant enum. Every
//! target is checked and marked in the output.

use errcat_bench::alloc::{self, Counting};
use errcat_bench::generate::{Flavor, enum_source};
use errcat_bench::scenarios::{SCENARIOS, Scenario, in_context};
use errcat_bench::{Collected, scale};
use errcat_bench::{json, layer};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Iteration counts of the two callgrind runs whose difference is measured.
const CALLGRIND_RUNS: (u64, u64) = (1_000, 11_000);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Cargo runs us as RUSTC_WRAPPER with rustc's path first.
    if args.get(1).is_some_and(|arg| arg.ends_with("rustc")) {
        rustc_wrapper(&args[1..]);
    }
    if args.get(1).map(String::as_str) == Some("measure") {
        let (target, iterations) = (&args[2], args[3].parse().expect("an iteration count"));
        measure(target, iterations);
        return;
    }
    if args.get(1).map(String::as_str) == Some("json") {
        print!("{}", json_section());
        return;
    }
    if args.get(1).map(String::as_str) == Some("layer") {
        print!("{}", layer_section());
        return;
    }
    let skip_compile_time = args.iter().any(|arg| arg == "--skip-compile-time");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = report(&root, skip_compile_time);
    let path = root.join("BENCHMARKS.md");
    std::fs::write(&path, report).expect("BENCHMARKS.md is writable");
    println!("wrote {}", path.display());
}

/// An operation to measure: a scenario's way, or a scale check.
fn operation(target: &str) -> (Option<&'static Scenario>, fn() -> Collected) {
    if let Some((name, way)) = target.split_once('/') {
        if let Some(scenario) = SCENARIOS.iter().find(|s| s.name == name) {
            let f = match way {
                "floor" => scenario.floor,
                "json" => scenario.json,
                "errcat" => scenario.errcat,
                _ => panic!("unknown way {way}"),
            };
            return (Some(scenario), f);
        }
        if name == "scale" {
            let f: fn() -> Collected = match way {
                "first" => scale::first,
                "far" => scale::far,
                "first_interpolated" => scale::first_interpolated,
                "far_interpolated" => scale::far_interpolated,
                _ => panic!("unknown scale check {way}"),
            };
            return (None, f);
        }
    }
    panic!("unknown target {target}")
}

/// Runs `target` `iterations` times: what callgrind counts.
fn measure(target: &str, iterations: u64) {
    for (group, ways) in [("layer", &layer::WAYS[..]), ("json", &json::WAYS[..])] {
        if let Some(way) = target
            .strip_prefix(group)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            let (_, f) = ways
                .iter()
                .find(|(name, _)| *name == way)
                .unwrap_or_else(|| panic!("unknown way {way}"));
            (0..iterations).for_each(|_| f());
            return;
        }
    }
    let (scenario, f) = operation(target);
    let run = || {
        for _ in 0..iterations {
            std::hint::black_box(f());
        }
    };
    match scenario {
        Some(scenario) => in_context(scenario, run),
        None => run(),
    }
}

/// Instructions per op of `target`, or `None` without valgrind.
fn instructions(target: &str) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let total = |iterations: u64| -> Option<u64> {
        let out = std::env::temp_dir().join(format!("errcat-callgrind-{}.out", std::process::id()));
        let status = Command::new("valgrind")
            .arg("--tool=callgrind")
            .arg(format!("--callgrind-out-file={}", out.display()))
            .arg(&exe)
            .args(["measure", target, &iterations.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        let text = std::fs::read_to_string(&out).ok()?;
        let _ = std::fs::remove_file(&out);
        text.lines()
            .find_map(|line| {
                line.strip_prefix("summary:")
                    .or_else(|| line.strip_prefix("totals:"))
            })
            .and_then(|n| n.split_whitespace().next()?.parse().ok())
    };
    let (small, large) = CALLGRIND_RUNS;
    let difference = total(large)?.checked_sub(total(small)?)?;
    #[allow(clippy::cast_precision_loss)]
    Some(difference as f64 / (large - small) as f64)
}

/// Allocations, reallocations and bytes per op, and nanoseconds per op (median of batches).
struct Profile {
    allocs: f64,
    reallocs: f64,
    bytes: f64,
    nanos: f64,
}

#[allow(clippy::cast_precision_loss)]
fn profile(target: &str) -> Profile {
    let (scenario, f) = operation(target);
    let run = || {
        for _ in 0..100 {
            std::hint::black_box(f());
        }
        const COUNTED: u64 = 10_000;
        alloc::reset();
        for _ in 0..COUNTED {
            std::hint::black_box(f());
        }
        let counts = alloc::counts();
        let mut batches: Vec<f64> = (0..25)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..2_000 {
                    std::hint::black_box(f());
                }
                start.elapsed().as_nanos() as f64 / 2_000.0
            })
            .collect();
        batches.sort_by(f64::total_cmp);
        Profile {
            allocs: counts.allocs as f64 / COUNTED as f64,
            reallocs: counts.reallocs as f64 / COUNTED as f64,
            bytes: counts.bytes as f64 / COUNTED as f64,
            nanos: batches[batches.len() / 2],
        }
    };
    match scenario {
        Some(scenario) => in_context(scenario, run),
        None => run(),
    }
}

fn mark(ok: bool) -> &'static str {
    if ok { "met" } else { "**not met**" }
}

fn report(root: &Path, skip_compile_time: bool) -> String {
    let mut out = String::new();
    let rustc = command_output("rustc", &["--version"]);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let valgrind = command_output("valgrind", &["--version"]);

    out.push_str(HEADER);
    let _ = writeln!(
        out,
        "Measured with {rustc}, {valgrind}, on {cpu} ({} cores), release profile.\n",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );

    out.push_str("## Responses\n\n");
    out.push_str("Each op builds an axum error response and collects its body. Instructions are per op under callgrind; allocations and bytes per op from a counting allocator; time is the median of 25 batches of 2,000 ops.\n\n");
    out.push_str("| scenario | way | instructions | vs floor | allocs | bytes | time | vs floor |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    let mut verdicts = Vec::new();
    for scenario in SCENARIOS {
        let mut rows = Vec::new();
        for way in ["floor", "json", "errcat"] {
            let target = format!("{}/{way}", scenario.name);
            eprintln!("measuring {target}");
            rows.push((way, instructions(&target), profile(&target)));
        }
        let (floor_ir, floor_profile) = (rows[0].1, &rows[0].2);
        let (floor_nanos, floor_allocs) = (floor_profile.nanos, floor_profile.allocs);
        for (way, ir, profile) in &rows {
            let ir_ratio = ir.zip(floor_ir).map(|(ir, floor)| ir / floor);
            let allocs = if profile.reallocs > 0.0 {
                format!("{:.0} (+{:.0} realloc)", profile.allocs, profile.reallocs)
            } else {
                format!("{:.0}", profile.allocs)
            };
            let _ = writeln!(
                out,
                "| {} | {way} | {} | {} | {allocs} | {:.0} | {:.0} ns | {:.2}x |",
                scenario.title,
                ir.map_or_else(|| "n/a".to_owned(), |ir| format!("{ir:.0}")),
                ir_ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
                profile.bytes,
                profile.nanos,
                profile.nanos / floor_nanos,
            );
        }
        let errcat_ratio = rows[2].1.zip(floor_ir).map(|(ir, floor)| ir / floor);
        let json_ratio = rows[2].1.zip(rows[1].1).map(|(ir, json)| ir / json);
        let errcat_allocs = rows[2].2.allocs + rows[2].2.reallocs;
        let floor_allocs_all = floor_allocs + floor_profile.reallocs;
        let target = scenario.target;
        let (limit, kind) = (target.instructions, target.kind);
        let alloc_slack = target.extra_allocs.unwrap_or(f64::INFINITY);
        let ok_ir = errcat_ratio.is_some_and(|r| r <= limit);
        let ok_allocs = errcat_allocs <= floor_allocs_all + alloc_slack + 1e-9;
        let alloc_rule = if alloc_slack == 0.0 {
            "no more allocations than the floor".to_owned()
        } else if alloc_slack.is_finite() {
            "at most one allocation more than the floor".to_owned()
        } else {
            "no allocation target".to_owned()
        };
        verdicts.push(format!(
            "| {} | {kind}: <= {limit:.2}x the floor's instructions, {alloc_rule} | {} | {errcat_allocs:.0} vs {floor_allocs_all:.0} | {} | {} |",
            scenario.name,
            errcat_ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
            mark(ok_ir && (ok_allocs || !alloc_slack.is_finite())),
            json_ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
        ));
    }
    out.push_str("\n### Targets\n\nInstructions of errcat's way over the floor's, allocations of errcat's way and the floor's, and (for context) errcat's instructions over `json!`'s.\n\n| scenario | target | errcat vs floor | allocs vs floor | target | errcat vs json! |\n| --- | --- | ---: | ---: | --- | ---: |\n");
    for verdict in &verdicts {
        let _ = writeln!(out, "{verdict}");
    }

    out.push_str(&json_section());
    out.push_str(&layer_section());

    out.push_str("\n## Scale: a 1,000-variant enum\n\n");
    out.push_str("The cost of a response must not grow with the number of variants. `Big` (generated by `bench/src/generate.rs`, built by `bench/build.rs`) has 1,000 variants.\n\n| op | instructions | allocs | time |\n| --- | ---: | ---: | ---: |\n");
    let mut scale_ir = Vec::new();
    for check in ["first", "far", "first_interpolated", "far_interpolated"] {
        let target = format!("scale/{check}");
        eprintln!("measuring {target}");
        let ir = instructions(&target);
        let profile = profile(&target);
        scale_ir.push(ir);
        let _ = writeln!(
            out,
            "| `{check}` | {} | {:.0} | {:.0} ns |",
            ir.map_or_else(|| "n/a".to_owned(), |ir| format!("{ir:.0}")),
            profile.allocs,
            profile.nanos
        );
    }
    let grows = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| b / a);
    let unit = grows(scale_ir[0], scale_ir[1]);
    let interpolated = grows(scale_ir[2], scale_ir[3]);
    let flat = unit.is_some_and(|r| r <= 1.01) && interpolated.is_some_and(|r| r <= 1.01);
    let _ = writeln!(
        out,
        "\nVariant 997 costs {} and variant 996 costs {} of variants 1 and 0: {}.\n",
        interpolated.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.3}x")),
        unit.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.3}x")),
        if flat {
            "the cost does not grow with the number of variants"
        } else {
            "**the cost grows**"
        }
    );
    let catalog = time_per_entry(|| scale::catalog().len());
    let openapi = time_per_entry(|| {
        let doc = scale::openapi();
        std::hint::black_box(&doc);
        1000
    });
    // "Well under a millisecond per entry": under a tenth of one.
    let well_under = Duration::from_micros(100);
    let _ = writeln!(
        out,
        "| op (1,000 entries) | total | per entry | target: well under 1 ms per entry |\n| --- | ---: | ---: | --- |\n| `Big::catalog()` | {:.2} ms | {:.2} µs | {} |\n| `Catalog::to_openapi()` | {:.2} ms | {:.2} µs | {} |\n",
        catalog.0.as_secs_f64() * 1e3,
        catalog.1.as_secs_f64() * 1e6,
        mark(catalog.1 < well_under),
        openapi.0.as_secs_f64() * 1e3,
        openapi.1.as_secs_f64() * 1e6,
        mark(openapi.1 < well_under),
    );

    if skip_compile_time {
        out.push_str("## Compile time\n\nNot measured in this run (`--skip-compile-time`).\n");
    } else {
        out.push_str(&compile_time(root));
    }
    out.push_str(FOOTER);
    out
}

/// Instructions per op of each of `ways` (measured as `group/way`), looked up by name.
fn measure_ways(group: &str, ways: &[(&'static str, fn())]) -> impl Fn(&str) -> Option<f64> {
    let ir: Vec<(&str, Option<f64>)> = ways
        .iter()
        .map(|(way, _)| {
            let target = format!("{group}/{way}");
            eprintln!("measuring {target}");
            (*way, instructions(&target))
        })
        .collect();
    move |name| {
        ir.iter()
            .find(|(way, _)| *way == name)
            .and_then(|(_, ir)| *ir)
    }
}

/// An instruction count as the tables show it.
fn count(ir: Option<f64>) -> String {
    ir.map_or_else(|| "n/a".to_owned(), |ir| format!("{ir:.0}"))
}

/// The JSON extraction section: instructions per op of each way of reading a valid order,
/// the request's construction subtracted, and the target for errcat's.
fn json_section() -> String {
    let get = measure_ways("json", &json::WAYS);
    let request = get("request");
    // The extractors' ops build their request; serde_json's reads the bytes alone.
    let extracting = |name: &str| get(name).zip(request).map(|(ir, request)| ir - request);
    let (axum, errcat, serde) = (extracting("axum"), extracting("errcat"), get("serde_json"));
    let ratio = |ir: Option<f64>| {
        ir.zip(axum).map_or_else(
            || "n/a".to_owned(),
            |(ir, axum)| format!("{:.2}x", ir / axum),
        )
    };
    let mut out = format!(
        "\n## Reading a JSON body\n\nThe happy path of every `POST`: a valid {}-byte order (nested objects, a list of three items; `bench/src/json.rs`) read into its struct. Each extractor's op builds an axum `Request` with that body and extracts it; building the request alone costs {} instructions, subtracted below. `serde_json::from_slice` alone reads the same bytes with no request and no checks: the floor. Instructions per op under callgrind.\n\n| way | instructions | vs axum |\n| --- | ---: | ---: |\n",
        json::ORDER.len(),
        count(request)
    );
    for (way, ir) in [
        ("axum's `Json<T>`", axum),
        ("errcat's `Json<T>`", errcat),
        ("`serde_json::from_slice` alone", serde),
    ] {
        let _ = writeln!(out, "| {way} | {} | {} |", count(ir), ratio(ir));
    }
    let errcat_ratio = errcat.zip(axum).map(|(errcat, axum)| errcat / axum);
    let _ = writeln!(
        out,
        "\nerrcat's `Json<T>` costs {} of axum's (target <= 0.65x): {}. It parses without path tracking, and parses again with it only when the first parse fails, to name the field at fault.",
        errcat_ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
        mark(errcat_ratio.is_some_and(|r| r <= 0.65))
    );
    out
}

/// The layer section: what `ErrorContextLayer` adds to a successful request through an
/// axum router, against tower-http's request-id pair, and the target.
fn layer_section() -> String {
    let get = measure_ways("layer", &layer::WAYS);
    let bare = get("bare");
    let adds = |name: &str| get(name).zip(bare).map(|(ir, bare)| ir - bare);
    let (errcat, tower_http) = (adds("errcat"), adds("tower_http"));
    let mut out = format!(
        "\n## A successful request through the layer\n\nA `GET` with no request id through an axum router whose handler answers `[]` at once; each op builds the request, routes it and collects the body (`bench/src/layer.rs`). The bare router costs {} instructions per op; each layer's cost is what it adds to that. `ErrorContextLayer` makes a version 4 UUID, keeps the request's context, echoes `x-request-id`, and looks at the response to pass it (no `tracing` feature, so no span); tower-http's `SetRequestIdLayer` with `MakeRequestUuid` plus `PropagateRequestIdLayer` make and echo the id. Instructions per op under callgrind.\n\n| layer | adds | vs tower-http's pair |\n| --- | ---: | ---: |\n",
        count(bare)
    );
    let ratio = errcat.zip(tower_http).map(|(errcat, pair)| errcat / pair);
    for (way, ir) in [
        ("`ErrorContextLayer`", errcat),
        (
            "tower-http's `SetRequestId` + `PropagateRequestId`",
            tower_http,
        ),
    ] {
        let vs = ir.zip(tower_http).map_or_else(
            || "n/a".to_owned(),
            |(ir, pair)| format!("{:.2}x", ir / pair),
        );
        let _ = writeln!(out, "| {way} | {} | {vs} |", count(ir));
    }
    let _ = writeln!(
        out,
        "\n`ErrorContextLayer` adds {} of what the pair adds (target <= 1.00x): {}.",
        ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
        mark(ratio.is_some_and(|r| r <= 1.0))
    );
    out
}

/// Median time of `f` over 5 runs (after one warm-up), and that time divided by the number
/// of entries `f` returns.
fn time_per_entry(f: impl Fn() -> usize) -> (Duration, Duration) {
    let _ = f();
    let mut runs: Vec<(Duration, usize)> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let n = std::hint::black_box(f());
            (start.elapsed(), n)
        })
        .collect();
    runs.sort();
    let (total, n) = runs[runs.len() / 2];
    (total, total / u32::try_from(n.max(1)).unwrap_or(u32::MAX))
}

fn command_output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| format!("{program} (not found)"))
}

/// The compile-time section: the cost a 200-variant enum adds with each derive, and the
/// clean build of the macro crates.
fn compile_time(root: &Path) -> String {
    let dir = root.join("target").join("compile-time");
    let _ = std::fs::remove_dir_all(&dir);
    let runtime = root
        .join("runtime")
        .canonicalize()
        .expect("the runtime crate");
    let macros = root
        .join("macros")
        .canonicalize()
        .expect("the macros crate");
    // Every flavor has the same dependencies, loaded by the same `use` lines, so what differs
    // between them is the derive and nothing else.
    let deps = format!(
        "thiserror = \"2\"\nerrcat = {{ path = \"{}\", features = [\"axum\"] }}\naxum = {{ version = \"0.8\", default-features = false, features = [\"json\"] }}\nserde_json = \"1\"\n",
        runtime.display()
    );
    let flavors = [
        ("plain", Flavor::Plain),
        ("thiserror", Flavor::Thiserror),
        ("errcat", Flavor::Errcat),
        ("json", Flavor::Json),
    ];
    let mut members = Vec::new();
    for (name, flavor) in flavors {
        let crate_dir = dir.join(format!("gen-{name}"));
        std::fs::create_dir_all(crate_dir.join("src")).expect("target is writable");
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            format!("[package]\nname = \"gen-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{deps}"),
        )
        .expect("target is writable");
        let source = format!(
            "use axum as _;\nuse errcat as _;\nuse serde_json as _;\nuse thiserror as _;\n\n{}",
            enum_source("Generated", 200, flavor)
        );
        std::fs::write(crate_dir.join("src/lib.rs"), source).expect("target is writable");
        members.push(format!("\"gen-{name}\""));
    }
    for (name, dep) in [
        (
            "clean-thiserror-impl",
            "thiserror-impl = \"=2.0.21\"".to_owned(),
        ),
        (
            "clean-errcat-macros",
            format!("errcat-macros = {{ path = \"{}\" }}", macros.display()),
        ),
    ] {
        let crate_dir = dir.join(name);
        std::fs::create_dir_all(crate_dir.join("src")).expect("target is writable");
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{dep}\n"),
        )
        .expect("target is writable");
        std::fs::write(crate_dir.join("src/lib.rs"), "").expect("target is writable");
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .expect("target is writable");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).ok();

    let exe = std::env::current_exe().expect("the report's own path");
    let cargo = |args: &[&str], dir: &Path, target: &Path, wrap: bool| -> (Duration, String) {
        let mut command = Command::new("cargo");
        command
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS");
        if wrap {
            command.env("RUSTC_WRAPPER", &exe);
        }
        let start = Instant::now();
        let output = command.output().expect("cargo runs");
        let elapsed = start.elapsed();
        assert!(
            output.status.success(),
            "cargo {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        (
            elapsed,
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    eprintln!("compile time: building dependencies");
    let target = dir.join("target");
    let _ = cargo(&["build", "--release", "--workspace"], &dir, &target, false);
    let mut results = Vec::new();
    for (name, _) in flavors {
        let lib = dir.join(format!("gen-{name}/src/lib.rs"));
        let touch = || {
            let source = std::fs::read_to_string(&lib).expect("generated source");
            std::fs::write(&lib, source).expect("generated source");
        };
        let package = format!("gen-{name}");
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                touch();
                eprintln!("compile time: {package}");
                cargo(
                    &["build", "--release", "-p", &package],
                    &dir,
                    &target,
                    false,
                )
                .0
            })
            .collect();
        times.sort();
        touch();
        eprintln!("compile time: {package} under callgrind");
        let _ = std::fs::remove_file(callgrind_total_path());
        let _ = cargo(&["build", "--release", "-p", &package], &dir, &target, true);
        let instructions = std::fs::read_to_string(callgrind_total_path())
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok());
        results.push((name, times[times.len() / 2], instructions));
    }
    let get = |name: &str| results.iter().find(|(n, _, _)| *n == name).copied();
    let (Some(plain), Some(thiserror), Some(errcat), Some(json)) =
        (get("plain"), get("thiserror"), get("errcat"), get("json"))
    else {
        return "## Compile time\n\nNot measured: a build failed.\n".to_owned();
    };
    let secs = |d: Duration| d.as_secs_f64();
    let adds_time =
        |a: (&str, Duration, Option<u64>), b: (&str, Duration, Option<u64>)| secs(a.1) - secs(b.1);
    #[allow(clippy::cast_precision_loss)]
    let adds_ir = |a: (&str, Duration, Option<u64>), b: (&str, Duration, Option<u64>)| {
        a.2.zip(b.2).map(|(a, b)| (a as f64 - b as f64) / 1e9)
    };
    let thiserror_ir = adds_ir(thiserror, plain);
    let errcat_ir = adds_ir(errcat, thiserror);
    let json_ir = adds_ir(json, thiserror);
    let ratio_ir = errcat_ir.zip(thiserror_ir).map(|(e, t)| e / t);
    let ratio_time = adds_time(errcat, thiserror) / adds_time(thiserror, plain);

    let mut out = String::from(
        "## Compile time\n\nA generated enum of 200 variants (unit, tuple and named fields, interpolated messages, headers, details), alone in a crate, release build of that crate only (its dependencies already built). `plain` derives `Debug`; `thiserror` adds thiserror's derive; `errcat` adds errcat's derive (with the `axum` feature, so it also implements `IntoResponse`); `json` adds, instead, a hand-written `IntoResponse` with `json!` in every arm. All four depend on, and load, the same crates (thiserror, errcat, axum, serde_json), so the differences are the derives alone. The enum comes from `bench/src/generate.rs`.\n\nInstructions are those of the `rustc` process compiling the crate, counted by callgrind (repeatable; the proc macros run inside it); times are medians of 5 builds (indicative: they vary by a tenth of a second from run to run on this machine).\n\n| crate | rustc instructions | adds | build time | adds |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    let gi =
        |v: Option<u64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.2} G", v as f64 / 1e9));
    let fmt_adds = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2} G"));
    let _ = writeln!(
        out,
        "| `gen-plain` | {} |  | {:.2} s |  |",
        gi(plain.2),
        secs(plain.1)
    );
    let _ = writeln!(
        out,
        "| `gen-thiserror` | {} | {} over plain | {:.2} s | {:.2} s over plain |",
        gi(thiserror.2),
        fmt_adds(thiserror_ir),
        secs(thiserror.1),
        adds_time(thiserror, plain)
    );
    let _ = writeln!(
        out,
        "| `gen-errcat` | {} | {} over thiserror | {:.2} s | {:.2} s over thiserror |",
        gi(errcat.2),
        fmt_adds(errcat_ir),
        secs(errcat.1),
        adds_time(errcat, thiserror)
    );
    let _ = writeln!(
        out,
        "| `gen-json` | {} | {} over thiserror | {:.2} s | {:.2} s over thiserror |",
        gi(json.2),
        fmt_adds(json_ir),
        secs(json.1),
        adds_time(json, thiserror)
    );
    let _ = writeln!(
        out,
        "\nerrcat's derive adds {} the instructions thiserror's adds (target <= 1.5x): {}; by build time, {ratio_time:.2}x.\n",
        ratio_ir.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}x")),
        mark(ratio_ir.is_some_and(|r| r <= 1.5))
    );

    let mut clean = Vec::new();
    for name in ["clean-thiserror-impl", "clean-errcat-macros"] {
        let mut times = Vec::new();
        let mut packages = 0;
        for run in 0..3 {
            let target = dir.join(format!("target-{name}-{run}"));
            eprintln!("compile time: {name} from clean");
            let (time, log) = cargo(
                &["build", "--release", "-p", name],
                &dir.join(name),
                &target,
                false,
            );
            packages = log
                .lines()
                .filter(|line| line.trim_start().starts_with("Compiling"))
                .count()
                - 1;
            times.push(time);
            let _ = std::fs::remove_dir_all(&target);
        }
        times.sort();
        clean.push((name, times[1], packages));
    }
    let clean_ratio = clean[1].1.as_secs_f64() / clean[0].1.as_secs_f64();
    out.push_str("The macro crate itself, built from clean (median of 3 runs, each with an empty target directory), with the packages it compiles:\n\n| crate | clean build | packages |\n| --- | ---: | ---: |\n");
    for (name, time, packages) in &clean {
        let _ = writeln!(
            out,
            "| `{}` | {:.2} s | {packages} |",
            name.trim_start_matches("clean-"),
            time.as_secs_f64()
        );
    }
    let _ = writeln!(
        out,
        "\nerrcat-macros builds in {clean_ratio:.2}x thiserror-impl's time (target <= 1.2x): {}.\n",
        mark(clean_ratio <= 1.2)
    );
    out
}

/// Where the wrapped rustc run leaves its instruction count.
fn callgrind_total_path() -> std::path::PathBuf {
    std::env::temp_dir().join("errcat-compile-instructions")
}

/// As `RUSTC_WRAPPER`: runs the compilation of a `gen-*` crate under callgrind and writes
/// its instruction count to [`callgrind_total_path`]; runs any other compilation as is.
fn rustc_wrapper(args: &[String]) -> ! {
    let (rustc, rest) = args.split_first().expect("cargo passes rustc's path");
    let measured = rest
        .windows(2)
        .any(|w| w[0] == "--crate-name" && w[1].starts_with("gen_"));
    let status = if measured {
        let out =
            std::env::temp_dir().join(format!("errcat-rustc-{}.callgrind", std::process::id()));
        let status = Command::new("valgrind")
            .arg("--tool=callgrind")
            .arg(format!("--callgrind-out-file={}", out.display()))
            .arg(rustc)
            .args(rest)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("valgrind runs");
        let total = std::fs::read_to_string(&out).ok().and_then(|text| {
            text.lines()
                .find_map(|line| {
                    line.strip_prefix("summary:")
                        .or_else(|| line.strip_prefix("totals:"))
                })
                .and_then(|n| n.split_whitespace().next()?.parse::<u64>().ok())
        });
        let _ = std::fs::remove_file(&out);
        if let Some(total) = total {
            let _ = std::fs::write(callgrind_total_path(), total.to_string());
        }
        status
    } else {
        Command::new(rustc).args(rest).status().expect("rustc runs")
    };
    std::process::exit(status.code().unwrap_or(1));
}

const HEADER: &str = "# Benchmarks

errcat replaces code users write by hand, so it must cost less than that code, at run time
and at compile time. This file is written by

```sh
cargo run --release -p errcat-bench --bin report    # add -- --skip-compile-time for a quick run
```

which measures everything below and checks every target. `cargo bench -p errcat-bench` runs the
same scenarios under divan (with its `AllocProfiler`) for interactive use.

## Method

- **Scenarios** (`bench/src/scenarios.rs`): seven error responses, five in errcat's built-in
  envelopes and two in envelopes a service writes itself with the public `Envelope` trait
  (`custom_flat`, `custom_nested`), each built three ways: the *floor*, a hand-built `http::Response` whose body is prebuilt (or, when it has a value in it,
  formatted by hand with `format!`, timestamp and request id included); axum's
  `(StatusCode, Json(json!(..)))`; and errcat's derive through `IntoResponse`. Every op turns
  the error into an axum `Response` and collects its body. Inputs (borrowed strings, numbers)
  exist before the op.
- **Instructions** are counted by `valgrind --tool=callgrind`: the op is run 1,000 and 11,000
  times in two processes and the difference is divided by 10,000, so start-up and one-time work
  (errcat renders a fixed body once and reuses it) drop out. Counts repeat exactly for the same
  binary, whatever else the machine does, so ratios are reliable where wall-clock times are not.
- **Allocations and bytes** per op come from a counting global allocator (`alloc` calls;
  `realloc` calls shown apart), over 10,000 ops.
- **Time** is the median of 25 batches of 2,000 ops; it is noisy on a shared machine and only
  indicative.

";

const FOOTER: &str = "
## Reproduce

```sh
cargo run --release -p errcat-bench --bin report      # rewrites BENCHMARKS.md (about 10 minutes)
cargo bench -p errcat-bench                           # divan: time and allocations per op
# One op under callgrind by hand:
cargo build --release -p errcat-bench --bin report
valgrind --tool=callgrind target/release/report measure static/errcat 11000
target/release/report json                            # the JSON-body section alone
target/release/report layer                           # the layer section alone
```
";
