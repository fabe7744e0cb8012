//! Writing `number` values back as the API wrote them: `30`, not `30.0`.
//!
//! The API document types many counts as `number`, so they are `f64` in Rust, and serde
//! would write a whole `f64` as `30.0`. Fields holding floats serialize through
//! [`serialize_whole`], which writes whole values (up to 2^53, where `f64` is exact) as
//! integers, so that a decoded body encodes back to the JSON it came from.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::Nullable;

/// The largest integer below which every whole `f64` is exact.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A value holding floats, written with whole floats as integers.
pub trait WholeNumbers {
    /// Serializes the value, writing whole floats as integers.
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// For `#[serde(serialize_with = "...")]` on fields that hold floats.
pub fn serialize_whole<T: WholeNumbers + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_whole(serializer)
}

/// A value written with whole floats as integers.
pub struct Whole<'a, T: ?Sized>(pub &'a T);

impl<T: WholeNumbers + ?Sized> Serialize for Whole<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_whole(serializer)
    }
}

impl WholeNumbers for f64 {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.is_finite() {
            // serde_json would write `null`: a value the caller did not mean, sent silently.
            return Err(serde::ser::Error::custom(format!("{self} is not a number JSON can carry")));
        }
        if self.fract() == 0.0 && self.abs() <= EXACT {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

impl WholeNumbers for f32 {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.is_finite() {
            return Err(serde::ser::Error::custom(format!("{self} is not a number JSON can carry")));
        }
        if self.fract() == 0.0 && f64::from(self.abs()) <= EXACT {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f32(*self)
        }
    }
}

impl<T: WholeNumbers> WholeNumbers for Option<T> {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Whole(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: WholeNumbers> WholeNumbers for Nullable<T> {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Present(value) => value.serialize_whole(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<T: WholeNumbers> WholeNumbers for Box<T> {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_whole(serializer)
    }
}

impl<T: WholeNumbers> WholeNumbers for Vec<T> {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Whole))
    }
}

impl<T: WholeNumbers> WholeNumbers for BTreeMap<String, T> {
    fn serialize_whole<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, Whole(value))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: WholeNumbers>(value: T) -> String {
        let mut out = Vec::new();
        value.serialize_whole(&mut serde_json::Serializer::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn writes_whole_floats_as_integers() {
        assert_eq!(json(30.0f64), "30");
        assert_eq!(json(-2.0f64), "-2");
        assert_eq!(json(0.5f64), "0.5");
        assert_eq!(json(1e300f64), "1e+300");
        assert_eq!(json(Some(1.0f64)), "1");
        assert_eq!(json(Nullable::<f64>::Null), "null");
        assert_eq!(json(vec![1.0f64, 1.5]), "[1,1.5]");
        assert_eq!(json(BTreeMap::from([("a".to_owned(), 2.0f64)])), "{\"a\":2}");
    }
}
