use errcat::ApiError;
use errcat::envelope::{Context, Envelope, ErrorParts, JsonObject};

struct Broken;

impl Envelope for Broken {
    const CONTENT_TYPE: &'static str = "application/json\n";

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.str("code", error.code());
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = Broken)]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
