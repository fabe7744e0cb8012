//! A crate generated from Swagger's Petstore: one request of each kind it needs, checked as
//! the server reads it: OAuth 2's token and the `api_key` header where each operation asks
//! for them, JSON, form and multipart bodies (decoded with `form_urlencoded` and `multer`),
//! and the XML alternative of a JSON answer.

use client_tests::{Reply, TestServer};
use real_petstore::models::{FindPetsByStatusStatusItem, Pet, UpdatePetWithFormRequest, UploadFileRequest};
use real_petstore::{Client, Error, Upload};

fn pet() -> serde_json::Value {
    serde_json::json!({"id": 10, "name": "doggie", "photoUrls": ["https://example.com/d.png"], "status": "available"})
}

#[tokio::test]
async fn petstore_calls_of_every_kind_send_what_each_operation_asks_for() {
    let server = TestServer::start(|request| match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/pet/findByStatus") if request.header("accept") == Some("application/xml") => {
            Reply::status(200).header("content-type", "application/xml").body("<pets><Pet><name>doggie</name></Pet></pets>")
        }
        ("GET", "/pet/findByStatus") => Reply::json(200, &serde_json::json!([pet()])),
        ("GET", "/pet/10") => Reply::json(200, &pet()),
        ("POST", "/pet/10/uploadImage") => Reply::json(200, &serde_json::json!({"code": 200, "message": "ok"})),
        ("GET", "/store/inventory") => Reply::json(200, &serde_json::json!({"available": 3})),
        _ => Reply::status(200),
    })
    .await;
    let client = Client::builder()
        .token("oauth-access-token")
        .api_key("api_key", "special-key")
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap();

    client.pet().add_pet(Pet::new("doggie", vec!["https://example.com/d.png".to_owned()])).await.unwrap();
    let found = client.pet().find_pets_by_status([FindPetsByStatusStatusItem::Available]).await.unwrap();
    assert_eq!(found[0].name, "doggie");
    let xml = client.pet().find_pets_by_status([FindPetsByStatusStatusItem::Sold]).send_xml().await.unwrap();
    assert!(xml.starts_with("<pets>"), "{xml}");
    assert_eq!(client.pet().get_pet_by_id(10).await.unwrap().id, Some(10));
    let form = UpdatePetWithFormRequest::new().with_name("rex & co").with_status("sold");
    client.pet().update_pet_with_form(10).body(form).await.unwrap();
    let upload = UploadFileRequest::new()
        .with_additional_metadata("a photo")
        .with_file(Upload::bytes(&b"\x89PNG"[..]).with_file_name("rex.png").with_content_type("image/png"));
    let answer = client.pet().upload_file(10).body(upload).await.unwrap();
    assert_eq!(answer.message.as_deref(), Some("ok"));
    client.store().get_inventory().await.unwrap();
    client.user().logout_user().await.unwrap();

    let requests = server.requests();
    let auth = |index: usize| {
        (requests[index].header("authorization").map(str::to_owned), requests[index].header("api_key").map(str::to_owned))
    };
    let token = Some("Bearer oauth-access-token".to_owned());
    let key = Some("special-key".to_owned());
    // Each operation sends the scheme it names, and only that one.
    assert_eq!(auth(0), (token.clone(), None), "addPet: petstore_auth");
    assert_eq!(auth(1), (token.clone(), None), "findPetsByStatus: petstore_auth");
    assert_eq!(auth(3), (None, key.clone()), "getPetById: api_key");
    assert_eq!(auth(6), (None, key.clone()), "getInventory: api_key");
    assert_eq!(auth(7), (None, None), "logoutUser takes no credentials");

    assert_eq!(requests[0].json()["name"], "doggie");
    assert_eq!(requests[0].json().get("id"), None, "a read-only id left unset is not sent");
    assert_eq!(requests[1].query.as_deref(), Some("status=available"));
    assert_eq!(requests[2].header("accept"), Some("application/xml"));

    assert_eq!(requests[4].header("content-type"), Some("application/x-www-form-urlencoded"));
    let fields: Vec<(String, String)> = form_urlencoded::parse(&requests[4].body).into_owned().collect();
    assert_eq!(fields, [("name".to_owned(), "rex & co".to_owned()), ("status".to_owned(), "sold".to_owned())]);

    let content_type = requests[5].header("content-type").expect("a content type").to_owned();
    let boundary = multer::parse_boundary(&content_type).expect("multipart with a boundary");
    let body = requests[5].body.clone();
    let source = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(source, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a valid multipart body") {
        let described = (
            field.name().unwrap_or_default().to_owned(),
            field.file_name().map(str::to_owned),
            field.content_type().map(ToString::to_string),
        );
        parts.push((described, field.bytes().await.unwrap().to_vec()));
    }
    assert_eq!(
        parts,
        [
            (("additionalMetadata".to_owned(), None, None), b"a photo".to_vec()),
            (("file".to_owned(), Some("rex.png".to_owned()), Some("image/png".to_owned())), b"\x89PNG".to_vec()),
        ]
    );

    // A client without the key cannot call getPetById, and says so before sending.
    let without_key = Client::builder().token("t").base_url(server.url()).build().unwrap();
    let error = without_key.pet().get_pet_by_id(10).await.expect_err("the key is missing");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(error.to_string().contains("`api_key` (a key in the header `api_key`"), "{error}");
    assert_eq!(server.count(), 8);
}
