//! JSON decoding and encoding of a generated type, compiled in the crate that defines it.
//!
//! serde's code for a type is generic over the (de)serializer; it is compiled, monomorphised,
//! where a concrete one is first named: by default the crate whose operation decodes the
//! answer. For a crate of thousands of operations on split models crates, that put every
//! type's JSON code in the one crate of operations, which then took most of a build's memory.
//! The types an operation sends or receives implement [`DecodeJson`] and [`EncodeJson`]
//! instead (with [`impl_json!`](crate::impl_json)), whose methods are not generic: their code
//! is compiled once, with the type, and operations only call it. Debug builds share
//! monomorphisations across crates, so a list of such a type decoded in the operations' crate
//! also reuses the element's code from the models crate.

use crate::response::RawResponse;
use crate::{Error, Operation, Response};

/// A type whose JSON decoding is compiled in the crate that defines it.
pub trait DecodeJson: Sized {
    /// Decodes a success answer's JSON body, naming the path of a value that does not fit.
    fn decode_json(raw: RawResponse) -> Result<Response<Self>, Error>;
}

/// A type whose JSON encoding is compiled in the crate that defines it.
pub trait EncodeJson {
    /// The value as a JSON request body.
    fn encode_json(&self, operation: &Operation) -> Result<Vec<u8>, Error>;
}

/// Decodes a JSON body with the type's own [`DecodeJson`] code.
#[doc(hidden)]
pub fn model<T: DecodeJson>(raw: RawResponse) -> Result<Response<T>, Error> {
    T::decode_json(raw)
}

/// Encodes a JSON request body: the code [`EncodeJson`] implementations compile.
#[doc(hidden)]
pub fn encode_json<T: serde::Serialize + ?Sized>(operation: &Operation, value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value)
        .map_err(|error| Error::invalid_argument(operation, "body", format!("cannot be encoded as JSON: {error}")))
}

/// Decodes JSON as `T`. On failure the bytes are decoded a second time to find the JSON path
/// of the value that failed (following the path costs time on every value, so decoding costs
/// nothing extra when it succeeds): the error is that path (empty when there is none) and
/// what did not match.
pub(crate) fn from_slice_with_path<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, (String, String)> {
    serde_json::from_slice(bytes).map_err(|first| {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => (error.path().to_string(), error.into_inner().to_string()),
            Ok(_) => (String::new(), first.to_string()),
        }
    })
}

/// Implements [`DecodeJson`] (`decode`), [`EncodeJson`] (`encode`) or both for a generated
/// type, by the directions the API's operations use it in.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_json {
    ($name:ident, $($direction:ident),+) => {
        $( $crate::impl_json!(@$direction $name); )+
    };
    (@decode $name:ident) => {
        impl $crate::DecodeJson for $name {
            fn decode_json(raw: $crate::RawResponse) -> ::std::result::Result<$crate::Response<Self>, $crate::Error> {
                raw.json()
            }
        }
    };
    (@encode $name:ident) => {
        impl $crate::EncodeJson for $name {
            fn encode_json(&self, operation: &$crate::Operation) -> ::std::result::Result<::std::vec::Vec<u8>, $crate::Error> {
                $crate::encode_json(operation, self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use reqwest::StatusCode;
    use reqwest::header::HeaderMap;

    use super::*;

    static OPERATION: Operation = Operation {
        id: "getEvent",
        method: reqwest::Method::GET,
        path_template: "/events/{id}",
        idempotent: true,
        security: &[],
    };

    #[derive(Debug, PartialEq)]
    struct Event {
        title: String,
        size: Option<u32>,
    }
    crate::impl_deserialize!(Event { "title" => title: required, "size" => size: optional });
    crate::impl_serialize!(Event { "title" => title: required, "size" => size: optional });
    crate::impl_json!(Event, decode, encode);

    /// A value JSON cannot hold: object keys must be strings.
    struct Grid {
        cells: BTreeMap<(u8, u8), u8>,
    }
    crate::impl_serialize!(Grid { "cells" => cells: required });
    crate::impl_json!(Grid, encode);

    fn answer(body: &str) -> RawResponse {
        RawResponse::new(&OPERATION, None, StatusCode::OK, HeaderMap::new(), bytes::Bytes::from(body.to_owned()))
    }

    #[test]
    fn a_type_decodes_and_encodes_with_its_own_code() {
        let decoded = model::<Event>(answer(r#"{"title":"standup","size":4,"extra":true}"#)).expect("decodes");
        assert_eq!(decoded.into_body(), Event { title: "standup".to_owned(), size: Some(4) });
        let encoded = Event { title: "standup".to_owned(), size: None }.encode_json(&OPERATION).expect("encodes");
        assert_eq!(String::from_utf8(encoded).expect("UTF-8"), r#"{"title":"standup"}"#);
    }

    #[test]
    fn a_value_that_does_not_fit_is_named_by_its_path() {
        let Err(Error::Decode(error)) = model::<Event>(answer(r#"{"title":"standup","size":"four"}"#)) else {
            panic!("a string where a number must be decodes");
        };
        assert_eq!(error.path(), "size");
        assert_eq!(error.operation(), "getEvent");
        assert!(error.message().contains("invalid type: string \"four\""), "{}", error.message());
    }

    #[test]
    fn a_body_json_cannot_hold_is_an_invalid_argument_not_a_panic() {
        let grid = Grid { cells: BTreeMap::from([((0, 0), 1)]) };
        let Err(Error::InvalidArgument(error)) = grid.encode_json(&OPERATION) else {
            panic!("a map with tuple keys encodes");
        };
        assert_eq!(error.parameter(), "body");
        assert!(error.to_string().contains("cannot be encoded as JSON"), "{error}");
    }
}
