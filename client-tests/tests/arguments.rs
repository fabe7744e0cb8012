//! Arguments are checked before anything is sent, and no value can change which endpoint a
//! call reaches.

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::models::AddParticipantRequest;
use cloudflare_realtimekit::{Client, Error};

fn client(server: &TestServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.url()).build().unwrap()
}

/// Percent-decodes one path segment, as a server would.
fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            out.push(u8::from_str_radix(&segment[at + 1..at + 3], 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

const HOSTILE: &[&str] = &[
    "../",
    "../../accounts",
    "a/b",
    "x?admin=true",
    "x#fragment",
    "%2F",
    "%252F",
    "ünïcødé ✓",
    " spaced ",
    "a;b",
    "a\\b",
];

#[tokio::test]
async fn no_value_of_any_path_parameter_can_change_the_endpoint() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server);

    for value in HOSTILE {
        // Every string path parameter, one at a time.
        for position in [0, 1, 3] {
            let meetings = client.meetings();
            let result = match position {
                0 => meetings.get_meeting_participant(*value, APP_ID, id(), "p").await,
                1 => meetings.get_meeting_participant(ACCOUNT_ID, *value, id(), "p").await,
                _ => meetings.get_meeting_participant(ACCOUNT_ID, APP_ID, id(), *value).await,
            };
            result.unwrap_or_else(|error| panic!("{value:?}: {error}"));
            let request = server.requests().pop().unwrap();
            assert_eq!(request.query, None, "{value:?} added a query");
            let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
            let expected = ["accounts", "", "realtime", "kit", "", "meetings", "", "participants", ""];
            assert_eq!(segments.len(), expected.len(), "{value:?} changed the path: {}", request.path);
            let variable = [1, 4, 6, 8];
            for (index, literal) in expected.iter().enumerate() {
                if !variable.contains(&index) {
                    assert_eq!(segments[index], *literal, "{value:?} changed the path: {}", request.path);
                }
            }
            let segment = segments[variable[position]];
            assert_eq!(decode(segment), *value, "{value:?} did not arrive intact: {}", request.path);
        }
    }
}

#[tokio::test]
async fn dot_segments_and_empty_values_are_refused_before_sending() {
    let server = TestServer::start(|_| Reply::json(200, &seeds::get_meeting_participant())).await;
    let client = client(&server);

    for (value, reason) in
        [("", "is empty"), (".", "would change which endpoint"), ("..", "would change which endpoint")]
    {
        let error = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), value).await.expect_err(value);
        let Error::InvalidArgument(invalid) = &error else { panic!("expected InvalidArgument, got {error:?}") };
        assert_eq!(invalid.parameter(), "participant_id");
        assert!(error.to_string().contains(reason), "{error}");
        assert!(error.to_string().contains("nothing was sent"), "{error}");
    }
    let error = client.meetings().get_meeting_participant("", APP_ID, id(), "p").await.expect_err("empty");
    assert_eq!(
        error.to_string(),
        "get_meeting_participant: argument `account_id` is empty; expected a non-empty value; nothing was sent"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn values_longer_than_max_length_are_refused_before_sending() {
    let server = TestServer::start(|_| Reply::json(201, &seeds::add_participant())).await;
    let client = client(&server);
    let long = "a".repeat(33);

    let error = client
        .meetings()
        .add_participant(&long, APP_ID, id(), AddParticipantRequest::new("c", "p"))
        .await
        .expect_err("too long");
    let Error::InvalidArgument(invalid) = &error else { panic!("expected InvalidArgument, got {error:?}") };
    assert_eq!(invalid.parameter(), "account_id");
    assert!(error.to_string().contains("33 characters long; the API accepts at most 32"), "{error}");

    let error = client.sessions().get_participant_details(ACCOUNT_ID, &long, id(), id()).await.expect_err("too long");
    assert_eq!(
        error.to_string(),
        "GetParticipantDetails: argument `app_id` is 33 characters long; the API accepts at most 32; nothing was sent"
    );
    assert_eq!(server.count(), 0);

    // 32 characters, counted as characters, not bytes, is fine.
    let exactly = "é".repeat(32);
    client.meetings().add_participant(&exactly, APP_ID, id(), AddParticipantRequest::new("c", "p")).await.unwrap();
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_successful_call_can_also_give_status_and_headers() {
    let server = TestServer::start(|_| {
        Reply::json(200, &seeds::get_meeting_participant())
            .header("cf-ray", "8f1e2d3c4b5a6978-SJC")
            .header("x-custom", "yes")
    })
    .await;

    let response = client(&server)
        .meetings()
        .get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "p")
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("8f1e2d3c4b5a6978-SJC"));
    assert_eq!(response.headers()["x-custom"], "yes");
    assert_eq!(response.body().data.id, id());
}
