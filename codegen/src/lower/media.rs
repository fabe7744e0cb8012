//! How a body of a media type is read and written: JSON, JSON lines, text or bytes.

/// How a body of a media type is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MediaKind {
    Json,
    /// Newline-delimited JSON.
    JsonLines,
    Text,
    Binary,
}

pub(super) fn media_kind(media: &str) -> MediaKind {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if matches!(
        essence.as_str(),
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
    ) {
        MediaKind::JsonLines
    } else if is_json(&essence) {
        MediaKind::Json
    } else if essence.starts_with("text/")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/xml" | "application/yaml" | "application/x-yaml" | "application/javascript"
        )
    {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

pub(super) fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*" || essence == "text/json"
}
