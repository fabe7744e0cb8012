//! The example bodies of the seed pages (`../shared/seeds/`), and the values tests send.

use serde_json::{Value, json};
use uuid::Uuid;

pub const TOKEN: &str = "test-token-3f9a0c";
pub const ACCOUNT_ID: &str = "023e105f4ecef8ad9ca31a8372d0c353";
pub const APP_ID: &str = "app_id";
pub const ID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/// [`ID`] as a `Uuid`, as meeting, session and participant arguments take it.
pub fn id() -> Uuid {
    ID.parse().expect("ID is a UUID")
}

/// Seed page 000: fetch one participant of a meeting.
pub fn get_meeting_participant() -> Value {
    json!({
        "data": {
            "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "created_at": "2019-12-27T18:11:19.117Z",
            "custom_participant_id": "custom_participant_id",
            "preset_name": "preset_name",
            "updated_at": "2019-12-27T18:11:19.117Z",
            "name": "name",
            "picture": "https://example.com"
        },
        "success": true
    })
}

/// Seed page 001: one page of a meeting's participants.
pub fn get_meeting_participants() -> Value {
    json!({
        "data": [
            {
                "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
                "created_at": "2019-12-27T18:11:19.117Z",
                "custom_participant_id": "custom_participant_id",
                "preset_name": "preset_name",
                "updated_at": "2019-12-27T18:11:19.117Z",
                "name": "name",
                "picture": "https://example.com"
            }
        ],
        "paging": { "end_offset": 30, "start_offset": 1, "total_count": 30 },
        "success": true
    })
}

/// Seed page 003: add a participant.
pub fn add_participant() -> Value {
    json!({
        "success": true,
        "data": {
            "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "token": "token",
            "created_at": "2019-12-27T18:11:19.117Z",
            "custom_participant_id": "custom_participant_id",
            "preset_name": "preset_name",
            "updated_at": "2019-12-27T18:11:19.117Z",
            "name": "name",
            "picture": "https://example.com"
        }
    })
}

/// Seed page 002: a session participant.
pub fn get_participant_details() -> Value {
    json!({
        "data": {
            "participant": {
                "id": "id",
                "created_at": "created_at",
                "custom_participant_id": "custom_participant_id",
                "display_name": "display_name",
                "duration": 0,
                "joined_at": "joined_at",
                "left_at": "left_at",
                "preset_name": "preset_name",
                "updated_at": "updated_at",
                "user_id": "user_id"
            }
        },
        "success": true
    })
}

/// Seed page 004: a session participant with peer events.
pub fn get_participant_details_with_peer_events() -> Value {
    json!({
        "data": {
            "participant": {
                "id": "id",
                "created_at": "created_at",
                "custom_participant_id": "custom_participant_id",
                "display_name": "display_name",
                "duration": 0,
                "joined_at": "joined_at",
                "left_at": "left_at",
                "peer_events": [
                    {
                        "id": "id",
                        "created_at": "created_at",
                        "event_name": "PEER_CREATED",
                        "minutes_consumed": 0,
                        "participant_id": "participant_id",
                        "peer_id": "peer_id",
                        "preset_view_type": "GROUP_CALL",
                        "session_id": "session_id",
                        "socket_session_id": "socket_session_id",
                        "updated_at": "updated_at"
                    }
                ],
                "preset_name": "preset_name",
                "updated_at": "updated_at",
                "user_id": "user_id"
            }
        },
        "success": true
    })
}
