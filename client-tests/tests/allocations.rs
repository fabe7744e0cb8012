//! What a call allocates, against hand-written reqwest and serde making the same call: the
//! heap blocks each makes on the calling thread, the server on a thread of its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, TOKEN, id};
use client_tests::{Reply, TestServer};
use cloudflare_realtimekit::Client;
use cloudflare_realtimekit::models::{AddParticipantRequest, AddParticipantResponse};

thread_local! {
    /// Blocks allocated (or reallocated) by this thread.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

/// The system allocator, counting each thread's allocations.
struct Counting;

// SAFETY: every call is passed on to the system allocator unchanged; the count is a
// thread-local `Cell` with a constant initialiser, which neither allocates nor needs a
// destructor.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as the caller's contract with `GlobalAlloc::alloc`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as the caller's contract with `GlobalAlloc::dealloc`.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        count();
        // SAFETY: as the caller's contract with `GlobalAlloc::realloc`.
        unsafe { System.realloc(pointer, layout, size) }
    }
}

fn count() {
    // A thread being torn down has no count left to keep.
    let _ = ALLOCATIONS.try_with(|allocations| allocations.set(allocations.get() + 1));
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A server answering `add_participant` from its own thread, so that its allocations are not
/// counted; its base URL.
fn server_on_its_own_thread() -> String {
    let (url_sender, url) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        runtime.block_on(async move {
            let server = TestServer::start(|_| Reply::json(201, &seeds::add_participant())).await;
            server.stop_recording();
            url_sender.send(server.url()).expect("the test waits for the URL");
            std::future::pending::<()>().await;
        });
    });
    url.recv().expect("the server's URL")
}

/// Allocations a call of `call`, averaged over calls on one connection made before.
async fn allocations_a_call<F: std::future::Future<Output = ()>>(call: impl Fn() -> F) -> f64 {
    const CALLS: u64 = 200;
    // The connection, and whatever is made once.
    for _ in 0..10 {
        call().await;
    }
    let before = ALLOCATIONS.with(Cell::get);
    for _ in 0..CALLS {
        call().await;
    }
    (ALLOCATIONS.with(Cell::get) - before) as f64 / CALLS as f64
}

/// A call holds its state in its own future, as the hand-written call does in its caller's:
/// neither the call nor its attempt takes a heap block of its own, and the runtime's
/// retries, pacing, hooks and span cost no allocation the hand-written call does not make
/// (the same body and answer types on both sides, decoded by serde alike).
#[tokio::test(flavor = "current_thread")]
async fn a_call_allocates_less_than_hand_written_reqwest() {
    let url = server_on_its_own_thread();
    // Without the document's rate limits, which would pace 210 calls over a minute.
    let client = Client::builder().token(TOKEN).base_url(url.clone()).without_rate_limits().build().unwrap();
    let meeting = id();
    // Each side makes its body and URL for each call, as a service calling for each of its
    // own requests does.
    let body = || AddParticipantRequest::new("user-42", "group_call_host").with_name("Ada");

    let ours = allocations_a_call(|| {
        let call = client.meetings().add_participant(ACCOUNT_ID, APP_ID, meeting, body());
        async move {
            call.await.expect("the participant is added");
        }
    })
    .await;

    let http = reqwest::Client::new();
    let theirs = allocations_a_call(|| {
        let request = http
            .post(format!("{url}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{meeting}/participants"))
            .bearer_auth(TOKEN)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&body()).expect("the body as JSON"));
        async move {
            let response = request.send().await.expect("an answer").error_for_status().expect("a success");
            let bytes = response.bytes().await.expect("the body");
            let _: AddParticipantResponse = serde_json::from_slice(&bytes).expect("the participant");
        }
    })
    .await;

    eprintln!("allocations a call: {ours} against {theirs} by hand");
    assert!(ours < theirs, "a call made {ours} allocations, hand-written reqwest {theirs}");
}
