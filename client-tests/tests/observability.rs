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

/// A subscriber that writes every span (when it closes) and event, at every level, to
/// `captured`.
fn writing_to(
    captured: &Captured,
) -> tracing_subscriber::fmt::Subscriber<
    tracing_subscriber::fmt::format::DefaultFields,
    tracing_subscriber::fmt::format::Format,
    tracing::level_filters::LevelFilter,
    Captured,
> {
    tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .finish()
}

/// Runs `call` with every span and event at every level written to a buffer, and returns it.
async fn traced<F: std::future::Future<Output = ()>>(call: F) -> String {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(writing_to(&captured));
    call.await;
    captured.text()
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .retry_policy(RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)))
        .build()
        .unwrap()
}

/// OpenTelemetry's HTTP client conventions, so that a collector shows the calls without
/// mapping: the method, the server, the URL (credentials removed), the status.
#[tokio::test]
async fn a_call_has_a_span_named_and_filled_as_opentelemetry_says() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server);

    let log = traced(async {
        client
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "some-participant")
            .await
            .unwrap();
    })
    .await;

    let template = "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}";
    for expected in [
        "api_call{".to_owned(),
        format!("otel.name=\"GET {template}\""),
        "otel.kind=\"client\"".to_owned(),
        "operation=\"get_meeting_participant\"".to_owned(),
        "http.request.method=GET".to_owned(),
        format!("url.template=\"{template}\""),
        format!(
            "url.full=\"{}/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants/some-participant\"",
            server.url()
        ),
        "server.address=\"127.0.0.1\"".to_owned(),
        format!("server.port={}", server.addr().port()),
        "http.response.status_code=200".to_owned(),
        "duration_ms=".to_owned(),
    ] {
        assert!(log.contains(&expected), "missing {expected} in:\n{log}");
    }
    // A first attempt that succeeded is no resend and no error.
    assert!(!log.contains("http.request.resend_count") && !log.contains("error.type"), "{log}");
    assert!(!log.contains(TOKEN), "the token leaked into:\n{log}");
}

#[tokio::test]
async fn a_failed_call_records_its_resends_and_error_type() {
    let server = TestServer::start(|_| Reply::status(404)).await;
    let log = traced(async {
        client(&server)
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "p")
            .await
            .unwrap_err();
    })
    .await;
    for expected in ["http.response.status_code=404", "error.type=\"404\"", "otel.status_code=\"ERROR\""] {
        assert!(log.contains(expected), "missing {expected} in:\n{log}");
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
    let client = client(&server);

    let log = traced(async {
        client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "p").await.unwrap();
    })
    .await;

    assert!(log.contains("retrying attempt=1") && log.contains("retrying attempt=2"), "{log}");
    assert!(log.contains("reason=\"status 503\""), "{log}");
    assert!(log.contains("http.request.resend_count=2"), "{log}");
    assert!(!log.contains(TOKEN), "{log}");
}

/// A subscriber that leaves out the client's spans (a filter on its target) still sees the
/// user's own spans; the call writes nothing on them. An HTTP server's span, as OpenTelemetry
/// names its fields, has an `http.response.status_code` of its own, which a client call made
/// while handling a request must not overwrite.
#[tokio::test]
async fn a_call_whose_span_is_filtered_out_writes_nothing_on_the_callers_span() {
    use tracing::Instrument;
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt;

    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server);
    let captured = Captured::default();
    let subscriber = writing_to(&captured)
        .with(Targets::new().with_default(LevelFilter::TRACE).with_target("openapi_client_runtime", LevelFilter::OFF));
    let _guard = tracing::subscriber::set_default(subscriber);
    let handling = tracing::info_span!(
        "handle_request",
        http.response.status_code = tracing::field::Empty,
        url.full = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    async {
        client
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, APP_ID, ID.parse().unwrap(), "some-participant")
            .await
            .unwrap();
    }
    .instrument(handling)
    .await;

    let log = captured.text();
    let closed =
        log.lines().find(|line| line.contains("handle_request") && line.contains("close")).unwrap_or_else(|| {
            panic!("the caller's span closed:\n{log}");
        });
    assert!(!closed.contains("http.response.status_code"), "the call wrote on the caller's span: {closed}");
    assert!(!closed.contains("url.full"), "{closed}");
    assert!(!closed.contains("duration_ms"), "{closed}");
    assert!(!log.contains("api_call"), "the client's span was filtered out:\n{log}");
}
