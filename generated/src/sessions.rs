// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Sessions of meetings and the participants who took part in them.
#![allow(deprecated)]

/// Sessions of meetings and the participants who took part in them.
///
/// Get one with [`Client::sessions`](crate::Client::sessions).
#[derive(Clone, Debug)]
pub struct Sessions {
    client: crate::Client,
}

impl crate::Client {
    /// Sessions of meetings and the participants who took part in them.
    pub fn sessions(&self) -> Sessions {
        Sessions { client: self.clone() }
    }
}

impl Sessions {
    /// Fetch details of a participant
    ///
    /// Returns details of the given participant ID along with call statistics for the given session ID.
    ///
    /// `GET /accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}`
    ///
    /// - `account_id`: The account identifier tag. At most 32 characters.
    /// - `app_id`: The app identifier tag. At most 32 characters.
    /// - `session_id`: ID of the session.
    /// - `participant_id`: ID of the participant.
    ///
    /// Returns a [`GetParticipantDetails`] to send with `.await` (or `.send()`), after setting any optional parameters.
    pub fn get_participant_details(
        &self,
        account_id: impl Into<String>,
        app_id: impl Into<String>,
        session_id: ::uuid::Uuid,
        participant_id: ::uuid::Uuid,
    ) -> GetParticipantDetails {
        GetParticipantDetails {
            client: self.client.clone(),
            account_id: account_id.into(),
            app_id: app_id.into(),
            session_id,
            participant_id,
            filters: None,
            include_peer_events: None,
            options: Default::default(),
        }
    }
}

/// A `GetParticipantDetails` request: set optional parameters, then `.await` it (or call `send`). Cloning it gives an independent request.
///
/// Error answers have a body of the API's own type: [`ErrorResponse`](crate::models::ErrorResponse) (400, 401, 403, 404, 429, 500); read one with `error.documented_body::<GetParticipantDetails>()`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetParticipantDetails {
    client: crate::Client,
    account_id: String,
    app_id: String,
    session_id: ::uuid::Uuid,
    participant_id: ::uuid::Uuid,
    filters: Option<Vec<crate::models::ParticipantDetailsFilter>>,
    include_peer_events: Option<bool>,
    options: crate::RequestOptions,
}

impl GetParticipantDetails {
    /// What the client needs to know about the operation besides its arguments.
    pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
        id: "GetParticipantDetails",
        method: ::reqwest::Method::GET,
        path_template: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
        idempotent: true,
        security: &[
            &[crate::security::API_TOKEN],
            &[crate::security::API_EMAIL, crate::security::API_KEY],
        ],
    };

    /// Comma separated list of filters to apply. Note that there must be no spaces between the filters.
    pub fn filters(
        mut self,
        filters: impl ::std::iter::IntoIterator<
            Item = impl Into<crate::models::ParticipantDetailsFilter>,
        >,
    ) -> Self {
        self.filters = Some(filters.into_iter().map(Into::into).collect());
        self
    }

    /// if true, response includes all the peer events of participant.
    pub fn include_peer_events(mut self, include_peer_events: bool) -> Self {
        self.include_peer_events = Some(include_peer_events);
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
    ) -> crate::BodyFuture<crate::models::GetParticipantDetailsResponse> {
        crate::BodyFuture::new(self.send_with_response())
    }

    /// Sends the request; the future gives the decoded body with the status and headers.
    pub fn send_with_response(
        self,
    ) -> crate::ResponseFuture<crate::models::GetParticipantDetailsResponse> {
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
        path.literal("/sessions/");
        path.param("session_id", &self.session_id)?;
        path.literal("/participants/");
        path.param("participant_id", &self.participant_id)?;
        let mut request = crate::runtime::RequestParts::new(path.finish());
        if let Some(value) = &self.filters {
            request.query_list("filters", value.iter(), false);
        }
        if let Some(value) = &self.include_peer_events {
            request.query("include_peer_events", value);
        }
        Ok(request)
    }
}

impl ::std::future::IntoFuture for GetParticipantDetails {
    type Output = Result<crate::models::GetParticipantDetailsResponse, crate::Error>;
    type IntoFuture = crate::BodyFuture<crate::models::GetParticipantDetailsResponse>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl crate::runtime::DocumentedError for GetParticipantDetails {
    type Body = crate::models::ErrorResponse;
}
