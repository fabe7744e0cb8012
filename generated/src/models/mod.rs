// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! The data types of requests and responses, all re-exported here.
#[cfg(feature = "meetings")]
mod meetings;
#[cfg(feature = "meetings")]
pub use meetings::*;

#[cfg(feature = "sessions")]
mod sessions;
#[cfg(feature = "sessions")]
pub use sessions::*;

#[cfg(any(feature = "meetings", feature = "sessions"))]
mod shared;
#[cfg(any(feature = "meetings", feature = "sessions"))]
pub use shared::*;

#[cfg(any(feature = "unreferenced-models", feature = "webhooks"))]
mod webhooks;
#[cfg(any(feature = "unreferenced-models", feature = "webhooks"))]
pub use webhooks::*;
