//! Listing a meeting's participants page by page, against a server that pages like RealtimeKit.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use client_tests::paging::{page, participant_id, query_number};
use client_tests::seeds::{ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Recorded, Reply, TestServer};
use cloudflare_realtimekit::{Client, Error};
use futures_util::StreamExt;
use serde_json::json;
use uuid::Uuid;

/// Unpaced: these tests read thousands of items a page at a time, and pacing has tests of its
/// own (`production.rs`).
fn client(server: &TestServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.url()).without_rate_limits().build().unwrap()
}

#[tokio::test]
async fn every_participant_of_2501_comes_once_and_in_order_whatever_the_page_size() {
    const TOTAL: usize = 2501;
    let server = TestServer::start(|request| page(request, TOTAL, TOTAL)).await;
    let client = client(&server);
    let mut requests_so_far = 0;

    for size in [1usize, 7, 100, 1000] {
        let participants = client
            .meetings()
            .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
            .per_page(size as f64)
            .items()
            .collect_all()
            .await
            .unwrap_or_else(|error| panic!("page size {size}: {error}"));

        let ids: Vec<Uuid> = participants.iter().map(|participant| participant.id).collect();
        assert_eq!(ids, (0..TOTAL).map(participant_id).collect::<Vec<_>>(), "page size {size}");

        let requests: Vec<Recorded> = server.requests().into_iter().skip(requests_so_far).collect();
        requests_so_far += requests.len();
        let pages = TOTAL.div_ceil(size);
        assert_eq!(requests.len(), pages, "page size {size}: each page once, and no page past the total");
        for (index, request) in requests.iter().enumerate() {
            assert_eq!(request.query.as_deref(), Some(format!("page_no={}&per_page={size}", index + 1).as_str()));
        }
    }
}

#[tokio::test]
async fn pages_carry_their_paging_and_the_listing_can_start_later() {
    let server = TestServer::start(|request| page(request, 45, 45)).await;

    let mut pages =
        client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).page_no(2).per_page(20).pages();
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        seen.push((page.paging.start_offset, page.paging.end_offset, page.data.len()));
    }

    assert_eq!(seen, vec![(21.0, 40.0, 20), (41.0, 45.0, 5)]);
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|request| request.query).collect();
    assert_eq!(queries, vec![Some("page_no=2&per_page=20".to_owned()), Some("page_no=3&per_page=20".to_owned())]);
}

#[tokio::test]
async fn without_a_page_size_the_servers_default_is_used_and_the_total_ends_the_listing() {
    let server = TestServer::start(|request| page(request, 50, 50)).await;

    let participants: Vec<_> =
        client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).items().collect::<Vec<_>>().await;

    assert_eq!(participants.len(), 50);
    assert!(participants.iter().all(Result::is_ok));
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|request| request.query).collect();
    assert_eq!(queries, vec![Some("page_no=1".to_owned()), Some("page_no=2".to_owned()), Some("page_no=3".to_owned())]);
}

#[tokio::test]
async fn a_server_that_repeats_a_page_ends_the_listing_with_an_error_not_a_loop() {
    // Ignores `page_no`: always the first page.
    let server = TestServer::start(|request| {
        let mut first = request.clone();
        first.query = Some("page_no=1&per_page=10".to_owned());
        page(&first, 100, 100)
    })
    .await;

    let mut items = client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).per_page(10).items();
    let mut received = 0;
    let error = loop {
        match items.next().await {
            Some(Ok(_)) => received += 1,
            Some(Err(error)) => break error,
            None => panic!("the listing ended without noticing the repeated page"),
        }
    };

    assert_eq!(received, 10, "the first page's items");
    assert_eq!(server.count(), 2, "stopped at the first repeat");
    let Error::Pagination(pagination) = &error else { panic!("expected Pagination, got {error:?}") };
    assert_eq!(pagination.page(), 2);
    assert!(error.to_string().contains("same items as page 1"), "{error}");
    assert!(items.next().await.is_none(), "nothing after the error");
}

#[tokio::test]
async fn a_total_that_shrinks_between_pages_ends_the_listing_at_the_new_total() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start(move |request| {
        // 250 participants at first; 200 from the second page on (50 left the meeting).
        let reported = if calls.fetch_add(1, Ordering::SeqCst) == 0 { 250 } else { 200 };
        page(request, reported, reported)
    })
    .await;

    let participants = client(&server)
        .meetings()
        .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .per_page(100)
        .items()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(participants.len(), 200);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_total_that_grows_between_pages_is_followed_to_the_end() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start(move |request| {
        let reported = if calls.fetch_add(1, Ordering::SeqCst) == 0 { 150 } else { 300 };
        page(request, reported, reported)
    })
    .await;

    let participants = client(&server)
        .meetings()
        .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .per_page(100)
        .items()
        .collect_all()
        .await
        .unwrap();

    let ids: Vec<Uuid> = participants.iter().map(|participant| participant.id).collect();
    assert_eq!(ids, (0..300).map(participant_id).collect::<Vec<_>>());
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn an_empty_page_ends_the_listing_even_if_the_total_says_more() {
    // Claims 1000 participants but has 30.
    let server = TestServer::start(|request| page(request, 30, 1000)).await;

    let participants = client(&server)
        .meetings()
        .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .per_page(20)
        .items()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(participants.len(), 30);
    assert_eq!(server.count(), 3, "pages 1 and 2, then the empty page 3");
}

#[tokio::test]
async fn an_error_on_a_later_page_is_returned_and_ends_the_listing() {
    let server = TestServer::start(|request| {
        if query_number(request, "page_no") == Some(2) {
            Reply::json(404, &json!({"success": false, "error": {"code": 404, "message": "Meeting not found"}}))
        } else {
            page(request, 100, 100)
        }
    })
    .await;

    let mut pages = client(&server).meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).per_page(10).pages();

    assert_eq!(pages.next().await.unwrap().unwrap().data.len(), 10);
    let error = pages.next().await.unwrap().expect_err("page 2 fails");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(pages.next().await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefetching_fetches_later_pages_concurrently_and_still_yields_each_item_once_in_order() {
    use std::time::Duration;

    const TOTAL: usize = 1234;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (now, peak) = (in_flight.clone(), most.clone());
    let server = TestServer::start_async(move |request| {
        let reply = page(request, TOTAL, TOTAL);
        let (now, peak) = (now.clone(), peak.clone());
        Box::pin(async move {
            let current = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(current, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            now.fetch_sub(1, Ordering::SeqCst);
            reply
        })
    })
    .await;

    let participants = client(&server)
        .meetings()
        .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
        .per_page(50)
        .items()
        .prefetch(4)
        .collect_all()
        .await
        .unwrap();

    let ids: Vec<Uuid> = participants.iter().map(|participant| participant.id).collect();
    assert_eq!(ids, (0..TOTAL).map(participant_id).collect::<Vec<_>>());
    let mut pages: Vec<usize> =
        server.requests().iter().map(|request| query_number(request, "page_no").unwrap()).collect();
    pages.sort_unstable();
    assert_eq!(pages, (1..=TOTAL.div_ceil(50)).collect::<Vec<_>>(), "each page once, none past the last");
    let peak = most.load(Ordering::SeqCst);
    assert!((2..=5).contains(&peak), "{peak} requests at once; at most the page being read and 4 ahead");
}
