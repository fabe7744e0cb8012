// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Types that operations of more than one group use.
#![allow(deprecated)]

#[allow(unused_imports)]
use crate::models::*;

/// The error body of RealtimeKit endpoints.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ErrorBody {
    /// Always false.
    pub success: bool,
    /// What went wrong.
    pub error: ErrorDetail,
}

crate::runtime::impl_deserialize!(ErrorBody {
    "success" => success: required,
    "error" => error: required,
});

crate::runtime::impl_serialize!(ErrorBody {
    "success" => success: required,
    "error" => error: required,
});

impl ErrorBody {
    /// An `ErrorBody` from its required fields; the optional ones start unset.
    pub fn new(error: ErrorDetail, success: bool) -> Self {
        Self {
            success,
            error,
        }
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// Cloudflare's numeric error code.
    pub code: i64,
    /// A message for people.
    pub message: String,
}

crate::runtime::impl_deserialize!(ErrorDetail {
    "code" => code: required,
    "message" => message: required,
});

crate::runtime::impl_serialize!(ErrorDetail {
    "code" => code: required,
    "message" => message: required,
});

impl ErrorDetail {
    /// An `ErrorDetail` from its required fields; the optional ones start unset.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<&ErrorDetail> for crate::runtime::ErrorDetail {
    fn from(detail: &ErrorDetail) -> Self {
        crate::runtime::ErrorDetail {
            code: Some(detail.code),
            message: detail.message.clone(),
        }
    }
}

/// The error envelope of Cloudflare's API gateway and of most other Cloudflare endpoints.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct EnvelopeErrorBody {
    /// Always false.
    pub success: bool,
    /// The `errors` field.
    pub errors: Vec<ErrorDetail>,
    /// The `messages` field.
    pub messages: Option<Vec<ErrorDetail>>,
    /// Always null on errors.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    pub result: crate::Nullable<::serde_json::Map<String, ::serde_json::Value>>,
}

crate::runtime::impl_deserialize!(EnvelopeErrorBody {
    "success" => success: required,
    "errors" => errors: required,
    "messages" => messages: optional,
    "result" => result: optional,
});

crate::runtime::impl_serialize!(EnvelopeErrorBody {
    "success" => success: required,
    "errors" => errors: required,
    "messages" => messages: optional,
    "result" => result: optional,
});

impl EnvelopeErrorBody {
    /// An `EnvelopeErrorBody` from its required fields; the optional ones start unset.
    pub fn new(errors: Vec<ErrorDetail>, success: bool) -> Self {
        Self {
            success,
            errors,
            messages: None,
            result: crate::Nullable::Absent,
        }
    }

    /// Sets `messages`.
    pub fn with_messages(mut self, value: impl Into<Vec<ErrorDetail>>) -> Self {
        self.messages = Some(value.into());
        self
    }

    /// Sets `result` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.
    pub fn with_result(
        mut self,
        value: impl Into<::serde_json::Map<String, ::serde_json::Value>>,
    ) -> Self {
        self.result = crate::Nullable::Present(value.into());
        self
    }
}

/// Defined at `components.responses.Error.content.application/json.schema` in the API document.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum ErrorResponse {
    /// The error body of RealtimeKit endpoints.
    ErrorBody(ErrorBody),
    /// The error envelope of Cloudflare's API gateway and of most other Cloudflare endpoints.
    EnvelopeErrorBody(EnvelopeErrorBody),
}
