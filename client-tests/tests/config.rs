//! Building a client: from the environment or a builder, failing early, choosing credentials
//! per operation, never showing them.

use std::time::Duration;

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::header::{HeaderMap, HeaderName, HeaderValue};
use cloudflare_realtimekit::{Client, ClientBuilder, Error, RequestOptions};

/// The only test in this binary that touches the environment, so that no other test reads
/// it while it changes.
#[tokio::test]
async fn from_env_reads_the_official_sdks_variables_and_fails_early_without_a_token() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    // SAFETY: no other thread of this test binary reads or writes the environment.
    unsafe {
        std::env::remove_var("CLOUDFLARE_API_TOKEN");
        std::env::set_var("CLOUDFLARE_BASE_URL", server.url());
    }
    let error = Client::from_env().expect_err("no token");
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the client is not configured: no credentials were given; it accepts `api_token` (a bearer token: \
         CLOUDFLARE_API_TOKEN or ClientBuilder::token), `api_email` (a key in the header `X-Auth-Email`: \
         CLOUDFLARE_EMAIL or ClientBuilder::api_key(\"api_email\", ..)), `api_key` (a key in the header \
         `X-Auth-Key`: CLOUDFLARE_API_KEY or ClientBuilder::api_key(\"api_key\", ..))"
    );

    // SAFETY: as above.
    unsafe { std::env::set_var("CLOUDFLARE_API_TOKEN", TOKEN) };
    let client = Client::from_env().expect("configured from the environment");
    assert_eq!(client.base_url(), server.url());
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    assert_eq!(server.only_request().header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));

    // SAFETY: as above.
    unsafe {
        std::env::remove_var("CLOUDFLARE_API_TOKEN");
        std::env::remove_var("CLOUDFLARE_BASE_URL");
    }
    let client = ClientBuilder::from_env().token("explicit").build().unwrap();
    assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4", "the spec's server is the default");

    // The global API key with its email, as the official SDKs read them: sent as the pair
    // of headers, and no `Authorization`.
    // SAFETY: as above.
    unsafe {
        std::env::set_var("CLOUDFLARE_EMAIL", "me@example.com");
        std::env::set_var("CLOUDFLARE_API_KEY", "global-key");
        std::env::set_var("CLOUDFLARE_BASE_URL", server.url());
    }
    let client = Client::from_env().expect("the email and key are enough");
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    let request = server.requests().pop().expect("a request");
    assert_eq!(request.header("x-auth-email"), Some("me@example.com"));
    assert_eq!(request.header("x-auth-key"), Some("global-key"));
    assert_eq!(request.header("authorization"), None);
    // SAFETY: as above.
    unsafe {
        std::env::remove_var("CLOUDFLARE_EMAIL");
        std::env::remove_var("CLOUDFLARE_API_KEY");
        std::env::remove_var("CLOUDFLARE_BASE_URL");
    }
}

#[tokio::test]
async fn a_request_sends_the_first_combination_of_credentials_it_was_given_in_full() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    // Both ways given: the token is the document's first alternative.
    let both = Client::builder()
        .token(TOKEN)
        .api_key("X-Auth-Email", "me@example.com")
        .api_key("api_key", "global-key")
        .base_url(server.url())
        .build()
        .unwrap();
    both.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    let request = server.only_request();
    assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(request.header("x-auth-key"), None, "one combination is sent, not every credential");

    // Half of the pair: the call fails before sending, naming what is missing.
    let half = Client::builder().api_key("X-Auth-Email", "me@example.com").base_url(server.url()).build().unwrap();
    let error = half.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.expect_err("no key");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(
        error.to_string().contains("`api_key` (a key in the header `X-Auth-Key`: CLOUDFLARE_API_KEY or ClientBuilder::api_key(\"api_key\", ..)), not given"),
        "{error}"
    );
    assert!(error.to_string().ends_with("nothing was sent"), "{error}");
    assert_eq!(server.count(), 1, "nothing was sent");

    // A credential that fits no scheme is refused, not dropped.
    let error = Client::builder().api_key("X-Api-Key", "k").build().expect_err("no such scheme");
    assert!(error.to_string().contains("has no such security scheme"), "{error}");
    let error = Client::builder().basic_auth("user", "password").build().expect_err("no basic scheme");
    assert!(error.to_string().contains("a user name and password was given"), "{error}");
}

#[test]
fn a_blank_token_or_a_bad_base_url_is_refused_at_construction() {
    let error = Client::builder().token("   ").build().expect_err("blank token");
    assert!(error.to_string().contains("the credential given for `api_token` is empty"), "{error}");

    let error = Client::builder().token(TOKEN).base_url("not a url").build().expect_err("bad url");
    assert!(error.to_string().contains("`not a url` is not a URL"), "{error}");

    let error = Client::builder().token(TOKEN).base_url("ftp://example.com").build().expect_err("bad scheme");
    assert!(error.to_string().contains("must be an http or https URL"), "{error}");

    let error = Client::builder().token("line\nbreak").build().expect_err("bad token");
    assert!(error.to_string().contains("characters that an HTTP header cannot hold"), "{error}");
    assert!(!format!("{error:?}{error}").contains("line\nbreak"));
}

#[tokio::test]
async fn debug_output_never_shows_the_token() {
    let server = TestServer::start(|_| {
        Reply::status(401).body("{\"success\":false,\"error\":{\"code\":1,\"message\":\"bad token\"}}")
    })
    .await;
    let builder = Client::builder().token(TOKEN).base_url(server.url());
    let client = builder.clone().build().unwrap();
    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.expect_err("401");
    let request = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p");

    for shown in [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{error:?}"),
        format!("{error}"),
        format!("{request:?}"),
    ] {
        assert!(!shown.contains(TOKEN), "the token shows in: {shown}");
    }
    assert!(format!("{client:?}").contains("credentials: [\"api_token\"]"), "{client:?}");
    assert!(format!("{builder:?}").contains("Token(<redacted>)"), "{builder:?}");
    assert_eq!(error.status(), Some(cloudflare_realtimekit::StatusCode::UNAUTHORIZED));
    assert!(error.to_string().contains("check the credentials"), "{error}");
}

#[tokio::test]
async fn user_agent_default_headers_and_per_request_headers_are_sent() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let default = Client::builder().token(TOKEN).base_url(server.url()).build().unwrap();
    default.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();

    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .user_agent("my-service/2.1")
        .default_header(HeaderName::from_static("x-team"), HeaderValue::from_static("video"))
        .default_header(HeaderName::from_static("x-env"), HeaderValue::from_static("staging"))
        .build()
        .unwrap();
    client
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p")
        .with_options(
            RequestOptions::new().header(HeaderName::from_static("x-env"), HeaderValue::from_static("canary")),
        )
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].header("user-agent"), Some(concat!("cloudflare-realtimekit/", "0.3.0")));
    assert_eq!(requests[1].header("user-agent"), Some("my-service/2.1"));
    assert_eq!(requests[1].header("x-team"), Some("video"));
    assert_eq!(requests[1].header("x-env"), Some("canary"), "the request's header wins");
}

#[tokio::test]
async fn a_callers_own_reqwest_client_is_used() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let mut headers = HeaderMap::new();
    headers.insert("x-from-custom-client", HeaderValue::from_static("1"));
    // Through the crate's re-export: a user needs no `reqwest` of their own, nor to match
    // its version.
    let http = cloudflare_realtimekit::reqwest::Client::builder()
        .default_headers(headers)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let client = Client::builder().token(TOKEN).base_url(server.url()).http_client(http).build().unwrap();

    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();

    let request = server.only_request();
    assert_eq!(request.header("x-from-custom-client"), Some("1"));
    assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}
