//! Names the generated crate uses already, which a group or a parameter cannot take. The
//! tests read them back off the runtime's sources and off a generated crate, so that a method
//! added to either cannot be hidden by a tag or a parameter of the same name.

/// Module names the crate uses (its own and the dependencies it re-exports), and cargo
/// feature names with a meaning: a group is a module and a feature of its own.
const MODULES: &[&str] = &[
    "models",
    "runtime",
    "mock",
    "header",
    // The index of each security scheme, by name, for the operations' constants.
    "security",
    "reqwest",
    "serde_json",
    "bytes",
    "chrono",
    "uuid",
    "shared",
    "unreferenced",
    "lib",
    // `src/main.rs` would make the crate a program too: cargo finds binaries by that name
    // (iptwist's `Main` tag).
    "main",
    "full",
    "default",
];

/// The methods of a generated crate's `Client`: its own, those of the traits it implements,
/// and those of the core it dereferences to (`runtime::Client`). A group's accessor is a
/// method of `Client`, and must not hide one of these: a `Call` tag's `client.call()` would
/// hide the method every operation sends with, a `From` tag's `Client::from(core)`.
const CLIENT_METHODS: &[&str] = &[
    "call",
    "caller",
    "raw",
    "call_streaming",
    "api",
    "base_url",
    "retry_policy",
    "from_env",
    "builder",
    "new",
    "clone",
    "deref",
    "from",
    "fmt",
];

/// Methods and fields a request builder has of its own; parameters take other names.
pub const BUILDER_MEMBERS: &[&str] = &[
    "send",
    "send_with_response",
    "with_options",
    "pages",
    "items",
    "into_future",
    "clone",
    "fmt",
    "client",
    "options",
    "body",
    "new",
    "self_",
    // The builder's private methods: the request's parts, and the answer's decoder (flat.io
    // has a query parameter `parts`).
    "parts",
    "decode",
];

/// The methods of the test doubles' `MockApi` (`mock` feature), which has one method per
/// operation: its own (`start`, `client`, its traits') and those of the runtime's
/// `MockServer` it dereferences to, which an operation of the same name would hide.
pub const MOCK_METHODS: &[&str] = &[
    "start",
    "client",
    "fmt",
    "deref",
    "uri",
    "client_builder",
    "expect",
    "received",
    "take_problems",
    "verify",
    "operations",
    "drop",
];

/// The types of the mock module besides each operation's query trait and parameters struct.
pub const MOCK_TYPES: &[&str] = &["MockApi"];

/// The members of a model struct besides its setters: `with_*` setters cannot be `new`.
pub const STRUCT_MEMBERS: &[&str] = &["new"];

/// What a group's module name, which is also its accessor and its feature, cannot be.
pub fn group_names() -> Vec<&'static str> {
    MODULES.iter().chain(CLIENT_METHODS).copied().collect()
}

/// The names a group of `document` cannot take: with webhooks, `webhooks` too (their module
/// and feature). Only then, so that a `Webhooks` tag of a document without webhooks keeps
/// its name.
pub fn group_names_of(document: &openapiv3::OpenAPI) -> Vec<&'static str> {
    let mut names = group_names();
    if document.extensions.contains_key(crate::webhooks::LIST) {
        names.push(crate::ir::WEBHOOKS);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{BUILDER_MEMBERS, CLIENT_METHODS, MOCK_METHODS, MOCK_TYPES};

    /// The methods of every `impl` for a type named `self_type` in `file`: those of its trait
    /// impls (an inherent method of the same name would hide them: `Client::from(core)`), and
    /// of its own impls the public ones, or all when the code of the same crate could clash.
    fn methods_of(file: &syn::File, self_type: &str, private_too: bool) -> Vec<String> {
        let mut methods = Vec::new();
        for item in &file.items {
            let syn::Item::Impl(block) = item else { continue };
            let syn::Type::Path(path) = &*block.self_ty else { continue };
            if path.path.segments.last().is_none_or(|segment| segment.ident != self_type) {
                continue;
            }
            for item in &block.items {
                if let syn::ImplItem::Fn(method) = item
                    && (private_too || block.trait_.is_some() || matches!(method.vis, syn::Visibility::Public(_)))
                {
                    methods.push(method.sig.ident.to_string());
                }
            }
        }
        methods
    }

    #[test]
    fn every_method_of_the_runtime_client_is_reserved() {
        let mut found = Vec::new();
        for (name, text) in crate::emit::RUNTIME_FILES {
            let file = syn::parse_file(text).unwrap_or_else(|error| panic!("runtime/src/{name}: {error}"));
            found.extend(methods_of(&file, "Client", false));
        }
        assert!(found.iter().any(|method| method == "call"), "the runtime's Client was not found: {found:?}");
        let missing: Vec<&String> = found.iter().filter(|method| !CLIENT_METHODS.contains(&method.as_str())).collect();
        assert!(missing.is_empty(), "runtime::Client methods a group's accessor could hide: {missing:?}");
    }

    /// A crate with a group whose operations have no parameters: everything its `Client` and
    /// its builders have is their own.
    const DOCUMENT: &str = r#"
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
      responses:
        "200":
          description: the things
          content:
            application/json:
              schema: {type: array, items: {type: string}}
    post:
      operationId: addThing
      tags: [things]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        "204": {description: added}
"#;

    fn generated_file(path: &str) -> syn::File {
        let options = crate::Options { crate_name: "things".to_owned(), ..crate::Options::default() };
        let generated = crate::generate("things.yaml", DOCUMENT.as_bytes(), &options).expect("generates");
        let file = generated.files.iter().find(|file| file.path == path).expect("the file is generated");
        syn::parse_file(&file.contents).expect("parses")
    }

    #[test]
    fn every_method_of_the_mock_and_the_mock_server_it_dereferences_to_is_reserved() {
        let mut found = Vec::new();
        for (name, text) in crate::emit::RUNTIME_FILES {
            let file = syn::parse_file(text).unwrap_or_else(|error| panic!("runtime/src/{name}: {error}"));
            found.extend(methods_of(&file, "MockServer", false));
        }
        assert!(found.iter().any(|method| method == "verify"), "the runtime's MockServer was not found: {found:?}");
        let mock = generated_file("src/mock.rs");
        let own = methods_of(&mock, "MockApi", true);
        assert!(own.iter().any(|method| method == "start"), "the generated MockApi was not found: {own:?}");
        // The expectation methods are the operations'.
        found.extend(own.into_iter().filter(|method| method != "list_things" && method != "add_thing"));
        let missing: Vec<&String> = found.iter().filter(|method| !MOCK_METHODS.contains(&method.as_str())).collect();
        assert!(missing.is_empty(), "MockApi methods (own or through Deref) an operation could hide: {missing:?}");
        let types: Vec<String> = mock
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(definition) => Some(definition.ident.to_string()),
                _ => None,
            })
            .filter(|name| !name.ends_with("Params"))
            .collect();
        assert!(types.iter().all(|name| MOCK_TYPES.contains(&name.as_str())), "unreserved mock types: {types:?}");
    }

    #[test]
    fn an_operation_named_like_a_method_of_the_mock_server_gets_another_mock_method() {
        let document = DOCUMENT.replace("operationId: listThings", "operationId: verify");
        let options = crate::Options { crate_name: "things".to_owned(), ..crate::Options::default() };
        let generated = crate::generate("things.yaml", document.as_bytes(), &options).expect("generates");
        let mock = generated.files.iter().find(|file| file.path == "src/mock.rs").expect("the mock");
        let file = syn::parse_file(&mock.contents).expect("parses");
        let methods = methods_of(&file, "MockApi", true);
        assert!(methods.contains(&"verify_2".to_owned()), "{methods:?}");
        assert!(!methods.contains(&"verify".to_owned()), "{methods:?}");
    }

    #[test]
    fn every_method_of_the_generated_client_is_reserved() {
        let lib = generated_file("src/lib.rs");
        let mut found = methods_of(&lib, "Client", true);
        // The group accessor lives with its group.
        found.extend(methods_of(&generated_file("src/things.rs"), "Client", true));
        assert!(found.iter().any(|method| method == "from_env"), "the generated Client was not found: {found:?}");
        let missing: Vec<&String> =
            found.iter().filter(|method| *method != "things" && !CLIENT_METHODS.contains(&method.as_str())).collect();
        assert!(missing.is_empty(), "generated Client methods a group's accessor could hide: {missing:?}");
    }

    #[test]
    fn every_member_of_a_request_builder_is_reserved() {
        let group = generated_file("src/things.rs");
        let mut found = Vec::new();
        for builder in ["ListThings", "AddThing"] {
            found.extend(methods_of(&group, builder, true));
            for item in &group.items {
                if let syn::Item::Struct(definition) = item
                    && definition.ident == builder
                {
                    found.extend(definition.fields.iter().filter_map(|field| Some(field.ident.as_ref()?.to_string())));
                }
            }
        }
        assert!(found.iter().any(|member| member == "send"), "the builders were not found: {found:?}");
        let missing: Vec<&String> = found.iter().filter(|member| !BUILDER_MEMBERS.contains(&member.as_str())).collect();
        assert!(missing.is_empty(), "request builder members a parameter could hide: {missing:?}");
    }
}
