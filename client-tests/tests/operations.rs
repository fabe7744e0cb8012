//! Each operation against a real HTTP server on 127.0.0.1: what goes on the wire, and what
//! comes back decoded.

use chrono::{DateTime, Utc};
use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::mock::MockApi;
use cloudflare_realtimekit::models::{
    AddParticipantRequest, ParticipantDetailsFilter, PeerEventEventName, PeerEventPresetViewType,
};
use cloudflare_realtimekit::{Client, Error, Nullable};
use serde_json::json;

fn client(server: &TestServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.url()).build().expect("client builds")
}

fn seed_time() -> DateTime<Utc> {
    "2019-12-27T18:11:19.117Z".parse().expect("a date-time")
}

#[tokio::test]
async fn get_meeting_participant_sends_ids_in_the_path_and_decodes_the_page_example() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;

    let answer = client(&server)
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant_id")
        .await
        .expect("the call succeeds");

    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        format!("/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants/participant_id")
    );
    assert_eq!(request.query, None);
    assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert!(request.body.is_empty());

    assert!(answer.success);
    let participant = &answer.data;
    assert_eq!(participant.id, id());
    assert_eq!(participant.created_at, seed_time());
    assert_eq!(participant.updated_at, seed_time());
    assert_eq!(participant.custom_participant_id, "custom_participant_id");
    assert_eq!(participant.preset_name, "preset_name");
    assert_eq!(participant.name, Nullable::Present("name".to_owned()));
    assert_eq!(participant.picture.value().map(|uri| uri.as_str()), Some("https://example.com"));
    assert_eq!(serde_json::to_value(&answer).unwrap(), seeds::get_meeting_participant());
}

#[tokio::test]
async fn paths_are_appended_to_a_base_url_with_a_path_of_its_own() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = Client::builder().token(TOKEN).base_url(format!("{}/client/v4/", server.url())).build().unwrap();

    client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.unwrap();

    assert_eq!(
        server.only_request().path,
        format!("/client/v4/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants/p")
    );
}

#[tokio::test]
async fn get_meeting_participants_sends_only_the_paging_it_is_given() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participants())).await;
    let client = client(&server);

    let page = client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).await.unwrap();
    client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).page_no(2).per_page(50).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].path, format!("/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants"));
    assert_eq!(requests[0].query, None);
    assert_eq!(requests[1].query.as_deref(), Some("page_no=2&per_page=50"));
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, id());
    assert_eq!((page.paging.start_offset, page.paging.end_offset, page.paging.total_count), (1.0, 30.0, 30.0));
    assert_eq!(serde_json::to_value(&page).unwrap(), seeds::get_meeting_participants());
}

#[tokio::test]
async fn add_participant_posts_the_body_and_reads_the_created_participant() {
    let server = TestServer::start(|_| Reply::json(201, &seeds::add_participant())).await;
    let body = AddParticipantRequest::new("custom_participant_id", "preset_name").with_name("Ada");

    let response = client(&server)
        .meetings()
        .add_participant(ACCOUNT_ID, APP_ID, id(), body)
        .send_with_response()
        .await
        .expect("the call succeeds");

    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, format!("/accounts/{ACCOUNT_ID}/realtime/kit/app_id/meetings/{ID}/participants"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    // `picture` was never set, so it is not sent at all.
    assert_eq!(
        request.json(),
        json!({"custom_participant_id": "custom_participant_id", "preset_name": "preset_name", "name": "Ada"})
    );

    assert_eq!(response.status().as_u16(), 201);
    let created = response.body().data.as_ref().expect("the example has data");
    assert_eq!(created.token, "token");
    assert_eq!(created.id, id());
    assert_eq!(created.created_at, seed_time());
    assert_eq!(serde_json::to_value(response.body()).unwrap(), seeds::add_participant());
}

#[tokio::test]
async fn get_participant_details_sends_filters_as_one_list_and_decodes_peer_events() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_participant_details_with_peer_events())).await;

    let answer = client(&server)
        .sessions()
        .get_participant_details(ACCOUNT_ID, APP_ID, id(), id())
        .filters([ParticipantDetailsFilter::DeviceInfo, ParticipantDetailsFilter::Events])
        .include_peer_events(true)
        .await
        .expect("the call succeeds");

    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("/accounts/{ACCOUNT_ID}/realtime/kit/app_id/sessions/{ID}/participants/{ID}"));
    assert_eq!(request.query.as_deref(), Some("filters=device_info,events&include_peer_events=true"));

    let participant = answer.data.unwrap().participant.unwrap();
    assert_eq!(participant.display_name.as_deref(), Some("display_name"));
    assert_eq!(participant.duration, Some(0.0));
    let event = &participant.peer_events.as_ref().unwrap()[0];
    assert_eq!(event.event_name, Some(PeerEventEventName::PeerCreated));
    assert_eq!(event.preset_view_type, Nullable::Present(PeerEventPresetViewType::GroupCall));
}

#[tokio::test]
async fn get_participant_details_decodes_the_example_without_peer_events() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_participant_details())).await;

    let answer = client(&server).sessions().get_participant_details(ACCOUNT_ID, APP_ID, id(), id()).await.unwrap();

    assert_eq!(server.only_request().query, None);
    let participant = answer.data.as_ref().unwrap().participant.as_ref().unwrap();
    assert_eq!(participant.user_id.as_deref(), Some("user_id"));
    assert!(participant.peer_events.is_none());
    assert_eq!(serde_json::to_value(&answer).unwrap(), seeds::get_participant_details());
}

#[tokio::test]
async fn an_error_answer_carries_the_status_and_the_apis_code_and_message() {
    // The crate's own test doubles; `times(1)` (checked by `verify`) says the 404 is not
    // retried, with the client's retries on.
    let mock = MockApi::start().await;
    mock.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "missing")
        .error(404, json!({"success": false, "error": {"code": 404, "message": "Participant not found"}}))
        .header("cf-ray", "8f1e2d3c4b5a6978-SJC")
        .times(1)
        .mount()
        .await;
    let client = mock.client_builder().max_retries(3).build().expect("client builds");

    let error = client
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "missing")
        .await
        .expect_err("a 404 is an error");

    let Error::NotFound(api) = &error else { panic!("expected NotFound, got {error:?}") };
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.code(), Some(404));
    assert_eq!(api.message(), Some("Participant not found"));
    assert_eq!(error.request_id(), Some("8f1e2d3c4b5a6978-SJC"));
    let message = error.to_string();
    assert!(message.contains("get_meeting_participant") && message.contains("Participant not found"), "{message}");
    mock.verify().await;
}
