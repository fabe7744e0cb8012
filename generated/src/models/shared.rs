// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! Types that operations of more than one group use.
#![allow(deprecated)]

/// The error body of RealtimeKit endpoints.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorBody {
    /// Always false.
    pub success: bool,
    /// What went wrong.
    pub error: crate::models::ErrorDetail,
}

impl ErrorBody {
    /// A `ErrorBody` from its required fields; the optional ones start unset.
    pub fn new(success: bool, error: crate::models::ErrorDetail) -> Self {
        Self { success, error }
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// Cloudflare's numeric error code.
    #[serde(serialize_with = "crate::runtime::serialize_whole")]
    pub code: f64,
    /// A message for people.
    pub message: ::std::string::String,
}

impl ErrorDetail {
    /// A `ErrorDetail` from its required fields; the optional ones start unset.
    pub fn new(
        code: f64,
        message: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// The error envelope of Cloudflare's API gateway and of most other Cloudflare endpoints.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct EnvelopeErrorBody {
    /// Always false.
    pub success: bool,
    /// The `errors` field.
    pub errors: ::std::vec::Vec<crate::models::ErrorDetail>,
    /// The `messages` field.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub messages: ::std::option::Option<::std::vec::Vec<crate::models::ErrorDetail>>,
    /// Always null on errors.
    ///
    /// Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.
    #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
    pub result: crate::Nullable<::serde_json::Value>,
}

impl EnvelopeErrorBody {
    /// A `EnvelopeErrorBody` from its required fields; the optional ones start unset.
    pub fn new(
        success: bool,
        errors: ::std::vec::Vec<crate::models::ErrorDetail>,
    ) -> Self {
        Self {
            success,
            errors,
            messages: ::std::option::Option::None,
            result: crate::Nullable::Absent,
        }
    }
}

/// Defined at `components.responses.Error.content.application/json.schema` in the API document.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum ErrorResponse {
    /// The error body of RealtimeKit endpoints.
    ErrorBody(crate::models::ErrorBody),
    /// The error envelope of Cloudflare's API gateway and of most other Cloudflare endpoints.
    EnvelopeErrorBody(crate::models::EnvelopeErrorBody),
}
