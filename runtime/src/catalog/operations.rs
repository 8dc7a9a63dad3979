//! [`Operations`]: an API's operations, each documented with exactly the errors it can answer,
//! read off its handler's type by the compiler.

use super::collect::by_status;
use super::components::{Components, pascal_case};
use super::entry::CatalogEntry;
use super::response::response;
use crate::ApiError;
use crate::envelope::{Envelope, Problem};
use crate::model::parts::Vtable;
use serde_json::{Map, Value, json};
use std::future::Future;

/// An API's operations and the errors each can answer, for its OpenAPI document.
///
/// Each operation's errors are read off its handler's type: the `E` of the `Result<_, E>` it
/// returns, and the rejections of the extractors it takes ([`Extractor`]). The handler itself
/// is passed, so the compiler keeps the document and the code in step: a handler that starts
/// returning another error type, or reading a body, documents it with no other change.
/// Errors added around the handlers are documented where they apply: a middleware's on the
/// operations behind it ([`layer`](Self::layer)), routing errors once for the whole document
/// ([`routing`](Self::routing)).
///
/// Responses and schemas are written once in `components` and referenced by `$ref`: one
/// response per distinct set of errors at a status, one schema per envelope and per shape of
/// detail members.
///
/// ```
/// use errcat::ApiError;
/// use errcat::catalog::Operations;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("bundle not found")]
/// #[status(404)]
/// struct BundleNotFound;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("unauthenticated")]
/// #[status(401)]
/// struct Unauthenticated;
///
/// async fn get_bundle() -> Result<String, BundleNotFound> {
///     Err(BundleNotFound)
/// }
///
/// let doc = Operations::new()
///     .get("/bundles/{id}", get_bundle)
///     .layer::<Unauthenticated>() // every operation above is behind authentication
///     .to_openapi();
/// let responses = &doc["paths"]["/bundles/{id}"]["get"]["responses"];
/// assert_eq!(responses["404"]["$ref"], "#/components/responses/BundleNotFound");
/// assert_eq!(responses["401"]["$ref"], "#/components/responses/Unauthenticated");
/// ```
#[derive(Clone, Debug)]
pub struct Operations {
    operations: Vec<Operation>,
    routing: Vec<CatalogEntry>,
    rejections: &'static Vtable,
    /// Rejections documented as the service's own errors (`rejections_as`).
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    mapped: Option<super::mapped::MapEntry>,
    title: String,
    version: String,
}

/// One operation and its errors.
#[derive(Clone, Debug)]
struct Operation {
    /// Lowercase, as OpenAPI path items name operations.
    method: &'static str,
    path: String,
    /// Names the operation's responses: its handler's name (else its error type's).
    name: String,
    errors: Vec<OperationError>,
}

/// One error of an operation, and whether it is an extractor's rejection, answered in the
/// envelope [`Operations::rejections`] sets (whenever that is called).
#[derive(Clone, Debug)]
struct OperationError {
    entry: CatalogEntry,
    rejection: bool,
}

impl Default for Operations {
    fn default() -> Self {
        Operations::new()
    }
}

impl Operations {
    /// No operations; extractor rejections in [`Problem`].
    pub fn new() -> Self {
        Operations {
            operations: Vec::new(),
            routing: Vec::new(),
            rejections: crate::envelope::vtable::<Problem>(),
            #[cfg(any(feature = "tower", feature = "actix-web"))]
            mapped: None,
            title: "API".to_owned(),
            version: "1.0.0".to_owned(),
        }
    }

    /// Sets the envelope errcat's extractors reject requests in: the one given to
    /// `ErrorContextLayer::rejections` (default [`Problem`]), for every operation.
    #[must_use]
    pub fn rejections<E: Envelope>(mut self) -> Self {
        self.rejections = crate::envelope::vtable::<E>();
        #[cfg(any(feature = "tower", feature = "actix-web"))]
        {
            self.mapped = None;
        }
        self
    }

    /// Documents every rejection as the error of `E` it becomes through `From<Rejection>`:
    /// for a service whose layer answers them so (`ErrorContextLayer::rejections_as::<E>()`).
    /// Its operations then list the service's codes, not errcat's.
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    #[must_use]
    pub fn rejections_as<E: ApiError + From<crate::rejection::Rejection>>(mut self) -> Self {
        self.mapped = Some(super::mapped::mapped::<E>);
        self
    }

    /// Documents, once for the whole document, the routing errors `ErrorContextLayer`
    /// answers: an unknown path's 404 and a wrong method's 405, answered as rejections are
    /// (so call it after [`rejections`](Self::rejections) or
    /// [`rejections_as`](Self::rejections_as)).
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    #[must_use]
    pub fn layer_routing(mut self) -> Self {
        use crate::rejection::Rejection;
        let entries: Vec<CatalogEntry> = Rejection::catalog()
            .into_iter()
            .filter(|entry| matches!(entry.variant, "NotFound" | "MethodNotAllowed"))
            .collect();
        for entry in entries {
            for entry in self.rejection_entries(entry) {
                if !self.routing.iter().any(|known| known.same_error(&entry)) {
                    self.routing.push(entry);
                }
            }
        }
        self
    }

    /// A rejection's entry as the service documents it: its own errors, or the rejection in
    /// the rejections' envelope.
    fn rejection_entries(&self, entry: CatalogEntry) -> Vec<CatalogEntry> {
        #[cfg(any(feature = "tower", feature = "actix-web"))]
        if let Some(map) = self.mapped {
            return map(&entry);
        }
        vec![entry.in_envelope(self.rejections)]
    }

    /// Sets the `info` of the document [`to_openapi`](Self::to_openapi) writes.
    #[must_use]
    pub fn info(mut self, title: impl Into<String>, version: impl Into<String>) -> Self {
        self.title = title.into();
        self.version = version.into();
        self
    }

    /// Adds the operation `method` on `path` (an OpenAPI path template, `/bundles/{id}`),
    /// answered by `handler`: its own errors and its extractors' rejections.
    #[must_use]
    pub fn route<H, Args>(mut self, method: http::Method, path: &str, handler: H) -> Self
    where
        H: Documented<Args>,
    {
        let _ = handler;
        check_template(path);
        let mut errors = OperationErrors {
            entries: Vec::new(),
        };
        H::document(&mut errors);
        self.operations.push(Operation {
            method: method_name(&method),
            path: path.to_owned(),
            name: H::name(),
            errors: errors.entries,
        });
        self
    }

    /// [`route`](Self::route) with `GET`.
    #[must_use]
    pub fn get<H: Documented<Args>, Args>(self, path: &str, handler: H) -> Self {
        self.route(http::Method::GET, path, handler)
    }

    /// [`route`](Self::route) with `POST`.
    #[must_use]
    pub fn post<H: Documented<Args>, Args>(self, path: &str, handler: H) -> Self {
        self.route(http::Method::POST, path, handler)
    }

    /// [`route`](Self::route) with `PUT`.
    #[must_use]
    pub fn put<H: Documented<Args>, Args>(self, path: &str, handler: H) -> Self {
        self.route(http::Method::PUT, path, handler)
    }

    /// [`route`](Self::route) with `PATCH`.
    #[must_use]
    pub fn patch<H: Documented<Args>, Args>(self, path: &str, handler: H) -> Self {
        self.route(http::Method::PATCH, path, handler)
    }

    /// [`route`](Self::route) with `DELETE`.
    #[must_use]
    pub fn delete<H: Documented<Args>, Args>(self, path: &str, handler: H) -> Self {
        self.route(http::Method::DELETE, path, handler)
    }

    /// Adds `E`'s errors to every operation added so far: those of a middleware they are
    /// behind, as axum's `route_layer` puts a middleware around the routes added before it.
    #[must_use]
    pub fn layer<E: ApiError>(mut self) -> Self {
        let entries = E::catalog();
        for operation in &mut self.operations {
            add_all(&mut operation.errors, entries.iter().cloned(), false);
        }
        self
    }

    /// Documents `E`'s errors once for the whole document: those any request may get before
    /// it reaches an operation (an unknown route's 404, a wrong method's 405).
    #[must_use]
    pub fn routing<E: ApiError>(mut self) -> Self {
        for entry in E::catalog() {
            if !self.routing.iter().any(|known| known.same_error(&entry)) {
                self.routing.push(entry);
            }
        }
        self
    }

    /// The errors documented for `method` on `path`, rejections in their envelope.
    pub fn errors(&self, method: &http::Method, path: &str) -> Option<Vec<CatalogEntry>> {
        let method = method_name(method);
        self.operations
            .iter()
            .find(|operation| operation.method == method && operation.path == path)
            .map(|operation| self.entries(operation))
    }

    /// Each code with two definitions (status, message or envelope) across the operations,
    /// each use named by its operation (`GET /bundles/{id}`): a client branching on such a
    /// code cannot know what it got. A test can require this to be empty.
    pub fn code_clashes(&self) -> Vec<super::CodeClash> {
        let mut named = Vec::new();
        for operation in &self.operations {
            let name = format!(
                "{} {}",
                operation.method.to_ascii_uppercase(),
                operation.path
            );
            for entry in self.entries(operation) {
                named.push((name.clone(), entry));
            }
        }
        for entry in &self.routing {
            named.push(("routing".to_owned(), entry.clone()));
        }
        super::collect::code_clashes(named.iter().map(|(name, entry)| (&**name, entry)))
    }

    /// `operation`'s errors, each rejection as the service answers it.
    fn entries(&self, operation: &Operation) -> Vec<CatalogEntry> {
        let mut entries: Vec<CatalogEntry> = Vec::with_capacity(operation.errors.len());
        for error in &operation.errors {
            let answered = if error.rejection {
                self.rejection_entries(error.entry.clone())
            } else {
                vec![error.entry.clone()]
            };
            for entry in answered {
                if !entries.iter().any(|known| known.same_error(&entry)) {
                    entries.push(entry);
                }
            }
        }
        entries
    }

    /// An OpenAPI 3.1 document of the operations' error responses, valid on its own: `paths`
    /// with each operation's path parameters and error responses, as `$ref`s into
    /// `components` (an operation with no error gets a `default` response). It is
    /// [`document`](Self::document) over an empty document.
    pub fn to_openapi(&self) -> Value {
        self.document(json!({
            "openapi": "3.1.0",
            "info": { "title": self.title, "version": self.version },
            "paths": {}
        }))
    }

    /// `document` (an OpenAPI 3.1 document, such as utoipa's `OpenApi` as JSON) with each
    /// operation's error responses. errcat owns them: every `4xx` and `5xx` response (and
    /// `4XX`/`5XX` range) the document has for a documented operation is replaced by errcat's,
    /// whatever its status; success responses, parameters and bodies are kept. An operation
    /// the document lacks is added, with its path parameters. The components errcat's
    /// responses refer to are added (a name the document already uses for something else
    /// gets a number, and the references follow).
    pub fn document(&self, mut document: Value) -> Value {
        let mut components = Components::new();
        let mut operations = Vec::with_capacity(self.operations.len());
        for operation in &self.operations {
            let mut responses = Map::new();
            let errors = self.entries(operation);
            for (status, entries) in by_status(&errors) {
                let codes: Vec<&str> = entries.iter().map(|entry| entry.code).collect();
                let mut unique = codes.clone();
                unique.dedup();
                let hint = match &*unique {
                    [code] => pascal_case(code),
                    _ => format!("{}{status}", pascal_case(&operation.name)),
                };
                let response = response(status, &entries, &mut components);
                responses.insert(status.to_string(), components.response(&hint, response));
            }
            operations.push((operation, responses));
        }
        let mut routing = Map::new();
        for (status, entries) in by_status(&self.routing) {
            let response = response(status, &entries, &mut components);
            let name = components.response_named(&format!("Routing{status}"), response);
            routing.insert(status.to_string(), Value::String(name));
        }
        let Value::Object(components) = components.into_json() else {
            return document;
        };
        let renames = merge_components(&mut document, components);

        for (operation, responses) in operations {
            let entry = &mut document["paths"][&operation.path][operation.method];
            if !entry.is_object() {
                // An operation the document lacks: declared with its path parameters, so
                // the document stays valid.
                *entry = json!({ "parameters": path_parameters(&operation.path) });
                if entry["parameters"].as_array().is_some_and(Vec::is_empty) {
                    *entry = json!({});
                }
            }
            let existing = entry
                .as_object_mut()
                .and_then(|entry| {
                    entry
                        .entry("responses")
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                })
                .expect("an operation is an object");
            existing.retain(|status, _| !matches!(status.as_bytes().first(), Some(b'4' | b'5')));
            for (status, mut reference) in responses {
                rename_references(&mut reference, &renames);
                existing.insert(status, reference);
            }
            if existing.is_empty() {
                // OpenAPI requires one response; errcat knows only the errors, and there are
                // none.
                existing.insert(
                    "default".into(),
                    json!({ "description": "The operation's own responses, not described by errcat." }),
                );
            }
        }
        if !routing.is_empty() {
            let mut note = String::from(
                "\n\nAny request may also be answered, before it reaches an operation, with:",
            );
            for (status, name) in &routing {
                let name = name.as_str().unwrap_or_default();
                let reference = format!("#/components/responses/{name}");
                let name = renames
                    .get(&reference)
                    .and_then(|renamed| renamed.rsplit('/').next())
                    .unwrap_or(name);
                let status: u16 = status.parse().unwrap_or_default();
                for entry in self.routing.iter().filter(|entry| entry.status == status) {
                    note.push_str(&format!(
                        "\n- {status} `{}`: {}",
                        entry.code,
                        entry.example_message()
                    ));
                }
                // Documentation tools do not link a `$ref` written in prose: name it.
                note.push_str(&format!(" (response `{name}` in `components.responses`)"));
            }
            let description = &mut document["info"]["description"];
            let text = description.as_str().unwrap_or_default().to_owned() + &note;
            *description = Value::String(text.trim_start().to_owned());
        }
        document
    }
}

/// Adds `components` to `document`'s, renaming a component whose name the document already
/// uses for something else (and every reference to it); the renames, by reference.
fn merge_components(
    document: &mut Value,
    components: Map<String, Value>,
) -> std::collections::BTreeMap<String, String> {
    if !document["components"].is_object() {
        document["components"] = json!({});
    }
    let existing = document["components"].clone();
    // A part is renamed when its name holds something else, and a rename can make another
    // part differ (its `$ref`s change): renames only grow, so this settles.
    let mut renames = std::collections::BTreeMap::new();
    loop {
        let mut next = std::collections::BTreeMap::new();
        for (kind, parts) in &components {
            let Value::Object(parts) = parts else {
                continue;
            };
            let taken = existing[kind].as_object();
            for (name, part) in parts {
                let Some(known) = taken.and_then(|taken| taken.get(name)) else {
                    continue;
                };
                let mut part = part.clone();
                rename_references(&mut part, &renames);
                if *known == part {
                    continue;
                }
                let free = |candidate: &String| {
                    !taken.is_some_and(|taken| taken.contains_key(candidate))
                        && !parts.contains_key(candidate)
                };
                let unique = (2..)
                    .map(|n| format!("{name}{n}"))
                    .find(free)
                    .unwrap_or_default();
                next.insert(
                    format!("#/components/{kind}/{name}"),
                    format!("#/components/{kind}/{unique}"),
                );
            }
        }
        if next == renames {
            break;
        }
        renames = next;
    }
    for (kind, parts) in components {
        let Value::Object(parts) = parts else {
            continue;
        };
        let target = &mut document["components"][&kind];
        if !target.is_object() {
            *target = json!({});
        }
        let Some(target) = target.as_object_mut() else {
            continue;
        };
        for (name, mut part) in parts {
            rename_references(&mut part, &renames);
            let reference = format!("#/components/{kind}/{name}");
            let name = renames
                .get(&reference)
                .and_then(|renamed| renamed.rsplit('/').next())
                .map_or(name, str::to_owned);
            target.entry(name).or_insert(part);
        }
    }
    renames
}

/// `value` with every `$ref` that `renames` names pointing at the new name.
fn rename_references(value: &mut Value, renames: &std::collections::BTreeMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                match child {
                    Value::String(target) if key == "$ref" => {
                        if let Some(renamed) = renames.get(target.as_str()) {
                            target.clone_from(renamed);
                        }
                    }
                    _ => rename_references(child, renames),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rename_references(item, renames);
            }
        }
        _ => {}
    }
}

/// The path parameters of `template` (`{id}` in `/bundles/{id}`), each a required string.
fn path_parameters(template: &str) -> Vec<Value> {
    template
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| name.trim_start_matches('*'))
        .map(|name| {
            json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } })
        })
        .collect()
}

fn method_name(method: &http::Method) -> &'static str {
    match *method {
        http::Method::GET => "get",
        http::Method::POST => "post",
        http::Method::PUT => "put",
        http::Method::PATCH => "patch",
        http::Method::DELETE => "delete",
        http::Method::HEAD => "head",
        http::Method::OPTIONS => "options",
        http::Method::TRACE => "trace",
        _ => "x-other",
    }
}

/// Adds `entries` to `errors`, leaving out those already there (the same variant in the same
/// envelope, reached another way).
fn add_all(
    errors: &mut Vec<OperationError>,
    entries: impl IntoIterator<Item = CatalogEntry>,
    rejection: bool,
) {
    for entry in entries {
        let known = errors.iter().any(|known| {
            // Rejections take one envelope later: the same variant is the same error.
            known.entry.same_error(&entry)
                || (rejection && known.rejection && known.entry.same_variant(&entry))
        });
        if !known {
            errors.push(OperationError { entry, rejection });
        }
    }
}

/// Panics on a path that is not an OpenAPI path template: axum 0.7's `/:id` and `/*rest`
/// would document a path no request takes (axum 0.8 panics on them too).
fn check_template(path: &str) {
    for segment in path.split('/') {
        if let Some(rest) = segment
            .strip_prefix(':')
            .or_else(|| segment.strip_prefix('*'))
        {
            panic!(
                "`{path}`: a path segment starts with `{}`, axum 0.7's syntax; write an OpenAPI \
                 path template, `{{{rest}}}`, as axum 0.8 routes",
                &segment[..1]
            );
        }
    }
}

/// The errors an operation can answer, as its handler and extractors declare them.
#[derive(Debug)]
pub struct OperationErrors {
    entries: Vec<OperationError>,
}

impl OperationErrors {
    /// Adds `E`'s errors, in `E`'s own envelopes.
    pub fn add<E: ApiError>(&mut self) -> &mut Self {
        add_all(&mut self.entries, E::catalog(), false);
        self
    }

    /// Adds `E`'s errors in the envelope errcat's extractors reject requests in.
    pub fn add_rejections<E: ApiError>(&mut self) -> &mut Self {
        add_all(&mut self.entries, E::catalog(), true);
        self
    }

    /// Adds the errors of `entries` whose variant is one of `variants`, in the envelope
    /// errcat's extractors reject requests in.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn add_rejection_variants(&mut self, entries: Vec<CatalogEntry>, variants: &[&str]) {
        add_all(
            &mut self.entries,
            entries
                .into_iter()
                .filter(|entry| variants.contains(&entry.variant)),
            true,
        );
    }
}

/// A handler argument that may refuse a request before the handler runs: what it adds to
/// the operation's documented errors.
///
/// errcat's extractors implement it (their rejections), as do axum's `Json`, `Form`, `Query`
/// and `Path` (the same rejections, as `ErrorContextLayer` answers them) and the framework's
/// extractors that never refuse a request. Implement it for an extractor of your own:
///
/// ```
/// use errcat::ApiError;
/// use errcat::catalog::{Extractor, OperationErrors};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("unauthenticated")]
/// #[status(401)]
/// struct Unauthenticated;
///
/// /// The authenticated caller, read from the `Authorization` header.
/// struct Caller;
///
/// impl Extractor for Caller {
///     fn document(errors: &mut OperationErrors) {
///         errors.add::<Unauthenticated>();
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "errcat cannot tell which errors `{Self}` refuses a request with",
    label = "this handler argument is not an `errcat::catalog::Extractor`",
    note = "implement errcat::catalog::Extractor for `{Self}`, adding the errors it rejects a request with (none: `impl Extractor for {Self} {{}}`)"
)]
pub trait Extractor {
    /// Adds the errors this extractor refuses a request with. None by default.
    fn document(errors: &mut OperationErrors) {
        let _ = errors;
    }
}

/// A request handler whose errors errcat can read off its type: an `async fn` (or closure)
/// whose arguments are [`Extractor`]s and which returns `Result<_, E>` with `E: ApiError`.
#[diagnostic::on_unimplemented(
    message = "errcat cannot read the errors of this handler",
    label = "not a handler errcat can document",
    note = "a handler returns `Result<_, E>` with `E: errcat::ApiError` (`Result<_, std::convert::Infallible>` for one that never fails), and each of its arguments implements errcat::catalog::Extractor",
    note = "for an extractor of your own, implement errcat::catalog::Extractor, adding the errors it refuses a request with"
)]
pub trait Documented<Args> {
    /// Adds the handler's errors and its arguments' rejections.
    fn document(errors: &mut OperationErrors);

    /// The handler's name (its error type's, for a closure), which names its responses.
    fn name() -> String;
}

/// `get_bundle` for `app::get_bundle`, `Json` for `errcat::axum::Json<T>`.
fn short_name(type_name: &str) -> Option<String> {
    let name = type_name.split('<').next()?;
    name.rsplit("::").next().map(str::to_owned)
}

/// The outcome of a handler: `Result<_, E>` and `E`'s errors.
#[doc(hidden)]
pub trait Outcome {
    /// The error type.
    type Error: ApiError;
}

impl<T, E: ApiError> Outcome for Result<T, E> {
    type Error = E;
}

macro_rules! handlers {
    ($($arg:ident),*) => {
        impl<F, Fut, $($arg,)*> Documented<($($arg,)*)> for F
        where
            F: FnOnce($($arg),*) -> Fut,
            Fut: Future,
            Fut::Output: Outcome,
            $($arg: Extractor,)*
        {
            fn document(errors: &mut OperationErrors) {
                errors.add::<<Fut::Output as Outcome>::Error>();
                $(<$arg as Extractor>::document(errors);)*
            }

            fn name() -> String {
                short_name(std::any::type_name::<F>())
                    .filter(|name| !name.contains('{'))
                    .or_else(|| short_name(std::any::type_name::<<Fut::Output as Outcome>::Error>()))
                    .unwrap_or_default()
            }
        }
    };
}

handlers!();
handlers!(A1);
handlers!(A1, A2);
handlers!(A1, A2, A3);
handlers!(A1, A2, A3, A4);
handlers!(A1, A2, A3, A4, A5);
handlers!(A1, A2, A3, A4, A5, A6);
handlers!(A1, A2, A3, A4, A5, A6, A7);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13);
handlers!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14);
handlers!(
    A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15
);
handlers!(
    A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16
);
