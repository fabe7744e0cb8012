// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Test doubles for code that uses this crate (feature `mock`): [`MockApi`] starts a
//! mock of the API on 127.0.0.1 and gives a [`Client`](crate::Client) pointed at it.
//!
//! Each operation has a method that starts an expectation, matching the path
//! parameters given (and, with `.query_{name}(..)` from the operation's `…Query`
//! trait, brought in by `use` of this module's `*`, and `.body(..)`, query values and
//! a predicate on the typed body); answer with `.respond(output)`, `.error(status,
//! body)`, `.status(status)`, `.drop_connection()`, add `.header(..)` or `.delay(..)`
//! to an answer, chain
//! answers for a sequence, say `.times(n)`, then `.mount().await`. Every request is
//! checked against the API document, and `verify()` or dropping the mock fails the
//! test with every request the document does not allow, every request no expectation
//! matched, and every `times` not met. `received::<Operation>()` reads the requests
//! an operation received, bodies typed.
/// A mock of the API, in this process, and the expectations set on it. Read the
/// runtime's `MockServer` (through `Deref`) for `client_builder`, `received` and
/// `verify`.
pub struct MockApi {
    server: crate::runtime::mock::MockServer<crate::Api>,
}

impl MockApi {
    /// Starts the mock on 127.0.0.1, on a free port.
    pub async fn start() -> MockApi {
        #[allow(unused_mut)]
        let mut operations: Vec<&'static crate::runtime::mock::OperationSpec> = Vec::new();
        #[cfg(feature = "meetings")]
        operations
            .push(
                <crate::meetings::GetMeetingParticipant as crate::runtime::mock::MockOperation>::SPEC,
            );
        #[cfg(feature = "meetings")]
        operations
            .push(
                <crate::meetings::GetMeetingParticipants as crate::runtime::mock::MockOperation>::SPEC,
            );
        #[cfg(feature = "meetings")]
        operations
            .push(
                <crate::meetings::AddParticipant as crate::runtime::mock::MockOperation>::SPEC,
            );
        #[cfg(feature = "sessions")]
        operations
            .push(
                <crate::sessions::GetParticipantDetails as crate::runtime::mock::MockOperation>::SPEC,
            );
        MockApi {
            server: crate::runtime::mock::MockServer::start(operations).await,
        }
    }

    /// A client pointed at the mock, with retries off so that your code sees every
    /// answer; use `client_builder()` to change that.
    pub fn client(&self) -> crate::Client {
        self.server.client()
    }

    #[cfg(feature = "meetings")]
    /// Expects `get_meeting_participant` requests (GET `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}`) with these path parameters.
    pub fn get_meeting_participant(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
        participant_id: impl Into<String>,
    ) -> crate::runtime::mock::Expectation<
        '_,
        crate::Api,
        crate::meetings::GetMeetingParticipant,
    > {
        self.server
            .expect(
                vec![
                    ("account_id", account_id.into()), ("app_id", app_id.into()),
                    ("meeting_id", meeting_id.to_string()), ("participant_id",
                    participant_id.into())
                ],
            )
    }

    #[cfg(feature = "meetings")]
    /// Expects `get_meeting_participants` requests (GET `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants`) with these path parameters.
    pub fn get_meeting_participants(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
    ) -> crate::runtime::mock::Expectation<
        '_,
        crate::Api,
        crate::meetings::GetMeetingParticipants,
    > {
        self.server
            .expect(
                vec![
                    ("account_id", account_id.into()), ("app_id", app_id.into()),
                    ("meeting_id", meeting_id.to_string())
                ],
            )
    }

    #[cfg(feature = "meetings")]
    /// Expects `add_participant` requests (POST `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants`) with these path parameters.
    pub fn add_participant(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
    ) -> crate::runtime::mock::Expectation<
        '_,
        crate::Api,
        crate::meetings::AddParticipant,
    > {
        self.server
            .expect(
                vec![
                    ("account_id", account_id.into()), ("app_id", app_id.into()),
                    ("meeting_id", meeting_id.to_string())
                ],
            )
    }

    #[cfg(feature = "sessions")]
    /// Expects `GetParticipantDetails` requests (GET `/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}`) with these path parameters.
    pub fn get_participant_details(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        session_id: ::uuid::Uuid,
        participant_id: ::uuid::Uuid,
    ) -> crate::runtime::mock::Expectation<
        '_,
        crate::Api,
        crate::sessions::GetParticipantDetails,
    > {
        self.server
            .expect(
                vec![
                    ("account_id", account_id.into()), ("app_id", app_id.into()),
                    ("session_id", session_id.to_string()), ("participant_id",
                    participant_id.to_string())
                ],
            )
    }
}

impl ::std::ops::Deref for MockApi {
    type Target = crate::runtime::mock::MockServer<crate::Api>;
    fn deref(&self) -> &Self::Target {
        &self.server
    }
}

impl ::std::fmt::Debug for MockApi {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.debug_struct("MockApi").field("uri", &self.server.uri()).finish()
    }
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::GetMeetingParticipant {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "get_meeting_participant",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}",
        params: &[
            crate::runtime::mock::ParamSpec {
                name: "account_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "app_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "meeting_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::Uuid,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "participant_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
        ],
        body: None,
        success_status: 200u16,
    };
    type Body = ();
    type Output = crate::models::GetMeetingParticipantResponse;
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::GetMeetingParticipants {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "get_meeting_participants",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        params: &[
            crate::runtime::mock::ParamSpec {
                name: "account_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "app_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "meeting_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::Uuid,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "page_no",
                location: crate::runtime::mock::Location::Query,
                required: false,
                kind: crate::runtime::mock::Kind::Number,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "per_page",
                location: crate::runtime::mock::Location::Query,
                required: false,
                kind: crate::runtime::mock::Kind::Number,
                list: false,
                allowed: &[],
            },
        ],
        body: None,
        success_status: 200u16,
    };
    type Body = ();
    type Output = crate::models::GetMeetingParticipantsResponse;
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::AddParticipant {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "add_participant",
        method: "POST",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        params: &[
            crate::runtime::mock::ParamSpec {
                name: "account_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "app_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "meeting_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::Uuid,
                list: false,
                allowed: &[],
            },
        ],
        body: Some(crate::runtime::mock::BodySpec {
            required: true,
            check: crate::runtime::mock::check_json::<
                crate::models::AddParticipantRequest,
            >,
        }),
        success_status: 201u16,
    };
    type Body = crate::models::AddParticipantRequest;
    type Output = crate::models::AddParticipantResponse;
}

#[cfg(feature = "sessions")]
impl crate::runtime::mock::MockOperation for crate::sessions::GetParticipantDetails {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "GetParticipantDetails",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
        params: &[
            crate::runtime::mock::ParamSpec {
                name: "account_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "app_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::String,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "session_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::Uuid,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "participant_id",
                location: crate::runtime::mock::Location::Path,
                required: true,
                kind: crate::runtime::mock::Kind::Uuid,
                list: false,
                allowed: &[],
            },
            crate::runtime::mock::ParamSpec {
                name: "filters",
                location: crate::runtime::mock::Location::Query,
                required: false,
                kind: crate::runtime::mock::Kind::String,
                list: true,
                allowed: &[
                    "device_info",
                    "ip_information",
                    "precall_network_information",
                    "events",
                    "quality_stats",
                ],
            },
            crate::runtime::mock::ParamSpec {
                name: "include_peer_events",
                location: crate::runtime::mock::Location::Query,
                required: false,
                kind: crate::runtime::mock::Kind::Boolean,
                list: false,
                allowed: &[],
            },
        ],
        body: None,
        success_status: 200u16,
    };
    type Body = ();
    type Output = crate::models::GetParticipantDetailsResponse;
}

#[cfg(feature = "meetings")]
/// Typed query matchers for `get_meeting_participants` expectations (bring them in with `use crate::mock::*`).
pub trait GetMeetingParticipantsQuery: Sized {
    /// Matches only requests whose query parameter `page_no` is this.
    fn query_page_no(self, value: impl Into<f64>) -> Self;
    /// Matches only requests whose query parameter `per_page` is this.
    fn query_per_page(self, value: impl Into<f64>) -> Self;
}

#[cfg(feature = "meetings")]
impl GetMeetingParticipantsQuery
for crate::runtime::mock::Expectation<
    '_,
    crate::Api,
    crate::meetings::GetMeetingParticipants,
> {
    /// Matches only requests whose query parameter `page_no` is this.
    fn query_page_no(self, value: impl Into<f64>) -> Self {
        self.query("page_no", crate::runtime::mock::query_text::<f64>(&value.into()))
    }

    /// Matches only requests whose query parameter `per_page` is this.
    fn query_per_page(self, value: impl Into<f64>) -> Self {
        self.query("per_page", crate::runtime::mock::query_text::<f64>(&value.into()))
    }
}

#[cfg(feature = "sessions")]
/// Typed query matchers for `GetParticipantDetails` expectations (bring them in with `use crate::mock::*`).
pub trait GetParticipantDetailsQuery: Sized {
    /// Matches only requests whose query parameter `filters` is this.
    fn query_filters(
        self,
        values: impl IntoIterator<Item = crate::models::ParticipantDetailsFilter>,
    ) -> Self;
    /// Matches only requests whose query parameter `include_peer_events` is this.
    fn query_include_peer_events(self, value: impl Into<bool>) -> Self;
}

#[cfg(feature = "sessions")]
impl GetParticipantDetailsQuery
for crate::runtime::mock::Expectation<
    '_,
    crate::Api,
    crate::sessions::GetParticipantDetails,
> {
    /// Matches only requests whose query parameter `filters` is this.
    fn query_filters(
        self,
        values: impl IntoIterator<Item = crate::models::ParticipantDetailsFilter>,
    ) -> Self {
        let values = values
            .into_iter()
            .map(|value| crate::runtime::mock::query_text(&value))
            .collect();
        self.query_list("filters", values, false)
    }

    /// Matches only requests whose query parameter `include_peer_events` is this.
    fn query_include_peer_events(self, value: impl Into<bool>) -> Self {
        self.query(
            "include_peer_events",
            crate::runtime::mock::query_text::<bool>(&value.into()),
        )
    }
}
