//! A URI that keeps its text exactly as received.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An absolute URI (`format: uri`), checked when decoded and kept as written, so that it is
/// sent back byte for byte (a parsed URL would add a trailing `/` to `https://example.com`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uri(String);

/// A string that is not an absolute URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidUri {
    text: String,
    reason: String,
}

impl fmt::Display for InvalidUri {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "`{}` is not an absolute URI: {}", self.text, self.reason)
    }
}

impl std::error::Error for InvalidUri {}

impl Uri {
    /// Checks that `text` is an absolute URI and keeps it as it is.
    pub fn parse(text: impl Into<String>) -> Result<Uri, InvalidUri> {
        let text = text.into();
        match reqwest::Url::parse(&text) {
            Ok(_) => Ok(Uri(text)),
            Err(error) => Err(InvalidUri { reason: error.to_string(), text }),
        }
    }

    /// The URI as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URI parsed as a URL (normalised: the text may differ from [`as_str`](Self::as_str)).
    pub fn to_url(&self) -> reqwest::Url {
        reqwest::Url::parse(&self.0).expect("checked when the Uri was made")
    }
}

impl FromStr for Uri {
    type Err = InvalidUri;

    fn from_str(text: &str) -> Result<Uri, InvalidUri> {
        Uri::parse(text)
    }
}

impl TryFrom<String> for Uri {
    type Error = InvalidUri;

    fn try_from(text: String) -> Result<Uri, InvalidUri> {
        Uri::parse(text)
    }
}

impl TryFrom<&str> for Uri {
    type Error = InvalidUri;

    fn try_from(text: &str) -> Result<Uri, InvalidUri> {
        Uri::parse(text)
    }
}

impl From<reqwest::Url> for Uri {
    fn from(url: reqwest::Url) -> Uri {
        Uri(url.into())
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl AsRef<str> for Uri {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Uri {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Uri {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Uri::parse(text).map_err(serde::de::Error::custom)
    }
}
