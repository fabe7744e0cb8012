//! Parameter styles as a server reads them: the query decoded with `form_urlencoded`, the
//! path, headers and the `Cookie` header as sent.

use client_tests::{Reply, TestServer};
use fixture_clients::form_pairs;
use fixture_parameter_styles::models::{Color, RangeFilter};

#[tokio::test]
async fn every_style_is_spelled_as_the_document_says() {
    let server = TestServer::start(|_| Reply::status(204)).await;
    let client = fixture_parameter_styles::Client::builder().base_url(server.url()).build().unwrap();
    client
        .items()
        .list_items([3, 4])
        .created(RangeFilter::new().with_gte(10).with_lt(20))
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
        .unwrap();
    let request = server.only_request();
    assert_eq!(request.path, "/items/3,4");
    let query = request.query.clone().expect("a query");
    let mut decoded = form_pairs(query.as_bytes());
    decoded.sort();
    let mut expected: Vec<(String, String)> = [
        ("created[gte]", "10"),
        ("created[lt]", "20"),
        ("r", "1"),
        ("g", "2"),
        ("point", "r,5"),
        ("words", "big red"),
        ("levels", "1|2"),
        ("tags", "a,b"),
        ("redirect", "https://example.com/a?b=c"),
    ]
    .iter()
    .map(|(name, value)| (name.to_string(), value.to_string()))
    .collect();
    expected.sort();
    assert_eq!(decoded, expected);
    // `allowReserved`: the URL's reserved characters are sent as they are.
    assert!(query.contains("redirect=https://example.com/a?b=c"), "{query}");
    assert_eq!(request.header("x-trace-ids"), Some("t1,t2"));
    assert_eq!(request.header("cookie"), Some("session=s%201%3Bx; prefs=dark,wide"));
}
