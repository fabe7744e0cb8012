//! Credentials as the document's security schemes say, checked as a server reads them: each
//! request sends what its operation accepts, and a call that lacks one sends nothing.

use base64::Engine as _;
use client_tests::{Reply, TestServer};
use fixture_security_schemes::{Client, Error};

async fn server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/default" => Reply::json(200, &serde_json::json!({"id": "t1"})),
        _ => Reply::status(204),
    })
    .await
}

#[tokio::test]
async fn the_default_takes_a_token_or_the_email_and_key_together() {
    let server = server().await;
    let token = Client::builder().token("tok").base_url(server.url()).build().unwrap();
    token.untagged().uses_the_default().await.unwrap();
    let pair = Client::builder()
        .api_key("X-Auth-Email", "me@example.com")
        .api_key("key", "global")
        .base_url(server.url())
        .build()
        .unwrap();
    pair.untagged().uses_the_default().await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].header("authorization"), Some("Bearer tok"));
    assert_eq!(requests[0].header("x-auth-email"), None);
    assert_eq!(requests[1].header("x-auth-email"), Some("me@example.com"));
    assert_eq!(requests[1].header("x-auth-key"), Some("global"));
    assert_eq!(requests[1].header("authorization"), None);

    // Half the pair: refused before sending, naming the scheme that is missing.
    let half = Client::builder().api_key("email", "me@example.com").base_url(server.url()).build().unwrap();
    let error = half.untagged().uses_the_default().await.expect_err("the key is missing");
    let Error::Credentials(missing) = &error else { panic!("{error:?}") };
    assert_eq!(missing.operation(), "uses_the_default");
    let text = error.to_string();
    assert!(text.contains("`key` (a key in the header `X-Auth-Key`"), "{text}");
    assert!(text.contains("not given"), "{text}");
    assert!(text.contains("`bearer` (a bearer token: FIXTURE_SECURITY_SCHEMES_BEARER or ClientBuilder::token)"), "{text}");
    assert_eq!(server.count(), 2, "nothing was sent");
}

#[tokio::test]
async fn basic_authentication_is_the_user_and_password_in_base64() {
    let server = server().await;
    let client = Client::builder().basic_auth("ada", "pa:ss wörd").base_url(server.url()).build().unwrap();
    client.untagged().uses_basic().await.unwrap();
    let request = server.only_request();
    let header = request.header("authorization").expect("an authorization header");
    let encoded = header.strip_prefix("Basic ").expect("the basic scheme");
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64");
    assert_eq!(String::from_utf8(decoded).unwrap(), "ada:pa:ss wörd");
    assert!(!format!("{client:?}").contains("wörd"), "{client:?}");
}

#[tokio::test]
async fn keys_go_in_the_query_or_a_cookie_as_the_scheme_says_and_never_into_messages() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/query-key" => Reply::status(500),
        _ => Reply::status(204),
    })
    .await;
    let client = Client::builder()
        .api_key("query_key", "k&y=secret")
        .api_key("session", "cookie-secret")
        .max_retries(0)
        .base_url(server.url())
        .build()
        .unwrap();
    let error = client.untagged().uses_a_query_key().await.expect_err("500");
    client.untagged().uses_a_cookie_key().await.unwrap();

    let requests = server.requests();
    let query = requests[0].query.as_deref().unwrap_or_default();
    let pairs: Vec<(String, String)> = fixture_clients::form_pairs(query.as_bytes());
    assert_eq!(pairs, vec![("api_key".to_owned(), "k&y=secret".to_owned())]);
    assert_eq!(requests[0].header("cookie"), None, "one operation, one scheme");
    assert_eq!(requests[1].header("cookie"), Some("session=cookie-secret"));
    assert_eq!(requests[1].query, None);
    for shown in [error.to_string(), format!("{error:?}"), format!("{client:?}")] {
        assert!(!shown.contains("secret"), "a key shows in: {shown}");
    }
}

#[tokio::test]
async fn an_operation_without_security_sends_nothing_and_an_optional_one_sends_what_it_has() {
    let server = server().await;
    let client = Client::builder().token("tok").base_url(server.url()).build().unwrap();
    client.untagged().is_public().await.unwrap();
    client.untagged().takes_a_token_optionally().await.unwrap();
    client.untagged().uses_oauth().await.unwrap();
    let anonymous = Client::builder().base_url(server.url()).build().expect("no operation needs every time");
    anonymous.untagged().takes_a_token_optionally().await.expect("the token is optional");
    let error = anonymous.untagged().uses_basic().await.expect_err("basic is required");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");

    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].header("authorization"), None, "`security: []` takes none");
    assert_eq!(requests[1].header("authorization"), Some("Bearer tok"));
    assert_eq!(requests[2].header("authorization"), Some("Bearer tok"), "OAuth 2 sends its access token");
    assert_eq!(requests[3].header("authorization"), None);
}

#[tokio::test]
async fn from_env_reads_one_variable_per_credential() {
    let server = server().await;
    // SAFETY: the only test of this binary that touches the environment.
    unsafe {
        std::env::set_var("FIXTURE_SECURITY_SCHEMES_BASE_URL", server.url());
        std::env::set_var("FIXTURE_SECURITY_SCHEMES_BASIC_USERNAME", "ada");
        std::env::set_var("FIXTURE_SECURITY_SCHEMES_BASIC_PASSWORD", "lovelace");
        std::env::set_var("FIXTURE_SECURITY_SCHEMES_COOKIE_KEY", "from-env");
    }
    let client = Client::from_env().unwrap();
    client.untagged().uses_basic().await.unwrap();
    client.untagged().uses_a_cookie_key().await.unwrap();
    let requests = server.requests();
    let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("ada:lovelace"));
    assert_eq!(requests[0].header("authorization"), Some(expected.as_str()));
    assert_eq!(requests[1].header("cookie"), Some("session=from-env"));
}
