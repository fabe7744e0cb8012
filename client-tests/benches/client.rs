//! The generated client against the floor: minimal hand-written reqwest + serde code doing the
//! same requests, against the same in-process HTTP server on 127.0.0.1, with the same
//! connection pool settings. Each figure alternates the two sides round by round and compares
//! medians, so that the ratio holds on a busy, noisy machine; the calls' figures pool the
//! rounds of three processes of their own (`calls_in_processes`).
//!
//! Run by `cargo xtask bench`, which prints the table; on its own it prints one `BENCH {json}`
//! line per figure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use client_tests::limited::Enforcer;
use client_tests::paging;
use client_tests::seeds::{self, ACCOUNT_ID, APP_ID, ID, TOKEN, id};
use client_tests::{Recorded, Reply, TestServer};
use cloudflare_realtimekit::models::{AddParticipantRequest, GetMeetingParticipantsResponse, ParticipantDetailsFilter};
use cloudflare_realtimekit::{Client, RateLimit, RetryPolicy};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// The system allocator, counting: how many allocations a call makes on each side, server
/// included (the same server for both, so the difference is the client's).
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The hand-written side: the types a person would write for these calls. Their fields are
/// decoded, as the generated models' are, to make the comparison fair, and never read.
#[allow(dead_code)]
mod hand {
    use super::*;

    #[derive(Deserialize, Serialize)]
    pub struct Participant {
        pub id: Uuid,
        pub created_at: chrono::DateTime<chrono::Utc>,
        pub custom_participant_id: String,
        pub preset_name: String,
        pub updated_at: chrono::DateTime<chrono::Utc>,
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
        pub picture: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct One {
        pub data: Participant,
        pub success: bool,
    }

    #[derive(Deserialize)]
    pub struct Paging {
        pub end_offset: f64,
        pub start_offset: f64,
        pub total_count: f64,
    }

    #[derive(Deserialize)]
    pub struct Page {
        pub data: Vec<Participant>,
        pub paging: Paging,
        pub success: bool,
    }

    #[derive(Deserialize)]
    pub struct WithToken {
        pub id: Uuid,
        pub token: String,
        pub created_at: chrono::DateTime<chrono::Utc>,
        pub custom_participant_id: String,
        pub preset_name: String,
        pub updated_at: chrono::DateTime<chrono::Utc>,
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
        pub picture: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Added {
        pub success: bool,
        pub data: Option<WithToken>,
    }

    #[derive(Serialize)]
    pub struct NewParticipant<'a> {
        pub custom_participant_id: &'a str,
        pub preset_name: &'a str,
    }

    #[derive(Deserialize)]
    pub struct PeerEvent {
        pub id: Option<String>,
        pub created_at: Option<String>,
        pub event_name: Option<String>,
        pub minutes_consumed: Option<f64>,
        pub participant_id: Option<String>,
        pub peer_id: Option<String>,
        pub preset_view_type: Option<String>,
        pub session_id: Option<String>,
        pub socket_session_id: Option<String>,
        pub updated_at: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct SessionParticipant {
        pub id: Option<String>,
        pub created_at: Option<String>,
        pub custom_participant_id: Option<String>,
        pub display_name: Option<String>,
        pub duration: Option<f64>,
        pub joined_at: Option<String>,
        pub left_at: Option<String>,
        pub peer_events: Option<Vec<PeerEvent>>,
        pub preset_name: Option<String>,
        pub updated_at: Option<String>,
        pub user_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct DetailsData {
        pub participant: Option<SessionParticipant>,
    }

    #[derive(Deserialize)]
    pub struct Details {
        pub data: Option<DetailsData>,
        pub success: Option<bool>,
    }
}

/// A GET as a person would write it: send with the token, fail on an error status, decode.
async fn hand_get<T: DeserializeOwned>(http: &reqwest::Client, url: String) -> T {
    let response = http.get(url).bearer_auth(TOKEN).send().await.unwrap();
    let bytes = response.error_for_status().unwrap().bytes().await.unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Answers every operation of the spec from canned bodies, at once.
fn canned(request: &Recorded) -> Reply {
    let body = if request.method == "POST" {
        return Reply::json(201, &seeds::add_participant());
    } else if request.path.contains("/sessions/") {
        seeds::get_participant_details_with_peer_events()
    } else if request.path.ends_with("/participants") {
        seeds::get_meeting_participants()
    } else {
        seeds::get_meeting_participant()
    };
    Reply::json(200, &body)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn report(figure: &str, unit: &str, measured: f64, floor: f64, target: &str) {
    let line = json!({
        "figure": figure,
        "unit": unit,
        "measured": measured,
        "floor": floor,
        "ratio": measured / floor,
        "target": target,
    });
    println!("BENCH {line}");
}

const CONCURRENCY: usize = 8;
const WINDOW: Duration = Duration::from_millis(1000);
/// Rounds of each call figure in each process, and the processes: 15 rounds in all.
const ROUNDS: usize = 5;
const PROCESSES: usize = 3;
/// Set in the processes that measure the calls (`calls_in_processes`).
const CALLS_PROCESS: &str = "BENCH_CALLS_PROCESS";

/// Calls per second over `WINDOW`, with `CONCURRENCY` calls in flight.
async fn throughput<F, Fut>(call: F) -> f64
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (call, done) = (call.clone(), done.clone());
            tokio::spawn(async move {
                while started.elapsed() < WINDOW {
                    call().await;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Allocations (and reallocations) a call, one call at a time, server included.
async fn allocations<F, Fut>(call: &F) -> f64
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    const CALLS: usize = 1000;
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..CALLS {
        call().await;
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / CALLS as f64
}

/// Alternates the two sides `ROUNDS` times and prints each round's figures (a `ROUNDS` line),
/// for `calls_in_processes` to pool.
async fn side_by_side<G, GF, H, HF>(figure: &str, generated: G, hand_written: H)
where
    G: Fn() -> GF + Clone + Send + Sync + 'static,
    GF: std::future::Future<Output = ()> + Send,
    H: Fn() -> HF + Clone + Send + Sync + 'static,
    HF: std::future::Future<Output = ()> + Send,
{
    // `BENCH_ONLY=name` runs one figure, to profile it.
    if std::env::var("BENCH_ONLY").is_ok_and(|only| only != figure) {
        return;
    }
    // Warm both up: connections, caches.
    throughput(generated.clone()).await;
    throughput(hand_written.clone()).await;
    let allocations = [allocations(&generated).await, allocations(&hand_written).await];
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Each side goes first every other round, so that neither always meets the machine
        // as the other left it.
        let (a, b) = if round % 2 == 0 {
            let a = throughput(generated.clone()).await;
            (a, throughput(hand_written.clone()).await)
        } else {
            let b = throughput(hand_written.clone()).await;
            (throughput(generated.clone()).await, b)
        };
        ours.push(a);
        theirs.push(b);
    }
    println!("ROUNDS {}", json!({ "figure": figure, "ours": ours, "theirs": theirs, "allocations": allocations }));
}

/// Measures the calls in `PROCESSES` processes of their own, one after the other, and reports
/// each figure over all their rounds.
///
/// The ratio of each round's pair, measured a second apart, cancels the machine's drift over
/// a run (the floor alone went from 32,000 to 74,000 calls a second in one run). But a
/// process keeps what it started with (where its connections' tasks run, where its memory
/// lies): the rounds of one process sat within 0.01 of each other while processes differed by
/// 0.07 (`add_participant`: 0.925 in one, 0.995 in the next, the machine as slow in both), so
/// rounds from several processes are pooled, and the quartiles of all their ratios say how
/// far the noise reaches.
fn calls_in_processes() {
    struct Figure {
        name: String,
        ours: Vec<f64>,
        theirs: Vec<f64>,
        allocations: Vec<[f64; 2]>,
    }
    let mut figures: Vec<Figure> = Vec::new();
    let this = std::env::current_exe().expect("the benchmark's own path");
    for _ in 0..PROCESSES {
        let output = std::process::Command::new(&this)
            .env(CALLS_PROCESS, "1")
            .stderr(std::process::Stdio::inherit())
            .output()
            .expect("the benchmark runs itself");
        assert!(output.status.success(), "a process measuring the calls failed: {}", output.status);
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let Some(rounds) = line.strip_prefix("ROUNDS ") else { continue };
            let rounds: serde_json::Value = serde_json::from_str(rounds).expect("a ROUNDS line");
            let numbers = |key: &str| -> Vec<f64> {
                rounds[key].as_array().expect("numbers").iter().map(|n| n.as_f64().expect("a number")).collect()
            };
            let name = rounds["figure"].as_str().expect("a name").to_owned();
            let index = match figures.iter().position(|figure| figure.name == name) {
                Some(index) => index,
                None => {
                    let empty = Figure { name, ours: vec![], theirs: vec![], allocations: vec![] };
                    figures.push(empty);
                    figures.len() - 1
                }
            };
            let figure = &mut figures[index];
            figure.ours.extend(numbers("ours"));
            figure.theirs.extend(numbers("theirs"));
            let allocations = numbers("allocations");
            figure.allocations.push([allocations[0], allocations[1]]);
        }
    }
    for figure in figures {
        let count = figure.allocations.len() as f64;
        let ours = figure.allocations.iter().map(|pair| pair[0]).sum::<f64>() / count;
        let theirs = figure.allocations.iter().map(|pair| pair[1]).sum::<f64>() / count;
        let line = json!({
            "figure": format!("{}: allocations a call", figure.name),
            "unit": "allocations",
            "measured": ours,
            "floor": theirs,
            "ratio": ours / theirs,
            "target": "(fewer)",
        });
        println!("BENCH {line}");
        // Each round's own pair: the two sides a second apart.
        let ratios: Vec<f64> = figure.ours.iter().zip(&figure.theirs).map(|(a, b)| a / b).collect();
        let quartiles = quartiles(&ratios);
        let target = format!(
            ">= 0.98 (rounds' ratios {:.3} to {:.3}, quartiles of {} rounds in {PROCESSES} processes)",
            quartiles.0,
            quartiles.2,
            ratios.len()
        );
        let line = json!({
            "figure": figure.name,
            "unit": "calls/s",
            "measured": median(figure.ours),
            "floor": median(figure.theirs),
            "ratio": quartiles.1,
            "target": target,
        });
        println!("BENCH {line}");
    }
}

/// The first quartile, median and third quartile of `values`.
fn quartiles(values: &[f64]) -> (f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |fraction: f64| sorted[((sorted.len() - 1) as f64 * fraction).round() as usize];
    (at(0.25), at(0.5), at(0.75))
}

async fn calls(server: &TestServer) {
    let base = server.url();
    // Unpaced: the floor sends as fast as it can, and so does the client measured against it.
    let client = Client::builder().token(TOKEN).base_url(&base).without_rate_limits().build().unwrap();
    // What a person would build: reqwest with the same settings (connect and total timeouts,
    // the generated client's defaults), sending the same request on the wire (the generated
    // client also sends `accept` and `user-agent`).
    let mut same_headers = reqwest::header::HeaderMap::new();
    same_headers.insert(reqwest::header::ACCEPT, reqwest::header::HeaderValue::from_static("application/json"));
    same_headers
        .insert(reqwest::header::USER_AGENT, reqwest::header::HeaderValue::from_static("cloudflare-realtimekit/0.3.0"));
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .default_headers(same_headers)
        .build()
        .unwrap();

    let (c, h, b) = (client.clone(), http.clone(), base.clone());
    side_by_side(
        "get_meeting_participant",
        move || {
            let c = c.clone();
            async move {
                c.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant").await.unwrap();
            }
        },
        move || {
            let (h, b) = (h.clone(), b.clone());
            async move {
                let url =
                    format!("{b}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{ID}/participants/participant");
                let _: hand::One = hand_get(&h, url).await;
            }
        },
    )
    .await;

    let (c, h, b) = (client.clone(), http.clone(), base.clone());
    side_by_side(
        "get_meeting_participants",
        move || {
            let c = c.clone();
            async move {
                c.meetings().get_meeting_participants(ACCOUNT_ID, APP_ID, id()).page_no(1).per_page(30).await.unwrap();
            }
        },
        move || {
            let (h, b) = (h.clone(), b.clone());
            async move {
                let url = format!(
                    "{b}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{ID}/participants?page_no=1&per_page=30"
                );
                let _: hand::Page = hand_get(&h, url).await;
            }
        },
    )
    .await;

    let (c, h, b) = (client.clone(), http.clone(), base.clone());
    side_by_side(
        "add_participant",
        move || {
            let c = c.clone();
            async move {
                let body = AddParticipantRequest::new("user-42", "group_call_host");
                c.meetings().add_participant(ACCOUNT_ID, APP_ID, id(), body).await.unwrap();
            }
        },
        move || {
            let (h, b) = (h.clone(), b.clone());
            async move {
                let url = format!("{b}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{ID}/participants");
                let body = serde_json::to_vec(&hand::NewParticipant {
                    custom_participant_id: "user-42",
                    preset_name: "group_call_host",
                })
                .unwrap();
                let response = h
                    .post(url)
                    .bearer_auth(TOKEN)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let bytes = response.error_for_status().unwrap().bytes().await.unwrap();
                let _: hand::Added = serde_json::from_slice(&bytes).unwrap();
            }
        },
    )
    .await;

    let (c, h, b) = (client.clone(), http.clone(), base.clone());
    side_by_side(
        "GetParticipantDetails",
        move || {
            let c = c.clone();
            async move {
                c.sessions()
                    .get_participant_details(ACCOUNT_ID, APP_ID, id(), id())
                    .filters([ParticipantDetailsFilter::DeviceInfo, ParticipantDetailsFilter::Events])
                    .include_peer_events(true)
                    .await
                    .unwrap();
            }
        },
        move || {
            let (h, b) = (h.clone(), b.clone());
            async move {
                let url = format!(
                    "{b}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/sessions/{ID}/participants/{ID}?filters=device_info,events&include_peer_events=true"
                );
                let _: hand::Details = hand_get(&h, url).await;
            }
        },
    )
    .await;
}

fn decoding() {
    let body = Bytes::from(serde_json::to_vec(&paging::page_body(1, 1000, 1000, 1000)).unwrap());
    let iterations = 40;
    let time = |decode: &dyn Fn()| {
        let started = Instant::now();
        for _ in 0..iterations {
            decode();
        }
        iterations as f64 / started.elapsed().as_secs_f64()
    };
    let ours = || {
        let page: GetMeetingParticipantsResponse = serde_json::from_slice(&body).unwrap();
        assert_eq!(page.data.len(), 1000);
    };
    let theirs = || {
        let page: hand::Page = serde_json::from_slice(&body).unwrap();
        assert_eq!(page.data.len(), 1000);
    };
    time(&ours);
    time(&theirs);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        a.push(time(&ours));
        b.push(time(&theirs));
    }
    report("decode a page of 1,000 participants", "pages/s", median(a), median(b), ">= 0.95");
}

async fn listing() {
    const TOTAL: usize = 10_000;
    const SIZE: usize = 100;
    let server = TestServer::start_async(|request| {
        let reply = paging::page(request, TOTAL, TOTAL).delay(Duration::from_millis(5));
        Box::pin(async move { reply })
    })
    .await;
    server.stop_recording();
    let base = server.url();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(&base)
        .retry_policy(RetryPolicy::none())
        .without_rate_limits()
        .build()
        .unwrap();
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let stream = |prefetch: usize| {
        let client = client.clone();
        async move {
            let started = Instant::now();
            let all = client
                .meetings()
                .get_meeting_participants(ACCOUNT_ID, APP_ID, id())
                .per_page(SIZE as f64)
                .items()
                .prefetch(prefetch)
                .collect_all()
                .await
                .unwrap();
            assert_eq!(all.len(), TOTAL);
            TOTAL as f64 / started.elapsed().as_secs_f64()
        }
    };
    let hand_loop = || {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let started = Instant::now();
            let mut all = Vec::new();
            for page in 1.. {
                let url = format!(
                    "{base}/accounts/{ACCOUNT_ID}/realtime/kit/{APP_ID}/meetings/{ID}/participants?page_no={page}&per_page={SIZE}"
                );
                let body: hand::Page = hand_get(&http, url).await;
                let total = body.paging.total_count as usize;
                if body.data.is_empty() {
                    break;
                }
                all.extend(body.data);
                if all.len() >= total {
                    break;
                }
            }
            assert_eq!(all.len(), TOTAL);
            TOTAL as f64 / started.elapsed().as_secs_f64()
        }
    };
    stream(0).await;
    hand_loop().await;
    let (mut ours, mut theirs, mut ahead) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        ours.push(stream(0).await);
        theirs.push(hand_loop().await);
        ahead.push(stream(4).await);
    }
    let theirs = median(theirs);
    report("list 10,000 participants, 100 a page, 5 ms a request", "items/s", median(ours), theirs, ">= 0.95");
    report("the same, prefetching 4 pages ahead", "items/s", median(ahead), theirs, "(faster)");
}

/// 1,000 calls from 20 tasks against a server that allows 50 a second (a sliding window,
/// 429 past it), the client paced to that limit: the time against the limit's own minimum
/// (1,000 calls at 50 a second), and how many calls the server refused.
async fn pacing() {
    const CALLS: usize = 1000;
    const TASKS: usize = 20;
    const PER_SECOND: usize = 50;
    if std::env::var("BENCH_ONLY").is_ok_and(|only| only != "pacing") {
        return;
    }
    let enforcer = Arc::new(Enforcer::new(PER_SECOND, Duration::from_secs(1)));
    let enforcing = Arc::clone(&enforcer);
    let server = TestServer::start(move |request| enforcing.reply(|| canned(request))).await;
    server.stop_recording();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.url())
        .without_rate_limits()
        .rate_limit(RateLimit::new(PER_SECOND as u32, Duration::from_secs(1)))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut failed = 0;
                for _ in 0..CALLS / TASKS {
                    let call = client.meetings().get_meeting_participant(ACCOUNT_ID, APP_ID, id(), "participant");
                    failed += usize::from(call.await.is_err());
                }
                failed
            })
        })
        .collect();
    let mut failed = 0;
    for task in tasks {
        failed += task.await.unwrap();
    }
    let took = started.elapsed().as_secs_f64();
    let minimum = CALLS as f64 / PER_SECOND as f64;
    report(
        "1,000 calls from 20 tasks paced to 50 a second: time",
        "s",
        took,
        minimum,
        "<= 1.1 (x the limit's minimum)",
    );
    let line = json!({
        "figure": "the same: calls the server refused (429) or that failed",
        "unit": "calls",
        "measured": (enforcer.refused() + failed) as f64,
        "floor": CALLS as f64,
        "ratio": (enforcer.refused() + failed) as f64 / CALLS as f64,
        "target": "0",
    });
    println!("BENCH {line}");
}

/// A 10 KB `meeting.participantJoined` delivery (the documentation's example, its display name
/// long), verified and decoded by the crate's receiver, against the floor: aws-lc-rs's bare
/// RSA check of the same signature (its base64 decoded) and serde decoding the same type.
async fn webhooks() {
    use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
    use base64::Engine;
    use cloudflare_realtimekit::mock::WebhookSender;
    use cloudflare_realtimekit::models::MeetingParticipantJoinedEvent;
    use cloudflare_realtimekit::webhooks::Event;

    const ITERATIONS: usize = 400;
    if std::env::var("BENCH_ONLY").is_ok_and(|only| only != "webhooks") {
        return;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/webhooks/meeting.participantJoined.json");
    let mut event: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    event["participant"]["userDisplayName"] = serde_json::Value::String(String::new());
    let size = serde_json::to_vec(&event).unwrap().len();
    event["participant"]["userDisplayName"] = serde_json::Value::String("n".repeat(10 * 1024 - size));
    let sender = WebhookSender::new::<Event>();
    let delivery = sender.sign(serde_json::to_vec(&event).unwrap());
    assert_eq!(delivery.body.len(), 10 * 1024);
    let receiver = sender.receiver().unwrap();
    let der = {
        let pem = sender.public_key_pem().unwrap();
        let text: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD.decode(text).unwrap()
    };
    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).unwrap();
    let header = delivery.headers["rtk-signature"].to_str().unwrap().to_owned();

    let ours = || async {
        let received = receiver.receive(&delivery.headers, &delivery.body).await.unwrap();
        assert!(matches!(received.event, Event::MeetingParticipantJoined(_)));
    };
    let floor = || {
        let signature = base64::engine::general_purpose::STANDARD.decode(&header).unwrap();
        key.verify_sig(&delivery.body, &signature).unwrap();
        let _: MeetingParticipantJoinedEvent = serde_json::from_slice(&delivery.body).unwrap();
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for round in 0..16 {
        let started = Instant::now();
        for _ in 0..ITERATIONS {
            ours().await;
        }
        let ours_rate = ITERATIONS as f64 / started.elapsed().as_secs_f64();
        let started = Instant::now();
        for _ in 0..ITERATIONS {
            floor();
        }
        let floor_rate = ITERATIONS as f64 / started.elapsed().as_secs_f64();
        // The first round warms both up.
        if round > 0 {
            a.push(ours_rate);
            b.push(floor_rate);
        }
    }
    report("verify and decode a 10 KB webhook delivery", "deliveries/s", median(a), median(b), ">= 0.9");
    let bytes = |run: &dyn Fn()| {
        let before = ALLOCATED_BYTES.load(Ordering::Relaxed);
        run();
        (ALLOCATED_BYTES.load(Ordering::Relaxed) - before) as f64
    };
    let ours_bytes = bytes(&|| futures_util::FutureExt::now_or_never(ours()).expect("a fixed key: no waiting"));
    let floor_bytes = bytes(&floor);
    let line = json!({
        "figure": "the same: bytes allocated a delivery (the body is 10 KB; a copy of it would show)",
        "unit": "bytes",
        "measured": ours_bytes,
        "floor": floor_bytes,
        "ratio": ours_bytes / floor_bytes,
        "target": "< floor + 10 KB",
    });
    println!("BENCH {line}");
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    if std::env::var_os(CALLS_PROCESS).is_some() {
        runtime.block_on(async {
            let server = TestServer::start(canned).await;
            server.stop_recording();
            calls(&server).await;
        });
        return;
    }
    calls_in_processes();
    runtime.block_on(async {
        listing().await;
        pacing().await;
        webhooks().await;
    });
    decoding();
}
