//! `cargo bench -p errcat-bench`: each scenario's three ways (hand-built floor, `json!`,
//! errcat) with divan's allocation profiler, and the 1,000-variant scale checks.
//! `BENCHMARKS.md` is written by `cargo run --release -p errcat-bench --bin report`.

use errcat_bench::scenarios::{SCENARIOS, Scenario};
use errcat_bench::{Collected, scale};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn scenario(name: &str) -> &'static Scenario {
    SCENARIOS
        .iter()
        .find(|s| s.name == name)
        .expect("a known scenario")
}

fn run(name: &str, bencher: divan::Bencher, way: fn(&Scenario) -> fn() -> Collected) {
    let scenario = scenario(name);
    let f = way(scenario);
    errcat_bench::scenarios::in_context(scenario, || bencher.bench_local(f));
}

macro_rules! scenario_benches {
    ($($module:ident => $name:literal),* $(,)?) => {$(
        mod $module {
            #[divan::bench]
            fn floor(bencher: divan::Bencher) {
                super::run($name, bencher, |s| s.floor);
            }
            #[divan::bench]
            fn json(bencher: divan::Bencher) {
                super::run($name, bencher, |s| s.json);
            }
            #[divan::bench]
            fn errcat(bencher: divan::Bencher) {
                super::run($name, bencher, |s| s.errcat);
            }
        }
    )*};
}

scenario_benches! {
    static_message => "static",
    interpolated => "interpolated",
    problem_409 => "problem",
    nested => "nested",
    retry_after => "retry_after",
    custom_flat => "custom_flat",
    custom_nested => "custom_nested",
}

mod scale_1000 {
    use super::scale;

    #[divan::bench]
    fn first_variant() -> errcat_bench::Collected {
        scale::first()
    }
    #[divan::bench]
    fn far_variant() -> errcat_bench::Collected {
        scale::far()
    }
    #[divan::bench]
    fn first_interpolated() -> errcat_bench::Collected {
        scale::first_interpolated()
    }
    #[divan::bench]
    fn far_interpolated() -> errcat_bench::Collected {
        scale::far_interpolated()
    }
    #[divan::bench(sample_count = 20)]
    fn catalog() -> Vec<errcat::CatalogEntry> {
        scale::catalog()
    }
    #[divan::bench(sample_count = 10)]
    fn openapi() -> serde_json::Value {
        scale::openapi()
    }
}
