//! The test doubles (`mock` feature) of crates generated from documents other than the
//! project's: every parameter style read back as the value the client was given, answers in
//! every media type and by status, form bodies typed, and enums in bodies checked.

use std::panic::AssertUnwindSafe;

use fixture_form_bodies::charges::CreateNote;
use fixture_form_bodies::models::{CreateChargeRequest, Note, NotePriority};
use fixture_parameter_styles::items::ListItems;
use fixture_parameter_styles::models::{Color, RangeFilter};
use fixture_response_media::models::{Commit, Event};
use fixture_response_media::untagged::GetReportOutput;
use futures_util::FutureExt as _;

/// The message `verify` panics with, or `None` when it passes.
async fn verify_failure(verify: impl std::future::Future<Output = ()>) -> Option<String> {
    let outcome = AssertUnwindSafe(verify).catch_unwind().await;
    outcome.err().map(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|text| (*text).to_owned()))
            .unwrap_or_default()
    })
}

#[tokio::test]
async fn every_parameter_style_is_read_back_as_the_value_sent() {
    use fixture_parameter_styles::mock::{ListItemsQuery as _, MockApi};

    let mock = MockApi::start().await;
    let created = RangeFilter::new().with_gte(10).with_lt(20);
    mock.list_items([3, 4]).query_created(created.clone()).query_levels([1, 2]).times(1).mount().await;
    mock.client()
        .items()
        .list_items([3, 4])
        .created(created.clone())
        .color(Color::new().with_r(1).with_g(2))
        .point(Color::new().with_r(5))
        .words(["big", "red"])
        .levels([1, 2])
        .tags(["a", "b"])
        .redirect("https://example.com/a?b=c")
        .x_trace_ids(["t1", "t2"])
        .session("s 1;x")
        .prefs(["dark", "wide"])
        .await
        .expect("the expectation matches");
    mock.verify().await;

    let received = mock.received::<ListItems>().await;
    let params = &received[0].params;
    assert_eq!(params.ids, [3, 4]);
    assert_eq!(params.created, Some(created));
    assert_eq!(params.color, Some(Color::new().with_r(1).with_g(2)));
    assert_eq!(params.point, Some(Color::new().with_r(5)));
    assert_eq!(params.words, Some(vec!["big".to_owned(), "red".to_owned()]));
    assert_eq!(params.levels, Some(vec![1, 2]));
    assert_eq!(params.tags, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(params.redirect.as_deref(), Some("https://example.com/a?b=c"));
    assert_eq!(params.x_trace_ids, Some(vec!["t1".to_owned(), "t2".to_owned()]));
    assert_eq!(params.session.as_deref(), Some("s 1;x"));
    assert_eq!(params.prefs, Some(vec!["dark".to_owned(), "wide".to_owned()]));
}

#[tokio::test]
async fn a_styled_value_of_the_wrong_type_fails_the_test() {
    let mock = fixture_parameter_styles::mock::MockApi::start().await;
    mock.list_items([3]).mount().await;
    let url = format!("{}/items/3,x?created[gte]=soon&levels=1|2", mock.uri());
    assert_eq!(reqwest_get(&url).await, 400);
    let message = verify_failure(mock.verify()).await.expect("two values do not fit");
    assert!(message.contains("path parameter `ids`: item 1: `x` is not a whole number"), "{message}");
    assert!(message.contains("query parameter `created`: `gte`: `soon` is not a whole number"), "{message}");
}

async fn reqwest_get(url: &str) -> u16 {
    let client = fixture_response_media::reqwest::Client::new();
    client.get(url).send().await.expect("the mock answers").status().as_u16()
}

#[tokio::test]
async fn answers_are_given_in_the_documents_media_types_and_statuses() {
    use fixture_response_media::mock::MockApi;

    let mock = MockApi::start().await;
    mock.get_text().respond("plain words".to_owned()).mount().await;
    mock.download().respond(bytes::Bytes::from_static(b"\x00\x01")).mount().await;
    mock.stream_events().respond(vec![Event::new(1), Event::new(2)]).mount().await;
    mock.get_report()
        .respond(GetReportOutput::Accepted("40%".to_owned()))
        .respond(GetReportOutput::Ok(Commit::new("abc")))
        .mount()
        .await;
    mock.get_commit().raw(200, "application/vnd.example.diff", "diff --git").mount().await;
    mock.delete_nothing().respond(()).mount().await;
    let client = mock.client();

    assert_eq!(client.untagged().get_text().await.expect("text"), "plain words");
    assert_eq!(client.untagged().download().await.expect("bytes").as_ref(), b"\x00\x01");
    let events: Vec<Event> =
        client.untagged().stream_events().await.expect("a stream").collect().await.expect("events");
    assert_eq!(events, [Event::new(1), Event::new(2)]);
    let report = client.untagged().get_report().send_with_response().await.expect("202 first");
    assert_eq!((report.status().as_u16(), report.into_body()), (202, GetReportOutput::Accepted("40%".to_owned())));
    assert_eq!(client.untagged().get_report().await.expect("then 200"), GetReportOutput::Ok(Commit::new("abc")));
    assert_eq!(client.untagged().get_commit().send_example_diff().await.expect("the raw answer"), "diff --git");
    client.untagged().delete_nothing().await.expect("204");
    mock.verify().await;
}

#[tokio::test]
async fn form_bodies_are_read_typed_and_in_either_media_type() {
    use fixture_form_bodies::mock::MockApi;

    let mock = MockApi::start().await;
    mock.create_charge().body(|charge: &CreateChargeRequest| charge.amount == 500).times(1).mount().await;
    mock.create_note().body(|note: &Note| note.pinned == Some(true)).times(2).mount().await;
    let client = mock.client();
    let charge = CreateChargeRequest::new(500, "usd")
        .with_metadata(
            [("order".to_owned(), "42".to_owned())].into_iter().collect::<std::collections::BTreeMap<_, _>>(),
        )
        .with_expand(vec!["customer".to_owned()])
        .with_tags(vec!["a".to_owned(), "b".to_owned()]);
    client.charges().create_charge(charge.clone()).await.expect("the form matches");
    let note = Note::new("hi").with_pinned(true).with_priority(NotePriority::High);
    client.charges().create_note().body(note.clone()).await.expect("JSON");
    client.charges().create_note().form_body(note.clone()).await.expect("a form");
    mock.verify().await;

    let charges = mock.received::<fixture_form_bodies::charges::CreateCharge>().await;
    assert_eq!(charges[0].body.as_ref(), Some(&charge));
    let notes: Vec<Option<Note>> =
        mock.received::<CreateNote>().await.into_iter().map(|request| request.body).collect();
    assert_eq!(notes, [Some(note.clone()), Some(note)]);
}

#[tokio::test]
async fn an_enum_value_the_document_does_not_list_fails_the_test_in_a_body() {
    use fixture_form_bodies::mock::MockApi;

    let mock = MockApi::start().await;
    mock.create_note().mount().await;
    let client = mock.client();
    // The crate keeps values it does not know (`Unknown`), so a caller can send one: the API
    // would refuse it, and so does the mock.
    let note = Note::new("hi").with_priority(NotePriority::Unknown("urgent".to_owned()));
    let error = client.charges().create_note().form_body(note).await.expect_err("refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
    let message = verify_failure(mock.verify()).await.expect("the value is not listed");
    assert!(
        message
            .contains("create_note (operationId createNote, POST /notes): request body: form: `priority`: `urgent` is not one of `low`, `high`"),
        "{message}"
    );
}
