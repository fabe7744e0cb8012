//! Contract tests against Prism started from `spec/realtimekit.yaml`, as the official SDKs
//! test theirs (and then skip every RealtimeKit test, because their mock answers 401 to the
//! credentials they send). Every request must pass Prism's validation of the spec, and every
//! answer, example or generated from the schemas, must decode.

use std::time::Duration;

use client_tests::prism::Prism;
use client_tests::seeds::{ACCOUNT_ID, TOKEN, id};
use cloudflare_realtimekit::header::{HeaderMap, HeaderName, HeaderValue};
use cloudflare_realtimekit::models::{AddParticipantRequest, ParticipantDetailsFilter};
use cloudflare_realtimekit::{Client, Error, RequestOptions, Response, RetryPolicy, Uri};
use uuid::Uuid;

fn client(prism: &Prism) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(prism.url())
        .retry_policy(RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)))
        // Unpaced: hundreds of calls check the wire format here; pacing is tested elsewhere.
        .without_rate_limits()
        .build()
        .unwrap()
}

fn prefer(value: &'static str) -> RequestOptions {
    RequestOptions::new().header(HeaderName::from_static("prefer"), HeaderValue::from_static(value))
}

/// Prism reports what it found wrong with a request in `sl-violations`.
fn assert_valid(prism: &Prism, call: &str, headers: &HeaderMap) {
    if let Some(violations) = headers.get("sl-violations") {
        panic!(
            "Prism rejected {call}: {}\n{}",
            violations.to_str().unwrap_or("?"),
            prism.validation_problems().join("\n")
        );
    }
}

fn checked<T>(prism: &Prism, call: &str, result: Result<Response<T>, Error>) -> T {
    match result {
        Ok(response) => {
            assert_valid(prism, call, response.headers());
            response.into_body()
        }
        Err(error) => {
            if let Some(api) = error.api_error() {
                assert_valid(prism, call, api.headers());
            }
            panic!("{call} failed: {error}\n{}", prism.log().join("\n"));
        }
    }
}

#[tokio::test]
async fn every_operation_with_required_and_with_all_arguments_passes_prisms_validation() {
    let prism = Prism::start();
    let client = client(&prism);
    let meetings = client.meetings();
    let sessions = client.sessions();

    let one = checked(
        &prism,
        "get_meeting_participant",
        meetings.get_meeting_participant(ACCOUNT_ID, "app", id(), "p-1").send_with_response().await,
    );
    assert!(one.success);
    checked(
        &prism,
        "get_meeting_participant (other ids)",
        meetings.get_meeting_participant("a", "b", Uuid::nil(), "user@example.com").send_with_response().await,
    );

    let page = checked(
        &prism,
        "get_meeting_participants",
        meetings.get_meeting_participants(ACCOUNT_ID, "app", id()).send_with_response().await,
    );
    assert!(!page.data.is_empty());
    checked(
        &prism,
        "get_meeting_participants with paging",
        meetings.get_meeting_participants(ACCOUNT_ID, "app", id()).page_no(2).per_page(25).send_with_response().await,
    );

    let added = checked(
        &prism,
        "add_participant",
        meetings
            .add_participant(ACCOUNT_ID, "app", id(), AddParticipantRequest::new("user-1", "group_call_host"))
            .send_with_response()
            .await,
    );
    assert!(added.data.is_some());
    let everything = AddParticipantRequest::new("user-2", "webinar_viewer")
        .with_name("Ada Lovelace")
        .with_picture(Uri::parse("https://example.com/ada.png").unwrap());
    checked(
        &prism,
        "add_participant with every field",
        meetings.add_participant(ACCOUNT_ID, "app", id(), everything).send_with_response().await,
    );

    checked(
        &prism,
        "GetParticipantDetails",
        sessions.get_participant_details(ACCOUNT_ID, "app", id(), id()).send_with_response().await,
    );
    let details = checked(
        &prism,
        "GetParticipantDetails with every parameter",
        sessions
            .get_participant_details(ACCOUNT_ID, "app", id(), id())
            .filters([
                ParticipantDetailsFilter::DeviceInfo,
                ParticipantDetailsFilter::IpInformation,
                ParticipantDetailsFilter::PrecallNetworkInformation,
                ParticipantDetailsFilter::Events,
                ParticipantDetailsFilter::QualityStats,
            ])
            .include_peer_events(true)
            .send_with_response()
            .await,
    );
    assert!(details.data.is_some());

    let problems = prism.validation_problems();
    assert!(problems.is_empty(), "Prism's validator complained:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn named_examples_and_generated_answers_all_decode() {
    let prism = Prism::start();
    let client = client(&prism);

    let with_events = checked(
        &prism,
        "GetParticipantDetails (example with_peer_events)",
        client
            .sessions()
            .get_participant_details(ACCOUNT_ID, "app", id(), id())
            .include_peer_events(true)
            .with_options(prefer("example=with_peer_events"))
            .send_with_response()
            .await,
    );
    let events = with_events.data.unwrap().participant.unwrap().peer_events.unwrap();
    assert_eq!(events[0].event_name.as_ref().map(|name| name.as_str()), Some("PEER_CREATED"));

    // Prism makes up answers from the schemas: optional and nullable fields come and go, so
    // many rounds meet them in every combination.
    for round in 0..40 {
        let dynamic = || prefer("dynamic=true");
        let meetings = client.meetings();
        checked(
            &prism,
            &format!("round {round}: get_meeting_participant"),
            meetings
                .get_meeting_participant(ACCOUNT_ID, "app", id(), "p")
                .with_options(dynamic())
                .send_with_response()
                .await,
        );
        checked(
            &prism,
            &format!("round {round}: get_meeting_participants"),
            meetings
                .get_meeting_participants(ACCOUNT_ID, "app", id())
                .with_options(dynamic())
                .send_with_response()
                .await,
        );
        checked(
            &prism,
            &format!("round {round}: add_participant"),
            meetings
                .add_participant(ACCOUNT_ID, "app", id(), AddParticipantRequest::new("c", "p"))
                .with_options(dynamic())
                .send_with_response()
                .await,
        );
        checked(
            &prism,
            &format!("round {round}: GetParticipantDetails"),
            client
                .sessions()
                .get_participant_details(ACCOUNT_ID, "app", id(), id())
                .include_peer_events(true)
                .with_options(dynamic())
                .send_with_response()
                .await,
        );
    }
    let problems = prism.validation_problems();
    assert!(problems.is_empty(), "Prism's validator complained:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn error_answers_carry_the_apis_code_and_message() {
    let prism = Prism::start();
    let client = client(&prism);

    for (status, code) in [
        (400, "code=400"),
        (401, "code=401"),
        (403, "code=403"),
        (404, "code=404"),
        (429, "code=429"),
        (500, "code=500"),
    ] {
        let error = client
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, "app", id(), "p")
            .with_options(prefer(code).max_retries(0))
            .await
            .expect_err("Prism answers the status asked for");
        let api = error.api_error().unwrap_or_else(|| panic!("{status}: {error:?}"));
        assert_valid(&prism, code, api.headers());
        assert_eq!(api.status().as_u16(), status);
        // The spec's example error body.
        assert_eq!(api.code(), Some(500), "{status}: {error}");
        assert_eq!(api.message(), Some("Internal server error"), "{status}: {error}");
    }

    // Generated error bodies come in either shape the spec allows; both give a code and a message.
    for round in 0..30 {
        let error = client
            .meetings()
            .add_participant(ACCOUNT_ID, "app", id(), AddParticipantRequest::new("c", "p"))
            .with_options(prefer("code=422, dynamic=true"))
            .await
            .expect_err("a 422");
        let Error::UnprocessableEntity(api) = &error else { panic!("round {round}: {error:?}") };
        assert!(
            api.code().is_some() && api.message().is_some(),
            "round {round}: {error}\n{}",
            String::from_utf8_lossy(api.body())
        );
    }

    let problems = prism.validation_problems();
    assert!(problems.is_empty(), "Prism's validator complained:\n{}", problems.join("\n"));
}
