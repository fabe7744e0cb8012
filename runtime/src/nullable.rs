//! Three states for a field that may be left out or sent as `null`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that is optional and nullable: left out, explicitly `null`, or a value.
///
/// `Option<T>` cannot tell "leave it as it is" (absent) from "clear it" (`null`); this can.
/// In responses both absence and `null` decode, as `Absent` and `Null`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Not sent; not in the response.
    #[default]
    Absent,
    /// Sent as `null`; `null` in the response.
    Null,
    /// A value.
    Present(T),
}

impl<T> Nullable<T> {
    /// Whether the field is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the field has a value.
    pub fn is_present(&self) -> bool {
        matches!(self, Nullable::Present(_))
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Present(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one: absent and `null` both become `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Present(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Borrows the value, keeping the state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Present(value) => Nullable::Present(value),
        }
    }

    /// Converts the value, keeping the state.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Present(value) => Nullable::Present(convert(value)),
        }
    }

    /// `Some(value)` becomes a value and `None` becomes `null`.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(value) => Nullable::Present(value),
            None => Nullable::Null,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Present(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Present(value) => value.serialize(serializer),
            // Fields of this type are skipped when absent; `null` is the only other spelling.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Nullable::from_option(Option::deserialize(deserializer)?))
    }
}
