//! The generated crate's test doubles (`mock` feature): typed expectations and answers, the
//! document's contract checked on every request, recorded requests and `times`.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use client_tests::seeds::{ACCOUNT_ID, APP_ID, id};
use cloudflare_realtimekit::Error;
use cloudflare_realtimekit::meetings::{AddParticipant, GetMeetingParticipants};
use cloudflare_realtimekit::mock::{
    GetMeetingParticipantsParams, GetMeetingParticipantsQuery as _, GetParticipantDetailsQuery as _, MockApi,
};
use cloudflare_realtimekit::models::{
    AddParticipantRequest, AddParticipantResponse, EnvelopeErrorBody, ErrorBody, ErrorDetail,
    GetMeetingParticipantResponse, GetMeetingParticipantsResponse, GetParticipantDetailsResponse, Paging, Participant,
    ParticipantDetailsFilter, ParticipantWithToken,
};
use futures_util::FutureExt as _;
use serde_json::json;

fn participant(custom_id: &str) -> Participant {
    let at = "2019-12-27T18:11:19.117Z".parse().expect("a date-time");
    Participant::new(at, custom_id, id(), "host", at)
}

fn added(custom_id: &str) -> AddParticipantResponse {
    let at = "2019-12-27T18:11:19.117Z".parse().expect("a date-time");
    AddParticipantResponse::new(true).with_data(ParticipantWithToken::new(at, custom_id, id(), "host", "token", at))
}

/// The message `verify` panics with, or `None` when it passes.
async fn verify_failure(mock: &MockApi) -> Option<String> {
    let outcome = AssertUnwindSafe(mock.verify()).catch_unwind().await;
    outcome.err().map(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|text| (*text).to_owned()))
            .unwrap_or_default()
    })
}

#[tokio::test]
async fn an_expectation_answers_with_the_crates_own_types_and_matches_path_parameters() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .respond(GetMeetingParticipantResponse::new(participant("alice"), true))
        .times(1)
        .mount()
        .await;

    let answer = mock
        .client()
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .await
        .expect("the mock answers");
    assert_eq!(answer.data.custom_participant_id, "alice");
    mock.verify().await;
}

#[tokio::test]
async fn the_body_predicate_picks_the_answer_and_received_requests_are_typed() {
    let mock = MockApi::start().await;
    for name in ["alice", "bob"] {
        mock.add_participant(ACCOUNT_ID, APP_ID, id())
            .body(move |body: &AddParticipantRequest| body.custom_participant_id == name)
            .respond(added(&format!("{name}-added")))
            .mount()
            .await;
    }
    let client = mock.client();

    for name in ["bob", "alice"] {
        let answer = client
            .meetings()
            .add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new(name, "host"))
            .await
            .expect("the mock answers");
        assert_eq!(answer.data.expect("data").custom_participant_id, format!("{name}-added"));
    }

    let received = mock.received::<AddParticipant>().await;
    let names: Vec<&str> =
        received.iter().map(|request| request.body.as_ref().expect("a body").custom_participant_id.as_str()).collect();
    assert_eq!(names, ["bob", "alice"]);
    assert_eq!(received[0].params.meeting_id, id());
    assert_eq!(received[0].params.account_id, ACCOUNT_ID);
}

#[tokio::test]
async fn query_values_are_matched_and_recorded() {
    let mock = MockApi::start().await;
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .query_per_page(2)
        .respond(GetMeetingParticipantsResponse::new(vec![participant("a")], Paging::new(1.0, 1.0, 1.0), true))
        .mount()
        .await;

    let page = mock
        .client()
        .meetings()
        .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .per_page(2)
        .await
        .expect("the mock answers");
    assert_eq!(page.data.len(), 1);
    let received = mock.received::<GetMeetingParticipants>().await;
    assert_eq!(received[0].params.per_page, Some(2.0));
    assert_eq!(received[0].params.page_no, None);
    assert_eq!(received[0].url.query(), Some("per_page=2"));
}

#[tokio::test]
async fn typed_query_matchers_send_lists_and_enums_as_the_client_does() {
    let mock = MockApi::start().await;
    mock.get_participant_details(ACCOUNT_ID, APP_ID, id(), id())
        .query_filters([ParticipantDetailsFilter::DeviceInfo, ParticipantDetailsFilter::Events])
        .query_include_peer_events(true)
        .respond(GetParticipantDetailsResponse::new())
        .times(1)
        .mount()
        .await;
    let client = mock.client();
    let details = || client.sessions().get_participant_details(ACCOUNT_ID, APP_ID, id(), id());

    details()
        .filters([ParticipantDetailsFilter::DeviceInfo, ParticipantDetailsFilter::Events])
        .include_peer_events(true)
        .await
        .expect("the matcher accepts what the client sends");
    // Another filter does not match, and the mock reports it.
    let error = details().filters([ParticipantDetailsFilter::Events]).include_peer_events(true).await;
    assert!(matches!(error, Err(Error::NotFound(_))), "{error:?}");
    let message = verify_failure(&mock).await.expect("the second request matched nothing");
    assert!(message.contains("no expectation matches") && message.contains("filters=events"), "{message}");
}

#[tokio::test]
async fn a_predicate_on_the_typed_parameters_picks_the_answer() {
    let mock = MockApi::start().await;
    let page = |custom_id: &str| {
        GetMeetingParticipantsResponse::new(vec![participant(custom_id)], Paging::new(1.0, 1.0, 1.0), true)
    };
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .params(|params: &GetMeetingParticipantsParams| params.page_no.is_some_and(|page| page >= 2.0))
        .respond(page("later"))
        .mount()
        .await;
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id()).respond(page("first")).mount().await;
    let client = mock.client();
    let list = |number: u32| client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).page_no(number);

    assert_eq!(list(1).await.expect("answered").data[0].custom_participant_id, "first");
    assert_eq!(list(3).await.expect("answered").data[0].custom_participant_id, "later");
    let pages: Vec<Option<f64>> =
        mock.received::<GetMeetingParticipants>().await.iter().map(|request| request.params.page_no).collect();
    assert_eq!(pages, [Some(1.0), Some(3.0)]);
}

#[tokio::test]
async fn path_parameters_are_matched_as_the_crates_types() {
    let mock = MockApi::start().await;
    let upper = id().to_string().to_uppercase();
    mock.get_participant_details(ACCOUNT_ID, APP_ID, id(), id())
        .respond(GetParticipantDetailsResponse::new())
        .times(1)
        .mount()
        .await;

    // The same UUID written in capitals is the same value.
    let path = format!("/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/sessions/{upper}/participants/{upper}");
    let status = reqwest::get(format!("{}{path}", mock.uri())).await.expect("answered").status();
    assert_eq!(status, 200);
    mock.verify().await;
}

#[tokio::test]
async fn an_api_error_is_answered_with_its_status_and_body() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "gone")
        .error(404, ErrorBody::new(ErrorDetail::new(404, "Participant not found"), false))
        .mount()
        .await;

    let error =
        mock.client().meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "gone").await.expect_err("a 404");
    let Error::NotFound(api) = &error else { panic!("expected NotFound, got {error:?}") };
    assert_eq!(api.message(), Some("Participant not found"));
}

#[tokio::test]
async fn a_sequence_answers_in_order_and_repeats_the_last() {
    let mock = MockApi::start().await;
    mock.add_participant(ACCOUNT_ID, APP_ID, id())
        .error(429, EnvelopeErrorBody::new(vec![ErrorDetail::new(10429, "slow down")], false))
        .header("retry-after", 7)
        .respond(added("late"))
        .times(3)
        .mount()
        .await;
    let client = mock.client();
    let call = || client.meetings().add_participant(ACCOUNT_ID, APP_ID, id(), AddParticipantRequest::new("x", "host"));

    let error = call().await.expect_err("429 first");
    let Error::RateLimited(api) = &error else { panic!("expected RateLimited, got {error:?}") };
    assert_eq!(api.retry_after(), Some(Duration::from_secs(7)));
    // Cloudflare's `errors[]` shape, read as RealtimeKit's `error{}` is.
    assert_eq!(api.message(), Some("slow down"));
    for _ in 0..2 {
        assert_eq!(call().await.expect("then 200").data.expect("data").custom_participant_id, "late");
    }
    mock.verify().await;
}

#[tokio::test]
async fn a_delayed_answer_meets_the_clients_timeout() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "slow")
        .respond(GetMeetingParticipantResponse::new(participant("slow"), true))
        .delay(Duration::from_millis(500))
        .mount()
        .await;
    let client = mock.client_builder().timeout(Duration::from_millis(100)).build().expect("client builds");

    let started = Instant::now();
    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "slow").await.expect_err("late");
    assert!(matches!(error, Error::Timeout(_)), "expected Timeout, got {error:?}");
    assert!(started.elapsed() < Duration::from_millis(450), "the delay was not applied: {:?}", started.elapsed());
}

#[tokio::test]
async fn unmet_times_fail_verify_and_pass_once_met() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .respond(GetMeetingParticipantResponse::new(participant("a"), true))
        .times(1)
        .mount()
        .await;

    let message = verify_failure(&mock).await.expect("verify fails before the call");
    assert!(message.contains("get_meeting_participant"), "{message}");
    mock.client().meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1").await.expect("answered");
    assert_eq!(verify_failure(&mock).await, None);
}

/// Sends a raw request to the mock, as a buggy client would, and returns the status and the
/// message `verify` fails with.
async fn violation(method: &str, path_and_query: &str, body: Option<serde_json::Value>) -> (u16, String) {
    let mock = MockApi::start().await;
    // An expectation for every operation, so that only the contract can refuse a request.
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id()).mount().await;
    mock.add_participant(ACCOUNT_ID, APP_ID, id()).mount().await;
    let http = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = http.request(method, format!("{}{path_and_query}", mock.uri()));
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_string());
    }
    let status = request.send().await.expect("the mock answers").status().as_u16();
    let message = verify_failure(&mock).await.expect("verify fails");
    (status, message)
}

fn participants_path() -> String {
    format!("/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{}/participants", id())
}

#[tokio::test]
async fn an_unknown_path_fails_the_test() {
    let (status, message) = violation("GET", "/accounts/a/nothing", None).await;
    assert_eq!(status, 400);
    assert!(message.contains("GET /accounts/a/nothing: no operation of the document has this path"), "{message}");
}

#[tokio::test]
async fn a_wrong_method_fails_the_test_naming_the_methods_there_are() {
    let (_, message) = violation("DELETE", &participants_path(), None).await;
    assert!(
        message.contains(
            "the document has no DELETE for this path; it has GET (get_meeting_participants), POST (add_participant)"
        ),
        "{message}"
    );
}

#[tokio::test]
async fn a_query_value_of_the_wrong_type_fails_the_test() {
    let (_, message) = violation("GET", &format!("{}?per_page=many", participants_path()), None).await;
    assert!(message.contains("get_meeting_participants (GET /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants): query parameter `per_page`: `many` is not a number"), "{message}");
}

#[tokio::test]
async fn a_path_value_of_the_wrong_type_fails_the_test() {
    let path = format!("/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/not-a-uuid/participants");
    let (_, message) = violation("GET", &path, None).await;
    assert!(message.contains("path parameter `meeting_id`: `not-a-uuid`: UUID parsing failed"), "{message}");
}

#[tokio::test]
async fn a_value_outside_its_enum_fails_the_test() {
    let path = format!(
        "/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/sessions/{}/participants/{}?filters=device_info,bogus",
        id(),
        id()
    );
    let (_, message) = violation("GET", &path, None).await;
    assert!(message.contains("get_participant_details (operationId GetParticipantDetails, GET "), "{message}");
    assert!(message.contains("query parameter `filters`: item 1: `bogus` is not one of `device_info`"), "{message}");
}

#[tokio::test]
async fn a_missing_required_body_field_fails_the_test() {
    let (_, message) = violation("POST", &participants_path(), Some(json!({"custom_participant_id": "x"}))).await;
    assert!(message.contains("add_participant (POST "), "{message}");
    assert!(message.contains("request body: missing field `preset_name`"), "{message}");
}

#[tokio::test]
async fn a_body_field_of_the_wrong_type_fails_the_test_with_its_path() {
    let body = json!({"custom_participant_id": "x", "preset_name": 5});
    let (_, message) = violation("POST", &participants_path(), Some(body)).await;
    assert!(message.contains("request body: at `preset_name`: invalid type: integer `5`"), "{message}");
}

#[tokio::test]
async fn a_missing_required_body_fails_the_test() {
    let (_, message) = violation("POST", &participants_path(), None).await;
    assert!(message.contains("add_participant (POST "), "{message}");
    assert!(message.contains("the required request body is missing"), "{message}");
}

#[tokio::test]
async fn a_valid_request_no_expectation_matches_fails_the_test() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "expected").mount().await;

    let error = mock
        .client()
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "other")
        .await
        .expect_err("no expectation");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    let message = verify_failure(&mock).await.expect("verify fails");
    assert!(message.contains("get_meeting_participant (GET "), "{message}");
    assert!(message.contains("no expectation matches GET") && message.contains("/participants/other"), "{message}");
    // The expectation for `expected` was never met but has no `times`, so it is not a failure.
}

#[tokio::test]
async fn a_dropped_connection_is_a_connection_error() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1").drop_connection().times(1).mount().await;

    let error = mock
        .client()
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .await
        .expect_err("the connection is dropped");
    assert!(matches!(error, Error::Connection(_)), "expected Connection, got {error:?}");
    mock.verify().await;
}

#[tokio::test]
async fn a_dropped_connection_then_an_answer_is_retried_by_a_client_that_retries() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .drop_connection()
        .respond(GetMeetingParticipantResponse::new(participant("after"), true))
        .times(2)
        .mount()
        .await;
    let client = mock.client_builder().max_retries(1).build().expect("client builds");

    let answer = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1").await.expect("retried");
    assert_eq!(answer.data.custom_participant_id, "after");
    mock.verify().await;
}

/// Under a paused clock Tokio moves time forward whenever the runtime is idle, waiting on the
/// mock's socket included: the retries' backoff is skipped, and an attempt's timeout must not be.
#[tokio::test(start_paused = true)]
async fn a_paused_clock_skips_the_backoff_and_never_times_an_answer_out() {
    let mock = MockApi::start().await;
    let client = mock.client_builder().max_retries(3).build().expect("client builds");
    let started = Instant::now();

    for round in 0..60 {
        let participant_id = format!("p{round}");
        mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), &participant_id)
            .status(503)
            .status(503)
            .respond(GetMeetingParticipantResponse::new(participant(&participant_id), true))
            .times(3)
            .mount()
            .await;
        let answer = client
            .meetings()
            .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), &participant_id)
            .await
            .unwrap_or_else(|error| panic!("round {round}: {error}"));
        assert_eq!(answer.data.custom_participant_id, participant_id);
    }
    mock.verify().await;
    // Two backoffs of 0.4 s to 1 s a round, 120 in all, skipped by the paused clock.
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn under_a_paused_clock_a_server_that_does_not_answer_still_times_out_in_real_time() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "slow")
        .respond(GetMeetingParticipantResponse::new(participant("slow"), true))
        .delay(Duration::from_secs(20))
        .mount()
        .await;
    let client = mock.client_builder().timeout(Duration::from_millis(300)).build().expect("client builds");
    let started = Instant::now();

    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "slow").await.expect_err("late");

    assert!(matches!(error, Error::Timeout(_)), "expected Timeout, got {error:?}");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(300) && took < Duration::from_secs(5), "took {took:?}");
}
