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
        account_id: impl ::std::convert::Into<::std::string::String>,
        app_id: impl ::std::convert::Into<::std::string::String>,
        session_id: ::uuid::Uuid,
        participant_id: ::uuid::Uuid,
    ) -> GetParticipantDetails {
        GetParticipantDetails {
            client: self.client.clone(),
            account_id: account_id.into(),
            app_id: app_id.into(),
            session_id,
            participant_id,
            filters: ::std::option::Option::None,
            include_peer_events: ::std::option::Option::None,
            options: ::std::default::Default::default(),
        }
    }
}

/// A `GetParticipantDetails` request: set optional parameters, then `.await` it (or call `send`). Cloning it gives an independent request.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetParticipantDetails {
    client: crate::Client,
    account_id: ::std::string::String,
    app_id: ::std::string::String,
    session_id: ::uuid::Uuid,
    participant_id: ::uuid::Uuid,
    filters: ::std::option::Option<
        ::std::vec::Vec<crate::models::ParticipantDetailsFilter>,
    >,
    include_peer_events: ::std::option::Option<bool>,
    options: crate::RequestOptions,
}

impl GetParticipantDetails {
    /// What the client needs to know about the operation besides its arguments.
    pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
        id: "GetParticipantDetails",
        method: ::reqwest::Method::GET,
        path_template: "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
        idempotent: true,
        authenticated: true,
    };

    /// Comma separated list of filters to apply. Note that there must be no spaces between the filters.
    pub fn filters(
        mut self,
        filters: impl ::std::iter::IntoIterator<
            Item = impl ::std::convert::Into<crate::models::ParticipantDetailsFilter>,
        >,
    ) -> Self {
        self.filters = ::std::option::Option::Some(
            filters.into_iter().map(::std::convert::Into::into).collect(),
        );
        self
    }

    /// if true, response includes all the peer events of participant.
    pub fn include_peer_events(mut self, include_peer_events: bool) -> Self {
        self.include_peer_events = ::std::option::Option::Some(include_peer_events);
        self
    }

    /// Overrides the client's timeout, retries or headers for this request only.
    pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request and returns the decoded body.
    pub async fn send(
        self,
    ) -> ::std::result::Result<
        crate::models::GetParticipantDetailsResponse,
        crate::Error,
    > {
        ::std::result::Result::Ok(self.send_with_response().await?.into_body())
    }

    /// Sends the request and returns the decoded body with the status and headers.
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        crate::Response<crate::models::GetParticipantDetailsResponse>,
        crate::Error,
    > {
        {
            let value = &self.account_id;
            crate::runtime::check_length(
                &Self::OPERATION,
                "account_id",
                value,
                ::std::option::Option::None,
                ::std::option::Option::Some(32usize),
            )?;
        }
        {
            let value = &self.app_id;
            crate::runtime::check_length(
                &Self::OPERATION,
                "app_id",
                value,
                ::std::option::Option::None,
                ::std::option::Option::Some(32usize),
            )?;
        }
        let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);
        path.literal("/accounts/");
        path.param("account_id", &self.account_id)?;
        path.literal("/realtime/kit/");
        path.param("app_id", &self.app_id)?;
        path.literal("/sessions/");
        path.param("session_id", &self.session_id)?;
        path.literal("/participants/");
        path.param("participant_id", &self.participant_id)?;
        let mut request = crate::runtime::RequestParts::new(path.finish());
        if let ::std::option::Option::Some(value) = &self.filters {
            request.query_list("filters", value.iter(), false);
        }
        if let ::std::option::Option::Some(value) = &self.include_peer_events {
            request.query("include_peer_events", value);
        }
        let response = self
            .client
            .execute(&Self::OPERATION, request, self.options)
            .await?;
        response.json()
    }
}

impl ::std::future::IntoFuture for GetParticipantDetails {
    type Output = ::std::result::Result<
        crate::models::GetParticipantDetailsResponse,
        crate::Error,
    >;
    type IntoFuture = crate::runtime::BoxFuture<Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        ::std::boxed::Box::pin(self.send())
    }
}
