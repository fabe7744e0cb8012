//! Values survive the trip: examples round-trip, enums stay open, absent is not null, and
//! parameters go on the wire exactly as the API expects them.

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::models::{
    AddParticipantRequest, AddParticipantResponse, GetMeetingParticipantResponse, GetMeetingParticipantsResponse,
    GetParticipantDetailsResponse, ParticipantDetailsFilter, PeerEventEventName, PeerEventPresetViewType,
};
use cloudflare_realtimekit::{Client, Error, Nullable};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn client(server: &TestServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.url()).build().unwrap()
}

fn round_trip<T: Serialize + DeserializeOwned>(example: Value) {
    let decoded: T = serde_json::from_value(example.clone()).unwrap_or_else(|error| panic!("{error}: {example}"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), example);
}

#[test]
fn every_example_of_the_seed_pages_decodes_and_encodes_back_unchanged() {
    round_trip::<GetMeetingParticipantResponse>(seeds::get_meeting_participant());
    round_trip::<GetMeetingParticipantsResponse>(seeds::get_meeting_participants());
    round_trip::<AddParticipantResponse>(seeds::add_participant());
    round_trip::<GetParticipantDetailsResponse>(seeds::get_participant_details());
    round_trip::<GetParticipantDetailsResponse>(seeds::get_participant_details_with_peer_events());
}

#[test]
fn enum_values_the_spec_does_not_list_decode_and_encode_back_unchanged() {
    let mut body = seeds::get_participant_details_with_peer_events();
    body["data"]["participant"]["peer_events"][0]["event_name"] = json!("PEER_RECONNECTED");
    body["data"]["participant"]["peer_events"][0]["preset_view_type"] = json!("STAGE");

    let decoded: GetParticipantDetailsResponse = serde_json::from_value(body.clone()).unwrap();

    let event = &decoded.data.as_ref().unwrap().participant.as_ref().unwrap().peer_events.as_ref().unwrap()[0];
    assert_eq!(event.event_name, Some(PeerEventEventName::Unknown("PEER_RECONNECTED".to_owned())));
    assert_eq!(event.preset_view_type.value().map(|view| view.as_str()), Some("STAGE"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), body);
    // Known values still decode as themselves.
    assert_eq!(PeerEventPresetViewType::from("WEBINAR"), PeerEventPresetViewType::Webinar);
    assert_eq!(PeerEventEventName::KNOWN.len(), 3);
}

#[tokio::test]
async fn an_optional_nullable_field_can_be_absent_null_or_a_value_in_a_request() {
    let server = TestServer::start(|_| Reply::json(201, &seeds::add_participant())).await;
    let client = client(&server);
    let absent = AddParticipantRequest::new("c", "p");
    let mut null = AddParticipantRequest::new("c", "p");
    null.name = Nullable::Null;
    let value = AddParticipantRequest::new("c", "p")
        .with_name("Ada")
        .with_picture("https://example.com/ada.png".parse::<cloudflare_realtimekit::Uri>().unwrap());

    for body in [absent, null, value] {
        client.meetings().add_participant(ACCOUNT_ID, APP_ID, id(), body).await.unwrap();
    }

    let bodies: Vec<Value> = server.requests().iter().map(|request| request.json()).collect();
    assert_eq!(bodies[0], json!({"custom_participant_id": "c", "preset_name": "p"}));
    assert_eq!(bodies[1], json!({"custom_participant_id": "c", "preset_name": "p", "name": null}));
    assert_eq!(
        bodies[2],
        json!({"custom_participant_id": "c", "preset_name": "p", "name": "Ada", "picture": "https://example.com/ada.png"})
    );
}

#[test]
fn a_response_decodes_both_null_and_absence_and_keeps_them_apart() {
    let mut with_null = seeds::get_meeting_participant();
    with_null["data"]["name"] = Value::Null;
    let mut without = seeds::get_meeting_participant();
    without["data"].as_object_mut().unwrap().remove("name");

    let null: GetMeetingParticipantResponse = serde_json::from_value(with_null.clone()).unwrap();
    let absent: GetMeetingParticipantResponse = serde_json::from_value(without.clone()).unwrap();

    assert_eq!(null.data.name, Nullable::Null);
    assert_eq!(absent.data.name, Nullable::Absent);
    assert_eq!(null.data.name.value(), None);
    assert_eq!(serde_json::to_value(&null).unwrap(), with_null);
    assert_eq!(serde_json::to_value(&absent).unwrap(), without);
}

#[tokio::test]
async fn a_peer_event_with_the_fields_the_service_sends_as_null_decodes() {
    // Cloudflare's document marks these nullable and the service sends `null` in them; the
    // seed page only says optional. One event has them `null`, the other leaves them out.
    const NULLABLE: [&str; 4] = ["participant_id", "preset_view_type", "session_id", "socket_session_id"];
    let mut body = seeds::get_participant_details_with_peer_events();
    let events = body["data"]["participant"]["peer_events"].as_array_mut().unwrap();
    let mut absent = events[0].clone();
    for field in NULLABLE {
        events[0][field] = Value::Null;
        absent.as_object_mut().unwrap().remove(field);
    }
    events.push(absent);
    let reply = body.clone();
    let server = TestServer::start(move |_| Reply::json(200, &reply)).await;

    let answer = client(&server)
        .sessions()
        .get_participant_details(ACCOUNT_ID, APP_ID, id(), id())
        .include_peer_events(true)
        .await
        .expect("null is a value these fields can have");

    let participant = answer.data.as_ref().unwrap().participant.as_ref().unwrap();
    let [null, absent] = participant.peer_events.as_deref().unwrap() else { panic!("two events") };
    assert_eq!(null.participant_id, Nullable::Null);
    assert_eq!(null.preset_view_type, Nullable::Null);
    assert_eq!(null.session_id, Nullable::Null);
    assert_eq!(null.socket_session_id, Nullable::Null);
    assert_eq!(absent.participant_id, Nullable::Absent);
    assert_eq!(absent.preset_view_type, Nullable::Absent);
    assert_eq!(absent.session_id, Nullable::Absent);
    assert_eq!(absent.socket_session_id, Nullable::Absent);
    assert_eq!(null.peer_id.as_deref(), Some("peer_id"), "the other fields decode as before");
    // Both read as no value, and each encodes back as it came.
    assert_eq!(null.session_id.value(), absent.session_id.value());
    assert_eq!(serde_json::to_value(&answer).unwrap(), body);
}

#[test]
fn fields_the_spec_does_not_have_are_ignored() {
    let mut body = seeds::get_meeting_participant();
    body["data"]["role"] = json!({"kind": "host", "since": 3});
    body["request_id"] = json!("abc");

    let decoded: GetMeetingParticipantResponse = serde_json::from_value(body).unwrap();

    assert_eq!(decoded.data.id, id());
}

#[tokio::test]
async fn unparseable_uuids_and_uris_are_decode_errors_naming_the_field() {
    for (field, bad) in [("id", "not-a-uuid"), ("picture", "not a uri"), ("created_at", "2019-13-45")] {
        let mut body = seeds::get_meeting_participant();
        body["data"][field] = json!(bad);
        let server = TestServer::start(move |_| Reply::json(200, &body)).await;

        let error =
            client(&server).meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p").await.expect_err(bad);

        let Error::Decode(decode) = &error else { panic!("{field}: expected Decode, got {error:?}") };
        assert_eq!(decode.path(), format!("data.{field}"));
    }
}

#[tokio::test]
async fn query_parameters_go_out_byte_for_byte_as_the_api_expects() {
    let server = TestServer::start(|request| {
        if request.path.contains("/sessions/") {
            Reply::json(200, &seeds::get_participant_details())
        } else {
            Reply::json(200, &seeds::get_meeting_participants())
        }
    })
    .await;
    let client = client(&server);
    let meetings = || client.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id());
    let details = || client.sessions().get_participant_details(ACCOUNT_ID, APP_ID, id(), id());

    meetings().page_no(1.0).per_page(100).await.unwrap();
    meetings().page_no(2.5).await.unwrap();
    meetings().per_page(0).await.unwrap();
    meetings().await.unwrap();
    details()
        .filters([
            ParticipantDetailsFilter::DeviceInfo,
            ParticipantDetailsFilter::IpInformation,
            ParticipantDetailsFilter::PrecallNetworkInformation,
            ParticipantDetailsFilter::Events,
            ParticipantDetailsFilter::QualityStats,
        ])
        .include_peer_events(false)
        .await
        .unwrap();
    details().filters(["quality_stats", "a filter added later"]).await.unwrap();
    details().include_peer_events(true).await.unwrap();

    let queries: Vec<Option<String>> = server.requests().into_iter().map(|request| request.query).collect();
    assert_eq!(
        queries,
        vec![
            Some("page_no=1&per_page=100".to_owned()),
            Some("page_no=2.5".to_owned()),
            Some("per_page=0".to_owned()),
            None,
            Some(
                "filters=device_info,ip_information,precall_network_information,events,quality_stats&include_peer_events=false"
                    .to_owned()
            ),
            Some("filters=quality_stats,a%20filter%20added%20later".to_owned()),
            Some("include_peer_events=true".to_owned()),
        ]
    );
}
