//! RealtimeKit's webhooks, received as a service would: deliveries signed with RSA keys made in
//! the test, keys fetched over HTTP from a server on 127.0.0.1, the README's receiver serving on
//! 127.0.0.1. Each refusal is checked against a delivery that the same receiver accepts.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::Client;
use cloudflare_realtimekit::header::{HeaderMap, HeaderValue};
use cloudflare_realtimekit::mock::{SignedDelivery, WebhookSender};
use cloudflare_realtimekit::models::{LivestreamingStatusUpdateEventStatus, MeetingEndedEventReason};
use cloudflare_realtimekit::webhooks::{Event, Receiver, RecentDeliveries, Scheme, Signing, WebhookError};

#[allow(dead_code)]
#[path = "../examples/webhook_receiver.rs"]
mod webhook_receiver;

const EVENTS: [&str; 9] = [
    "meeting.started",
    "meeting.ended",
    "meeting.participantJoined",
    "meeting.participantLeft",
    "meeting.chatSynced",
    "meeting.transcript",
    "meeting.summary",
    "recording.statusUpdate",
    "livestreaming.statusUpdate",
];

/// The documentation's example of `event`, as RealtimeKit sends it.
fn example(event: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/webhooks/{event}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn receiver_of(sender: &WebhookSender) -> Receiver {
    sender.receiver().expect("a receiver that trusts the sender's key")
}

fn with_header(delivery: &SignedDelivery, name: &'static str, value: &str) -> HeaderMap {
    let mut headers = delivery.headers.clone();
    headers.insert(name, HeaderValue::from_str(value).unwrap());
    headers
}

#[tokio::test]
async fn each_documented_event_verifies_and_decodes_to_its_variant() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    for event in EVENTS {
        let delivery = sender.sign(example(event));
        let received = receiver.receive(&delivery.headers, &delivery.body).await;
        let received = received.unwrap_or_else(|error| panic!("{event}: {error}"));
        assert_eq!(received.event.name(), Some(event));
        assert_eq!(received.id.as_deref(), delivery.headers.get("rtk-uuid").and_then(|id| id.to_str().ok()));
        match (event, &received.event) {
            ("meeting.ended", Event::MeetingEnded(ended)) => {
                assert_eq!(ended.reason, MeetingEndedEventReason::AllParticipantsLeft);
            }
            ("meeting.participantJoined", Event::MeetingParticipantJoined(joined)) => {
                assert!(!joined.participant.user_display_name.is_empty());
            }
            ("livestreaming.statusUpdate", Event::LivestreamingStatusUpdate(update)) => {
                assert_eq!(update.status, LivestreamingStatusUpdateEventStatus::Live);
            }
            (_, Event::Unknown { .. }) => panic!("{event} decoded as an unknown event"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn a_tampered_body_or_another_keys_signature_is_refused() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    let delivery = sender.sign(example("meeting.started"));
    assert!(receiver.receive(&delivery.headers, &delivery.body).await.is_ok());

    let mut tampered = delivery.body.to_vec();
    let at = tampered.iter().position(|byte| *byte == b'2').expect("a digit to change");
    tampered[at] = b'3';
    let refused = receiver.receive(&delivery.headers, &tampered).await.unwrap_err();
    assert!(matches!(refused, WebhookError::BadSignature), "{refused}");
    assert_eq!(refused.status(), 401);

    // The same body, signed by a key the receiver does not trust.
    let stranger = WebhookSender::new::<Event>().sign(example("meeting.started"));
    let refused = receiver.receive(&stranger.headers, &stranger.body).await.unwrap_err();
    assert!(matches!(refused, WebhookError::BadSignature), "{refused}");

    // A body re-serialised after parsing (what a handler that parses first would verify) is
    // not what was signed.
    let reserialised =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&delivery.body).unwrap()).unwrap();
    assert_ne!(reserialised, delivery.body.to_vec());
    assert!(matches!(receiver.receive(&delivery.headers, &reserialised).await, Err(WebhookError::BadSignature)));
}

#[tokio::test]
async fn missing_and_malformed_headers_are_refused_with_what_is_wrong() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    let delivery = sender.sign(example("meeting.ended"));
    assert!(receiver.receive(&delivery.headers, &delivery.body).await.is_ok());

    let mut missing = delivery.headers.clone();
    missing.remove("rtk-signature");
    let refused = receiver.receive(&missing, &delivery.body).await.unwrap_err();
    assert!(matches!(refused, WebhookError::MissingHeader { header: "rtk-signature" }), "{refused}");
    assert_eq!(refused.to_string(), "the delivery has no `rtk-signature` header");

    let refused = receiver.receive(&with_header(&delivery, "rtk-signature", "not base64!"), &delivery.body).await;
    assert!(
        matches!(&refused, Err(WebhookError::MalformedHeader { header: "rtk-signature", reason }) if reason.contains("base64")),
        "{refused:?}"
    );
    // Base64, but not a signature of the key's size.
    let refused = receiver.receive(&with_header(&delivery, "rtk-signature", "AAAA"), &delivery.body).await;
    assert!(matches!(refused, Err(WebhookError::BadSignature)), "{refused:?}");
}

#[test]
fn a_malformed_pem_is_refused_when_the_receiver_is_built() {
    for pem in [
        "",
        "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
    ] {
        let refused = Receiver::builder().public_key_pem(pem).build().unwrap_err();
        assert!(matches!(refused, WebhookError::InvalidKey(_)), "{refused}");
    }
}

/// A key server on 127.0.0.1: each fetch answers with the next of `keys` (the last repeated).
async fn key_server(keys: Vec<serde_json::Value>) -> (TestServer, Arc<AtomicUsize>) {
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    let server = TestServer::start(move |request| {
        assert_eq!(request.path, "/.well-known/webhooks.json");
        let fetch = counted.fetch_add(1, Ordering::SeqCst);
        Reply::json(200, &keys[fetch.min(keys.len() - 1)])
    })
    .await;
    (server, fetches)
}

#[tokio::test]
async fn the_key_is_fetched_once_and_again_after_a_rotation_at_most_once_per_interval() {
    let old = WebhookSender::new::<Event>();
    let new = WebhookSender::new::<Event>();
    let (server, fetches) = key_server(vec![old.key_document().unwrap(), new.key_document().unwrap()]).await;
    let receiver = Receiver::builder()
        .key_url(format!("{}/.well-known/webhooks.json", server.url()))
        .refetch_interval(Duration::from_millis(300))
        .build()
        .unwrap();

    for _ in 0..3 {
        let delivery = old.sign(example("meeting.started"));
        receiver.receive(&delivery.headers, &delivery.body).await.expect("signed with the published key");
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1, "the key is cached");

    // RealtimeKit rotates its key: the first delivery signed with the new one fetches again.
    tokio::time::sleep(Duration::from_millis(350)).await;
    let delivery = new.sign(example("meeting.ended"));
    receiver.receive(&delivery.headers, &delivery.body).await.expect("verified with the refetched key");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);

    // Forged deliveries do not make it fetch again within the interval of the last fetch...
    let forged = || WebhookSender::new::<Event>().sign(example("meeting.ended"));
    for forged in [forged(), forged()] {
        assert!(matches!(receiver.receive(&forged.headers, &forged.body).await, Err(WebhookError::BadSignature)));
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 2, "the key was fetched less than the interval ago");
    // ...and once it has passed, the first forged delivery fetches once, the others not.
    tokio::time::sleep(Duration::from_millis(350)).await;
    for forged in [forged(), forged(), forged()] {
        assert!(matches!(receiver.receive(&forged.headers, &forged.body).await, Err(WebhookError::BadSignature)));
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 3, "one fetch for the first forged delivery, none after");
    let delivery = new.sign(example("meeting.ended"));
    receiver.receive(&delivery.headers, &delivery.body).await.expect("the new key is still cached");
    assert_eq!(fetches.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn concurrent_deliveries_share_one_fetch_and_the_crates_client_retries_it() {
    let sender = WebhookSender::new::<Event>();
    let document = sender.key_document().unwrap();
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    // The first fetch fails with a 503: the crate's client retries it.
    let server = TestServer::start(move |_| match counted.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::status(503),
        _ => Reply::json(200, &document),
    })
    .await;
    let client = Client::builder().token("t").base_url(server.url()).build().unwrap();
    let receiver = Receiver::builder()
        .client(&client)
        .key_url(format!("{}/.well-known/webhooks.json", server.url()))
        .build()
        .unwrap();
    let deliveries: Vec<_> = (0..8).map(|_| sender.sign(example("meeting.participantLeft"))).collect();
    let received = futures_util::future::join_all(
        deliveries.iter().map(|delivery| receiver.receive(&delivery.headers, &delivery.body)),
    )
    .await;
    assert!(received.iter().all(Result::is_ok), "{received:?}");
    assert_eq!(fetches.load(Ordering::SeqCst), 2, "a 503, then the key; the eight deliveries waited for it");
    let requests = server.requests();
    assert!(requests[0].header("authorization").is_none(), "the API's token does not go to the key's host");
}

#[tokio::test]
async fn a_key_that_cannot_be_fetched_is_a_503_so_the_delivery_is_retried() {
    let sender = WebhookSender::new::<Event>();
    let server =
        TestServer::start(|_| Reply::json(200, &serde_json::json!({"data": {"publicKey": "not a key"}}))).await;
    let receiver = Receiver::builder().key_url(format!("{}/.well-known/webhooks.json", server.url())).build().unwrap();
    let delivery = sender.sign(example("meeting.started"));
    let refused = receiver.receive(&delivery.headers, &delivery.body).await.unwrap_err();
    assert!(matches!(&refused, WebhookError::KeyUnavailable(reason) if reason.contains("PEM")), "{refused}");
    assert_eq!(refused.status(), 503);
}

#[tokio::test]
async fn a_published_key_with_escaped_line_breaks_is_read() {
    // RealtimeKit's own sample code turns literal `\n` in `data.publicKey` into line breaks.
    let sender = WebhookSender::new::<Event>();
    let escaped = sender.public_key_pem().unwrap().replace('\n', "\\n");
    let server =
        TestServer::start(move |_| Reply::json(200, &serde_json::json!({"data": {"publicKey": escaped}}))).await;
    let receiver = Receiver::builder().key_url(format!("{}/.well-known/webhooks.json", server.url())).build().unwrap();
    let delivery = sender.sign(example("meeting.started"));
    receiver.receive(&delivery.headers, &delivery.body).await.expect("verified");
}

#[tokio::test]
async fn a_body_of_several_megabytes_verifies_and_decodes() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    let mut body: serde_json::Value = serde_json::from_slice(&example("meeting.transcript")).unwrap();
    body["transcriptDownloadUrl"] = serde_json::Value::String(format!("https://example.com/{}", "a".repeat(6 << 20)));
    let delivery = sender.sign(serde_json::to_vec(&body).unwrap());
    let received = receiver.receive(&delivery.headers, &delivery.body).await.expect("verified");
    let Event::MeetingTranscript(transcript) = received.event else { panic!("a transcript") };
    assert!(transcript.transcript_download_url.as_str().len() > 6 << 20);
}

#[tokio::test]
async fn a_redelivery_is_recognised_by_its_id() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    let seen = RecentDeliveries::new(100);
    let first = sender.sign_as("7b8d-1", example("recording.statusUpdate"));
    let again = sender.sign_as("7b8d-1", example("recording.statusUpdate"));
    let other = sender.sign_as("7b8d-2", example("recording.statusUpdate"));
    let first = receiver.receive(&first.headers, &first.body).await.unwrap();
    assert!(first.first_time(&seen).await.unwrap());
    let again = receiver.receive(&again.headers, &again.body).await.unwrap();
    assert!(!again.first_time(&seen).await.unwrap(), "the same rtk-uuid again is a re-delivery");
    let other = receiver.receive(&other.headers, &other.body).await.unwrap();
    assert!(other.first_time(&seen).await.unwrap());
}

#[tokio::test]
async fn an_unknown_event_is_kept_with_its_json() {
    let sender = WebhookSender::new::<Event>();
    let receiver = receiver_of(&sender);
    let body = br#"{"event":"meeting.recordingPaused","meeting":{"id":"m1"},"at":12}"#;
    let delivery = sender.sign(&body[..]);
    let received = receiver.receive(&delivery.headers, &delivery.body).await.expect("an unknown event is no error");
    let Event::Unknown { name, payload } = received.event else { panic!("unknown") };
    assert_eq!(name.as_deref(), Some("meeting.recordingPaused"));
    assert_eq!(payload["at"], 12);
    // A known event whose body does not match its type is an error naming where.
    let wrong = sender.sign(&br#"{"event":"meeting.ended","meeting":{"id":"m1"},"reason":7}"#[..]);
    let refused = receiver.receive(&wrong.headers, &wrong.body).await.unwrap_err();
    assert!(matches!(&refused, WebhookError::Decode { .. }), "{refused}");
    assert_eq!(refused.status(), 400);
}

#[tokio::test]
async fn github_and_standard_webhooks_schemes_verify_with_their_secrets() {
    let github = Signing {
        scheme: Scheme::HmacSha256 { header: "x-hub-signature-256", prefix: "sha256=" },
        delivery_id: Some("x-github-delivery"),
    };
    let standard = Signing { scheme: Scheme::StandardWebhooks, delivery_id: Some("webhook-id") };
    for signing in [github, standard] {
        let sender = WebhookSender::with_signing(signing);
        let receiver: Receiver = sender.receiver().unwrap();
        let delivery = sender.sign(example("meeting.started"));
        let received = receiver.receive(&delivery.headers, &delivery.body).await.expect("verified");
        assert!(matches!(received.event, Event::MeetingStarted(_)));
        assert!(received.id.is_some());
        let stranger = WebhookSender::with_signing(signing).sign(example("meeting.started"));
        assert!(matches!(receiver.receive(&stranger.headers, &stranger.body).await, Err(WebhookError::BadSignature)));
        let refused = Receiver::builder().signing(signing).build().unwrap_err();
        assert!(matches!(refused, WebhookError::NotConfigured(_)), "a secret is needed: {refused}");
    }
}

/// No input makes the verifier panic: random headers (some well formed, some not) and random
/// bodies, for each scheme, and random bodies decoded as events.
#[tokio::test]
async fn the_verifier_never_panics_on_any_input() {
    let mut random = fastrand::Rng::with_seed(7);
    let rsa = WebhookSender::new::<Event>();
    let hmac = WebhookSender::with_signing(Signing {
        scheme: Scheme::HmacSha256 { header: "x-hub-signature-256", prefix: "sha256=" },
        delivery_id: None,
    });
    let standard = WebhookSender::with_signing(Signing { scheme: Scheme::StandardWebhooks, delivery_id: None });
    let receivers: Vec<Receiver> = [&rsa, &hmac, &standard].iter().map(|sender| sender.receiver().unwrap()).collect();
    let names =
        ["rtk-signature", "x-hub-signature-256", "webhook-id", "webhook-timestamp", "webhook-signature", "rtk-uuid"];
    let pieces = ["sha256=", "v1,", "v1a,", " ", "=", "00", "zz", "AAAA", "1700000000", "-1", "999999999999999999999"];
    let mut accepted = 0;
    for round in 0..3000 {
        let body: Vec<u8> = match round % 3 {
            0 => (0..random.usize(0..64)).map(|_| random.u8(..)).collect(),
            1 => example(EVENTS[random.usize(0..EVENTS.len())]),
            _ => br#"{"event":"meeting.ended","reason":"HOST_ENDED_MEETING","meeting":{}}"#.to_vec(),
        };
        let signed = [&rsa, &hmac, &standard][round % 3].sign(body.clone());
        let mut headers = signed.headers.clone();
        for _ in 0..random.usize(0..4) {
            let name = names[random.usize(0..names.len())];
            let value: String = (0..random.usize(0..6)).map(|_| pieces[random.usize(0..pieces.len())]).collect();
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        for receiver in &receivers {
            if receiver.receive(&headers, &body).await.is_ok() {
                accepted += 1;
            }
        }
        let _ = Event::decode_as(EVENTS[random.usize(0..EVENTS.len())], &body);
    }
    assert!(accepted > 0, "some deliveries were left intact and verified");
}

/// The README's receiver, serving on 127.0.0.1: signed deliveries get a 200 (a re-delivery
/// too), a forged one a 401, one that does not decode a 400.
#[tokio::test]
async fn the_readme_receiver_answers_deliveries_sent_to_it() {
    let sender = WebhookSender::new::<Event>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    let server =
        tokio::spawn(webhook_receiver::serve(listener, receiver_of(&sender), Arc::new(RecentDeliveries::default())));
    let status = |delivery: SignedDelivery| {
        let sender = &sender;
        let url = url.clone();
        async move { sender.send(&url, &delivery).await.expect("the receiver answers").status().as_u16() }
    };
    assert_eq!(status(sender.sign(example("meeting.participantJoined"))).await, 200);
    let first = sender.sign_as("delivery-1", example("meeting.ended"));
    assert_eq!(status(first.clone()).await, 200);
    assert_eq!(status(first).await, 200, "a re-delivery is answered, not handled twice");
    assert_eq!(status(WebhookSender::new::<Event>().sign(example("meeting.ended"))).await, 401);
    assert_eq!(status(sender.sign(&br#"{"event":"meeting.ended","reason":1}"#[..])).await, 400);
    server.abort();
}

/// The README shows the receiver as it is in `examples/webhook_receiver.rs`.
#[test]
fn the_readme_shows_the_receiver_example_as_it_is() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let example = std::fs::read_to_string(format!("{root}/client-tests/examples/webhook_receiver.rs")).unwrap();
    let marker = "<!-- client-tests/examples/webhook_receiver.rs -->\n```rust,ignore\n";
    let start = readme.find(marker).expect("the README has the receiver") + marker.len();
    let shown = &readme[start..start + readme[start..].find("```\n").expect("the block ends")];
    assert_eq!(shown, example, "copy client-tests/examples/webhook_receiver.rs into the README");
}
