//! Request bodies of every media type, as a server reads them with real decoders: forms with
//! `form_urlencoded`, multipart forms with `multer`.

use client_tests::{Reply, TestServer};
use fixture_clients::{Part, form_pairs, multipart_parts};

async fn server() -> TestServer {
    TestServer::start(|_| Reply::status(204)).await
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

#[tokio::test]
async fn a_form_body_is_typed_and_uses_brackets_for_objects_and_lists() {
    use fixture_form_bodies::models::{CreateChargeRequest, CreateChargeRequestShipping, CreateChargeRequestShippingAddress};
    let server = server().await;
    let client = fixture_form_bodies::Client::builder().base_url(server.url()).build().unwrap();
    let body = CreateChargeRequest::new(2000, "eur")
        .with_description("Tea & cake")
        .with_metadata([("order".to_owned(), "42".to_owned())].into_iter().collect::<std::collections::BTreeMap<_, _>>())
        .with_expand(vec!["customer".to_owned(), "invoice".to_owned()])
        .with_tags(vec!["a".to_owned(), "b".to_owned()])
        .with_shipping(
            CreateChargeRequestShipping::new()
                .with_name("Ada")
                .with_address(CreateChargeRequestShippingAddress::new().with_city("Zürich")),
        );
    client.charges().create_charge(body).await.unwrap();
    let request = server.only_request();
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    let mut decoded = form_pairs(&request.body);
    decoded.sort();
    let mut expected = pairs(&[
        ("amount", "2000"),
        ("currency", "eur"),
        ("description", "Tea & cake"),
        ("metadata[order]", "42"),
        ("expand[]", "customer"),
        ("expand[]", "invoice"),
        ("tags", "a"),
        ("tags", "b"),
        ("shipping[name]", "Ada"),
        ("shipping[address][city]", "Zürich"),
    ]);
    expected.sort();
    assert_eq!(decoded, expected);
}

#[tokio::test]
async fn an_operation_with_several_media_types_sends_the_one_chosen() {
    use fixture_form_bodies::models::Note;
    let server = server().await;
    let client = fixture_form_bodies::Client::builder().base_url(server.url()).build().unwrap();
    client.charges().create_note().body(Note::new("json")).await.unwrap();
    client.charges().create_note().form_body(Note::new("form").with_pinned(true)).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(requests[0].json(), serde_json::json!({"text": "json"}));
    assert_eq!(requests[1].header("content-type"), Some("application/x-www-form-urlencoded"));
    let mut decoded = form_pairs(&requests[1].body);
    decoded.sort();
    assert_eq!(decoded, pairs(&[("pinned", "true"), ("text", "form")]));
}

#[tokio::test]
async fn a_multipart_body_has_typed_parts_and_file_parts_with_names_and_types() {
    use fixture_multipart_bodies::Upload;
    use fixture_multipart_bodies::models::{UploadScriptRequest, UploadScriptRequestMetadata};
    let server = server().await;
    let client = fixture_multipart_bodies::Client::builder().base_url(server.url()).build().unwrap();
    let metadata = UploadScriptRequestMetadata::new().with_main_module("worker.js");
    let script = Upload::bytes("export default {}").with_file_name("worker.js");
    let body = UploadScriptRequest::new(metadata, script)
        .with_assets(vec![
            Upload::bytes(vec![1u8, 2, 3]).with_file_name("a.bin"),
            Upload::bytes("<svg/>").with_file_name("b.svg").with_content_type("image/svg+xml"),
        ])
        .with_tags(vec!["x".to_owned(), "y".to_owned()])
        .with_retries(3);
    client.scripts().upload_script("my-worker", body).await.unwrap();
    let request = server.only_request();
    let content_type = request.header("content-type").expect("a content type").to_owned();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let parts = multipart_parts(&content_type, request.body.clone()).await;
    let part = |name: &str, file_name: Option<&str>, content_type: Option<&str>, content: &[u8]| Part {
        name: name.to_owned(),
        file_name: file_name.map(str::to_owned),
        content_type: content_type.map(str::to_owned),
        content: content.to_vec(),
    };
    assert_eq!(
        parts,
        vec![
            part("metadata", None, Some("application/json"), br#"{"main_module":"worker.js"}"#),
            part("script", Some("worker.js"), Some("application/javascript+module"), b"export default {}"),
            part("assets", Some("a.bin"), Some("application/octet-stream"), &[1, 2, 3]),
            part("assets", Some("b.svg"), Some("image/svg+xml"), b"<svg/>"),
            part("tags", None, None, b"x"),
            part("tags", None, None, b"y"),
            part("retries", None, None, b"3"),
        ]
    );
}

#[tokio::test]
async fn a_multipart_body_is_built_again_for_a_retry_and_a_stream_is_sent_once() {
    use fixture_multipart_bodies::Upload;
    use fixture_multipart_bodies::models::UploadImageRequest;
    // 503 first: the upload is retried (POST is retried on 503), so both attempts carry it.
    let server = TestServer::start(|_| Reply::status(503).header("retry-after", "0")).await;
    let client = fixture_multipart_bodies::Client::builder().base_url(server.url()).max_retries(1).build().unwrap();
    let body = UploadImageRequest::new().with_file(Upload::bytes("PNG").with_file_name("cat.png")).with_require_signed_ur_ls(true);
    assert!(client.scripts().upload_image(body).await.is_err());
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one retry");
    for request in &requests {
        let parts = multipart_parts(request.header("content-type").unwrap(), request.body.clone()).await;
        assert_eq!(parts[0].file_name.as_deref(), Some("cat.png"));
        assert_eq!(parts[0].content, b"PNG");
        assert_eq!((parts[1].name.as_str(), parts[1].content.as_slice()), ("requireSignedURLs", &b"true"[..]));
    }

    // The same with a stream: sent once, and the call returns that attempt's answer.
    let server = TestServer::start(|_| Reply::status(503).header("retry-after", "0")).await;
    let client = fixture_multipart_bodies::Client::builder().base_url(server.url()).max_retries(3).build().unwrap();
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"chunk"))]);
    let body = UploadImageRequest::new().with_file(Upload::stream(chunks, None).with_file_name("live.png"));
    let error = client.scripts().upload_image(body).await.unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503), "{error}");
    let request = server.only_request();
    let parts = multipart_parts(request.header("content-type").unwrap(), request.body.clone()).await;
    assert_eq!((parts[0].file_name.as_deref(), parts[0].content.as_slice()), (Some("live.png"), &b"chunk"[..]));
}

#[tokio::test]
async fn a_multipart_body_without_files_sends_each_property() {
    use fixture_multipart_bodies::models::AddLabelsRequest;
    let server = server().await;
    let client = fixture_multipart_bodies::Client::builder().base_url(server.url()).build().unwrap();
    client.scripts().add_labels().body(AddLabelsRequest::new().with_label("blue").with_weight(2.5)).await.unwrap();
    let request = server.only_request();
    let mut parts = multipart_parts(request.header("content-type").unwrap(), request.body.clone()).await;
    parts.sort_by(|a, b| a.name.cmp(&b.name));
    let found: Vec<(&str, &[u8])> = parts.iter().map(|part| (part.name.as_str(), part.content.as_slice())).collect();
    assert_eq!(found, vec![("label", &b"blue"[..]), ("weight", &b"2.5"[..])]);
}

#[tokio::test]
async fn binary_and_text_bodies_are_sent_as_given_with_their_media_type() {
    use fixture_binary_and_text_bodies::Upload;
    use fixture_binary_and_text_bodies::models::AddDocumentRequest;
    let server = server().await;
    let client = fixture_binary_and_text_bodies::Client::builder().base_url(server.url()).build().unwrap();
    client.objects().put_object("k", vec![0u8, 159, 146, 150]).await.unwrap();
    client.objects().set_avatar(Upload::bytes("png")).await.unwrap();
    client.objects().set_avatar(Upload::bytes("jpg")).binary_body(Upload::bytes("jpeg")).await.unwrap();
    client.objects().add_note().body("plain words").await.unwrap();
    client.objects().add_document(AddDocumentRequest::new()).text_body("# Title").await.unwrap();
    let chunks = futures_util::stream::iter([
        Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"%PDF")),
        Ok(bytes::Bytes::from_static(b"-1.7")),
    ]);
    client.objects().add_document(AddDocumentRequest::new()).binary_body(Upload::stream(chunks, Some(8))).await.unwrap();
    let seen: Vec<(Option<String>, Vec<u8>)> = server
        .requests()
        .iter()
        .map(|request| (request.header("content-type").map(str::to_owned), request.body.to_vec()))
        .collect();
    let expected: Vec<(Option<String>, Vec<u8>)> = [
        ("application/octet-stream", &[0u8, 159, 146, 150][..]),
        ("image/png", b"png"),
        ("image/jpeg", b"jpeg"),
        ("text/plain", b"plain words"),
        ("text/markdown", b"# Title"),
        ("application/pdf", b"%PDF-1.7"),
    ]
    .iter()
    .map(|(media, body)| (Some(media.to_string()), body.to_vec()))
    .collect();
    assert_eq!(seen, expected);
}
