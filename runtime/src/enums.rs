//! Decoding enumerations that stay open to values added after the crate was generated.

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
                $crate::deserialize_open_enum(deserializer)
            }
        }
    };
}
