// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! The webhooks of the Cloudflare RealtimeKit API: what it sends, as [`Event`], and a [`Receiver`] that verifies each delivery before decoding it.
#![allow(deprecated)]
use crate::runtime;
pub use runtime::webhooks::{
    Deliveries, Delivery, RecentDeliveries, Scheme, Signing, WebhookError,
};

/// Receives this API's deliveries: verifies each against [`SIGNING`], then decodes it
/// into an [`Event`].
pub type Receiver = runtime::webhooks::Webhooks<Event>;
/// How the API signs its deliveries, as its document declares it.
pub const SIGNING: Option<Signing> = Some(Signing {
    scheme: Scheme::RsaSha256 {
        header: "rtk-signature",
        key_url: Some("https://api.realtime.cloudflare.com/.well-known/webhooks.json"),
        key_pointer: "/data/publicKey",
    },
    delivery_id: Some("rtk-uuid"),
});

/// A delivery's event: one variant per webhook of the document, its payload boxed, and
/// `Unknown` for one this crate does not know (a newer event), kept with its JSON.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Event {
    /// A meeting started
    ///
    /// Sent when a meeting starts, that is when its first participant joins it.
    ///
    /// The webhook `meeting.started`.
    MeetingStarted(Box<crate::models::MeetingStartedEvent>),
    /// A meeting ended
    ///
    /// Sent when a meeting ends: its host ended it, or all its participants left (`reason` says which).
    ///
    /// The webhook `meeting.ended`.
    MeetingEnded(Box<crate::models::MeetingEndedEvent>),
    /// A participant joined a meeting
    ///
    /// Sent when a participant joins a meeting.
    ///
    /// The webhook `meeting.participantJoined`.
    MeetingParticipantJoined(Box<crate::models::MeetingParticipantJoinedEvent>),
    /// A participant left a meeting
    ///
    /// Sent when a participant leaves a meeting.
    ///
    /// The webhook `meeting.participantLeft`.
    MeetingParticipantLeft(Box<crate::models::MeetingParticipantLeftEvent>),
    /// A meeting's chat export is ready
    ///
    /// Sent when the chat export of a completed meeting is available. Download it from
    /// `chatDownloadUrl` before `chatDownloadUrlExpiry`.
    ///
    /// The webhook `meeting.chatSynced`.
    MeetingChatSynced(Box<crate::models::MeetingChatSyncedEvent>),
    /// A meeting's transcript is ready
    ///
    /// Sent when the transcript of a completed meeting is available: meetings created with
    /// `transcribe_on_end: true` get one after they end. Transcripts are kept for 7 days after the
    /// meeting ends; download the file before `transcriptDownloadUrlExpiry`.
    ///
    /// The webhook `meeting.transcript`.
    MeetingTranscript(Box<crate::models::MeetingTranscriptEvent>),
    /// A meeting's AI summary is ready
    ///
    /// Sent when the AI-generated summary of a completed meeting is available: meetings created with
    /// `summarize_on_end: true` get one once their transcript exists. Summaries are kept for 7 days
    /// after the meeting ends; download the file before `summaryDownloadUrlExpiry`.
    ///
    /// The webhook `meeting.summary`.
    MeetingSummary(Box<crate::models::MeetingSummaryEvent>),
    /// A recording changed status
    ///
    /// Sent when a recording changes status as it moves through its lifecycle. Once the status is
    /// `UPLOADED`, the recording can carry `downloadUrl`, `audioDownloadUrl` and `downloadUrlExpiry`.
    ///
    /// The webhook `recording.statusUpdate`.
    RecordingStatusUpdate(Box<crate::models::RecordingStatusUpdateEvent>),
    /// A livestream changed status
    ///
    /// Sent when a livestream changes status.
    ///
    /// The webhook `livestreaming.statusUpdate`.
    LivestreamingStatusUpdate(Box<crate::models::LivestreamingStatusUpdateEvent>),
    /// An event this crate does not know.
    Unknown {
        /// What the delivery names its event, where it does.
        name: Option<String>,
        /// The body, as JSON.
        payload: crate::serde_json::Value,
    },
}

impl Event {
    /// The event's name, as the document names its webhook (for `Unknown`, as the
    /// delivery names it).
    pub fn name(&self) -> Option<&str> {
        match self {
            Event::MeetingStarted(_) => Some("meeting.started"),
            Event::MeetingEnded(_) => Some("meeting.ended"),
            Event::MeetingParticipantJoined(_) => Some("meeting.participantJoined"),
            Event::MeetingParticipantLeft(_) => Some("meeting.participantLeft"),
            Event::MeetingChatSynced(_) => Some("meeting.chatSynced"),
            Event::MeetingTranscript(_) => Some("meeting.transcript"),
            Event::MeetingSummary(_) => Some("meeting.summary"),
            Event::RecordingStatusUpdate(_) => Some("recording.statusUpdate"),
            Event::LivestreamingStatusUpdate(_) => Some("livestreaming.statusUpdate"),
            Event::Unknown { name, .. } => name.as_deref(),
        }
    }

    /// Decodes the body of a delivery of the webhook `name` (as the document names
    /// it), for an endpoint that knows which event it receives. The body must be
    /// verified first.
    pub fn decode_as(name: &str, body: &[u8]) -> Result<Event, WebhookError> {
        Ok(
            match name {
                "meeting.started" => {
                    Event::MeetingStarted(runtime::webhooks::decode_boxed(body)?)
                }
                "meeting.ended" => {
                    Event::MeetingEnded(runtime::webhooks::decode_boxed(body)?)
                }
                "meeting.participantJoined" => {
                    Event::MeetingParticipantJoined(
                        runtime::webhooks::decode_boxed(body)?,
                    )
                }
                "meeting.participantLeft" => {
                    Event::MeetingParticipantLeft(runtime::webhooks::decode_boxed(body)?)
                }
                "meeting.chatSynced" => {
                    Event::MeetingChatSynced(runtime::webhooks::decode_boxed(body)?)
                }
                "meeting.transcript" => {
                    Event::MeetingTranscript(runtime::webhooks::decode_boxed(body)?)
                }
                "meeting.summary" => {
                    Event::MeetingSummary(runtime::webhooks::decode_boxed(body)?)
                }
                "recording.statusUpdate" => {
                    Event::RecordingStatusUpdate(runtime::webhooks::decode_boxed(body)?)
                }
                "livestreaming.statusUpdate" => {
                    Event::LivestreamingStatusUpdate(
                        runtime::webhooks::decode_boxed(body)?,
                    )
                }
                _ => {
                    Event::Unknown {
                        name: Some(name.to_owned()),
                        payload: runtime::webhooks::decode_payload(body)?,
                    }
                }
            },
        )
    }
}

impl runtime::webhooks::WebhookEvent for Event {
    type Api = crate::Api;
    const SIGNING: Option<Signing> = SIGNING;
    fn decode(
        headers: &crate::header::HeaderMap,
        body: &[u8],
    ) -> Result<Event, WebhookError> {
        let _ = headers;
        let fields = runtime::webhooks::body_fields(body, ["event"])?;
        Ok(
            match (fields[0].as_deref(),) {
                (Some("meeting.started"),) => {
                    Event::MeetingStarted(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("meeting.ended"),) => {
                    Event::MeetingEnded(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("meeting.participantJoined"),) => {
                    Event::MeetingParticipantJoined(
                        runtime::webhooks::decode_boxed(body)?,
                    )
                }
                (Some("meeting.participantLeft"),) => {
                    Event::MeetingParticipantLeft(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("meeting.chatSynced"),) => {
                    Event::MeetingChatSynced(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("meeting.transcript"),) => {
                    Event::MeetingTranscript(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("meeting.summary"),) => {
                    Event::MeetingSummary(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("recording.statusUpdate"),) => {
                    Event::RecordingStatusUpdate(runtime::webhooks::decode_boxed(body)?)
                }
                (Some("livestreaming.statusUpdate"),) => {
                    Event::LivestreamingStatusUpdate(
                        runtime::webhooks::decode_boxed(body)?,
                    )
                }
                _ => {
                    Event::Unknown {
                        name: fields[0].as_deref().map(str::to_owned),
                        payload: runtime::webhooks::decode_payload(body)?,
                    }
                }
            },
        )
    }
}
