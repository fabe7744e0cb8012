//! Decoding enumerations that stay open to values added after the crate was generated.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::Visitor;

/// Decodes a string into an enum through `From<&str>`, which maps values it does not know
/// to the enum's `Unknown` variant: a new value on the server never fails a whole response.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct OpenEnum<T>(PhantomData<T>);

    impl<T> Visitor<'_> for OpenEnum<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnum(PhantomData))
}

thread_local! {
    /// Whether decoding on this thread refuses values an enum does not list: on while the
    /// test doubles check a request against the document, off everywhere else.
    static KNOWN_VALUES_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode` with every open enum refusing the values it does not list, as the document
/// does: how the test doubles check that a request sends only what the API accepts.
#[cfg_attr(not(feature = "mock"), allow(dead_code))]
pub(crate) fn known_values_only<R>(decode: impl FnOnce() -> R) -> R {
    let before = KNOWN_VALUES_ONLY.with(|flag| flag.replace(true));
    let result = decode();
    KNOWN_VALUES_ONLY.with(|flag| flag.set(before));
    result
}

/// What decoding a value an open enum does not list gives: the value (as `Unknown`) as a
/// rule, an error naming the listed values inside [`known_values_only`].
#[doc(hidden)]
pub fn unknown_enum_value<'k, E: serde::de::Error>(value: &str, known: impl Iterator<Item = &'k str>) -> Result<(), E> {
    if !KNOWN_VALUES_ONLY.with(Cell::get) {
        return Ok(());
    }
    let listed: Vec<String> = known.map(|known| format!("`{known}`")).collect();
    Err(E::custom(format!("`{value}` is not one of {}", listed.join(", "))))
}

/// The conversions and serde impls of a generated open enum, built on its `KNOWN` values and
/// `as_str`: `From<&str>` and `From<String>` (unknown values become `Unknown`), `FromStr`,
/// `Display`, `Serialize` and `Deserialize`.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum_impls {
    ($name:ident) => {
        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::KNOWN
                    .iter()
                    .find(|known| known.as_str() == value)
                    .cloned()
                    .unwrap_or_else(|| Self::Unknown(value.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::KNOWN.iter().find(|known| known.as_str() == value) {
                    Some(known) => known.clone(),
                    None => Self::Unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value: Self = $crate::deserialize_open_enum(deserializer)?;
                if let Self::Unknown(unknown) = &value {
                    $crate::unknown_enum_value::<D::Error>(unknown, Self::KNOWN.iter().map(Self::as_str))?;
                }
                Ok(value)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }

    impl Color {
        const KNOWN: &'static [Self] = &[Self::Red];

        fn as_str(&self) -> &str {
            match self {
                Self::Red => "red",
                Self::Unknown(value) => value,
            }
        }
    }

    crate::open_enum_impls!(Color);

    #[test]
    fn unlisted_values_decode_except_where_only_known_values_are_asked_for() {
        let decode = || serde_json::from_str::<Vec<Color>>(r#"["red", "blue"]"#).map_err(|error| error.to_string());
        assert_eq!(decode(), Ok(vec![Color::Red, Color::Unknown("blue".to_owned())]));
        let strict = known_values_only(decode);
        assert!(strict.as_ref().is_err_and(|message| message.starts_with("`blue` is not one of `red`")), "{strict:?}");
        // The mode ends with the call.
        assert!(decode().is_ok());
    }
}
