//! What the tests of the generated fixture crates share: decoding what the server received.

/// The pairs of a form body or query string, as a real decoder reads them, in order.
pub fn form_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text).into_owned().collect()
}

/// One part of a multipart body as `multer` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub content: Vec<u8>,
}

/// The parts of a multipart body, read with the boundary its `Content-Type` header names.
pub async fn multipart_parts(content_type: &str, body: bytes::Bytes) -> Vec<Part> {
    let boundary = multer::parse_boundary(content_type).expect("the content type names a boundary");
    let source = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(source, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a valid multipart body") {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let content = field.bytes().await.expect("a complete part").to_vec();
        parts.push(Part { name, file_name, content_type, content });
    }
    parts
}
