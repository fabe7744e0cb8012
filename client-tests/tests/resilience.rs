//! Retries, timeouts and failures, against real servers on 127.0.0.1. Each test checks the
//! outcome and how many requests the server saw.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::mock::MockApi;
use cloudflare_realtimekit::models::AddParticipantRequest;
use cloudflare_realtimekit::{Client, Error, RequestOptions, RetryPolicy};
use serde_json::json;

/// Retries without the real waits, so that the tests are quick; hints from the server still
/// count, up to `max_retry_after`.
fn client(server: &TestServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.url()).retry_policy(quick_retries()).build().unwrap()
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(3)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .with_max_retry_after(Duration::from_secs(3))
}

/// A server that answers `first` to the first `times` requests, then the seed example.
async fn failing_then_ok(times: usize, first: Reply) -> TestServer {
    let seen = Arc::new(AtomicUsize::new(0));
    TestServer::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) < times {
            first.clone()
        } else {
            Reply::json(200, &seeds::get_meeting_participant())
        }
    })
    .await
}

async fn get_participant(
    client: &Client,
) -> Result<cloudflare_realtimekit::models::GetMeetingParticipantResponse, Error> {
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant").await
}

fn rate_limited() -> Reply {
    Reply::json(429, &json!({"success": false, "errors": [{"code": 10000, "message": "Rate limited"}]}))
}

#[tokio::test]
async fn a_429_with_retry_after_in_seconds_waits_that_long_then_succeeds() {
    let server = failing_then_ok(1, rate_limited().header("retry-after", "1")).await;
    let started = Instant::now();

    get_participant(&client(&server)).await.expect("the retry succeeds");

    assert_eq!(server.count(), 2);
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
}

#[tokio::test]
async fn a_429_with_retry_after_ms_waits_that_long_then_succeeds() {
    let server = failing_then_ok(1, rate_limited().header("retry-after-ms", "300").header("retry-after", "30")).await;
    let started = Instant::now();

    get_participant(&client(&server)).await.expect("the retry succeeds");

    assert_eq!(server.count(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(290) && waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test]
async fn a_429_with_retry_after_as_an_http_date_waits_until_then() {
    let when = httpdate(SystemTime::now() + Duration::from_secs(2));
    let server = failing_then_ok(1, rate_limited().header("retry-after", &when)).await;
    let started = Instant::now();

    get_participant(&client(&server)).await.expect("the retry succeeds");

    assert_eq!(server.count(), 2);
    // HTTP dates have whole seconds, so the wait is between one and two seconds.
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(900) && waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test]
async fn a_hint_beyond_the_cap_answers_at_once_with_the_error_and_the_hint() {
    let in_two_hours = httpdate(SystemTime::now() + Duration::from_secs(2 * 3600));
    for (reply, variant, hint) in [
        (rate_limited().header("retry-after", "86400"), "RateLimited", Duration::from_secs(86400)),
        (Reply::status(503).header("retry-after-ms", "120000"), "Server", Duration::from_secs(120)),
        (Reply::status(503).header("retry-after", &in_two_hours), "Server", Duration::from_secs(2 * 3600)),
    ] {
        let server = failing_then_ok(1, reply).await;
        // The default policy: five retries, hints accepted up to 60 s.
        let client = Client::builder().token(TOKEN).base_url(server.url()).build().unwrap();
        let started = Instant::now();

        let error = get_participant(&client).await.expect_err("the server will not be ready soon");

        assert!(started.elapsed() < Duration::from_secs(5), "{variant}: took {:?}", started.elapsed());
        assert_eq!(server.count(), 1, "{variant}: no request after the hint");
        let api = match &error {
            Error::RateLimited(api) if variant == "RateLimited" => api,
            Error::Server(api) if variant == "Server" => api,
            other => panic!("expected {variant}, got {other:?}"),
        };
        assert_eq!(api.attempts(), 1);
        let read = api.retry_after().expect("the hint is on the error");
        // An HTTP date has whole seconds and counts from when the answer arrived.
        assert!(read <= hint && read + Duration::from_secs(5) > hint, "{variant}: {read:?} for {hint:?}");
        assert_eq!(error.retry_after(), Some(read));
        assert!(error.is_retryable(), "later, as the hint says");
        let message = error.to_string();
        assert!(message.contains("not retried: the server asks to wait"), "{message}");
    }
}

#[tokio::test]
async fn a_hint_within_the_cap_is_waited_and_still_readable_when_retries_run_out() {
    let server = TestServer::start(|_| rate_limited().header("retry-after-ms", "20")).await;

    let error = get_participant(&client(&server)).await.expect_err("always 429");

    assert_eq!(server.count(), 4, "the hint was within the cap, so every retry was made");
    let Error::RateLimited(api) = &error else { panic!("expected RateLimited, got {error:?}") };
    assert_eq!(api.retry_after(), Some(Duration::from_millis(20)));
    assert!(error.to_string().contains("the server asks to wait 20ms"), "{error}");
}

#[tokio::test]
async fn a_503_twice_then_200_succeeds_on_the_third_request() {
    // The crate's own test doubles: a sequence of answers, and `times` for the request count.
    let mock = MockApi::start().await;
    let participant = seeds::get_meeting_participant();
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant")
        .status(503)
        .status(503)
        .respond(serde_json::from_value(participant).expect("the seed decodes"))
        .times(3)
        .mount()
        .await;
    let client = mock.client_builder().retry_policy(quick_retries()).build().unwrap();

    let answer = get_participant(&client).await.expect("the third attempt succeeds");

    assert_eq!(answer.data.id, id());
    mock.verify().await;
}

#[tokio::test]
async fn exhausted_retries_return_the_last_error_with_the_number_of_attempts() {
    let server = TestServer::start(|_| {
        Reply::json(500, &json!({"success": false, "error": {"code": 500, "message": "Internal server error"}}))
    })
    .await;

    let error = get_participant(&client(&server)).await.expect_err("every attempt fails");

    assert_eq!(server.count(), 4, "one attempt and three retries");
    let Error::Server(api) = &error else { panic!("expected Server, got {error:?}") };
    assert_eq!(api.attempts(), 4);
    assert_eq!(api.message(), Some("Internal server error"));
    assert!(error.is_retryable());
    assert!(error.to_string().contains("after 4 attempts"), "{error}");
}

#[tokio::test]
async fn the_server_can_forbid_a_retry() {
    let server = TestServer::start(|_| Reply::status(500).header("x-should-retry", "false")).await;

    let error = get_participant(&client(&server)).await.expect_err("a 500");

    assert_eq!(server.count(), 1);
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_connection_closed_mid_response_is_retried() {
    let body = seeds::get_meeting_participant().to_string();
    let cut = body[..body.len() / 2].to_owned();
    let server =
        failing_then_ok(1, Reply::status(200).header("content-type", "application/json").body(cut).cut_off(body.len()))
            .await;

    get_participant(&client(&server)).await.expect("the retry succeeds");

    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_connection_that_keeps_closing_is_a_connection_error() {
    let server = TestServer::start(|_| Reply::status(200).body("{\"data\":").cut_off(1000)).await;

    let error = get_participant(&client(&server)).await.expect_err("never a whole answer");

    assert_eq!(server.count(), 4);
    let Error::Connection(transport) = &error else { panic!("expected Connection, got {error:?}") };
    assert_eq!(transport.attempts(), 4);
    assert!(error.is_retryable());
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_a_timeout() {
    let server =
        TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant()).delay(Duration::from_secs(2))).await;
    let started = Instant::now();

    let error = client(&server)
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant")
        .with_options(RequestOptions::new().timeout(Duration::from_millis(200)).max_retries(1))
        .await
        .expect_err("too slow");

    assert!(matches!(error, Error::Timeout(_)), "expected Timeout, got {error:?}");
    assert_eq!(server.count(), 2, "a timed-out GET is retried");
    assert!(started.elapsed() < Duration::from_millis(1500), "took {:?}", started.elapsed());
    assert!(error.to_string().contains("200ms"), "{error}");
}

#[tokio::test]
async fn the_client_timeout_applies_when_the_request_sets_none() {
    let server =
        TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant()).delay(Duration::from_secs(2))).await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .timeout(Duration::from_millis(150))
        .max_retries(0)
        .build()
        .unwrap();

    let error = get_participant(&client).await.expect_err("too slow");

    assert!(matches!(error, Error::Timeout(_)), "expected Timeout, got {error:?}");
    assert_eq!(server.count(), 1);
}

/// A server that takes a minute to answer: every attempt ends by a timeout.
async fn hanging() -> TestServer {
    TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant()).delay(Duration::from_secs(60))).await
}

#[tokio::test]
async fn the_total_timeout_ends_the_call_near_it_whatever_the_retries_left() {
    let server = hanging().await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .timeout(Duration::from_secs(1))
        .total_timeout(Duration::from_secs(3))
        .retry_policy(
            RetryPolicy::default()
                .with_max_retries(10)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let started = Instant::now();

    let error = get_participant(&client).await.expect_err("never answered");

    // Without the total timeout: eleven attempts of a second each.
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(2900) && took < Duration::from_secs(5), "took {took:?}");
    let Error::Timeout(transport) = &error else { panic!("expected Timeout, got {error:?}") };
    assert!(transport.total_timeout_elapsed());
    assert!((2..=4).contains(&server.count()), "{} requests", server.count());
    assert_eq!(transport.attempts() as usize, server.count());
    assert!(error.to_string().contains("within the total timeout of 3s"), "{error}");
}

#[tokio::test]
async fn the_total_timeout_cuts_an_attempt_with_a_longer_timeout_short() {
    let server = hanging().await;
    // The default timeout of an attempt, 60 s.
    let client =
        Client::builder().token(TOKEN).base_url(server.url()).total_timeout(Duration::from_secs(1)).build().unwrap();
    let started = Instant::now();

    let error = get_participant(&client).await.expect_err("never answered");

    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert_eq!(server.count(), 1, "no time is left for a retry");
    let Error::Timeout(transport) = &error else { panic!("expected Timeout, got {error:?}") };
    assert!(transport.total_timeout_elapsed());
}

#[tokio::test]
async fn a_request_sets_its_own_total_timeout_over_the_clients() {
    let server =
        TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant()).delay(Duration::from_millis(1500)))
            .await;
    let call = |client: &Client, options: RequestOptions| {
        client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant").with_options(options)
    };
    let unbounded = Client::builder().token(TOKEN).base_url(server.url()).build().unwrap();
    let bounded = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .total_timeout(Duration::from_millis(500))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = call(&unbounded, RequestOptions::new().total_timeout(Duration::from_millis(500)))
        .await
        .expect_err("the request's total timeout applies");
    assert!(matches!(&error, Error::Timeout(transport) if transport.total_timeout_elapsed()), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(1400), "took {:?}", started.elapsed());

    call(&bounded, RequestOptions::new().total_timeout(Duration::from_secs(20)))
        .await
        .expect("the request allows more than the client");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_wait_that_would_pass_the_total_timeout_is_not_waited() {
    let server = TestServer::start(|_| Reply::status(503).header("retry-after", "5")).await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .total_timeout(Duration::from_secs(4))
        .retry_policy(RetryPolicy::default().with_max_retry_after(Duration::from_secs(10)))
        .build()
        .unwrap();
    let started = Instant::now();

    let error = get_participant(&client).await.expect_err("a 503 with no time to retry");

    // Neither the five seconds asked for, nor sleeping to the end of the four.
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert_eq!(server.count(), 1);
    let Error::Server(api) = &error else { panic!("expected Server, got {error:?}") };
    assert_eq!(api.retry_after(), Some(Duration::from_secs(5)));
    assert!(error.to_string().contains("could not start within the total timeout of 4s"), "{error}");
}

#[tokio::test]
async fn an_html_502_page_from_the_edge_is_a_server_error_with_its_title() {
    let page = "<!DOCTYPE html><html><head><title>api.cloudflare.com | 502: Bad gateway</title></head><body><h1>Bad gateway</h1></body></html>";
    let server = TestServer::start(move |_| {
        Reply::status(502).header("content-type", "text/html").header("cf-ray", "8f00aa11bb22cc33-AMS").body(page)
    })
    .await;

    let error = get_participant(&client(&server)).await.expect_err("a 502");

    assert_eq!(server.count(), 4);
    let Error::Server(api) = &error else { panic!("expected Server, got {error:?}") };
    assert_eq!(api.status().as_u16(), 502);
    assert_eq!(api.message(), None);
    assert_eq!(api.body_excerpt(), "HTML page titled \"api.cloudflare.com | 502: Bad gateway\"");
    assert_eq!(error.request_id(), Some("8f00aa11bb22cc33-AMS"));
    let message = error.to_string();
    assert!(message.contains("502: Bad gateway") && message.contains("8f00aa11bb22cc33-AMS"), "{message}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_an_excerpt_and_no_retry() {
    let server =
        TestServer::start(|_| Reply::status(200).header("content-type", "application/json").body("{not json at all"))
            .await;

    let error = get_participant(&client(&server)).await.expect_err("not JSON");

    assert_eq!(server.count(), 1);
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.excerpt(), "{not json at all");
    assert!(error.to_string().contains("does not match the API document"), "{error}");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let full = seeds::get_meeting_participant().to_string();
    let truncated = full[..full.len() - 20].to_owned();
    let server = TestServer::start(move |_| Reply::status(200).body(truncated.clone())).await;

    let error = get_participant(&client(&server)).await.expect_err("truncated");

    assert_eq!(server.count(), 1);
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert!(decode.message().contains("EOF"), "{}", decode.message());
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_a_decode_error_naming_its_json_path() {
    let mut body = seeds::get_meeting_participants();
    body["paging"]["total_count"] = json!("thirty");
    let server = TestServer::start(move |_| Reply::json(200, &body)).await;

    let error =
        client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).await.expect_err("wrong type");

    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.path(), "paging.total_count");
    assert!(decode.message().contains("invalid type: string \"thirty\""), "{}", decode.message());
    let message = error.to_string();
    assert!(message.contains("get_meeting_participants") && message.contains("`paging.total_count`"), "{message}");
}

#[tokio::test]
async fn an_unparseable_date_time_is_a_decode_error_naming_the_field() {
    let mut body = seeds::get_meeting_participants();
    body["data"][0]["created_at"] = json!("yesterday");
    let server = TestServer::start(move |_| Reply::json(200, &body)).await;

    let error =
        client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).await.expect_err("bad date");

    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.path(), "data[0].created_at");
}

#[tokio::test]
async fn client_errors_read_the_code_and_message_from_either_body_shape() {
    let realtimekit = |code: i64, message: &str| json!({"success": false, "error": {"code": code, "message": message}});
    let envelope = |code: i64, message: &str| json!({"success": false, "errors": [{"code": code, "message": message}], "messages": [], "result": null});
    for (status, body, expected) in [
        (401, realtimekit(10001, "Unauthorized"), "Authentication"),
        (401, envelope(10000, "Authentication error"), "Authentication"),
        (403, realtimekit(10003, "Forbidden"), "PermissionDenied"),
        (403, envelope(9109, "Unauthorized to access requested resource"), "PermissionDenied"),
        (404, realtimekit(404, "Meeting not found"), "NotFound"),
        (404, envelope(7003, "Could not route to /accounts"), "NotFound"),
    ] {
        let reply = Reply::json(status, &body);
        let server = TestServer::start(move |_| reply.clone()).await;

        let error = get_participant(&client(&server)).await.expect_err("an error status");

        assert_eq!(server.count(), 1, "{status} is not retried");
        let variant = match &error {
            Error::Authentication(_) => "Authentication",
            Error::PermissionDenied(_) => "PermissionDenied",
            Error::NotFound(_) => "NotFound",
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(variant, expected);
        let api = error.api_error().unwrap();
        let detail = if body.get("error").is_some() { &body["error"] } else { &body["errors"][0] };
        assert_eq!(api.code(), detail["code"].as_i64());
        assert_eq!(api.message(), detail["message"].as_str());
        assert!(!error.is_retryable());
    }
}

#[tokio::test]
async fn add_participant_answered_500_is_not_sent_twice() {
    let server = TestServer::start(|_| Reply::status(500)).await;

    let error = client(&server)
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect_err("a 500");

    assert!(matches!(error, Error::Server(_)), "{error:?}");
    assert_eq!(server.count(), 1, "the server may have added the participant");
}

#[tokio::test]
async fn add_participant_answered_429_is_sent_again() {
    let seen = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            rate_limited().header("retry-after-ms", "10")
        } else {
            Reply::json(201, &seeds::add_participant())
        }
    })
    .await;

    let added = client(&server)
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect("the retry succeeds");

    assert_eq!(server.count(), 2);
    assert_eq!(added.data.unwrap().token, "token");
    let requests = server.requests();
    assert_eq!(requests[0].body, requests[1].body, "the same body both times");
}

#[tokio::test]
async fn add_participant_is_sent_again_when_the_server_says_it_did_not_act() {
    let seen = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start(move |_| match seen.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::status(503),
        1 => Reply::status(500).header("x-should-retry", "true"),
        _ => Reply::json(201, &seeds::add_participant()),
    })
    .await;

    client(&server)
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect("the third attempt succeeds");

    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn add_participant_cut_off_mid_answer_is_not_sent_twice() {
    let server = TestServer::start(|_| Reply::status(201).body("{\"success\":").cut_off(500)).await;

    let error = client(&server)
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect_err("cut off");

    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_add_participant() {
    // A port that nothing listens on: bind one, note it, and close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(
            RetryPolicy::default().with_max_retries(2).with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        .build()
        .unwrap();

    let error = client
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect_err("nothing listens");

    let Error::Connection(transport) = &error else { panic!("expected Connection, got {error:?}") };
    assert_eq!(transport.attempts(), 3, "never written, so safe to send again");
    assert!(error.to_string().contains("could not connect"), "{error}");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed_and_never_carries_the_token() {
    let elsewhere = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    // Another port is another origin, as another host would be.
    let target = format!("http://127.0.0.1:{}/stolen", elsewhere.addr().port());
    let location = target.clone();
    let server = TestServer::start(move |_| Reply::status(307).header("location", &location)).await;

    let error = get_participant(&client(&server)).await.expect_err("not followed");

    assert_eq!(elsewhere.count(), 0, "the other host saw nothing");
    assert_eq!(server.count(), 1);
    assert_eq!(error.status().map(|status| status.as_u16()), Some(307));
    let Error::UnexpectedStatus(api) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(api.redirect_target(), Some(target.as_str()));
    let message = error.to_string();
    assert!(
        message.contains(&format!(
            "refused to follow a redirect to {target}: another origin would receive the credentials"
        )),
        "{message}"
    );
}

#[tokio::test]
async fn a_refused_redirect_to_a_signed_url_keeps_the_signature_out_of_the_message() {
    let elsewhere = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let target = format!("http://127.0.0.1:{}/download?X-Amz-Signature=secret123", elsewhere.addr().port());
    let location = target.clone();
    let server = TestServer::start(move |_| Reply::status(302).header("location", &location)).await;

    let error = get_participant(&client(&server)).await.expect_err("not followed");

    let Error::UnexpectedStatus(api) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(api.redirect_target(), Some(target.as_str()), "the whole target, for code that asks");
    let message = error.to_string();
    assert!(!message.contains("secret123"), "a log line must not carry the signature: {message}");
    let shown = format!("redirect to http://127.0.0.1:{}/download?…", elsewhere.addr().port());
    assert!(message.contains(&shown), "{message}");
    assert_eq!(elsewhere.count(), 0);
}

#[tokio::test]
async fn redirects_past_the_limit_name_where_the_last_one_led() {
    // A relative `Location`, resolved against the server's URL.
    let server =
        TestServer::start(|request| Reply::status(302).header("location", &format!("{}/again", request.path))).await;

    let error = get_participant(&client(&server)).await.expect_err("never ends");

    assert_eq!(server.count(), 6, "the first request and five redirects");
    let target = error.api_error().and_then(|api| api.redirect_target()).expect("a target").to_owned();
    assert!(target.starts_with(&server.url()) && target.ends_with("/again/again/again/again/again/again"), "{target}");
    assert!(error.to_string().contains(&format!("a redirect to {target} that was not followed")), "{error}");
}

#[tokio::test]
async fn a_redirect_within_the_same_host_is_followed_with_the_token() {
    let server = TestServer::start(|request| {
        if request.path.starts_with("/moved") {
            Reply::json(200, &seeds::get_meeting_participant())
        } else {
            Reply::status(308).header("location", &format!("/moved{}", request.path))
        }
    })
    .await;

    get_participant(&client(&server)).await.expect("followed");

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_concurrent_calls_on_one_client_all_succeed() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    // Unpaced: the pool and the tasks are under test here, not the document's rate limits.
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .retry_policy(quick_retries())
        .without_rate_limits()
        .build()
        .unwrap();

    let calls: Vec<_> = (0..500)
        .map(|index| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .meetings()
                    .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), format!("participant-{index}"))
                    .await
            })
        })
        .collect();
    let mut failures = Vec::new();
    for call in calls {
        if let Err(error) = call.await.expect("the task runs") {
            failures.push(error.to_string());
        }
    }

    assert!(failures.is_empty(), "{} calls failed: {:?}", failures.len(), &failures[..failures.len().min(3)]);
    assert_eq!(server.count(), 500, "no call needed a retry");
}

fn httpdate(time: SystemTime) -> String {
    // RFC 9110 IMF-fixdate, computed here so the test does not share the client's parser.
    let seconds = time.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
    let datetime = chrono::DateTime::<chrono::Utc>::from_timestamp(seconds as i64, 0).unwrap();
    datetime.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[tokio::test]
async fn every_error_status_maps_to_its_variant() {
    for (status, expected, retryable) in [
        (400, "BadRequest", false),
        (401, "Authentication", false),
        (403, "PermissionDenied", false),
        (404, "NotFound", false),
        (408, "UnexpectedStatus", true),
        (409, "Conflict", true),
        (418, "UnexpectedStatus", false),
        (422, "UnprocessableEntity", false),
        (429, "RateLimited", true),
        (500, "Server", true),
        (503, "Server", true),
        (522, "Server", true),
    ] {
        let server = TestServer::start(move |_| Reply::status(status)).await;
        let client = Client::builder().token(TOKEN).base_url(server.url()).max_retries(0).build().unwrap();

        let error = get_participant(&client).await.expect_err("an error status");

        let variant = match &error {
            Error::BadRequest(_) => "BadRequest",
            Error::Authentication(_) => "Authentication",
            Error::PermissionDenied(_) => "PermissionDenied",
            Error::NotFound(_) => "NotFound",
            Error::Conflict(_) => "Conflict",
            Error::UnprocessableEntity(_) => "UnprocessableEntity",
            Error::RateLimited(_) => "RateLimited",
            Error::Server(_) => "Server",
            Error::UnexpectedStatus(_) => "UnexpectedStatus",
            other => panic!("{status}: unexpected {other:?}"),
        };
        assert_eq!((status, variant), (status, expected));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.is_retryable(), retryable, "{status}");
        assert_eq!(server.count(), 1);
    }
}
