// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Test doubles for code that uses this crate (feature `mock`): [`MockApi`] starts a
//! mock of the API on 127.0.0.1 and gives a [`Client`](crate::Client) pointed at it.
//!
//! Each operation has a method that starts an expectation, matching the path
//! parameters given. Narrow it with `.query_{name}(..)` (from the operation's
//! `…Query` trait: `use` this module's `*`), `.params(|params| ..)`, a predicate on
//! the operation's `…Params` struct (every parameter as the crate's type), and
//! `.body(|body| ..)`, a predicate on the typed body; answer with `.respond(output)`
//! (the crate's own type, in the document's media type and status), `.error(status,
//! body)`, `.status(status)`, `.raw(status, media_type, bytes)` or
//! `.drop_connection()`, add `.header(..)` or `.delay(..)` to an answer, chain
//! answers for a sequence, say `.times(n)`, then `.mount().await`. Every request is
//! checked against the API document (types, enums, required parts and every bound the
//! document states), and `verify()` or dropping the mock fails the test with every
//! request the document does not allow, every request no expectation matched, and
//! every `times` not met; `take_problems()` gives the same messages without failing.
//! `received::<Operation>()` reads the requests an operation received, parameters and
//! bodies typed.
#![allow(deprecated)]

#[cfg(feature = "webhooks")]
pub use crate::runtime::mock::{SignedDelivery, WebhookSender};

/// A mock of the API, in this process, and the expectations set on it. Read the
/// runtime's `MockServer` (through `Deref`) for `client_builder`, `received`,
/// `verify` and `take_problems`.
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
        let expected: (String, String, ::uuid::Uuid, String) = (
            account_id.into(),
            app_id.into(),
            meeting_id,
            participant_id.into(),
        );
        self.server
            .expect::<crate::meetings::GetMeetingParticipant>()
            .params(move |params| {
                (
                    &params.account_id,
                    &params.app_id,
                    &params.meeting_id,
                    &params.participant_id,
                ) == (&expected.0, &expected.1, &expected.2, &expected.3)
            })
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
        let expected: (String, String, ::uuid::Uuid) = (
            account_id.into(),
            app_id.into(),
            meeting_id,
        );
        self.server
            .expect::<crate::meetings::GetMeetingParticipants>()
            .params(move |params| {
                (&params.account_id, &params.app_id, &params.meeting_id)
                    == (&expected.0, &expected.1, &expected.2)
            })
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
        let expected: (String, String, ::uuid::Uuid) = (
            account_id.into(),
            app_id.into(),
            meeting_id,
        );
        self.server
            .expect::<crate::meetings::AddParticipant>()
            .params(move |params| {
                (&params.account_id, &params.app_id, &params.meeting_id)
                    == (&expected.0, &expected.1, &expected.2)
            })
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
        let expected: (String, String, ::uuid::Uuid, ::uuid::Uuid) = (
            account_id.into(),
            app_id.into(),
            session_id,
            participant_id,
        );
        self.server
            .expect::<crate::sessions::GetParticipantDetails>()
            .params(move |params| {
                (
                    &params.account_id,
                    &params.app_id,
                    &params.session_id,
                    &params.participant_id,
                ) == (&expected.0, &expected.1, &expected.2, &expected.3)
            })
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
/// The parameters of a `get_meeting_participant` request, as the mock received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetMeetingParticipantParams {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `app_id` path parameter.
    pub app_id: String,
    /// The `meeting_id` path parameter.
    pub meeting_id: ::uuid::Uuid,
    /// The `participant_id` path parameter.
    pub participant_id: String,
}

#[cfg(feature = "meetings")]
/// The parameters of a `get_meeting_participants` request, as the mock received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetMeetingParticipantsParams {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `app_id` path parameter.
    pub app_id: String,
    /// The `meeting_id` path parameter.
    pub meeting_id: ::uuid::Uuid,
    /// The `page_no` query parameter.
    pub page_no: Option<f64>,
    /// The `per_page` query parameter.
    pub per_page: Option<f64>,
}

#[cfg(feature = "meetings")]
/// The parameters of a `add_participant` request, as the mock received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AddParticipantParams {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `app_id` path parameter.
    pub app_id: String,
    /// The `meeting_id` path parameter.
    pub meeting_id: ::uuid::Uuid,
}

#[cfg(feature = "sessions")]
/// The parameters of a `GetParticipantDetails` request, as the mock received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetParticipantDetailsParams {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `app_id` path parameter.
    pub app_id: String,
    /// The `session_id` path parameter.
    pub session_id: ::uuid::Uuid,
    /// The `participant_id` path parameter.
    pub participant_id: ::uuid::Uuid,
    /// The `filters` query parameter.
    pub filters: Option<Vec<crate::models::ParticipantDetailsFilter>>,
    /// The `include_peer_events` query parameter.
    pub include_peer_events: Option<bool>,
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::GetMeetingParticipant {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "get_meeting_participant",
        rust_name: "get_meeting_participant",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}",
        params: &[
            crate::runtime::mock::ParamSpec::path("account_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("app_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("meeting_id"),
            crate::runtime::mock::ParamSpec::path("participant_id"),
        ],
        body: None,
        success_status: 200u16,
        read: crate::runtime::mock::check::<Self>,
    };
    type Params = GetMeetingParticipantParams;
    type Body = ();
    type Output = crate::models::GetMeetingParticipantResponse;
    fn params(request: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Params> {
        let values = (
            request.param("account_id"),
            request.param("app_id"),
            request.param("meeting_id"),
            request.param("participant_id"),
        );
        Some(GetMeetingParticipantParams {
            account_id: values.0?,
            app_id: values.1?,
            meeting_id: values.2?,
            participant_id: values.3?,
        })
    }

    fn body(_: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Body> {
        None
    }

    fn answer(output: Self::Output) -> crate::runtime::mock::Answer {
        crate::runtime::mock::Answer::json(200u16, "application/json", &output)
    }
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::GetMeetingParticipants {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "get_meeting_participants",
        rust_name: "get_meeting_participants",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        params: &[
            crate::runtime::mock::ParamSpec::path("account_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("app_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("meeting_id"),
            crate::runtime::mock::ParamSpec::query("page_no")
                .bounded(
                    &crate::runtime::Constraints {
                        minimum: Some(0f64),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::query("per_page")
                .bounded(
                    &crate::runtime::Constraints {
                        minimum: Some(0f64),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
        ],
        body: None,
        success_status: 200u16,
        read: crate::runtime::mock::check::<Self>,
    };
    type Params = GetMeetingParticipantsParams;
    type Body = ();
    type Output = crate::models::GetMeetingParticipantsResponse;
    fn params(request: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Params> {
        let values = (
            request.param("account_id"),
            request.param("app_id"),
            request.param("meeting_id"),
            request.param("page_no"),
            request.param("per_page"),
        );
        Some(GetMeetingParticipantsParams {
            account_id: values.0?,
            app_id: values.1?,
            meeting_id: values.2?,
            page_no: values.3?,
            per_page: values.4?,
        })
    }

    fn body(_: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Body> {
        None
    }

    fn answer(output: Self::Output) -> crate::runtime::mock::Answer {
        crate::runtime::mock::Answer::json(200u16, "application/json", &output)
    }
}

#[cfg(feature = "meetings")]
impl crate::runtime::mock::MockOperation for crate::meetings::AddParticipant {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "add_participant",
        rust_name: "add_participant",
        method: "POST",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        params: &[
            crate::runtime::mock::ParamSpec::path("account_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("app_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("meeting_id"),
        ],
        body: Some(crate::runtime::mock::BodySpec {
            required: true,
            shape: &crate::runtime::mock::Shape::Any,
        }),
        success_status: 201u16,
        read: crate::runtime::mock::check::<Self>,
    };
    type Params = AddParticipantParams;
    type Body = crate::models::AddParticipantRequest;
    type Output = crate::models::AddParticipantResponse;
    fn params(request: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Params> {
        let values = (
            request.param("account_id"),
            request.param("app_id"),
            request.param("meeting_id"),
        );
        Some(AddParticipantParams {
            account_id: values.0?,
            app_id: values.1?,
            meeting_id: values.2?,
        })
    }

    fn body(request: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Body> {
        request.json_body()
    }

    fn answer(output: Self::Output) -> crate::runtime::mock::Answer {
        crate::runtime::mock::Answer::json(201u16, "application/json", &output)
    }
}

#[cfg(feature = "sessions")]
impl crate::runtime::mock::MockOperation for crate::sessions::GetParticipantDetails {
    const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
        id: "GetParticipantDetails",
        rust_name: "get_participant_details",
        method: "GET",
        path: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
        params: &[
            crate::runtime::mock::ParamSpec::path("account_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("app_id")
                .bounded(
                    &crate::runtime::Constraints {
                        max_length: Some(32usize),
                        ..crate::runtime::Constraints::NONE
                    },
                ),
            crate::runtime::mock::ParamSpec::path("session_id"),
            crate::runtime::mock::ParamSpec::path("participant_id"),
            crate::runtime::mock::ParamSpec::query("filters").unexploded(),
            crate::runtime::mock::ParamSpec::query("include_peer_events"),
        ],
        body: None,
        success_status: 200u16,
        read: crate::runtime::mock::check::<Self>,
    };
    type Params = GetParticipantDetailsParams;
    type Body = ();
    type Output = crate::models::GetParticipantDetailsResponse;
    fn params(request: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Params> {
        let values = (
            request.param("account_id"),
            request.param("app_id"),
            request.param("session_id"),
            request.param("participant_id"),
            request.param("filters"),
            request.param("include_peer_events"),
        );
        Some(GetParticipantDetailsParams {
            account_id: values.0?,
            app_id: values.1?,
            session_id: values.2?,
            participant_id: values.3?,
            filters: values.4?,
            include_peer_events: values.5?,
        })
    }

    fn body(_: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Body> {
        None
    }

    fn answer(output: Self::Output) -> crate::runtime::mock::Answer {
        crate::runtime::mock::Answer::json(200u16, "application/json", &output)
    }
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
        let value: f64 = value.into();
        self.params(move |params| params.page_no.as_ref() == Some(&value))
    }

    /// Matches only requests whose query parameter `per_page` is this.
    fn query_per_page(self, value: impl Into<f64>) -> Self {
        let value: f64 = value.into();
        self.params(move |params| params.per_page.as_ref() == Some(&value))
    }
}

#[cfg(feature = "sessions")]
/// Typed query matchers for `GetParticipantDetails` expectations (bring them in with `use crate::mock::*`).
pub trait GetParticipantDetailsQuery: Sized {
    /// Matches only requests whose query parameter `filters` is this.
    fn query_filters(
        self,
        value: impl ::std::iter::IntoIterator<
            Item = impl Into<crate::models::ParticipantDetailsFilter>,
        >,
    ) -> Self;
    /// Matches only requests whose query parameter `include_peer_events` is this.
    fn query_include_peer_events(self, value: bool) -> Self;
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
        value: impl ::std::iter::IntoIterator<
            Item = impl Into<crate::models::ParticipantDetailsFilter>,
        >,
    ) -> Self {
        let value: Vec<crate::models::ParticipantDetailsFilter> = value
            .into_iter()
            .map(Into::into)
            .collect();
        self.params(move |params| params.filters.as_ref() == Some(&value))
    }

    /// Matches only requests whose query parameter `include_peer_events` is this.
    fn query_include_peer_events(self, value: bool) -> Self {
        let value: bool = value;
        self.params(move |params| params.include_peer_events.as_ref() == Some(&value))
    }
}

/// Where the document's bounds are inside each type that has any, for the check of
/// request bodies. With some features off, some are not used.
#[allow(dead_code, non_upper_case_globals)]
mod shapes {
    pub(super) static Paging: crate::runtime::mock::Shape = crate::runtime::mock::Shape::Object(
        &[
            (
                "total_count",
                &crate::runtime::mock::Shape::Value(crate::runtime::Constraints {
                    minimum: Some(0f64),
                    ..crate::runtime::Constraints::NONE
                }),
            ),
        ],
    );
    pub(super) static EnvelopeErrorBody: crate::runtime::mock::Shape = crate::runtime::mock::Shape::Object(
        &[
            (
                "errors",
                &crate::runtime::mock::Shape::Value(crate::runtime::Constraints {
                    min_items: Some(1usize),
                    ..crate::runtime::Constraints::NONE
                }),
            ),
        ],
    );
    pub(super) static ErrorResponse: crate::runtime::mock::Shape = crate::runtime::mock::Shape::OneOf(
        &[&crate::runtime::mock::Shape::Any, &EnvelopeErrorBody],
    );
    pub(super) static GetMeetingParticipantsResponse: crate::runtime::mock::Shape = crate::runtime::mock::Shape::Object(
        &[("paging", &Paging)],
    );
}
