use errcat::ApiError;

struct Plain;

fn respond<E: ApiError>() {}

fn main() {
    respond::<Plain>();
}
