use errcat::ApiError;

struct Opaque;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("rate limited")]
    #[status(429)]
    RateLimited {
        #[detail]
        until: Opaque,
    },
}

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opaque")
    }
}

fn main() {}
