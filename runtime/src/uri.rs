//! A URI that keeps its text exactly as received.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An absolute URI (`format: uri`, RFC 3986), checked when decoded and kept as written, so
/// that it is sent back byte for byte (a parsed URL would add a trailing `/` to
/// `https://example.com`). The check is RFC 3986's, as JSON Schema's `format: uri` says, not
/// the stricter WHATWG URL parser's: a server may send URIs a browser would refuse.
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
        match rfc3986_problem(&text) {
            None => Ok(Uri(text)),
            Some(reason) => Err(InvalidUri { reason: reason.to_owned(), text }),
        }
    }

    /// The URI as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URI parsed as a URL by the WHATWG rules (normalised: the text may differ from
    /// [`as_str`](Self::as_str)), or why those rules refuse it.
    pub fn to_url(&self) -> Result<reqwest::Url, UrlParseError> {
        reqwest::Url::parse(&self.0)
    }
}

/// Why `text` is not an absolute URI by RFC 3986: a scheme, a colon, then only characters
/// the RFC allows, with `%` starting two hexadecimal digits.
fn rfc3986_problem(text: &str) -> Option<&'static str> {
    let Some((scheme, _)) = text.split_once(':') else { return Some("it has no scheme (such as `https:`)") };
    let mut scheme_chars = scheme.chars();
    if !scheme_chars.next().is_some_and(|first| first.is_ascii_alphabetic())
        || !scheme_chars.all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'))
    {
        return Some("its scheme is not a letter followed by letters, digits, `+`, `-` or `.`");
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' => {
                let hex = |offset: usize| bytes.get(at + offset).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(1) && hex(2)) {
                    return Some("a `%` is not followed by two hexadecimal digits");
                }
                at += 3;
                continue;
            }
            byte if byte.is_ascii_alphanumeric() => {}
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@' | b'!' | b'$' | b'&' | b'\''
            | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => return Some("it has a character a URI cannot hold unescaped"),
        }
        at += 1;
    }
    None
}

/// Why the WHATWG URL parser refused a URI (the `url` crate's `ParseError`).
pub type UrlParseError = <reqwest::Url as FromStr>::Err;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_rfc_3986_accepts_and_keeps_it() {
        for valid in [
            "https://example.com",
            "urn:isbn:0451450523",
            "http://a,b+c.example/p;q?x=1&y=%20#f",
            "mailto:someone@example.com",
        ] {
            assert_eq!(Uri::parse(valid).map(|uri| uri.as_str().to_owned()), Ok(valid.to_owned()), "{valid}");
        }
        for invalid in ["not a uri", "//no-scheme", "1http://x", "http://x/%zz", "http://x/ space", "http://é.example"]
        {
            assert!(Uri::parse(invalid).is_err(), "{invalid}");
        }
        assert!(Uri::parse("https://example.com").unwrap().to_url().is_ok());
    }
}
