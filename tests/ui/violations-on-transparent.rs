use errcat::ApiError;

#[derive(ApiError)]
#[status(400)]
struct Inner;

#[derive(ApiError)]
enum E {
    #[api_error(transparent)]
    Request(#[api_error(violations)] Inner),
}

fn main() {}
