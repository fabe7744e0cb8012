//! A client for production traffic, against real servers on 127.0.0.1: pacing under rate
//! limits (declared, set, learned from the server), calls in flight, hooks, token sources,
//! and the escape hatches for what the document does not describe.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use client_tests::limited::Enforcer;
use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Recorded, Reply, TestServer};
use cloudflare_realtimekit::meetings::GetMeetingParticipant;
use cloudflare_realtimekit::models::AddParticipantRequest;
use cloudflare_realtimekit::{
    Attempt, AttemptOutcome, BoxError, Client, ClientBuilder, Error, Hook, HookFuture, RateLimit, RefreshingToken,
    RequestOptions,
};
use reqwest::header::{HeaderName, HeaderValue};

fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder().token(TOKEN).base_url(server.url())
}

/// `calls` calls of `get_meeting_participant` from `tasks` tasks at once; their outcomes.
async fn burst(client: &Client, tasks: usize, calls: usize) -> Vec<Result<(), Error>> {
    let handles: Vec<_> = (0..tasks)
        .map(|task| {
            let client = client.clone();
            let mine = calls / tasks + usize::from(task < calls % tasks);
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                for _ in 0..mine {
                    let call = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p");
                    outcomes.push(call.await.map(drop));
                }
                outcomes
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for handle in handles {
        outcomes.extend(handle.await.expect("no task panics"));
    }
    outcomes
}

async fn limited_server(enforcer: &Arc<Enforcer>, extra: &'static [(&'static str, &'static str)]) -> TestServer {
    let enforcer = Arc::clone(enforcer);
    TestServer::start(move |_| {
        let mut reply = enforcer.reply(|| Reply::json(200, &seeds::get_meeting_participant()));
        for (name, value) in extra {
            reply = reply.header(name, value);
        }
        reply
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_from_many_tasks_is_paced_under_the_servers_limit_and_none_is_refused() {
    // The control: without pacing, the same burst runs into the limit.
    let unpaced = Arc::new(Enforcer::new(50, Duration::from_secs(1)));
    let server = limited_server(&unpaced, &[]).await;
    let client = builder(&server).without_rate_limits().max_retries(0).build().unwrap();
    let outcomes = burst(&client, 20, 100).await;
    assert!(unpaced.refused() > 0, "the server let 100 calls at once through a limit of 50 a second");
    assert!(outcomes.iter().any(|outcome| matches!(outcome, Err(Error::RateLimited(_)))));

    let enforcer = Arc::new(Enforcer::new(50, Duration::from_secs(1)));
    let server = limited_server(&enforcer, &[]).await;
    let limit = RateLimit::new(50, Duration::from_secs(1));
    let client = builder(&server).without_rate_limits().rate_limit(limit).max_retries(0).build().unwrap();
    let started = Instant::now();
    let outcomes = burst(&client, 20, 200).await;
    let took = started.elapsed();
    assert!(outcomes.iter().all(Result::is_ok), "{:?}", outcomes.iter().find(|outcome| outcome.is_err()));
    assert_eq!((enforcer.accepted(), enforcer.refused()), (200, 0));
    // Paced, not serialized: 200 calls at about 47 a second.
    assert!(took < Duration::from_secs(8), "took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documents_limits_pace_calls_unless_turned_off() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let description = <cloudflare_realtimekit::Api as cloudflare_realtimekit::runtime::Api>::DESCRIPTION;
    let declared: Vec<(u32, u64)> =
        description.rate_limits.iter().map(|limit| (limit.requests, limit.window_ms)).collect();
    assert_eq!(declared, [(250, 10_000), (1200, 300_000)]);

    // 250 calls in 10 s: 13 at once, then one every 41 ms or so.
    let paced = builder(&server).build().unwrap();
    let started = Instant::now();
    assert!(burst(&paced, 10, 30).await.iter().all(Result::is_ok));
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(17 * 40), "30 calls took {took:?}");

    let unpaced = builder(&server).without_rate_limits().build().unwrap();
    let started = Instant::now();
    assert!(burst(&unpaced, 10, 30).await.iter().all(Result::is_ok));
    assert!(started.elapsed() < took, "{:?} against {took:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_the_server_states_is_learned_and_kept_to() {
    // The server allows 10 a second and says so; the document's limits allow 25.
    let policy: &'static [(&str, &str)] = &[("ratelimit-policy", "10;w=1")];
    let ignorant = Arc::new(Enforcer::new(10, Duration::from_secs(1)));
    let server = limited_server(&ignorant, policy).await;
    let client = builder(&server)
        .without_rate_limits()
        .rate_limit(RateLimit::new(250, Duration::from_secs(10)))
        .max_retries(0)
        .build()
        .unwrap();
    burst(&client, 10, 40).await;
    assert!(ignorant.refused() > 0, "without learning, the control was not refused");

    let enforcer = Arc::new(Enforcer::new(10, Duration::from_secs(1)));
    let server = limited_server(&enforcer, policy).await;
    let client = builder(&server).max_retries(0).build().unwrap();
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    let outcomes = burst(&client, 10, 29).await;
    assert!(outcomes.iter().all(Result::is_ok));
    assert_eq!((enforcer.accepted(), enforcer.refused()), (30, 0));
}

/// A server that records when each request arrived, answering with `reply(number)`.
async fn timed_server(
    reply: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> (TestServer, Arc<Mutex<Vec<Instant>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let server = TestServer::start(move |_| {
        let mut seen = seen.lock().unwrap();
        seen.push(Instant::now());
        reply(seen.len())
    })
    .await;
    (server, arrivals)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_with_retry_after_holds_back_every_call_of_the_client() {
    let (server, arrivals) = timed_server(|number| match number {
        1 => Reply::status(429).header("retry-after", "1"),
        _ => Reply::json(200, &seeds::get_meeting_participant()),
    })
    .await;
    let client = builder(&server).build().unwrap();
    let first = client.clone();
    let refused =
        tokio::spawn(async move { first.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await });
    while arrivals.lock().unwrap().is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Five more calls after the 429: they wait for the pause, as the retry does.
    assert!(burst(&client, 5, 5).await.iter().all(Result::is_ok));
    refused.await.unwrap().expect("retried after the pause");
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 7);
    for later in &arrivals[1..] {
        let after = later.duration_since(arrivals[0]);
        assert!(after >= Duration::from_millis(950), "a call went out {after:?} into a pause of 1 s");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_with_nothing_remaining_pauses_until_the_reset() {
    let (server, arrivals) = timed_server(|number| {
        let reply = Reply::json(200, &seeds::get_meeting_participant());
        if number == 1 { reply.header("ratelimit", r#""default";r=0;t=1"#) } else { reply }
    })
    .await;
    let client = builder(&server).build().unwrap();
    for _ in 0..2 {
        client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    }
    let arrivals = arrivals.lock().unwrap().clone();
    let gap = arrivals[1].duration_since(arrivals[0]);
    assert!(gap >= Duration::from_millis(950), "the second call went out after {gap:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_in_flight_are_bounded_and_wait_their_turn() {
    let busiest = |limit: Option<usize>| async move {
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (now_in, most_in) = (Arc::clone(&now), Arc::clone(&most));
        let server = TestServer::start_async(move |_| {
            let (now, most) = (Arc::clone(&now_in), Arc::clone(&most_in));
            Box::pin(async move {
                let current = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(current, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(40)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                Reply::json(200, &seeds::get_meeting_participant())
            })
        })
        .await;
        let mut client = builder(&server).without_rate_limits();
        if let Some(limit) = limit {
            client = client.max_in_flight(limit);
        }
        assert!(burst(&client.build().unwrap(), 12, 12).await.iter().all(Result::is_ok));
        most.load(Ordering::SeqCst)
    };
    assert_eq!(busiest(Some(3)).await, 3);
    assert!(busiest(None).await > 3);
}

/// Signs each attempt (a checksum of method, path and body in `x-signature`), numbers it,
/// and keeps what came of each.
#[derive(Default)]
struct Signer {
    outcomes: Mutex<Vec<String>>,
}

fn checksum(method: &str, path: &str, body: &[u8]) -> String {
    let sum = method
        .bytes()
        .chain(path.bytes())
        .chain(body.iter().copied())
        .fold(7u64, |sum, byte| sum.wrapping_mul(31).wrapping_add(u64::from(byte)));
    format!("{sum:016x}")
}

impl Hook for Signer {
    fn before_attempt<'a>(&'a self, request: &'a mut reqwest::Request, attempt: &'a Attempt) -> HookFuture<'a, ()> {
        Box::pin(async move {
            let body = request.body().and_then(reqwest::Body::as_bytes).unwrap_or_default();
            let signature = checksum(request.method().as_str(), request.url().path(), body);
            request.headers_mut().insert("x-signature", HeaderValue::from_str(&signature)?);
            request.headers_mut().insert("x-attempt", HeaderValue::from(attempt.number()));
            Ok(())
        })
    }

    fn after_attempt(&self, attempt: &Attempt, outcome: &AttemptOutcome<'_>) {
        let what = match outcome {
            AttemptOutcome::Answered { status, .. } => status.as_str().to_owned(),
            AttemptOutcome::Failed { timed_out, .. } => format!("failed, timed out: {timed_out}"),
            _ => "other".to_owned(),
        };
        self.outcomes.lock().unwrap().push(format!("{} #{}: {what}", attempt.operation().id, attempt.number()));
    }
}

#[tokio::test]
async fn a_hook_signs_every_attempt_and_sees_every_outcome() {
    let seen = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start(move |request: &Recorded| match request.method.as_str() {
        "POST" => Reply::json(201, &seeds::add_participant()),
        _ if seen.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        _ => Reply::json(200, &seeds::get_meeting_participant()),
    })
    .await;
    let signer = Arc::new(Signer::default());
    let client = builder(&server)
        .retry_policy(
            cloudflare_realtimekit::RetryPolicy::default()
                .with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        .hook(Arc::clone(&signer))
        .build()
        .unwrap();
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();
    client
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("u-1", "host"))
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        let expected = checksum(&request.method, &request.path, &request.body);
        assert_eq!(request.header("x-signature"), Some(expected.as_str()), "{request:?}");
        // The credentials were on the request the hook saw, and stayed.
        assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    }
    let numbers: Vec<_> = requests.iter().map(|request| request.header("x-attempt").unwrap().to_owned()).collect();
    assert_eq!(numbers, ["1", "2", "1"]);
    assert_eq!(
        *signer.outcomes.lock().unwrap(),
        ["get_meeting_participant #1: 503", "get_meeting_participant #2: 200", "add_participant #1: 201"]
    );
}

#[tokio::test]
async fn a_hook_that_fails_ends_the_call_before_anything_is_sent() {
    struct Vault;
    impl Hook for Vault {
        fn before_attempt<'a>(&'a self, _: &'a mut reqwest::Request, _: &'a Attempt) -> HookFuture<'a, ()> {
            Box::pin(async { Err::<(), BoxError>("the signing key's vault is unavailable".into()) })
        }
    }
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = builder(&server).hook(Vault).build().unwrap();
    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap_err();
    assert!(matches!(error, Error::Hook(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "get_meeting_participant: the client's hook failed: the signing key's vault is unavailable; nothing more was sent"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refreshing_token_is_fetched_once_for_many_calls_and_again_when_it_expires() {
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    let server = TestServer::start(move |request: &Recorded| {
        if request.path == "/oauth/token" {
            assert!(String::from_utf8_lossy(&request.body).contains("grant_type=client_credentials"));
            let number = counted.fetch_add(1, Ordering::SeqCst) + 1;
            return Reply::json(200, &serde_json::json!({"access_token": format!("token-{number}"), "expires_in": 1}));
        }
        Reply::json(200, &seeds::get_meeting_participant())
    })
    .await;
    let token_url = format!("{}/oauth/token", server.url());
    let token = RefreshingToken::new(move || {
        let token_url = token_url.clone();
        async move {
            let body = reqwest::Client::new()
                .post(token_url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=id&client_secret=secret")
                .send()
                .await?
                .error_for_status()?
                .bytes()
                .await?;
            let answer: serde_json::Value = serde_json::from_slice(&body)?;
            let token = answer["access_token"].as_str().ok_or("no access_token")?.to_owned();
            Ok::<_, BoxError>((token, Duration::from_secs(answer["expires_in"].as_u64().unwrap_or(3600))))
        }
    });
    // No other credential: the source is the client's bearer token.
    let client = Client::builder().base_url(server.url()).token_source(token).build().unwrap();
    assert!(burst(&client, 5, 5).await.iter().all(Result::is_ok));
    assert_eq!(fetches.load(Ordering::SeqCst), 1, "five calls at once fetched one token");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();

    let sent: Vec<String> = server
        .requests()
        .iter()
        .filter(|request| request.path != "/oauth/token")
        .map(|request| request.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(sent, [vec!["Bearer token-1"; 5], vec!["Bearer token-2"]].concat());
}

#[tokio::test]
async fn extra_query_parameters_headers_and_body_fields_go_out_with_any_call() {
    let server = TestServer::start(|_| Reply::json(201, &seeds::add_participant())).await;
    let client = builder(&server).build().unwrap();
    let options = RequestOptions::new()
        .query("preview", "a b")
        .header(HeaderName::from_static("x-beta"), HeaderValue::from_static("on"))
        .body_field("beta_flag", true)
        .body_field("preset_name", "overridden");
    client
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("u-1", "host"))
        .with_options(options)
        .await
        .unwrap();
    let request = server.only_request();
    assert_eq!(request.query.as_deref(), Some("preview=a+b"));
    assert_eq!(request.header("x-beta"), Some("on"));
    let body = request.json();
    assert_eq!(body["beta_flag"], true);
    assert_eq!(body["preset_name"], "overridden");
    assert_eq!(body["custom_participant_id"], "u-1");
}

#[tokio::test]
async fn a_body_field_on_a_call_without_a_json_body_is_refused_before_sending() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = builder(&server).build().unwrap();
    let error = client
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p")
        .with_options(RequestOptions::new().body_field("x", 1))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidArgument(_)), "{error:?}");
    assert!(error.to_string().contains("`body` is absent, so it cannot take extra JSON fields"), "{error}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_raw_call_goes_out_with_the_clients_credentials_and_answers_with_status_headers_and_request_id() {
    let server = TestServer::start(|request: &Recorded| {
        if request.path.ends_with("/missing") {
            return Reply::json(
                404,
                &serde_json::json!({"success": false, "errors": [{"code": 7003, "message": "No route"}]}),
            );
        }
        Reply::json(200, &serde_json::json!({"success": true, "data": {"id": "live-1"}}))
            .header("cf-ray", "8a1b2c3d4e5f-AMS")
    })
    .await;
    let client = builder(&server).build().unwrap();
    let answer = client
        .raw(reqwest::Method::GET, "/accounts/{account_id}/realtime/kit/{app_id}/livestreams/{id}")
        .path_param("account_id", ACCOUNT_ID)
        .path_param("app_id", APP_ID)
        .path_param("id", "a/b c")
        .query("page_no", "1")
        .send_json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.request_id(), Some("8a1b2c3d4e5f-AMS"));
    assert_eq!(answer.body()["data"]["id"], "live-1");
    let request = server.only_request();
    assert_eq!(request.path, format!("/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/livestreams/a%2Fb%20c"));
    assert_eq!(request.query.as_deref(), Some("page_no=1"));
    assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));

    let error = client.raw(reqwest::Method::GET, "/missing").send().await.unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("No route"), "{error}");

    let error = client.raw(reqwest::Method::GET, "/accounts/{account_id}").send().await.unwrap_err();
    assert!(matches!(error, Error::InvalidArgument(_)), "{error:?}");
    assert!(error.to_string().contains("`{account_id}` was not given a value"), "{error}");
    assert_eq!(server.count(), 2);

    // A placeholder given twice takes the last value, as a setter does.
    client.raw(reqwest::Method::GET, "/things/{id}").path_param("id", "a").path_param("id", "b").send().await.unwrap();
    assert_eq!(server.requests()[2].path, "/things/b");
    let error = client.raw(reqwest::Method::GET, "/things").path_param("id", "a").send().await.unwrap_err();
    assert!(error.to_string().contains("`id` was given, but `/things` has no `{id}`"), "{error}");
}

#[tokio::test]
async fn a_raw_call_is_retried_only_where_repeating_it_is_safe() {
    let server = TestServer::start(|_| Reply::status(500)).await;
    let client = builder(&server)
        .retry_policy(
            cloudflare_realtimekit::RetryPolicy::default()
                .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
                .with_max_retries(2),
        )
        .build()
        .unwrap();
    let error = client.raw(reqwest::Method::GET, "/things").send().await.unwrap_err();
    assert!(matches!(error, Error::Server(_)));
    assert_eq!(server.count(), 3);
    let error =
        client.raw(reqwest::Method::POST, "/things").json(&serde_json::json!({"a": 1})).send().await.unwrap_err();
    assert!(matches!(error, Error::Server(_)));
    assert_eq!(server.count(), 4, "a POST answered 500 was sent again");
    assert_eq!(server.requests()[3].json(), serde_json::json!({"a": 1}));
}

#[tokio::test]
async fn each_page_of_a_listing_comes_with_its_answer() {
    let server = TestServer::start(|request: &Recorded| {
        client_tests::paging::page(request, 5, 5)
            .header("cf-ray", &format!("ray-{}", request.query.clone().unwrap_or_default()))
    })
    .await;
    let client = builder(&server).build().unwrap();
    let mut pages = client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).per_page(2).pages();
    let mut rays = Vec::new();
    while let Some(page) = pages.next_with_response().await {
        let page = page.unwrap();
        assert_eq!(page.status(), 200);
        rays.push(page.request_id().unwrap().to_owned());
    }
    assert_eq!(rays, ["ray-page_no=1&per_page=2", "ray-page_no=2&per_page=2", "ray-page_no=3&per_page=2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_on_one_operation_holds_back_its_calls_only() {
    let (server, arrivals) = timed_server(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let one_a_tenth = RateLimit::new(1, Duration::from_millis(100));
    let client = builder(&server).rate_limit_for(&GetMeetingParticipant::OPERATION, one_a_tenth).build().unwrap();
    let started = Instant::now();
    assert!(burst(&client, 4, 4).await.iter().all(Result::is_ok));
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(300), "4 calls limited to one a tenth of a second took {took:?}");
    let arrivals = arrivals.lock().unwrap().clone();
    for pair in arrivals.windows(2) {
        assert!(pair[1].duration_since(pair[0]) >= Duration::from_millis(95), "{arrivals:?}");
    }
    // Another operation of the same client is not held back by it.
    let started = Instant::now();
    let mut pages = client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).pages();
    pages.next().await;
    assert!(started.elapsed() < Duration::from_millis(90), "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_that_comes_late_waits_its_turn_not_for_the_busy_ones_to_finish() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let limit = RateLimit::new(100, Duration::from_secs(1)).burst(1);
    let client = builder(&server).without_rate_limits().rate_limit(limit).build().unwrap();
    let started = Instant::now();
    let busy = {
        let client = client.clone();
        tokio::spawn(async move { burst(&client, 10, 100).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let late = Instant::now();
    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "late").await.unwrap();
    let waited = late.elapsed();
    assert!(busy.await.unwrap().iter().all(Result::is_ok));
    let took = started.elapsed();
    // Behind at most the ten busy callers already waiting, about 10 ms each.
    assert!(took >= Duration::from_millis(900), "100 calls at 100 a second took {took:?}");
    assert!(waited < Duration::from_millis(400), "the late call waited {waited:?} of the burst's {took:?}");
}

/// A call's future holds the call's state in itself, with no heap block of its own (blocks
/// freed on another thread than the one that made them put 1.1 µs a call in glibc's locked
/// slow path). The room is fixed (1,600 bytes), so every operation's future has the same
/// size, which a user's task holds and moves.
#[test]
fn a_calls_future_holds_the_call_in_itself() {
    let client = Client::builder().token(TOKEN).base_url("http://127.0.0.1:9").build().unwrap();
    let body = AddParticipantRequest::new("user-42", "group_call_host").with_name("Ada");
    let call = client.meetings().add_participant(ACCOUNT_ID, APP_ID, id(), body).send_with_response();
    let size = std::mem::size_of_val(&call);
    eprintln!("the call's future: {size} bytes");
    assert!(size <= 1700, "the call's future holds {size} bytes");
    let listing = client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).send_with_response();
    assert_eq!(std::mem::size_of_val(&listing), size);
    let body = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").send();
    assert_eq!(std::mem::size_of_val(&body), size);
}
