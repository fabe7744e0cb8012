//! The runtime of generated clients: HTTP, retries, errors, and the value types models use.
//!
//! A generated crate depends on this crate and re-exports its public parts at its root; it
//! states what the runtime needs to know about its API in one [`ApiDescription`]. Items
//! marked `#[doc(hidden)]` are for generated code only, not part of the API a user sees.
//! The generator can also copy these files into a crate as its `runtime` module, for a crate
//! that stands alone (see `codegen::RuntimeSource`).

#![warn(missing_docs)]

mod api;
mod auth;
mod body;
mod call;
mod client;
mod constraints;
mod de;
mod enums;
pub(crate) mod error;
mod execute;
mod hooks;
mod json;
#[cfg(feature = "mock")]
pub mod mock;
#[cfg(feature = "mock")]
mod mock_request;
#[cfg(feature = "mock")]
mod mock_shape;
#[cfg(feature = "mock")]
mod mock_text;
#[cfg(all(feature = "mock", feature = "webhooks"))]
mod mock_webhooks;
mod nullable;
mod numbers;
mod pacing;
mod pagination;
mod raw;
mod request;
pub(crate) mod response;
pub(crate) mod retry;
mod uri;
#[cfg(feature = "webhooks")]
pub mod webhooks;

pub use api::Operation;
pub use api::{Api, ApiDescription, DeclaredLimit, ErrorShape};
pub use api::{KeyLocation, SchemeKind, SecurityScheme};
pub use auth::{Credential, TokenSourceHandle};
pub use body::Upload;
#[doc(hidden)]
pub use body::{Encoding, FormField, Style};
pub use call::{BodyFuture, ResponseFuture};
#[doc(hidden)]
pub use call::{Caller, Decode, bytes, empty, json, json_lines, stream, text};
pub use client::{Client, ClientBuilder, RequestOptions};
pub use constraints::Constraints;
#[doc(hidden)]
pub use constraints::{Checked, check};
#[doc(hidden)]
pub use de::{Absent, Key};
#[doc(hidden)]
pub use enums::{deserialize_open_enum, unknown_enum_value};
pub use error::{
    ApiError, ConfigError, CredentialsError, DecodeError, DocumentedError, Error, ErrorDetail, HookError,
    InvalidArgument, PaginationError, TransportError, TransportFailure,
};
pub use hooks::{Attempt, AttemptOutcome, BoxError, Hook, HookFuture, RefreshingToken, TokenSource};
pub use json::{DecodeJson, EncodeJson};
#[doc(hidden)]
pub use json::{encode_json, model};
pub use nullable::Nullable;
pub use numbers::Whole;
#[doc(hidden)]
pub use numbers::serialize_whole;
pub use pacing::RateLimit;
#[doc(hidden)]
pub use pagination::count;
pub use pagination::{AsCount, Items, Pages, Paginated};
pub use raw::RawRequest;
#[doc(hidden)]
pub use request::{MultipartParts, PathBuilder, RequestParts, Uploads, check_length};
#[doc(hidden)]
pub use response::RawResponse;
pub use response::{ByteStream, JsonLines, Response};
pub use retry::RetryPolicy;
pub use uri::{InvalidUri, Uri, UrlParseError};
