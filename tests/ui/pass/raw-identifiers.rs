use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
enum E {
    #[error("match")]
    #[status(409)]
    #[message("cannot match {type}")]
    #[field("{r#type}")]
    r#Match {
        #[detail]
        r#type: &'static str,
    },
}

fn main() {
    let error = E::r#Match { r#type: "bundle" };
    assert_eq!(error.code(), "MATCH");
    assert_eq!(error.message(), "cannot match bundle");
    assert_eq!(
        error.to_response().body(),
        r#"{"error":"cannot match bundle","type":"bundle"}"#
    );
    let catalog = E::catalog();
    assert_eq!(catalog[0].variant, "Match");
    assert_eq!(catalog[0].field, Some("{r#type}"));
    assert_eq!(catalog[0].details, ["type"]);
}
