// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Meetings and the participants added to them.
#![allow(deprecated)]

/// Meetings and the participants added to them.
///
/// Get one with [`Client::meetings`](crate::Client::meetings).
#[derive(Clone, Debug)]
pub struct Meetings {
    client: crate::Client,
}

impl crate::Client {
    /// Meetings and the participants added to them.
    pub fn meetings(&self) -> Meetings {
        Meetings { client: self.clone() }
    }
}

impl Meetings {
    /// Fetch a participant's detail
    ///
    /// Returns a participant details for the given meeting and participant ID.
    ///
    /// `GET /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}`
    ///
    /// - `account_id`: The account identifier tag. At most 32 characters.
    /// - `app_id`: The app identifier tag. At most 32 characters.
    /// - `meeting_id`: ID of the meeting.
    /// - `participant_id`: ID of the participant.
    ///
    /// Returns a [`GetMeetingParticipant`] to send with `.await` (or `.send()`).
    pub fn get_meeting_participant(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
        participant_id: impl Into<String>,
    ) -> GetMeetingParticipant {
        GetMeetingParticipant {
            client: self.client.clone(),
            account_id: account_id.into(),
            app_id: app_id.into(),
            meeting_id,
            participant_id: participant_id.into(),
            options: Default::default(),
        }
    }

    /// Fetch all participants of a meeting
    ///
    /// Returns all participants detail for the given meeting ID.
    ///
    /// `GET /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants`
    ///
    /// - `account_id`: The account identifier tag. At most 32 characters.
    /// - `app_id`: The app identifier tag. At most 32 characters.
    /// - `meeting_id`: ID of the meeting.
    ///
    /// Returns a [`GetMeetingParticipants`] to send with `.await` (or `.send()`), after setting any optional parameters.
    pub fn get_meeting_participants(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
    ) -> GetMeetingParticipants {
        GetMeetingParticipants {
            client: self.client.clone(),
            account_id: account_id.into(),
            app_id: app_id.into(),
            meeting_id,
            page_no: None,
            per_page: None,
            options: Default::default(),
        }
    }

    /// Add a participant
    ///
    /// Adds a participant to the given meeting ID.
    ///
    /// `POST /accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants`
    ///
    /// - `account_id`: The account identifier tag. At most 32 characters.
    /// - `app_id`: The app identifier tag. At most 32 characters.
    /// - `meeting_id`: ID of the meeting.
    /// - `body`: The request body.
    ///
    /// Returns an [`AddParticipant`] to send with `.await` (or `.send()`).
    pub fn add_participant(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        meeting_id: ::uuid::Uuid,
        body: crate::models::AddParticipantRequest,
    ) -> AddParticipant {
        AddParticipant {
            client: self.client.clone(),
            account_id: account_id.into(),
            app_id: app_id.into(),
            meeting_id,
            body,
            options: Default::default(),
        }
    }
}

/// A `get_meeting_participant` request: `.await` it (or call `send`). Cloning it gives an independent request.
///
/// Error answers have a body of the API's own type: [`ErrorResponse`](crate::models::ErrorResponse) (400, 401, 403, 404, 429, 500); read one with `error.documented_body::<GetMeetingParticipant>()`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetMeetingParticipant {
    client: crate::Client,
    account_id: String,
    app_id: String,
    meeting_id: ::uuid::Uuid,
    participant_id: String,
    options: crate::RequestOptions,
}

impl GetMeetingParticipant {
    /// What the client needs to know about the operation besides its arguments.
    pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
        id: "get_meeting_participant",
        method: ::reqwest::Method::GET,
        path_template: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}",
        idempotent: true,
        security: &[
            &[crate::security::API_TOKEN],
            &[crate::security::API_EMAIL, crate::security::API_KEY],
        ],
    };

    /// Overrides the client's timeout, retries or headers for this request only.
    pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request; the future gives the decoded body.
    pub fn send(
        self,
    ) -> crate::BodyFuture<crate::models::GetMeetingParticipantResponse> {
        crate::BodyFuture::new(self.send_with_response())
    }

    /// Sends the request; the future gives the decoded body with the status and headers.
    pub fn send_with_response(
        self,
    ) -> crate::ResponseFuture<crate::models::GetMeetingParticipantResponse> {
        let parts = self.parts();
        self.client.call(&Self::OPERATION, parts, self.options, crate::runtime::model)
    }

    /// The request's path, query, headers and body, checked.
    fn parts(&self) -> Result<crate::runtime::RequestParts, crate::Error> {
        crate::runtime::check(
            &Self::OPERATION,
            "account_id",
            &self.account_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        crate::runtime::check(
            &Self::OPERATION,
            "app_id",
            &self.app_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);
        path.literal("/accounts/");
        path.param_str("account_id", &self.account_id)?;
        path.literal("/realtime/kit/");
        path.param_str("app_id", &self.app_id)?;
        path.literal("/meetings/");
        path.param("meeting_id", &self.meeting_id)?;
        path.literal("/participants/");
        path.param_str("participant_id", &self.participant_id)?;
        let request = crate::runtime::RequestParts::new(path.finish());
        Ok(request)
    }
}

impl ::std::future::IntoFuture for GetMeetingParticipant {
    type Output = Result<crate::models::GetMeetingParticipantResponse, crate::Error>;
    type IntoFuture = crate::BodyFuture<crate::models::GetMeetingParticipantResponse>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl crate::runtime::DocumentedError for GetMeetingParticipant {
    type Body = crate::models::ErrorResponse;
}

/// A `get_meeting_participants` request: set optional parameters, then `.await` it (or call `send`). Cloning it gives an independent request.
///
/// Error answers have a body of the API's own type: [`ErrorResponse`](crate::models::ErrorResponse) (400, 401, 403, 404, 429, 500); read one with `error.documented_body::<GetMeetingParticipants>()`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetMeetingParticipants {
    client: crate::Client,
    account_id: String,
    app_id: String,
    meeting_id: ::uuid::Uuid,
    page_no: Option<f64>,
    per_page: Option<f64>,
    options: crate::RequestOptions,
}

impl GetMeetingParticipants {
    /// What the client needs to know about the operation besides its arguments.
    pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
        id: "get_meeting_participants",
        method: ::reqwest::Method::GET,
        path_template: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        idempotent: true,
        security: &[
            &[crate::security::API_TOKEN],
            &[crate::security::API_EMAIL, crate::security::API_KEY],
        ],
    };

    /// The page number from which you want your page search results to be displayed. At least 0.
    pub fn page_no(mut self, page_no: impl Into<f64>) -> Self {
        self.page_no = Some(page_no.into());
        self
    }

    /// Number of results per page. At least 0.
    pub fn per_page(mut self, per_page: impl Into<f64>) -> Self {
        self.per_page = Some(per_page.into());
        self
    }

    /// Overrides the client's timeout, retries or headers for this request only.
    pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request; the future gives the decoded body.
    pub fn send(
        self,
    ) -> crate::BodyFuture<crate::models::GetMeetingParticipantsResponse> {
        crate::BodyFuture::new(self.send_with_response())
    }

    /// Sends the request; the future gives the decoded body with the status and headers.
    pub fn send_with_response(
        self,
    ) -> crate::ResponseFuture<crate::models::GetMeetingParticipantsResponse> {
        let parts = self.parts();
        self.client.call(&Self::OPERATION, parts, self.options, crate::runtime::model)
    }

    /// The request's path, query, headers and body, checked.
    fn parts(&self) -> Result<crate::runtime::RequestParts, crate::Error> {
        crate::runtime::check(
            &Self::OPERATION,
            "account_id",
            &self.account_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        crate::runtime::check(
            &Self::OPERATION,
            "app_id",
            &self.app_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        crate::runtime::check(
            &Self::OPERATION,
            "page_no",
            &self.page_no,
            &crate::runtime::Constraints {
                minimum: Some(0f64),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        crate::runtime::check(
            &Self::OPERATION,
            "per_page",
            &self.per_page,
            &crate::runtime::Constraints {
                minimum: Some(0f64),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);
        path.literal("/accounts/");
        path.param_str("account_id", &self.account_id)?;
        path.literal("/realtime/kit/");
        path.param_str("app_id", &self.app_id)?;
        path.literal("/meetings/");
        path.param("meeting_id", &self.meeting_id)?;
        path.literal("/participants");
        let mut request = crate::runtime::RequestParts::new(path.finish());
        if let Some(value) = &self.page_no {
            request.query("page_no", value);
        }
        if let Some(value) = &self.per_page {
            request.query("per_page", value);
        }
        Ok(request)
    }
}

impl ::std::future::IntoFuture for GetMeetingParticipants {
    type Output = Result<crate::models::GetMeetingParticipantsResponse, crate::Error>;
    type IntoFuture = crate::BodyFuture<crate::models::GetMeetingParticipantsResponse>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl crate::runtime::DocumentedError for GetMeetingParticipants {
    type Body = crate::models::ErrorResponse;
}

impl GetMeetingParticipants {
    /// Every page, in order, as a stream: from the page set with `page_no`, else page 1, the first page the API counts.
    ///
    /// Each page is asked for once. The listing stops when the items seen reach the total the server reports, at an empty page, or when a page is shorter than the page size; a server that repeats a page ends it with [`Error::Pagination`](crate::Error::Pagination) instead of a loop.
    pub fn pages(self) -> crate::Pages<Self> {
        crate::Pages::new(self)
    }

    /// Every item of every page, in order, as a stream; see [`pages`](Self::pages) for where it starts and stops. Page numbers go in `page_no`.
    pub fn items(self) -> crate::Items<Self> {
        crate::Items::new(self)
    }
}

impl crate::runtime::Paginated for GetMeetingParticipants {
    type Page = crate::models::GetMeetingParticipantsResponse;
    type Item = crate::models::Participant;
    fn operation() -> &'static crate::Operation {
        &Self::OPERATION
    }

    fn first_page() -> u64 {
        1u64
    }

    fn start_page(&self) -> u64 {
        self.page_no.as_ref().and_then(crate::runtime::count).unwrap_or(1u64)
    }

    fn set_page(&mut self, page: u64) {
        self.page_no = Some(page as f64);
    }

    fn page_size(&self) -> Option<u64> {
        self.per_page.as_ref().and_then(crate::runtime::count)
    }

    fn fetch(self) -> crate::ResponseFuture<Self::Page> {
        self.send_with_response()
    }

    fn items(page: &Self::Page) -> &[Self::Item] {
        &page.data
    }

    fn into_items(page: Self::Page) -> Vec<Self::Item> {
        page.data
    }

    fn total(page: &Self::Page) -> Option<u64> {
        crate::runtime::count(&page.paging.total_count)
    }
}

/// An `add_participant` request: `.await` it (or call `send`). Cloning it gives an independent request.
///
/// Error answers have a body of the API's own type: [`ErrorResponse`](crate::models::ErrorResponse) (400, 401, 403, 404, 409, 422, 429, 500); read one with `error.documented_body::<AddParticipant>()`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct AddParticipant {
    client: crate::Client,
    account_id: String,
    app_id: String,
    meeting_id: ::uuid::Uuid,
    body: crate::models::AddParticipantRequest,
    options: crate::RequestOptions,
}

impl AddParticipant {
    /// What the client needs to know about the operation besides its arguments.
    pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
        id: "add_participant",
        method: ::reqwest::Method::POST,
        path_template: "/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants",
        idempotent: false,
        security: &[
            &[crate::security::API_TOKEN],
            &[crate::security::API_EMAIL, crate::security::API_KEY],
        ],
    };

    /// Overrides the client's timeout, retries or headers for this request only.
    pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request; the future gives the decoded body.
    pub fn send(self) -> crate::BodyFuture<crate::models::AddParticipantResponse> {
        crate::BodyFuture::new(self.send_with_response())
    }

    /// Sends the request; the future gives the decoded body with the status and headers.
    pub fn send_with_response(
        self,
    ) -> crate::ResponseFuture<crate::models::AddParticipantResponse> {
        let parts = self.parts();
        self.client.call(&Self::OPERATION, parts, self.options, crate::runtime::model)
    }

    /// The request's path, query, headers and body, checked.
    fn parts(&self) -> Result<crate::runtime::RequestParts, crate::Error> {
        crate::runtime::check(
            &Self::OPERATION,
            "account_id",
            &self.account_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        crate::runtime::check(
            &Self::OPERATION,
            "app_id",
            &self.app_id,
            &crate::runtime::Constraints {
                max_length: Some(32usize),
                ..crate::runtime::Constraints::NONE
            },
        )?;
        let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);
        path.literal("/accounts/");
        path.param_str("account_id", &self.account_id)?;
        path.literal("/realtime/kit/");
        path.param_str("app_id", &self.app_id)?;
        path.literal("/meetings/");
        path.param("meeting_id", &self.meeting_id)?;
        path.literal("/participants");
        let mut request = crate::runtime::RequestParts::new(path.finish());
        {
            let value = &self.body;
            request.model_body(&Self::OPERATION, value, "application/json")?;
        }
        Ok(request)
    }
}

impl ::std::future::IntoFuture for AddParticipant {
    type Output = Result<crate::models::AddParticipantResponse, crate::Error>;
    type IntoFuture = crate::BodyFuture<crate::models::AddParticipantResponse>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl crate::runtime::DocumentedError for AddParticipant {
    type Body = crate::models::ErrorResponse;
}
