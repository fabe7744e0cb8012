//! A scriptable HTTP/1.1 server on 127.0.0.1 (hyper), recording every request it receives.
//!
//! Tests give it a handler that turns each request into a [`Reply`]; replies can be slow,
//! cut off mid-body, or carry any status, headers and bytes, so that the client meets what
//! real servers and Cloudflare's edge send.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub mod limited;
pub mod paging;
pub mod prism;
pub mod seeds;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// The query string as sent, without `?`; `None` when there was none.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    /// Declare this many body bytes but send only `body`, then drop the connection.
    cut_off_at: Option<usize>,
    delay: Duration,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Bytes::new(), cut_off_at: None, delay: Duration::ZERO }
    }

    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::status(status).header("content-type", "application/json").body(body.to_string())
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Bytes>) -> Reply {
        self.body = body.into();
        self
    }

    /// Announces `declared` bytes, sends the body, and closes the connection early.
    pub fn cut_off(mut self, declared: usize) -> Reply {
        self.cut_off_at = Some(declared);
        self
    }

    /// Waits before answering.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Pin<Box<dyn Future<Output = Reply> + Send>> + Send + Sync;

/// A running server; it stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    recording: Arc<std::sync::atomic::AtomicBool>,
    task: JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Starts a server whose handler answers synchronously.
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
        let handler = Arc::new(handler);
        TestServer::start_async(move |request| {
            let reply = handler(request);
            Box::pin(async move { reply })
        })
        .await
    }

    /// Starts a server whose handler may await before answering.
    pub async fn start_async(
        handler: impl Fn(&Recorded) -> Pin<Box<dyn Future<Output = Reply> + Send>> + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recording = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = requests.clone();
        let record = recording.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let handler = handler.clone();
                let recorded = recorded.clone();
                let record = record.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let handler = handler.clone();
                        let recorded = recorded.clone();
                        let record = record.load(std::sync::atomic::Ordering::Relaxed);
                        async move { Ok::<_, Infallible>(answer(request, &*handler, &recorded, record).await) }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        TestServer { addr, requests, recording, task }
    }

    /// Stops keeping requests, for benchmarks that send many.
    pub fn stop_recording(&self) {
        self.recording.store(false, std::sync::atomic::Ordering::Relaxed);
    }

    /// `http://127.0.0.1:port`, to use as the client's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("not poisoned").clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().expect("not poisoned").len()
    }

    /// The only request received; panics unless there was exactly one.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request, got {requests:#?}");
        requests.into_iter().next().expect("one request")
    }
}

async fn answer(
    request: Request<Incoming>,
    handler: &Handler,
    recorded: &Mutex<Vec<Recorded>>,
    record: bool,
) -> Response<BoxBody<Bytes, std::io::Error>> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|collected| collected.to_bytes()).unwrap_or_default();
    let request = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
    };
    if record {
        recorded.lock().expect("not poisoned").push(request.clone());
    }
    let reply = handler(&request).await;
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = Response::builder().status(StatusCode::from_u16(reply.status).expect("valid status"));
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    let body: BoxBody<Bytes, std::io::Error> = match reply.cut_off_at {
        None => Full::new(reply.body).map_err(|never| match never {}).boxed(),
        Some(declared) => {
            response = response.header("content-length", declared.to_string());
            let chunks: Vec<Result<Frame<Bytes>, std::io::Error>> = vec![
                Ok(Frame::data(reply.body)),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "cut off by the test")),
            ];
            StreamBody::new(futures_util::stream::iter(chunks)).boxed()
        }
    };
    response.body(body).expect("valid response")
}

/// The README's Rust examples compile as doctests of this crate, so they cannot drift from
/// the generated API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
