//! RealtimeKit's paging, served from a handler: participants numbered from 0, pages from 1,
//! 20 to a page unless the request's `per_page` says otherwise.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::{Recorded, Reply};

/// The id of participant `index`.
pub fn participant_id(index: usize) -> Uuid {
    Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | index as u128)
}

/// Participant `index`, as the API sends it.
pub fn participant(index: usize) -> Value {
    json!({
        "id": participant_id(index),
        "created_at": "2019-12-27T18:11:19.117Z",
        "custom_participant_id": format!("user-{index}"),
        "preset_name": "group_call_guest",
        "updated_at": "2019-12-27T18:11:19.117Z",
        "name": format!("Participant {index}"),
        "picture": "https://example.com/p.png"
    })
}

/// Page `page` (from 1) of `size` out of `total` participants, reporting `reported_total`
/// as the total: a server may report a total it does not have.
pub fn page_body(page: usize, size: usize, total: usize, reported_total: usize) -> Value {
    let start = (page.saturating_sub(1) * size).min(total);
    let end = (start + size).min(total);
    json!({
        "data": (start..end).map(participant).collect::<Vec<_>>(),
        "paging": {"start_offset": start + 1, "end_offset": end, "total_count": reported_total},
        "success": true
    })
}

/// The answer to a request for a page (`page_no`, `per_page`) of `total` participants.
pub fn page(request: &Recorded, total: usize, reported_total: usize) -> Reply {
    let page = query_number(request, "page_no").unwrap_or(1);
    let size = query_number(request, "per_page").unwrap_or(20);
    Reply::json(200, &page_body(page, size, total, reported_total))
}

/// A whole number from the request's query string.
pub fn query_number(request: &Recorded, name: &str) -> Option<usize> {
    request.query.as_deref()?.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_the_uuids_they_were_written_as() {
        assert_eq!(participant_id(0x2a).to_string(), "00000000-0000-4000-8000-00000000002a");
    }
}
