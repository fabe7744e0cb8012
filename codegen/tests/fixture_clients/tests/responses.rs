//! Answers of every media type: text as `String`, binary as bytes or a stream, JSON lines as
//! a stream of typed items, other media types through their own `send_*` methods.

use client_tests::{Reply, TestServer};
use fixture_response_media::models::{Commit, Event};
use fixture_response_media::{Client, Error};

fn client(server: &TestServer) -> Client {
    Client::builder().base_url(server.url()).max_retries(0).build().unwrap()
}

#[tokio::test]
async fn text_answers_are_strings_and_each_media_type_is_asked_for() {
    let server = TestServer::start(|request| match (request.path.as_str(), request.header("accept")) {
        ("/text", _) => Reply::status(200).header("content-type", "text/plain").body("plain words"),
        ("/html", Some("text/x-markdown")) => Reply::status(200).header("content-type", "text/x-markdown").body("# Hi"),
        ("/html", _) => Reply::status(200).header("content-type", "text/html").body("<h1>Hi</h1>"),
        ("/commit", Some("application/vnd.example.diff")) => Reply::status(200).body("diff --git a/x b/x"),
        ("/commit", _) => Reply::json(200, &serde_json::json!({"sha": "abc"})),
        _ => Reply::status(404),
    })
    .await;
    let client = client(&server);
    assert_eq!(client.untagged().get_text().await.unwrap(), "plain words");
    assert_eq!(client.untagged().get_html().await.unwrap(), "<h1>Hi</h1>");
    assert_eq!(client.untagged().get_html().send_markdown().await.unwrap(), "# Hi");
    assert_eq!(client.untagged().get_commit().await.unwrap(), Commit::new("abc"));
    assert_eq!(client.untagged().get_commit().send_example_diff().await.unwrap(), "diff --git a/x b/x");
    assert_eq!(client.untagged().get_commit().send_example_json().await.unwrap(), Commit::new("abc"));

    let accepts: Vec<Option<String>> =
        server.requests().iter().map(|request| request.header("accept").map(str::to_owned)).collect();
    let expected = [
        "text/plain",
        "text/html",
        "text/x-markdown",
        "application/json",
        "application/vnd.example.diff",
        "application/vnd.example+json",
    ];
    assert_eq!(accepts, expected.map(|accept| Some(accept.to_owned())));
}

#[tokio::test]
async fn an_answer_that_differs_by_status_reads_each_in_its_media_type() {
    let server = TestServer::start(|_| Reply::status(202).header("content-type", "text/plain").body("40% done")).await;
    let output = client(&server).untagged().get_report().await.unwrap();
    assert_eq!(output, fixture_response_media::untagged::GetReportOutput::Accepted("40% done".to_owned()));
    assert_eq!(server.only_request().header("accept"), Some("application/json, text/plain"));
}

#[tokio::test]
async fn a_download_comes_whole_as_bytes_or_as_a_stream() {
    let file: Vec<u8> = (0..200_000u32).map(|index| (index % 251) as u8).collect();
    let body = bytes::Bytes::from(file.clone());
    let server = TestServer::start(move |_| {
        Reply::status(200).header("content-type", "application/octet-stream").body(body.clone())
    })
    .await;
    let client = client(&server);
    assert_eq!(client.untagged().download().await.unwrap(), file);

    let response = client.untagged().download().send_stream().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.into_body();
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert_eq!(received, file);
    assert!(chunks >= 1);
    assert_eq!(server.requests()[1].header("accept"), Some("application/octet-stream"));
}

#[tokio::test]
async fn a_download_cut_off_midway_ends_its_stream_with_a_connection_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A server that announces 5,000 bytes, sends 1,000 once the answer has begun, and hangs up.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n").await.unwrap();
        socket.flush().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        socket.write_all(&[7u8; 1000]).await.unwrap();
        socket.flush().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    });
    let client = Client::builder().base_url(url).max_retries(0).build().unwrap();
    let mut stream = client.untagged().download().send_stream().await.expect("the answer began").into_body();
    let mut received = 0;
    let error = loop {
        match stream.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => panic!("the stream ended without an error after {received} bytes"),
            Err(error) => break error,
        }
    };
    assert_eq!(received, 1000);
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
}

#[tokio::test]
async fn json_lines_are_a_stream_of_typed_items_and_a_bad_line_is_named() {
    let body = "{\"sequence\":1,\"kind\":\"start\"}\n\n{\"sequence\":2}\n{\"sequence\":3,\"kind\":\"end\"}";
    let server =
        TestServer::start(move |_| Reply::status(200).header("content-type", "application/x-ndjson").body(body)).await;
    let client = client(&server);
    let mut events = client.untagged().stream_events().await.unwrap();
    let mut sequences = Vec::new();
    while let Some(event) = events.next_item().await.unwrap() {
        let event: Event = event;
        sequences.push(event.sequence);
    }
    assert_eq!(sequences, [1, 2, 3]);
    assert_eq!(server.only_request().header("accept"), Some("application/x-ndjson"));

    let server = TestServer::start(|_| Reply::status(200).body("{\"sequence\":1}\n{\"sequence\":\"two\"}\n")).await;
    let items = Client::builder().base_url(server.url()).build().unwrap().untagged().stream_events().await.unwrap();
    let error = items.collect().await.expect_err("line 2 is not an event");
    let Error::Decode(decode) = &error else { panic!("{error:?}") };
    assert!(decode.path().starts_with("line 2"), "{error}");
}
