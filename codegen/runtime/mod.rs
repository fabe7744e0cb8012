//! The hand-written part of the crate: HTTP, retries, errors, and the value types models use.
//!
//! The generator copies these files verbatim into every crate it makes; the generated
//! operations call into them, and the public parts are re-exported at the crate root.

mod call;
mod client;
mod de;
mod enums;
pub(crate) mod error;
mod execute;
mod nullable;
mod numbers;
mod pagination;
mod request;
pub(crate) mod response;
pub(crate) mod retry;
mod uri;

pub use call::{BodyFuture, ResponseFuture};
pub(crate) use call::{empty, json};
pub use client::{Client, ClientBuilder, RequestOptions};
pub use de::{Absent, Key};
pub(crate) use de::{impl_deserialize, impl_serialize};
pub(crate) use enums::{deserialize_open_enum, open_enum_impls};
pub use error::{
    ApiError, ConfigError, DecodeError, Error, ErrorDetail, InvalidArgument, PaginationError, TransportError,
};
pub use nullable::Nullable;
pub use numbers::Whole;
pub(crate) use numbers::serialize_whole;
pub(crate) use pagination::count;
pub use pagination::{AsCount, Items, Pages, Paginated};
pub use request::Operation;
pub(crate) use request::{PathBuilder, RequestParts, check_length};
pub(crate) use response::RawResponse;
pub use response::Response;
pub use retry::RetryPolicy;
pub use uri::{InvalidUri, Uri, UrlParseError};

/// A boxed future that can be sent between threads.
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'static>>;
