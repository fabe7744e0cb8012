// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! The payloads of the webhooks the API sends (feature `webhooks`).
#![allow(deprecated)]

#[allow(unused_imports)]
use crate::models::*;

/// The body of a `meeting.started` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingStartedEvent {
    /// The event's name.
    pub event: MeetingStartedEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
}

crate::runtime::impl_deserialize!(MeetingStartedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
});

crate::runtime::impl_serialize!(MeetingStartedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
});

impl MeetingStartedEvent {
    /// A `MeetingStartedEvent` from its required fields; the optional ones start unset.
    pub fn new(event: MeetingStartedEventEvent, meeting: WebhookMeeting) -> Self {
        Self {
            event,
            meeting,
        }
    }
}

crate::runtime::impl_json!(MeetingStartedEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingStartedEventEvent {
    /// `meeting.started`
    MeetingStarted,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingStartedEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingStarted,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingStarted => "meeting.started",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingStartedEventEvent);

/// The meeting an event is about.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookMeeting {
    /// ID of the meeting.
    pub id: ::uuid::Uuid,
    /// ID of the meeting's session the event is about.
    pub session_id: Option<::uuid::Uuid>,
    /// Title of the meeting.
    pub title: Option<String>,
    /// Room name of the meeting; sent only for meetings created with the v1 APIs.
    pub room_name: Option<String>,
    /// Status of the meeting.
    pub status: Option<String>,
    /// When the meeting was created.
    pub created_at: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the session started.
    pub started_at: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the session ended; null while it runs.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub ended_at: crate::Nullable<::chrono::DateTime<::chrono::Utc>>,
    /// The organization a meeting belongs to.
    pub organized_by: WebhookOrganization,
}

crate::runtime::impl_deserialize!(WebhookMeeting {
    "id" => id: required,
    "sessionId" => session_id: optional,
    "title" => title: optional,
    "roomName" => room_name: optional,
    "status" => status: optional,
    "createdAt" => created_at: optional,
    "startedAt" => started_at: optional,
    "endedAt" => ended_at: optional,
    "organizedBy" => organized_by: required,
});

crate::runtime::impl_serialize!(WebhookMeeting {
    "id" => id: required,
    "sessionId" => session_id: optional,
    "title" => title: optional,
    "roomName" => room_name: optional,
    "status" => status: optional,
    "createdAt" => created_at: optional,
    "startedAt" => started_at: optional,
    "endedAt" => ended_at: optional,
    "organizedBy" => organized_by: required,
});

impl WebhookMeeting {
    /// A `WebhookMeeting` from its required fields; the optional ones start unset.
    pub fn new(id: ::uuid::Uuid, organized_by: WebhookOrganization) -> Self {
        Self {
            id,
            session_id: None,
            title: None,
            room_name: None,
            status: None,
            created_at: None,
            started_at: None,
            ended_at: crate::Nullable::Absent,
            organized_by,
        }
    }

    /// Sets `sessionId`.
    pub fn with_session_id(mut self, value: ::uuid::Uuid) -> Self {
        self.session_id = Some(value);
        self
    }

    /// Sets `title`.
    pub fn with_title(mut self, value: impl Into<String>) -> Self {
        self.title = Some(value.into());
        self
    }

    /// Sets `roomName`.
    pub fn with_room_name(mut self, value: impl Into<String>) -> Self {
        self.room_name = Some(value.into());
        self
    }

    /// Sets `status`.
    pub fn with_status(mut self, value: impl Into<String>) -> Self {
        self.status = Some(value.into());
        self
    }

    /// Sets `createdAt`.
    pub fn with_created_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.created_at = Some(value);
        self
    }

    /// Sets `startedAt`.
    pub fn with_started_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.started_at = Some(value);
        self
    }

    /// Sets `endedAt` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_ended_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.ended_at = crate::Nullable::Present(value);
        self
    }
}

/// The organization a meeting belongs to.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookOrganization {
    /// ID of the organization.
    pub id: ::uuid::Uuid,
    /// Name of the organization.
    pub name: String,
}

crate::runtime::impl_deserialize!(WebhookOrganization {
    "id" => id: required,
    "name" => name: required,
});

crate::runtime::impl_serialize!(WebhookOrganization {
    "id" => id: required,
    "name" => name: required,
});

impl WebhookOrganization {
    /// A `WebhookOrganization` from its required fields; the optional ones start unset.
    pub fn new(id: ::uuid::Uuid, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
        }
    }
}

/// The body of a `meeting.ended` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingEndedEvent {
    /// The event's name.
    pub event: MeetingEndedEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
    /// Why the meeting ended.
    pub reason: MeetingEndedEventReason,
}

crate::runtime::impl_deserialize!(MeetingEndedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "reason" => reason: required,
});

crate::runtime::impl_serialize!(MeetingEndedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "reason" => reason: required,
});

impl MeetingEndedEvent {
    /// A `MeetingEndedEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: MeetingEndedEventEvent,
        meeting: WebhookMeeting,
        reason: MeetingEndedEventReason,
    ) -> Self {
        Self {
            event,
            meeting,
            reason,
        }
    }
}

crate::runtime::impl_json!(MeetingEndedEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingEndedEventEvent {
    /// `meeting.ended`
    MeetingEnded,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingEndedEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingEnded,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingEnded => "meeting.ended",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingEndedEventEvent);

/// Why the meeting ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingEndedEventReason {
    /// `HOST_ENDED_MEETING`
    HostEndedMeeting,
    /// `ALL_PARTICIPANTS_LEFT`
    AllParticipantsLeft,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingEndedEventReason {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::HostEndedMeeting,
        Self::AllParticipantsLeft,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::HostEndedMeeting => "HOST_ENDED_MEETING",
            Self::AllParticipantsLeft => "ALL_PARTICIPANTS_LEFT",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingEndedEventReason);

/// The body of a `meeting.participantJoined` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingParticipantJoinedEvent {
    /// The event's name.
    pub event: MeetingParticipantJoinedEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
    /// The participant who joined or left a meeting.
    pub participant: WebhookParticipant,
}

crate::runtime::impl_deserialize!(MeetingParticipantJoinedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "participant" => participant: required,
});

crate::runtime::impl_serialize!(MeetingParticipantJoinedEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "participant" => participant: required,
});

impl MeetingParticipantJoinedEvent {
    /// A `MeetingParticipantJoinedEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: MeetingParticipantJoinedEventEvent,
        meeting: WebhookMeeting,
        participant: WebhookParticipant,
    ) -> Self {
        Self {
            event,
            meeting,
            participant,
        }
    }
}

crate::runtime::impl_json!(MeetingParticipantJoinedEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingParticipantJoinedEventEvent {
    /// `meeting.participantJoined`
    MeetingParticipantJoined,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingParticipantJoinedEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingParticipantJoined,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingParticipantJoined => "meeting.participantJoined",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingParticipantJoinedEventEvent);

/// The participant who joined or left a meeting.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookParticipant {
    /// ID of the participant's peer in this session; a participant who rejoins gets a new one.
    pub peer_id: ::uuid::Uuid,
    /// Name the participant is shown with.
    pub user_display_name: String,
    /// The participant's ID of your own, given when the participant was added (`custom_participant_id`).
    pub custom_participant_id: String,
    /// The same value as `customParticipantId`, kept for older integrations; use `customParticipantId`.
    #[deprecated]
    pub client_specific_id: Option<String>,
    /// When the participant joined.
    pub joined_at: ::chrono::DateTime<::chrono::Utc>,
    /// When the participant left; sent with `meeting.participantLeft`.
    pub left_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

crate::runtime::impl_deserialize!(WebhookParticipant {
    "peerId" => peer_id: required,
    "userDisplayName" => user_display_name: required,
    "customParticipantId" => custom_participant_id: required,
    "clientSpecificId" => client_specific_id: optional,
    "joinedAt" => joined_at: required,
    "leftAt" => left_at: optional,
});

crate::runtime::impl_serialize!(WebhookParticipant {
    "peerId" => peer_id: required,
    "userDisplayName" => user_display_name: required,
    "customParticipantId" => custom_participant_id: required,
    "clientSpecificId" => client_specific_id: optional,
    "joinedAt" => joined_at: required,
    "leftAt" => left_at: optional,
});

impl WebhookParticipant {
    /// A `WebhookParticipant` from its required fields; the optional ones start unset.
    pub fn new(
        custom_participant_id: impl Into<String>,
        joined_at: ::chrono::DateTime<::chrono::Utc>,
        peer_id: ::uuid::Uuid,
        user_display_name: impl Into<String>,
    ) -> Self {
        Self {
            peer_id,
            user_display_name: user_display_name.into(),
            custom_participant_id: custom_participant_id.into(),
            client_specific_id: None,
            joined_at,
            left_at: None,
        }
    }

    /// Sets `clientSpecificId`.
    #[deprecated]
    pub fn with_client_specific_id(mut self, value: impl Into<String>) -> Self {
        self.client_specific_id = Some(value.into());
        self
    }

    /// Sets `leftAt`.
    pub fn with_left_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.left_at = Some(value);
        self
    }
}

/// The body of a `meeting.participantLeft` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingParticipantLeftEvent {
    /// The event's name.
    pub event: MeetingParticipantLeftEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
    /// The participant who joined or left a meeting.
    pub participant: WebhookParticipant,
}

crate::runtime::impl_deserialize!(MeetingParticipantLeftEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "participant" => participant: required,
});

crate::runtime::impl_serialize!(MeetingParticipantLeftEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "participant" => participant: required,
});

impl MeetingParticipantLeftEvent {
    /// A `MeetingParticipantLeftEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: MeetingParticipantLeftEventEvent,
        meeting: WebhookMeeting,
        participant: WebhookParticipant,
    ) -> Self {
        Self {
            event,
            meeting,
            participant,
        }
    }
}

crate::runtime::impl_json!(MeetingParticipantLeftEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingParticipantLeftEventEvent {
    /// `meeting.participantLeft`
    MeetingParticipantLeft,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingParticipantLeftEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingParticipantLeft,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingParticipantLeft => "meeting.participantLeft",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingParticipantLeftEventEvent);

/// The body of a `meeting.chatSynced` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingChatSyncedEvent {
    /// The event's name.
    pub event: MeetingChatSyncedEventEvent,
    /// ID of the session whose chat was exported.
    pub session_id: ::uuid::Uuid,
    /// ID of the meeting.
    pub meeting_id: ::uuid::Uuid,
    /// Title of the meeting.
    pub title: Option<String>,
    /// URL to download the chat export from.
    pub chat_download_url: crate::Uri,
    /// When `chatDownloadUrl` expires.
    pub chat_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
    /// When the meeting was created.
    pub created_at: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the session started.
    pub started_at: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the session ended.
    pub ended_at: Option<::chrono::DateTime<::chrono::Utc>>,
    /// The organization a meeting belongs to.
    pub organized_by: WebhookOrganization,
}

crate::runtime::impl_deserialize!(MeetingChatSyncedEvent {
    "event" => event: required,
    "sessionId" => session_id: required,
    "meetingId" => meeting_id: required,
    "title" => title: optional,
    "chatDownloadUrl" => chat_download_url: required,
    "chatDownloadUrlExpiry" => chat_download_url_expiry: required,
    "createdAt" => created_at: optional,
    "startedAt" => started_at: optional,
    "endedAt" => ended_at: optional,
    "organizedBy" => organized_by: required,
});

crate::runtime::impl_serialize!(MeetingChatSyncedEvent {
    "event" => event: required,
    "sessionId" => session_id: required,
    "meetingId" => meeting_id: required,
    "title" => title: optional,
    "chatDownloadUrl" => chat_download_url: required,
    "chatDownloadUrlExpiry" => chat_download_url_expiry: required,
    "createdAt" => created_at: optional,
    "startedAt" => started_at: optional,
    "endedAt" => ended_at: optional,
    "organizedBy" => organized_by: required,
});

impl MeetingChatSyncedEvent {
    /// A `MeetingChatSyncedEvent` from its required fields; the optional ones start unset.
    pub fn new(
        chat_download_url: crate::Uri,
        chat_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
        event: MeetingChatSyncedEventEvent,
        meeting_id: ::uuid::Uuid,
        organized_by: WebhookOrganization,
        session_id: ::uuid::Uuid,
    ) -> Self {
        Self {
            event,
            session_id,
            meeting_id,
            title: None,
            chat_download_url,
            chat_download_url_expiry,
            created_at: None,
            started_at: None,
            ended_at: None,
            organized_by,
        }
    }

    /// Sets `title`.
    pub fn with_title(mut self, value: impl Into<String>) -> Self {
        self.title = Some(value.into());
        self
    }

    /// Sets `createdAt`.
    pub fn with_created_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.created_at = Some(value);
        self
    }

    /// Sets `startedAt`.
    pub fn with_started_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.started_at = Some(value);
        self
    }

    /// Sets `endedAt`.
    pub fn with_ended_at(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.ended_at = Some(value);
        self
    }
}

crate::runtime::impl_json!(MeetingChatSyncedEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingChatSyncedEventEvent {
    /// `meeting.chatSynced`
    MeetingChatSynced,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingChatSyncedEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingChatSynced,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingChatSynced => "meeting.chatSynced",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingChatSyncedEventEvent);

/// The body of a `meeting.transcript` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingTranscriptEvent {
    /// The event's name.
    pub event: MeetingTranscriptEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
    /// URL to download the meeting's transcript from.
    pub transcript_download_url: crate::Uri,
    /// When `transcriptDownloadUrl` expires.
    pub transcript_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
}

crate::runtime::impl_deserialize!(MeetingTranscriptEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "transcriptDownloadUrl" => transcript_download_url: required,
    "transcriptDownloadUrlExpiry" => transcript_download_url_expiry: required,
});

crate::runtime::impl_serialize!(MeetingTranscriptEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "transcriptDownloadUrl" => transcript_download_url: required,
    "transcriptDownloadUrlExpiry" => transcript_download_url_expiry: required,
});

impl MeetingTranscriptEvent {
    /// A `MeetingTranscriptEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: MeetingTranscriptEventEvent,
        meeting: WebhookMeeting,
        transcript_download_url: crate::Uri,
        transcript_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        Self {
            event,
            meeting,
            transcript_download_url,
            transcript_download_url_expiry,
        }
    }
}

crate::runtime::impl_json!(MeetingTranscriptEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingTranscriptEventEvent {
    /// `meeting.transcript`
    MeetingTranscript,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingTranscriptEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingTranscript,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingTranscript => "meeting.transcript",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingTranscriptEventEvent);

/// The body of a `meeting.summary` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MeetingSummaryEvent {
    /// The event's name.
    pub event: MeetingSummaryEventEvent,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
    /// URL to download the meeting's AI-generated summary from.
    pub summary_download_url: crate::Uri,
    /// When `summaryDownloadUrl` expires.
    pub summary_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
}

crate::runtime::impl_deserialize!(MeetingSummaryEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "summaryDownloadUrl" => summary_download_url: required,
    "summaryDownloadUrlExpiry" => summary_download_url_expiry: required,
});

crate::runtime::impl_serialize!(MeetingSummaryEvent {
    "event" => event: required,
    "meeting" => meeting: required,
    "summaryDownloadUrl" => summary_download_url: required,
    "summaryDownloadUrlExpiry" => summary_download_url_expiry: required,
});

impl MeetingSummaryEvent {
    /// A `MeetingSummaryEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: MeetingSummaryEventEvent,
        meeting: WebhookMeeting,
        summary_download_url: crate::Uri,
        summary_download_url_expiry: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        Self {
            event,
            meeting,
            summary_download_url,
            summary_download_url_expiry,
        }
    }
}

crate::runtime::impl_json!(MeetingSummaryEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MeetingSummaryEventEvent {
    /// `meeting.summary`
    MeetingSummary,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl MeetingSummaryEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::MeetingSummary,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MeetingSummary => "meeting.summary",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(MeetingSummaryEventEvent);

/// The body of a `recording.statusUpdate` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RecordingStatusUpdateEvent {
    /// The event's name.
    pub event: RecordingStatusUpdateEventEvent,
    /// The recording whose status changed.
    pub recording: WebhookRecording,
    /// The meeting an event is about.
    pub meeting: WebhookMeeting,
}

crate::runtime::impl_deserialize!(RecordingStatusUpdateEvent {
    "event" => event: required,
    "recording" => recording: required,
    "meeting" => meeting: required,
});

crate::runtime::impl_serialize!(RecordingStatusUpdateEvent {
    "event" => event: required,
    "recording" => recording: required,
    "meeting" => meeting: required,
});

impl RecordingStatusUpdateEvent {
    /// A `RecordingStatusUpdateEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: RecordingStatusUpdateEventEvent,
        meeting: WebhookMeeting,
        recording: WebhookRecording,
    ) -> Self {
        Self {
            event,
            recording,
            meeting,
        }
    }
}

crate::runtime::impl_json!(RecordingStatusUpdateEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RecordingStatusUpdateEventEvent {
    /// `recording.statusUpdate`
    RecordingStatusUpdate,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl RecordingStatusUpdateEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::RecordingStatusUpdate,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::RecordingStatusUpdate => "recording.statusUpdate",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(RecordingStatusUpdateEventEvent);

/// The recording whose status changed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookRecording {
    /// ID of the recording.
    pub id: ::uuid::Uuid,
    /// ID of the recording; the same as `id` in every example.
    pub recording_id: ::uuid::Uuid,
    /// The recording's new status.
    pub status: WebhookRecordingStatus,
    /// URL to download the recording from.
    pub download_url: Option<crate::Uri>,
    /// URL to download the recording's audio from.
    pub audio_download_url: Option<crate::Uri>,
    /// When the download URLs expire.
    pub download_url_expiry: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the recording started.
    pub started_time: Option<::chrono::DateTime<::chrono::Utc>>,
    /// When the recording stopped.
    pub stopped_time: Option<::chrono::DateTime<::chrono::Utc>>,
    /// Size of the recording file, in bytes.
    pub file_size: Option<WebhookRecordingFileSize>,
    /// File name of the recording.
    pub output_file_name: Option<String>,
    /// ID of the recorded meeting.
    pub meeting_id: Option<::uuid::Uuid>,
    /// Duration of the recording, in seconds.
    pub recording_duration: Option<f64>,
    /// ID of the organization the recording belongs to.
    pub organization_id: Option<::uuid::Uuid>,
    /// ID of the recorded session (the meeting's `sessionId`).
    pub room_uuid: Option<::uuid::Uuid>,
}

crate::runtime::impl_deserialize!(WebhookRecording {
    "id" => id: required,
    "recordingId" => recording_id: required,
    "status" => status: required,
    "downloadUrl" => download_url: optional,
    "audioDownloadUrl" => audio_download_url: optional,
    "downloadUrlExpiry" => download_url_expiry: optional,
    "startedTime" => started_time: optional,
    "stoppedTime" => stopped_time: optional,
    "fileSize" => file_size: optional,
    "outputFileName" => output_file_name: optional,
    "meetingId" => meeting_id: optional,
    "recordingDuration" => recording_duration: optional,
    "organizationId" => organization_id: optional,
    "roomUUID" => room_uuid: optional,
});

crate::runtime::impl_serialize!(WebhookRecording {
    "id" => id: required,
    "recordingId" => recording_id: required,
    "status" => status: required,
    "downloadUrl" => download_url: optional,
    "audioDownloadUrl" => audio_download_url: optional,
    "downloadUrlExpiry" => download_url_expiry: optional,
    "startedTime" => started_time: optional,
    "stoppedTime" => stopped_time: optional,
    "fileSize" => file_size: optional,
    "outputFileName" => output_file_name: optional,
    "meetingId" => meeting_id: optional,
    "recordingDuration" => recording_duration: optional_whole,
    "organizationId" => organization_id: optional,
    "roomUUID" => room_uuid: optional,
});

impl WebhookRecording {
    /// A `WebhookRecording` from its required fields; the optional ones start unset.
    pub fn new(
        id: ::uuid::Uuid,
        recording_id: ::uuid::Uuid,
        status: WebhookRecordingStatus,
    ) -> Self {
        Self {
            id,
            recording_id,
            status,
            download_url: None,
            audio_download_url: None,
            download_url_expiry: None,
            started_time: None,
            stopped_time: None,
            file_size: None,
            output_file_name: None,
            meeting_id: None,
            recording_duration: None,
            organization_id: None,
            room_uuid: None,
        }
    }

    /// Sets `downloadUrl`.
    pub fn with_download_url(mut self, value: impl Into<crate::Uri>) -> Self {
        self.download_url = Some(value.into());
        self
    }

    /// Sets `audioDownloadUrl`.
    pub fn with_audio_download_url(mut self, value: impl Into<crate::Uri>) -> Self {
        self.audio_download_url = Some(value.into());
        self
    }

    /// Sets `downloadUrlExpiry`.
    pub fn with_download_url_expiry(
        mut self,
        value: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        self.download_url_expiry = Some(value);
        self
    }

    /// Sets `startedTime`.
    pub fn with_started_time(
        mut self,
        value: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        self.started_time = Some(value);
        self
    }

    /// Sets `stoppedTime`.
    pub fn with_stopped_time(
        mut self,
        value: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        self.stopped_time = Some(value);
        self
    }

    /// Sets `fileSize`.
    pub fn with_file_size(mut self, value: impl Into<WebhookRecordingFileSize>) -> Self {
        self.file_size = Some(value.into());
        self
    }

    /// Sets `outputFileName`.
    pub fn with_output_file_name(mut self, value: impl Into<String>) -> Self {
        self.output_file_name = Some(value.into());
        self
    }

    /// Sets `meetingId`.
    pub fn with_meeting_id(mut self, value: ::uuid::Uuid) -> Self {
        self.meeting_id = Some(value);
        self
    }

    /// Sets `recordingDuration`.
    pub fn with_recording_duration(mut self, value: f64) -> Self {
        self.recording_duration = Some(value);
        self
    }

    /// Sets `organizationId`.
    pub fn with_organization_id(mut self, value: ::uuid::Uuid) -> Self {
        self.organization_id = Some(value);
        self
    }

    /// Sets `roomUUID`.
    pub fn with_room_uuid(mut self, value: ::uuid::Uuid) -> Self {
        self.room_uuid = Some(value);
        self
    }
}

/// The recording's new status.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WebhookRecordingStatus {
    /// `INVOKED`
    Invoked,
    /// `RECORDING`
    Recording,
    /// `UPLOADING`
    Uploading,
    /// `UPLOADED`
    Uploaded,
    /// `ERRORED`
    Errored,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl WebhookRecordingStatus {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::Invoked,
        Self::Recording,
        Self::Uploading,
        Self::Uploaded,
        Self::Errored,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Invoked => "INVOKED",
            Self::Recording => "RECORDING",
            Self::Uploading => "UPLOADING",
            Self::Uploaded => "UPLOADED",
            Self::Errored => "ERRORED",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(WebhookRecordingStatus);

/// Size of the recording file, in bytes.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum WebhookRecordingFileSize {
    /// The `Number` alternative.
    #[serde(serialize_with = "crate::runtime::serialize_whole")]
    Number(f64),
    /// The `String` alternative.
    String(String),
}

/// The body of a `livestreaming.statusUpdate` delivery.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LivestreamingStatusUpdateEvent {
    /// The event's name.
    pub event: LivestreamingStatusUpdateEventEvent,
    /// ID of the livestream.
    pub stream_id: ::uuid::Uuid,
    /// The livestream's new status.
    pub status: LivestreamingStatusUpdateEventStatus,
    /// Whether the livestream is ingested manually.
    pub manual_ingest: Option<bool>,
    /// URL the livestream is watched at.
    pub playback_url: Option<crate::Uri>,
    /// RTMP(S) server the livestream's video is sent to.
    pub ingest_server: Option<crate::Uri>,
    /// Key to send the livestream's video to `ingestServer` with.
    pub stream_key: Option<String>,
    /// The meeting an event is about.
    pub meeting: Option<WebhookMeeting>,
}

crate::runtime::impl_deserialize!(LivestreamingStatusUpdateEvent {
    "event" => event: required,
    "streamId" => stream_id: required,
    "status" => status: required,
    "manualIngest" => manual_ingest: optional,
    "playbackUrl" => playback_url: optional,
    "ingestServer" => ingest_server: optional,
    "streamKey" => stream_key: optional,
    "meeting" => meeting: optional,
});

crate::runtime::impl_serialize!(LivestreamingStatusUpdateEvent {
    "event" => event: required,
    "streamId" => stream_id: required,
    "status" => status: required,
    "manualIngest" => manual_ingest: optional,
    "playbackUrl" => playback_url: optional,
    "ingestServer" => ingest_server: optional,
    "streamKey" => stream_key: optional,
    "meeting" => meeting: optional,
});

impl LivestreamingStatusUpdateEvent {
    /// A `LivestreamingStatusUpdateEvent` from its required fields; the optional ones start unset.
    pub fn new(
        event: LivestreamingStatusUpdateEventEvent,
        status: LivestreamingStatusUpdateEventStatus,
        stream_id: ::uuid::Uuid,
    ) -> Self {
        Self {
            event,
            stream_id,
            status,
            manual_ingest: None,
            playback_url: None,
            ingest_server: None,
            stream_key: None,
            meeting: None,
        }
    }

    /// Sets `manualIngest`.
    pub fn with_manual_ingest(mut self, value: bool) -> Self {
        self.manual_ingest = Some(value);
        self
    }

    /// Sets `playbackUrl`.
    pub fn with_playback_url(mut self, value: impl Into<crate::Uri>) -> Self {
        self.playback_url = Some(value.into());
        self
    }

    /// Sets `ingestServer`.
    pub fn with_ingest_server(mut self, value: impl Into<crate::Uri>) -> Self {
        self.ingest_server = Some(value.into());
        self
    }

    /// Sets `streamKey`.
    pub fn with_stream_key(mut self, value: impl Into<String>) -> Self {
        self.stream_key = Some(value.into());
        self
    }

    /// Sets `meeting`.
    pub fn with_meeting(mut self, value: impl Into<WebhookMeeting>) -> Self {
        self.meeting = Some(value.into());
        self
    }
}

crate::runtime::impl_json!(LivestreamingStatusUpdateEvent, decode);

/// The event's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LivestreamingStatusUpdateEventEvent {
    /// `livestreaming.statusUpdate`
    LivestreamingStatusUpdate,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl LivestreamingStatusUpdateEventEvent {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::LivestreamingStatusUpdate,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::LivestreamingStatusUpdate => "livestreaming.statusUpdate",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(LivestreamingStatusUpdateEventEvent);

/// The livestream's new status.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LivestreamingStatusUpdateEventStatus {
    /// `LIVE`
    Live,
    /// `OFFLINE`
    Offline,
    /// `IDLE`
    Idle,
    /// A value this version of the crate does not know, kept as it was received so
    /// that it is sent back unchanged.
    Unknown(String),
}

impl LivestreamingStatusUpdateEventStatus {
    /// Every value the API document lists.
    pub const KNOWN: &'static [Self] = &[
        Self::Live,
        Self::Offline,
        Self::Idle,
    ];
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Live => "LIVE",
            Self::Offline => "OFFLINE",
            Self::Idle => "IDLE",
            Self::Unknown(value) => value,
        }
    }
}

crate::runtime::open_enum_impls!(LivestreamingStatusUpdateEventStatus);
