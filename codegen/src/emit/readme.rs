//! `README.md`: what a registry shows of the crate, and what a reader of its repository sees
//! first: what it is, a quick start, its cargo features and its credentials. Written from the
//! same parts as the crate docs (the example, the credentials), as Markdown without rustdoc's
//! links.

use crate::ir::Api;
use crate::lower::naming::unraw;
use crate::options::Options;

pub const PATH: &str = "README.md";

pub fn readme(api: &Api, options: &Options) -> String {
    let crate_ident = options.crate_name.replace('-', "_");
    let mut lines = vec![format!("# {}", options.crate_name), String::new()];
    lines.push(format!(
        "A Rust client for the {}, generated from version {} of its OpenAPI document by `{}`.",
        api.title.replace('\n', " "),
        api.version.replace('`', "'"),
        options.generator_command
    ));
    let description = super::docs::lines(&api.docs);
    if !description.is_empty() {
        lines.push(String::new());
        lines.extend(description.into_iter().map(|line| without_links(&line)));
    }
    lines.extend(["".to_owned(), "## Quick start".to_owned(), String::new()]);
    lines.extend([
        "```toml".to_owned(),
        "[dependencies]".to_owned(),
        format!("{} = \"{}\"", options.crate_name, options.crate_version),
        "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }".to_owned(),
        "```".to_owned(),
        String::new(),
    ]);
    // The crate docs' example as a program: the lines rustdoc hides are code a reader needs.
    for line in super::crate_root::example(api, &crate_ident) {
        let line = match line.as_str() {
            "```no_run" => "```rust,no_run".to_owned(),
            "```" | "# }" => line.trim_start_matches("# ").to_owned(),
            _ => match line.strip_prefix("# async fn example()") {
                Some(rest) => format!("#[tokio::main]\nasync fn main(){rest}"),
                None => format!("    {}", line.strip_prefix("# ").unwrap_or(&line)),
            },
        };
        lines.push(line);
    }
    lines.extend(["".to_owned(), "## Credentials".to_owned(), String::new()]);
    let mut credentials = without_links(&format!(
        "`Client::from_env()` reads the base URL from `{}` (default: the document's server) and {}",
        options.base_url_env(),
        super::crate_root::credentials_doc(api, options)
    ));
    if !credentials.ends_with('.') {
        credentials.push('.');
    }
    lines.push(credentials);
    lines.extend(features(api));
    lines.extend(["".to_owned(), "## Licence".to_owned(), String::new(), options.license.clone()]);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// `## Cargo features`: `full`, one per group, the unused schemas', the webhooks' and `mock`.
fn features(api: &Api) -> Vec<String> {
    let mut lines = vec![String::new(), "## Cargo features".to_owned(), String::new()];
    lines.push(
        "Every group of operations is a feature, all on by default (`full`); turn default features off and name the groups you call to compile only those.".to_owned(),
    );
    lines.push(String::new());
    let counts = api.operations_per_group();
    for (group, &count) in api.groups.iter().zip(&counts).filter(|(_, count)| **count > 0) {
        lines.push(format!(
            "- `{}`: {count} operation{} tagged `{}` (`client.{}()`)",
            group.feature(),
            if count == 1 { "" } else { "s" },
            group.tag.replace(['\n', '`'], " "),
            unraw(&group.module)
        ));
    }
    if api.has_unreferenced {
        lines.push(format!("- `{}`: the schemas no operation uses", super::features::UNREFERENCED));
    }
    if let Some(webhooks) = &api.webhooks {
        let count = webhooks.events.len();
        lines.push(format!(
            "- `{}`: the {count} webhook{} the API sends, as `webhooks::Event`, and `webhooks::Receiver`, which verifies each delivery{} before decoding it",
            super::features::WEBHOOKS,
            if count == 1 { "" } else { "s" },
            match webhooks.signing.as_ref().map(|signing| &signing.scheme) {
                Some(crate::ir::SigningScheme::RsaSha256 { .. }) => " (RSA-SHA256)",
                Some(crate::ir::SigningScheme::HmacSha256 { .. }) => " (HMAC-SHA256)",
                Some(crate::ir::SigningScheme::StandardWebhooks) => " (Standard Webhooks)",
                None => "",
            }
        ));
    }
    lines.push(
        "- `mock` (off by default; for `[dev-dependencies]`): test doubles, a mock of the API on 127.0.0.1 that checks every request against the document".to_owned(),
    );
    lines
}

/// Rustdoc's links as plain code: "[`Client::new`]" is "`Client::new`".
fn without_links(text: &str) -> String {
    text.replace("[`", "`").replace("`]", "`")
}

#[cfg(test)]
mod tests {
    use super::without_links;

    #[test]
    fn rustdoc_links_become_code() {
        assert_eq!(
            without_links("a bearer token ([`ClientBuilder::token`])"),
            "a bearer token (`ClientBuilder::token`)"
        );
    }
}
