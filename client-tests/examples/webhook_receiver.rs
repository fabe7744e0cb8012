//! A RealtimeKit webhook receiver on hyper: each delivery verified against RealtimeKit's key,
//! decoded, de-duplicated, answered at once; the work is done after answering.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use cloudflare_realtimekit::webhooks::{Event, Receiver, RecentDeliveries};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// RealtimeKit's deliveries are small JSON documents: a larger body is refused unread.
const MAX_BODY: usize = 16 * 1024 * 1024;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The public key is fetched from RealtimeKit on the first delivery, cached, and fetched
    // again (at most once a minute) when a signature does not verify: a rotated key.
    let receiver = Receiver::builder().build()?;
    let listener = TcpListener::bind("127.0.0.1:8080").await?;
    serve(listener, receiver, Arc::new(RecentDeliveries::default())).await?;
    Ok(())
}

/// Serves webhook deliveries on `listener`.
pub async fn serve(listener: TcpListener, receiver: Receiver, seen: Arc<RecentDeliveries>) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let (receiver, seen) = (receiver.clone(), Arc::clone(&seen));
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(request, receiver.clone(), Arc::clone(&seen)));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// One delivery: verify, decode, de-duplicate, answer; then do the work.
pub async fn handle(
    request: Request<Incoming>,
    receiver: Receiver,
    seen: Arc<RecentDeliveries>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if request.method() != Method::POST {
        return Ok(answer(StatusCode::METHOD_NOT_ALLOWED));
    }
    let (parts, body) = request.into_parts();
    // The bytes as they were signed: never a body parsed and written again.
    let Ok(body) = Limited::new(body, MAX_BODY).collect().await.map(|body| body.to_bytes()) else {
        return Ok(answer(StatusCode::PAYLOAD_TOO_LARGE));
    };
    let delivery = match receiver.receive(&parts.headers, &body).await {
        Ok(delivery) => delivery,
        // 401: forged or tampered with; 400: verified but not the event's shape (RealtimeKit
        // does not retry either); 503: the key could not be fetched (RealtimeKit retries).
        Err(error) => {
            eprintln!("refused a delivery: {error}");
            return Ok(answer(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST)));
        }
    };
    // RealtimeKit retries a delivery it saw no 2xx for, under the same `rtk-uuid`.
    if !delivery.first_time(&seen).await.unwrap_or(true) {
        return Ok(answer(StatusCode::OK));
    }
    // Answer first, work after: a slow answer is a failed delivery, and is sent again.
    tokio::spawn(async move {
        match delivery.event {
            Event::MeetingParticipantJoined(joined) => {
                println!("{} joined {}", joined.participant.user_display_name, joined.meeting.id);
            }
            Event::MeetingEnded(ended) => println!("meeting {} ended: {:?}", ended.meeting.id, ended.reason),
            Event::RecordingStatusUpdate(update) => {
                println!("recording {}: {:?}", update.recording.id, update.recording.status)
            }
            Event::Unknown { name, .. } => println!("an event this crate does not know yet: {name:?}"),
            other => println!("{:?}", other.name()),
        }
    });
    Ok(answer(StatusCode::OK))
}

fn answer(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
