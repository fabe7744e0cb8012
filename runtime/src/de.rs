//! Compact `Deserialize` and `Serialize` impls for generated structs.
//!
//! serde's derive writes, for every struct, a field enum, a field visitor with three ways to
//! read a key, and a sequence visitor that JSON never uses, and for writing, a length count
//! and a branch per optional field. Across thousands of types that is most of what the
//! compiler checks. Generated structs use these macros instead: one map visitor that matches
//! keys as strings, skips keys it does not know and reports missing required fields as serde
//! does; and one call per field to write.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, Visitor};

/// A key of a JSON object, borrowed from the input where it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a field name")
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Implements `Deserialize` for a struct from its fields: `"wire" => field: required` for
/// fields that must be present, `"wire" => field: optional` for those that start at their
/// `Default` (`None`, `Nullable::Absent`) when absent.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_deserialize {
    ($name:ident { $($wire:literal => $field:ident : $kind:ident),* $(,)? }) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct FieldsVisitor;

                impl<'de> ::serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $name;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(concat!("an object (", stringify!($name), ")"))
                    }

                    #[allow(unused_mut)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                        $( let mut $field = $crate::impl_deserialize!(@start $kind); )*
                        while let Some(key) = map.next_key::<$crate::Key<'de>>()? {
                            match key.as_str() {
                                $( $wire => $field = $crate::impl_deserialize!(@store $kind, map.next_value()?), )*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($name {
                            $( $field: $crate::impl_deserialize!(@finish $kind, $field, $wire, A), )*
                        })
                    }
                }

                deserializer.deserialize_map(FieldsVisitor)
            }
        }
    };
    (@start required) => { ::std::option::Option::None };
    (@start optional) => { ::std::default::Default::default() };
    (@store required, $value:expr) => { ::std::option::Option::Some($value) };
    (@store optional, $value:expr) => { $value };
    (@finish required, $field:ident, $wire:literal, $access:ident) => {
        $field.ok_or_else(|| <$access::Error as ::serde::de::Error>::missing_field($wire))?
    };
    (@finish optional, $field:ident, $wire:literal, $access:ident) => { $field };
}

/// Implements `Serialize` for a struct: `"wire" => field: required` always writes the field
/// (`None` as `null`), `optional` leaves it out when absent, and `required_whole` /
/// `optional_whole` write whole floats as integers. One call per field, where serde's derive
/// writes a length count and a branch per optional field.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_serialize {
    ($name:ident { $($wire:literal => $field:ident : $kind:ident),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                // A struct with no fields writes none: its map is never changed.
                #[allow(unused_mut)]
                let mut map = ::serde::Serializer::serialize_map(serializer, ::std::option::Option::None)?;
                $( $crate::impl_serialize!(@field $kind, map, $wire, &self.$field); )*
                ::serde::ser::SerializeMap::end(map)
            }
        }
    };
    (@field required, $map:ident, $wire:literal, $value:expr) => {
        ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, $value)?
    };
    (@field optional, $map:ident, $wire:literal, $value:expr) => {
        if !$crate::Absent::is_absent($value) {
            ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, $value)?
        }
    };
    (@field required_whole, $map:ident, $wire:literal, $value:expr) => {
        ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, &$crate::Whole($value))?
    };
    (@field optional_whole, $map:ident, $wire:literal, $value:expr) => {
        if !$crate::Absent::is_absent($value) {
            ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, &$crate::Whole($value))?
        }
    };
}

/// Whether an optional field holds nothing and is left out of a request.
pub trait Absent {
    /// `None` for `Option`, `Absent` for `Nullable`.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Nullable<T> {
    fn is_absent(&self) -> bool {
        crate::Nullable::is_absent(self)
    }
}
