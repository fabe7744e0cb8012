//! An operation's documented error bodies, read as their types without knowing their names,
//! and the API's error details compared with the models' own.

use client_tests::seeds::{ACCOUNT_ID, APP_ID, id};
use cloudflare_realtimekit::meetings::GetMeetingParticipant;
use cloudflare_realtimekit::mock::MockApi;
use cloudflare_realtimekit::models::{EnvelopeErrorBody, ErrorBody, ErrorDetail, ErrorResponse};

#[tokio::test]
async fn an_error_answer_decodes_as_the_type_the_document_gives_it() {
    let mock = MockApi::start().await;
    let detail = ErrorDetail::new(404, "Participant not found");
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "gone")
        .error(404, ErrorBody::new(detail.clone(), false))
        .mount()
        .await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "limited")
        .error(429, EnvelopeErrorBody::new(vec![ErrorDetail::new(10429, "slow down")], false))
        .mount()
        .await;
    let client = mock.client();

    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "gone").await.expect_err("404");
    let body = error.documented_body::<GetMeetingParticipant>().expect("an answer").expect("decodes");
    let ErrorResponse::ErrorBody(body) = body else { panic!("RealtimeKit's shape: {body:?}") };
    assert_eq!(body.error, detail);
    // What the client read from the answer and the model's own detail compare.
    let api_error = error.api_error().expect("an answer");
    assert_eq!(api_error.details(), [cloudflare_realtimekit::ErrorDetail::from(&body.error)]);

    let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "limited").await.expect_err("429");
    let body = error.api_error().expect("an answer").documented_body::<GetMeetingParticipant>().expect("decodes");
    let ErrorResponse::EnvelopeErrorBody(envelope) = body else { panic!("the gateway's shape: {body:?}") };
    let details: Vec<cloudflare_realtimekit::ErrorDetail> =
        envelope.errors.iter().map(cloudflare_realtimekit::ErrorDetail::from).collect();
    assert_eq!(error.api_error().expect("an answer").details(), details);
}

#[tokio::test]
async fn an_error_that_is_no_answer_has_no_documented_body() {
    let mock = MockApi::start().await;
    let long = "a".repeat(40);
    let error = mock.client().meetings().get_meeting_participant(long, APP_ID, id(), "p").await.expect_err("refused");
    assert!(error.documented_body::<GetMeetingParticipant>().is_none());
}
