use errcat::ApiError;

#[derive(ApiError)]
union U {
    code: u16,
    other: u32,
}

fn main() {}
