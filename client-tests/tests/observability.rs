//! One tracing span per call, with what an operator needs and nothing secret.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, ID, TOKEN};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::{Client, RetryPolicy};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// Runs `call` with every span and event at every level written to a buffer, and returns it.
async fn traced<F: std::future::Future<Output = ()>>(call: F) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    call.await;
    captured.text()
}

fn client(server: &TestServer, full_paths: bool) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .retry_policy(RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)))
        .trace_full_paths(full_paths)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_call_has_a_span_with_operation_route_status_attempts_and_duration() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server, false);

    let log = traced(async {
        client
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "secret-participant")
            .await
            .unwrap();
    })
    .await;

    for expected in [
        "api_call{",
        "operation=\"get_meeting_participant\"",
        "method=GET",
        "route=\"/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}\"",
        "status=200",
        "attempts=1",
        "duration_ms=",
    ] {
        assert!(log.contains(expected), "missing {expected} in:\n{log}");
    }
    for secret in [TOKEN, ACCOUNT_ID, "secret-participant", ID] {
        assert!(!log.contains(secret), "{secret} leaked into:\n{log}");
    }
}

#[tokio::test]
async fn retries_are_logged_with_their_attempt_number_and_reason() {
    let seen = Arc::new(Mutex::new(0));
    let server = TestServer::start(move |_| {
        let mut seen = seen.lock().unwrap();
        *seen += 1;
        if *seen < 3 { Reply::status(503) } else { Reply::json(200, &seeds::get_meeting_participant()) }
    })
    .await;
    let client = client(&server, false);

    let log = traced(async {
        client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "p").await.unwrap();
    })
    .await;

    assert!(log.contains("retrying attempt=1") && log.contains("retrying attempt=2"), "{log}");
    assert!(log.contains("reason=\"status 503\""), "{log}");
    assert!(log.contains("attempts=3"), "{log}");
    assert!(!log.contains(TOKEN), "{log}");
}

#[tokio::test]
async fn the_filled_path_is_recorded_only_when_asked() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server, true);

    let log = traced(async {
        client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "p").await.unwrap();
    })
    .await;

    assert!(
        log.contains(&format!("path=\"/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants/p\"")),
        "{log}"
    );
    assert!(!log.contains(TOKEN), "{log}");
}
