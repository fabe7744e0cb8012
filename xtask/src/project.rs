//! The project's own crate: the document it is generated from, where it goes, what it is
//! called, and how its version is read. `codegen` writes it and `api-diff` reads it, so both
//! take these from here rather than from each other.

/// The document the project's own crate is generated from, relative to the workspace root.
pub const SPEC: &str = "spec/realtimekit.yaml";
/// Where the project's own crate goes, relative to the workspace root.
pub const OUT: &str = "generated";
pub const CRATE_NAME: &str = "cloudflare-realtimekit";

/// The workspace's runtime crate, for crates generated under `target/` (by absolute path).
pub fn runtime_crate(root: &std::path::Path) -> codegen::RuntimeSource {
    codegen::RuntimeSource::crate_at(root.join("runtime").display().to_string())
}

/// What the project's own crate keeps of Cloudflare: the official SDKs' environment
/// variables, the `cf-ray` request id, and the error bodies of RealtimeKit (`error`) and of
/// Cloudflare's v4 API (`errors`, or a bare `message` from its edge).
pub fn customise(options: &mut codegen::Options) {
    options.env_prefix = Some("CLOUDFLARE".to_owned());
    options.credential_env = vec![
        ("api_token".to_owned(), vec!["CLOUDFLARE_API_TOKEN".to_owned()]),
        ("api_email".to_owned(), vec!["CLOUDFLARE_EMAIL".to_owned()]),
        ("api_key".to_owned(), vec!["CLOUDFLARE_API_KEY".to_owned()]),
        ("user_service_key".to_owned(), vec!["CLOUDFLARE_API_USER_SERVICE_KEY".to_owned()]),
    ];
    options.request_id_header = Some("cf-ray".to_owned());
    options.keywords = ["cloudflare", "realtimekit", "webrtc", "api", "client"].map(str::to_owned).to_vec();
    options.categories =
        ["api-bindings", "multimedia::video", "web-programming::http-client"].map(str::to_owned).to_vec();
    options.error_shapes = Some(vec![
        codegen::ErrorShape::Object("error".to_owned()),
        codegen::ErrorShape::List("errors".to_owned()),
        codegen::ErrorShape::Message("message".to_owned()),
    ]);
}

/// `package.version` of a manifest.
pub fn version(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .find_map(|line| line.trim().strip_prefix("version = ").map(|value| value.trim_matches('"').to_owned()))
}

#[cfg(test)]
mod tests {
    use super::version;

    #[test]
    fn reads_the_package_version() {
        assert_eq!(version("[package]\nname = \"x\"\nversion = \"0.3.1\"\n").as_deref(), Some("0.3.1"));
        let dependency_first = "[dependencies.x]\nversion = \"9.9.9\"\n\n[package]\nversion = \"1.2.3\"\n";
        assert_eq!(version(dependency_first).as_deref(), Some("1.2.3"), "only the package's own version");
        assert_eq!(version("[workspace]\nmembers = []\n"), None);
    }
}
