//! A crate generated from GitHub's REST API document: one request of each kind it needs, to a
//! loopback server answering with the document's own examples. The document declares no
//! security, so the crate takes an optional bearer token: given one, every request sends it.

use client_tests::{Reply, TestServer};
use real_github::{Client, Upload};

/// GitHub's document, as the npm package `@octokit/openapi` ships it.
fn document() -> serde_json::Value {
    let path = "TOOLS_NODE_MODULES/@octokit/openapi/generated/api.github.com.json";
    serde_json::from_slice(&std::fs::read(path).expect("GitHub's document is installed")).expect("JSON")
}

/// The example the document gives for an answer: the first of `examples` of its JSON
/// content, followed to `components.examples`.
fn example(document: &serde_json::Value, path: &str, method: &str, status: &str) -> serde_json::Value {
    let content = &document["paths"][path][method]["responses"][status]["content"]["application/json"];
    let examples = content["examples"].as_object().expect("the answer has examples");
    let example = examples.values().next().expect("an example");
    let example = match example["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().expect("a name");
            &document["components"]["examples"][name]
        }
        None => example,
    };
    example["value"].clone()
}

#[tokio::test]
async fn github_calls_of_every_kind_reach_the_server_as_the_api_expects() {
    let document = document();
    let repository = example(&document, "/repos/{owner}/{repo}", "get", "200");
    let mut commit = example(&document, "/repos/{owner}/{repo}/commits/{ref}", "get", "200");
    // GitHub's own example leaves out `contents_url`, which its schema (`diff-entry`) requires
    // of every file: the strict decoder says so (`files[0]`), so the test fills it in.
    for file in commit["files"].as_array_mut().expect("the example lists files") {
        file["contents_url"] = serde_json::json!("https://api.github.com/repos/octocat/Hello-World/contents/file1.txt");
    }
    let asset = example(&document, "/repos/{owner}/{repo}/releases/{release_id}/assets", "post", "201");
    let (sha, asset_name) = (commit["sha"].as_str().unwrap().to_owned(), asset["name"].as_str().unwrap().to_owned());
    let server = TestServer::start(move |request| match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/repos/octo/hello") => Reply::json(200, &repository),
        ("GET", "/repos/octo/hello/commits/main") => match request.header("accept") {
            Some("application/vnd.github.diff") => Reply::status(200)
                .header("content-type", "application/vnd.github.diff")
                .body("diff --git a/README b/README\n"),
            _ => Reply::json(200, &commit),
        },
        ("POST", "/repos/octo/hello/releases/7/assets") => Reply::json(201, &asset),
        ("POST", "/markdown") | ("POST", "/markdown/raw") => {
            Reply::status(200).header("content-type", "text/html").body("<p>Hello <strong>world</strong></p>")
        }
        ("GET", "/zen") => Reply::status(200).header("content-type", "text/plain").body("Keep it logically awesome."),
        _ => Reply::status(404),
    })
    .await;
    let client = Client::builder().token("ghp_test").base_url(server.url()).max_retries(0).build().unwrap();

    // JSON answers, decoded from the document's own examples.
    let repo = client.repos().repos_get("octo", "hello").await.expect("the example decodes");
    assert_eq!(repo.name, "Hello-World");
    let full = client.repos().repos_get_commit("octo", "hello", "main").await.expect("the example decodes");
    assert_eq!(full.sha, sha);
    // The same commit as a diff: another media type of the same answer, asked for by name.
    let diff = client.repos().repos_get_commit("octo", "hello", "main").send_github_diff().await.unwrap();
    assert_eq!(diff, "diff --git a/README b/README\n");
    // A binary upload, with a query parameter.
    let uploaded = client
        .repos()
        .repos_upload_release_asset("octo", "hello", 7, "notes.zip")
        .body(Upload::bytes(vec![0x50, 0x4b, 3, 4]))
        .await
        .expect("the example decodes");
    assert_eq!(uploaded.name, asset_name);
    // A JSON body answered with HTML, and a text body answered with HTML.
    let body = real_github::models::MarkdownRenderRequest::new("Hello **world**");
    let html = client.markdown().markdown_render(body).await.unwrap();
    assert_eq!(html, "<p>Hello <strong>world</strong></p>");
    let raw = client.markdown().markdown_render_raw().text_body("Hello **world**").await.unwrap();
    assert_eq!(raw, html);
    // A text answer.
    assert_eq!(client.meta().meta_get_zen().await.unwrap(), "Keep it logically awesome.");

    let requests = server.requests();
    assert_eq!(requests.len(), 7);
    for request in &requests {
        assert_eq!(request.header("authorization"), Some("Bearer ghp_test"), "{} {}", request.method, request.path);
    }
    assert_eq!(requests[0].header("accept"), Some("application/json"));
    assert_eq!(requests[2].header("accept"), Some("application/vnd.github.diff"));
    assert_eq!(requests[3].query.as_deref(), Some("name=notes.zip"));
    assert_eq!(requests[3].header("content-type"), Some("application/octet-stream"));
    assert_eq!(&requests[3].body[..], [0x50, 0x4b, 3, 4]);
    assert_eq!(requests[4].header("content-type"), Some("application/json"));
    assert_eq!(requests[4].json(), serde_json::json!({"text": "Hello **world**"}));
    assert_eq!(requests[4].header("accept"), Some("text/html"));
    assert_eq!(requests[5].header("content-type"), Some("text/x-markdown"));
    assert_eq!(&requests[5].body[..], b"Hello **world**");
    assert_eq!(requests[6].header("accept"), Some("text/plain"));

    // Without a token nothing is sent as one: GitHub's public endpoints take anonymous calls.
    let anonymous = Client::builder().base_url(server.url()).build().unwrap();
    anonymous.meta().meta_get_zen().await.unwrap();
    assert_eq!(server.requests()[7].header("authorization"), None);
}

/// A delivery of one of GitHub's webhooks, its body the document's own example, signed as
/// GitHub signs (HMAC-SHA256 of the body with the webhook's secret, hex after `sha256=`): the
/// crate verifies it and decodes the event its `X-GitHub-Event` header names.
#[tokio::test]
async fn a_github_delivery_signed_with_hmac_verifies_and_decodes_to_its_event() {
    use real_github::header::{HeaderMap, HeaderValue};
    use real_github::webhooks::{Event, Receiver, WebhookError};

    let document = document();
    let ping = &document["x-webhooks"]["ping"]["post"];
    let example = &ping["requestBody"]["content"]["application/json"]["examples"]["default"];
    let example = match example["$ref"].as_str() {
        Some(reference) => &document["components"]["examples"][reference.rsplit('/').next().expect("a name")],
        None => example,
    };
    let body = serde_json::to_vec(&example["value"]).expect("JSON");
    let secret = "It's a Secret to Everybody";
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = aws_lc_rs::hmac::sign(&key, &body);
    let hex: String = tag.as_ref().iter().map(|byte| format!("{byte:02x}")).collect();
    let mut headers = HeaderMap::new();
    headers.insert("x-github-event", HeaderValue::from_static("ping"));
    headers.insert("x-github-delivery", HeaderValue::from_static("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    headers.insert("x-hub-signature-256", HeaderValue::from_str(&format!("sha256={hex}")).expect("ASCII"));

    let receiver = Receiver::builder().secret(secret).build().expect("the document declares HMAC-SHA256");
    let delivery = receiver.receive(&headers, &body).await.expect("verified and decoded");
    assert!(matches!(delivery.event, Event::Ping(_)), "{:?}", delivery.event.name());
    assert_eq!(delivery.id.as_deref(), Some("72d3162e-cc78-11e3-81ab-4c9367dc0958"));

    let other = Receiver::builder().secret("another secret").build().expect("a receiver");
    assert!(matches!(other.receive(&headers, &body).await, Err(WebhookError::BadSignature)));
    let mut tampered = body.clone();
    tampered.push(b' ');
    assert!(matches!(receiver.receive(&headers, &tampered).await, Err(WebhookError::BadSignature)));
}
