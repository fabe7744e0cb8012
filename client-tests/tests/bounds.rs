//! The document's bounds (`minimum`, `maxLength`...), refused by the client before sending and
//! by the test doubles on every request; the doubles' problems read without a panic; fixtures
//! of answers written in one expression.

use std::time::Duration;

use client_tests::seeds::{ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::meetings::GetMeetingParticipants;
use cloudflare_realtimekit::mock::MockApi;
use cloudflare_realtimekit::models::{
    GetMeetingParticipantResponse, GetParticipantDetailsResponse, GetParticipantDetailsResponseData, Participant,
    PeerEvent, PeerEventEventName, SessionParticipant,
};
use cloudflare_realtimekit::{Client, Error};

fn participant() -> Participant {
    let at = "2019-12-27T18:11:19.117Z".parse().expect("a date-time");
    Participant::new(at, "alice", id(), "host", at)
}

#[tokio::test]
async fn the_client_refuses_numbers_outside_their_bounds_and_nan_before_sending() {
    let server = TestServer::start(|_| Reply::status(500)).await;
    let client = Client::builder().token(TOKEN).base_url(server.url()).build().expect("a client");
    let list = || client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id());

    for (call, parameter, reason) in [
        (list().per_page(-1), "per_page", "is -1; the API accepts at least 0"),
        (list().page_no(-3), "page_no", "is -3; the API accepts at least 0"),
        (list().per_page(f64::NAN), "per_page", "is NaN, which is not a number JSON can carry"),
        (list().page_no(f64::INFINITY), "page_no", "is inf, which is not a number JSON can carry"),
    ] {
        let Err(Error::InvalidArgument(error)) = call.await else { panic!("{parameter} {reason}: not refused") };
        assert_eq!(error.parameter(), parameter);
        assert!(error.to_string().contains(reason), "{error}");
    }
    let long = "a".repeat(33);
    let refused = client.meetings().get_meeting_participants(&long, APP_ID, id()).await;
    assert!(matches!(refused, Err(Error::InvalidArgument(_))), "{refused:?}");
    assert_eq!(server.count(), 0, "nothing was sent");
}

/// Sends a raw request to the mock, as a buggy client would, and returns the problems found.
async fn problems_of(path_and_query: &str) -> (u16, Vec<String>) {
    let mock = MockApi::start().await;
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id()).mount().await;
    let status = reqwest::get(format!("{}{path_and_query}", mock.uri())).await.expect("answered").status().as_u16();
    (status, mock.take_problems())
}

fn participants_path() -> String {
    format!("/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{}/participants", id())
}

#[tokio::test]
async fn the_doubles_refuse_values_outside_the_documents_bounds_naming_each() {
    let (status, problems) = problems_of(&format!("{}?per_page=-1", participants_path())).await;
    assert_eq!(status, 400);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("get_meeting_participants (GET /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants): query parameter `per_page`: is -1; the API accepts at least 0"),
        "{problems:?}"
    );

    let (status, problems) = problems_of(&format!("{}?page_no=-3&per_page=NaN", participants_path())).await;
    assert_eq!(status, 400);
    let all = problems.join("\n");
    assert!(all.contains("query parameter `page_no`: is -3; the API accepts at least 0"), "{all}");
    assert!(all.contains("query parameter `per_page`: `NaN` is not a number"), "{all}");

    let long = "a".repeat(33);
    let path = format!("/accounts/{long}/realtime/kit/{APP_ID}/meetings/{}/participants", id());
    let (status, problems) = problems_of(&path).await;
    assert_eq!(status, 400);
    assert!(
        problems.join("\n").contains("path parameter `account_id`: is 33 characters long; the API accepts at most 32"),
        "{problems:?}"
    );

    let (status, problems) = problems_of(&format!("{}?page_no=0&per_page=50", participants_path())).await;
    assert_eq!((status, problems), (200, Vec::<String>::new()), "values within the bounds pass");
}

#[tokio::test]
async fn problems_are_read_without_a_panic_and_not_reported_twice() {
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1")
        .respond(GetMeetingParticipantResponse::new(participant(), true))
        .times(2)
        .mount()
        .await;
    mock.client().meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p1").await.expect("answered");
    let error = mock.client().meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "other").await;
    assert!(matches!(error, Err(Error::NotFound(_))), "{error:?}");

    let problems = mock.take_problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("get_meeting_participant (GET ") && problems[0].contains("no expectation matches"));
    // `times` is counted by the doubles and said in the words of every other problem.
    assert!(
        problems[1].starts_with("get_meeting_participant (GET /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}): expected 2 requests (`times(2)`), received 1"),
        "{problems:?}"
    );
    // Taken: neither `verify` nor the drop at the end of the test reports them again.
    mock.verify().await;
}

#[tokio::test]
async fn an_operation_whose_method_differs_from_its_operation_id_is_named_both_ways() {
    let mock = MockApi::start().await;
    mock.get_participant_details(ACCOUNT_ID, APP_ID, id(), id()).times(1).mount().await;
    let problems = mock.take_problems();
    assert_eq!(
        problems,
        [
            "get_participant_details (operationId GetParticipantDetails, GET /accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}): expected 1 request (`times(1)`), received 0"
        ]
    );
}

#[tokio::test]
async fn a_received_request_has_the_url_the_client_sent_it_to() {
    let mock = MockApi::start().await;
    mock.get_meeting_participants(ACCOUNT_ID, APP_ID, id()).mount().await;
    let client = mock.client_builder().timeout(Duration::from_secs(5)).build().expect("a client");
    let answer = client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).per_page(5).send().await;
    assert!(answer.is_err(), "the expectation answers 200 with no body: {answer:?}");
    let received = mock.received::<GetMeetingParticipants>().await;
    let expected = format!("{}{}?per_page=5", mock.uri(), participants_path());
    assert!(mock.uri().starts_with("http://127.0.0.1:"), "{}", mock.uri());
    assert_eq!(received[0].url.as_str(), expected);
}

#[test]
fn an_answer_with_nested_optional_parts_is_one_expression() {
    let details = GetParticipantDetailsResponse::new().with_success(true).with_data(
        GetParticipantDetailsResponseData::new().with_participant(
            SessionParticipant::new().with_display_name("Ada").with_peer_events(vec![
                PeerEvent::new().with_event_name(PeerEventEventName::PeerJoining).with_minutes_consumed(2.5),
            ]),
        ),
    );
    let participant = details.data.and_then(|data| data.participant).expect("set");
    assert_eq!(participant.display_name.as_deref(), Some("Ada"));
    assert_eq!(participant.peer_events.expect("set")[0].minutes_consumed, Some(2.5));
}
