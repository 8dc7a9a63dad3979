// A handler argument errcat cannot document is a compile error where the operation is added.
use errcat::catalog::Operations;

struct Caller;

async fn list(_caller: Caller) -> Result<String, std::convert::Infallible> {
    Ok(String::new())
}

fn main() {
    let _ = Operations::new().get("/bundles", list);
}
