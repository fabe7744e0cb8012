// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Types that only the `Sessions` operations use.
#![allow(deprecated)]

#[allow(unused_imports)]
use crate::models::*;

/// A part of the participant's details to include.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ParticipantDetailsFilter {
    /// `device_info`
    DeviceInfo,
    /// `ip_information`
    IpInformation,
    /// `precall_network_information`
    PrecallNetworkInformation,
    /// `events`
    Events,
    /// `quality_stats`
    QualityStats,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl ParticipantDetailsFilter {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::DeviceInfo,
        Self::IpInformation,
        Self::PrecallNetworkInformation,
        Self::Events,
        Self::QualityStats,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::DeviceInfo => "device_info",
            Self::IpInformation => "ip_information",
            Self::PrecallNetworkInformation => "precall_network_information",
            Self::Events => "events",
            Self::QualityStats => "quality_stats",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(ParticipantDetailsFilter);

/// A participant of a session, with call statistics.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct SessionParticipant {
    /// Participant ID. This maps to the corresponding peerId.
    pub id: Option<String>,
    /// timestamp when this participant was created.
    pub created_at: Option<String>,
    /// ID passed by client to create this participant.
    pub custom_participant_id: Option<String>,
    /// Display name of participant when joining the session.
    pub display_name: Option<String>,
    /// number of minutes for which the participant was in the session.
    pub duration: Option<f64>,
    /// timestamp at which participant joined the session.
    pub joined_at: Option<String>,
    /// timestamp at which participant left the session.
    pub left_at: Option<String>,
    /// Connection lifecycle events for the participant's peer. Only included when `include_peer_events` is true.
    pub peer_events: Option<Vec<PeerEvent>>,
    /// Name of the preset associated with the participant.
    pub preset_name: Option<String>,
    /// timestamp when this participant's data was last updated.
    pub updated_at: Option<String>,
    /// User id for this participant.
    pub user_id: Option<String>,
}

crate::runtime::impl_deserialize!(SessionParticipant {
    "id" => id: optional,
    "created_at" => created_at: optional,
    "custom_participant_id" => custom_participant_id: optional,
    "display_name" => display_name: optional,
    "duration" => duration: optional,
    "joined_at" => joined_at: optional,
    "left_at" => left_at: optional,
    "peer_events" => peer_events: optional,
    "preset_name" => preset_name: optional,
    "updated_at" => updated_at: optional,
    "user_id" => user_id: optional,
});

crate::runtime::impl_serialize!(SessionParticipant {
    "id" => id: optional,
    "created_at" => created_at: optional,
    "custom_participant_id" => custom_participant_id: optional,
    "display_name" => display_name: optional,
    "duration" => duration: optional_whole,
    "joined_at" => joined_at: optional,
    "left_at" => left_at: optional,
    "peer_events" => peer_events: optional,
    "preset_name" => preset_name: optional,
    "updated_at" => updated_at: optional,
    "user_id" => user_id: optional,
});

impl SessionParticipant {
    /// An empty `SessionParticipant`: every field starts unset.
    pub fn new() -> Self {
        Self {
            id: None,
            created_at: None,
            custom_participant_id: None,
            display_name: None,
            duration: None,
            joined_at: None,
            left_at: None,
            peer_events: None,
            preset_name: None,
            updated_at: None,
            user_id: None,
        }
    }

    /// Sets `id`.
    pub fn with_id(mut self, value: impl Into<String>) -> Self {
        self.id = Some(value.into());
        self
    }

    /// Sets `created_at`.
    pub fn with_created_at(mut self, value: impl Into<String>) -> Self {
        self.created_at = Some(value.into());
        self
    }

    /// Sets `custom_participant_id`.
    pub fn with_custom_participant_id(mut self, value: impl Into<String>) -> Self {
        self.custom_participant_id = Some(value.into());
        self
    }

    /// Sets `display_name`.
    pub fn with_display_name(mut self, value: impl Into<String>) -> Self {
        self.display_name = Some(value.into());
        self
    }

    /// Sets `duration`.
    pub fn with_duration(mut self, value: f64) -> Self {
        self.duration = Some(value);
        self
    }

    /// Sets `joined_at`.
    pub fn with_joined_at(mut self, value: impl Into<String>) -> Self {
        self.joined_at = Some(value.into());
        self
    }

    /// Sets `left_at`.
    pub fn with_left_at(mut self, value: impl Into<String>) -> Self {
        self.left_at = Some(value.into());
        self
    }

    /// Sets `peer_events`.
    pub fn with_peer_events(mut self, value: impl Into<Vec<PeerEvent>>) -> Self {
        self.peer_events = Some(value.into());
        self
    }

    /// Sets `preset_name`.
    pub fn with_preset_name(mut self, value: impl Into<String>) -> Self {
        self.preset_name = Some(value.into());
        self
    }

    /// Sets `updated_at`.
    pub fn with_updated_at(mut self, value: impl Into<String>) -> Self {
        self.updated_at = Some(value.into());
        self
    }

    /// Sets `user_id`.
    pub fn with_user_id(mut self, value: impl Into<String>) -> Self {
        self.user_id = Some(value.into());
        self
    }
}

/// A connection lifecycle event of a participant's peer.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct PeerEvent {
    /// ID of the peer event.
    pub id: Option<String>,
    /// Timestamp when this peer event was created.
    pub created_at: Option<String>,
    /// Name of the peer event.
    pub event_name: Option<PeerEventEventName>,
    /// Minutes consumed attributed to this event.
    pub minutes_consumed: Option<f64>,
    /// ID of the participant this event belongs to.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub participant_id: crate::Nullable<String>,
    /// Peer ID this event belongs to.
    pub peer_id: Option<String>,
    /// View type of the preset associated with the peer.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub preset_view_type: crate::Nullable<PeerEventPresetViewType>,
    /// ID of the session this event belongs to.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub session_id: crate::Nullable<String>,
    /// ID of the socket session associated with this event.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub socket_session_id: crate::Nullable<String>,
    /// Timestamp when this peer event was last updated.
    pub updated_at: Option<String>,
}

crate::runtime::impl_deserialize!(PeerEvent {
    "id" => id: optional,
    "created_at" => created_at: optional,
    "event_name" => event_name: optional,
    "minutes_consumed" => minutes_consumed: optional,
    "participant_id" => participant_id: optional,
    "peer_id" => peer_id: optional,
    "preset_view_type" => preset_view_type: optional,
    "session_id" => session_id: optional,
    "socket_session_id" => socket_session_id: optional,
    "updated_at" => updated_at: optional,
});

crate::runtime::impl_serialize!(PeerEvent {
    "id" => id: optional,
    "created_at" => created_at: optional,
    "event_name" => event_name: optional,
    "minutes_consumed" => minutes_consumed: optional_whole,
    "participant_id" => participant_id: optional,
    "peer_id" => peer_id: optional,
    "preset_view_type" => preset_view_type: optional,
    "session_id" => session_id: optional,
    "socket_session_id" => socket_session_id: optional,
    "updated_at" => updated_at: optional,
});

impl PeerEvent {
    /// An empty `PeerEvent`: every field starts unset.
    pub fn new() -> Self {
        Self {
            id: None,
            created_at: None,
            event_name: None,
            minutes_consumed: None,
            participant_id: crate::Nullable::Absent,
            peer_id: None,
            preset_view_type: crate::Nullable::Absent,
            session_id: crate::Nullable::Absent,
            socket_session_id: crate::Nullable::Absent,
            updated_at: None,
        }
    }

    /// Sets `id`.
    pub fn with_id(mut self, value: impl Into<String>) -> Self {
        self.id = Some(value.into());
        self
    }

    /// Sets `created_at`.
    pub fn with_created_at(mut self, value: impl Into<String>) -> Self {
        self.created_at = Some(value.into());
        self
    }

    /// Sets `event_name`.
    pub fn with_event_name(mut self, value: impl Into<PeerEventEventName>) -> Self {
        self.event_name = Some(value.into());
        self
    }

    /// Sets `minutes_consumed`.
    pub fn with_minutes_consumed(mut self, value: f64) -> Self {
        self.minutes_consumed = Some(value);
        self
    }

    /// Sets `participant_id` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_participant_id(mut self, value: impl Into<String>) -> Self {
        self.participant_id = crate::Nullable::Present(value.into());
        self
    }

    /// Sets `peer_id`.
    pub fn with_peer_id(mut self, value: impl Into<String>) -> Self {
        self.peer_id = Some(value.into());
        self
    }

    /// Sets `preset_view_type` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_preset_view_type(
        mut self,
        value: impl Into<PeerEventPresetViewType>,
    ) -> Self {
        self.preset_view_type = crate::Nullable::Present(value.into());
        self
    }

    /// Sets `session_id` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_session_id(mut self, value: impl Into<String>) -> Self {
        self.session_id = crate::Nullable::Present(value.into());
        self
    }

    /// Sets `socket_session_id` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_socket_session_id(mut self, value: impl Into<String>) -> Self {
        self.socket_session_id = crate::Nullable::Present(value.into());
        self
    }

    /// Sets `updated_at`.
    pub fn with_updated_at(mut self, value: impl Into<String>) -> Self {
        self.updated_at = Some(value.into());
        self
    }
}

/// Name of the peer event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PeerEventEventName {
    /// `PEER_CREATED`
    PeerCreated,
    /// `PEER_JOINING`
    PeerJoining,
    /// `PEER_LEAVING`
    PeerLeaving,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl PeerEventEventName {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::PeerCreated,
        Self::PeerJoining,
        Self::PeerLeaving,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::PeerCreated => "PEER_CREATED",
            Self::PeerJoining => "PEER_JOINING",
            Self::PeerLeaving => "PEER_LEAVING",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(PeerEventEventName);

/// View type of the preset associated with the peer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PeerEventPresetViewType {
    /// `GROUP_CALL`
    GroupCall,
    /// `WEBINAR`
    Webinar,
    /// `AUDIO_ROOM`
    AudioRoom,
    /// `LIVESTREAM`
    Livestream,
    /// `CHAT`
    Chat,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl PeerEventPresetViewType {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::GroupCall,
        Self::Webinar,
        Self::AudioRoom,
        Self::Livestream,
        Self::Chat,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::GroupCall => "GROUP_CALL",
            Self::Webinar => "WEBINAR",
            Self::AudioRoom => "AUDIO_ROOM",
            Self::Livestream => "LIVESTREAM",
            Self::Chat => "CHAT",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(PeerEventPresetViewType);

/// Defined at `paths./accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}.get.responses.200.content.application/json.schema` in the API document.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct GetParticipantDetailsResponse {
    /// The `data` field.
    pub data: Option<GetParticipantDetailsResponseData>,
    /// The `success` field.
    pub success: Option<bool>,
}

crate::runtime::impl_deserialize!(GetParticipantDetailsResponse {
    "data" => data: optional,
    "success" => success: optional,
});

crate::runtime::impl_serialize!(GetParticipantDetailsResponse {
    "data" => data: optional,
    "success" => success: optional,
});

impl GetParticipantDetailsResponse {
    /// An empty `GetParticipantDetailsResponse`: every field starts unset.
    pub fn new() -> Self {
        Self {
            data: None,
            success: None,
        }
    }

    /// Sets `data`.
    pub fn with_data(
        mut self,
        value: impl Into<GetParticipantDetailsResponseData>,
    ) -> Self {
        self.data = Some(value.into());
        self
    }

    /// Sets `success`.
    pub fn with_success(mut self, value: bool) -> Self {
        self.success = Some(value);
        self
    }
}

crate::runtime::impl_json!(GetParticipantDetailsResponse, decode);

/// Defined at `paths./accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}.get.responses.200.content.application/json.schema.properties.data` in the API document.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct GetParticipantDetailsResponseData {
    /// A participant of a session, with call statistics.
    pub participant: Option<SessionParticipant>,
}

crate::runtime::impl_deserialize!(GetParticipantDetailsResponseData {
    "participant" => participant: optional,
});

crate::runtime::impl_serialize!(GetParticipantDetailsResponseData {
    "participant" => participant: optional,
});

impl GetParticipantDetailsResponseData {
    /// An empty `GetParticipantDetailsResponseData`: every field starts unset.
    pub fn new() -> Self {
        Self {
            participant: None,
        }
    }

    /// Sets `participant`.
    pub fn with_participant(mut self, value: impl Into<SessionParticipant>) -> Self {
        self.participant = Some(value.into());
        self
    }
}
