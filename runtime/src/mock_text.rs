//! Values as a request spells them in text (path segments, query pairs, headers, cookies,
//! form bodies), read back into the crate's own types: the test doubles' decoder.
//!
//! The client writes a value into text by the document's style (`request.rs`, `body.rs`);
//! this reads it back the other way, with the type asking for what it needs: a number parses
//! the text, a list splits it (or takes the repeated pairs), a struct takes the keys it names.
//! The shapes are the ones the client writes, so that whatever the client sends, the mock
//! reads as the value the caller gave.

use std::fmt;

use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// How a value is spelled in text before its type is known.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Text {
    /// Not sent.
    Absent,
    /// One value as sent: a scalar, or a list or object joined into one value.
    One(String),
    /// The same key sent several times (an exploded list).
    Many(Vec<String>),
    /// Keys and values: `name[key]=value` pairs, or an exploded object's own pairs.
    Object(Vec<(String, Text)>),
}

/// How a list or object was joined into one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Joined {
    /// Between items: `,`, ` ` or `|`.
    pub separator: char,
    /// Objects as `key=value` items (exploded `simple` style) rather than `key,value`.
    pub key_equals_value: bool,
}

impl Joined {
    /// Items joined with `,`, objects as `key,value,...`.
    pub const COMMAS: Joined = Joined { separator: ',', key_equals_value: false };
}

/// Groups `name[a][b]=v` pairs (the `deepObject` style and the bracket convention of form
/// bodies) into nested objects; `name[]=v` and `name[0][k]=v` into lists. Returns what
/// `name` holds, `Text::Absent` when no pair has it.
pub(crate) fn brackets(name: &str, pairs: &[(String, String)]) -> Text {
    let mut root = Text::Absent;
    for (key, value) in pairs {
        let Some(rest) = key.strip_prefix(name) else { continue };
        let mut path = Vec::new();
        let mut rest = rest;
        let mut well_formed = true;
        while !rest.is_empty() {
            match rest.strip_prefix('[').and_then(|inner| inner.split_once(']')) {
                Some((segment, after)) => {
                    path.push(segment);
                    rest = after;
                }
                None => {
                    well_formed = false;
                    break;
                }
            }
        }
        if well_formed {
            insert(&mut root, &path, value.clone());
        }
    }
    root
}

fn insert(node: &mut Text, path: &[&str], value: String) {
    match path.split_first() {
        None => match node {
            Text::Absent => *node = Text::One(value),
            Text::One(first) => *node = Text::Many(vec![std::mem::take(first), value]),
            Text::Many(values) => values.push(value),
            // `a[k]=1` and `a=2` both: the pair without brackets is dropped, as no type can hold both.
            Text::Object(_) => {}
        },
        // `name[]=v`: an item of a list.
        Some((&"", [])) => match node {
            Text::Absent => *node = Text::Many(vec![value]),
            Text::One(first) => *node = Text::Many(vec![std::mem::take(first), value]),
            Text::Many(values) => values.push(value),
            Text::Object(_) => {}
        },
        // `name[key]...` (an object's key, or a list's index, kept as a key in order).
        Some((segment, rest)) => {
            if matches!(node, Text::Absent | Text::One(_) | Text::Many(_)) {
                *node = Text::Object(Vec::new());
            }
            let Text::Object(entries) = node else { return };
            let position = match entries.iter().position(|(key, _)| key == segment) {
                Some(position) => position,
                None => {
                    entries.push(((*segment).to_owned(), Text::Absent));
                    entries.len() - 1
                }
            };
            insert(&mut entries[position].1, rest, value);
        }
    }
}

/// Reads `text` as a `T`.
pub(crate) fn read<T: de::DeserializeOwned>(text: &Text, joined: Joined) -> Result<T, String> {
    T::deserialize(TextDeserializer { text, joined }).map_err(|error| error.to_string())
}

struct TextDeserializer<'t> {
    text: &'t Text,
    joined: Joined,
}

impl<'t> TextDeserializer<'t> {
    /// The one value a scalar needs: a repeated key with one value will do.
    fn scalar(&self, expected: &str) -> Result<&'t str, Error> {
        match self.text {
            Text::One(value) => Ok(value),
            Text::Many(values) if values.len() == 1 => Ok(&values[0]),
            Text::Absent => Err(de::Error::custom("is missing")),
            Text::Many(values) => {
                Err(de::Error::custom(format!("is sent {} times; expected {expected}", values.len())))
            }
            Text::Object(_) => Err(de::Error::custom(format!("is an object; expected {expected}"))),
        }
    }

    fn parse<V: std::str::FromStr>(&self, expected: &str) -> Result<V, Error> {
        let value = self.scalar(expected)?;
        value.parse().map_err(|_| de::Error::custom(format!("`{value}` is not {expected}")))
    }

    /// The items of a list: repeated keys, or one value split at the separator.
    fn items(&self) -> Result<Vec<Text>, Error> {
        match self.text {
            Text::Absent => Err(de::Error::custom("is missing")),
            Text::Many(values) => Ok(values.iter().cloned().map(Text::One).collect()),
            Text::One(value) if value.is_empty() => Ok(Vec::new()),
            Text::One(value) => Ok(value.split(self.joined.separator).map(|item| Text::One(item.to_owned())).collect()),
            // `name[0]=a&name[1]=b`, or `name[0][key]=v`: a list written with indexes.
            Text::Object(entries) if entries.iter().all(|(key, _)| key.parse::<usize>().is_ok()) => {
                Ok(entries.iter().map(|(_, item)| item.clone()).collect())
            }
            Text::Object(_) => Err(de::Error::custom("is an object; expected a list")),
        }
    }

    /// The entries of an object: pairs of its own, or one value split into keys and values.
    fn entries(&self) -> Result<Vec<(String, Text)>, Error> {
        match self.text {
            Text::Absent => Err(de::Error::custom("is missing")),
            Text::Object(entries) => Ok(entries.clone()),
            Text::One(value) if value.is_empty() => Ok(Vec::new()),
            Text::One(value) if self.joined.key_equals_value => value
                .split(self.joined.separator)
                .map(|item| match item.split_once('=') {
                    Some((key, value)) => Ok((key.to_owned(), Text::One(value.to_owned()))),
                    None => Err(de::Error::custom(format!("`{item}` is not `key=value`"))),
                })
                .collect(),
            Text::One(value) => {
                let items: Vec<&str> = value.split(self.joined.separator).collect();
                if items.len() % 2 != 0 {
                    return Err(de::Error::custom(format!("`{value}` does not alternate keys and values")));
                }
                Ok(items.chunks(2).map(|pair| (pair[0].to_owned(), Text::One(pair[1].to_owned()))).collect())
            }
            Text::Many(_) => Err(de::Error::custom("is a list; expected an object")),
        }
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident : $ty:ty, $expected:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                visitor.$visit(self.parse::<$ty>($expected)?)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for TextDeserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.text {
            Text::Absent => visitor.visit_unit(),
            Text::One(_) => self.deserialize_str(visitor),
            Text::Many(_) => self.deserialize_seq(visitor),
            Text::Object(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar("`true` or `false`")? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(de::Error::custom(format!("`{other}` is not `true` or `false`"))),
        }
    }

    parse_number! {
        deserialize_i8 => visit_i8: i8, "a whole number";
        deserialize_i16 => visit_i16: i16, "a whole number";
        deserialize_i32 => visit_i32: i32, "a whole number";
        deserialize_i64 => visit_i64: i64, "a whole number";
        deserialize_i128 => visit_i128: i128, "a whole number";
        deserialize_u8 => visit_u8: u8, "a whole number of at least 0";
        deserialize_u16 => visit_u16: u16, "a whole number of at least 0";
        deserialize_u32 => visit_u32: u32, "a whole number of at least 0";
        deserialize_u64 => visit_u64: u64, "a whole number of at least 0";
        deserialize_u128 => visit_u128: u128, "a whole number of at least 0";
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value: f64 = self.parse("a number")?;
        // Rust reads `NaN` and `inf`; JSON Schema's numbers have neither.
        if !value.is_finite() {
            return Err(de::Error::custom(format!("`{}` is not a number", self.scalar("a number")?)));
        }
        visitor.visit_f64(value)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.scalar("text")?;
        // A type that parses text (a UUID, a date) says what is wrong, not with what.
        visitor.visit_str::<Error>(value).map_err(|error| de::Error::custom(format!("`{value}`: {error}")))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bytes(self.scalar("bytes")?.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.text {
            Text::Absent => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items = self.items()?;
        visitor.visit_seq(Items { items: items.into_iter(), joined: self.joined, index: 0 })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let entries = self.entries()?;
        visitor.visit_map(Entries { entries: entries.into_iter(), value: None, joined: self.joined })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let value: StrDeserializer<'_, Error> = self.scalar("one of the listed values")?.into_deserializer();
        visitor.visit_enum(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Items {
    items: std::vec::IntoIter<Text>,
    joined: Joined,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(TextDeserializer { text: &item, joined: self.joined })
            .map(Some)
            .map_err(|error| de::Error::custom(format!("item {index}: {error}")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries {
    entries: std::vec::IntoIter<(String, Text)>,
    value: Option<(String, Text)>,
    joined: Joined,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let read = seed.deserialize(StrDeserializer::<Error>::new(&key)).map(Some);
        self.value = Some((key, value));
        read
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        seed.deserialize(TextDeserializer { text: &value, joined: self.joined })
            .map_err(|error| de::Error::custom(format!("`{key}`: {error}")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Absent => formatter.write_str("nothing"),
            Text::One(value) => write!(formatter, "`{value}`"),
            Text::Many(values) => write!(formatter, "{values:?}"),
            Text::Object(entries) => {
                formatter.write_str("{")?;
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        formatter.write_str(", ")?;
                    }
                    write!(formatter, "{key}: {value}")?;
                }
                formatter.write_str("}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn one(value: &str) -> Text {
        Text::One(value.to_owned())
    }

    #[test]
    fn scalars_parse_the_text_their_type_asks_for() {
        assert_eq!(read::<f64>(&one("50"), Joined::COMMAS), Ok(50.0));
        assert_eq!(read::<i64>(&one("-3"), Joined::COMMAS), Ok(-3));
        assert_eq!(read::<bool>(&one("true"), Joined::COMMAS), Ok(true));
        assert_eq!(read::<String>(&one("a b"), Joined::COMMAS), Ok("a b".to_owned()));
        assert_eq!(read::<Option<i64>>(&Text::Absent, Joined::COMMAS), Ok(None));
        assert_eq!(read::<i64>(&one("1.5"), Joined::COMMAS), Err("`1.5` is not a whole number".to_owned()));
        assert_eq!(read::<bool>(&one("yes"), Joined::COMMAS), Err("`yes` is not `true` or `false`".to_owned()));
        assert_eq!(read::<String>(&Text::Absent, Joined::COMMAS), Err("is missing".to_owned()));
    }

    #[test]
    fn lists_split_joined_values_or_take_repeated_keys() {
        assert_eq!(read::<Vec<i64>>(&one("1,2,3"), Joined::COMMAS), Ok(vec![1, 2, 3]));
        let pipes = Joined { separator: '|', key_equals_value: false };
        assert_eq!(read::<Vec<String>>(&one("a|b"), pipes), Ok(vec!["a".to_owned(), "b".to_owned()]));
        let repeated = Text::Many(vec!["x".to_owned(), "y".to_owned()]);
        assert_eq!(read::<Vec<String>>(&repeated, Joined::COMMAS), Ok(vec!["x".to_owned(), "y".to_owned()]));
        assert_eq!(read::<Vec<i64>>(&one("1,b"), Joined::COMMAS), Err("item 1: `b` is not a whole number".to_owned()));
    }

    #[test]
    fn objects_read_from_brackets_and_from_joined_values() {
        let pairs: Vec<(String, String)> =
            [("created[gte]", "1"), ("created[lte]", "5"), ("tags[]", "a"), ("other", "x")]
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value.to_owned()))
                .collect();
        let created: BTreeMap<String, i64> = read(&brackets("created", &pairs), Joined::COMMAS).expect("an object");
        assert_eq!(created, BTreeMap::from([("gte".to_owned(), 1), ("lte".to_owned(), 5)]));
        assert_eq!(read::<Vec<String>>(&brackets("tags", &pairs), Joined::COMMAS), Ok(vec!["a".to_owned()]));
        assert_eq!(brackets("missing", &pairs), Text::Absent);

        let flat: BTreeMap<String, String> = read(&one("r,1,g,2"), Joined::COMMAS).expect("key,value pairs");
        assert_eq!(flat["g"], "2");
        let equals = Joined { separator: ',', key_equals_value: true };
        let exploded: BTreeMap<String, i64> = read(&one("r=1,g=2"), equals).expect("key=value items");
        assert_eq!(exploded["r"], 1);
        assert_eq!(
            read::<BTreeMap<String, i64>>(&one("r,1,g"), Joined::COMMAS),
            Err("`r,1,g` does not alternate keys and values".to_owned())
        );
    }

    #[test]
    fn lists_of_objects_come_from_indexed_brackets() {
        let pairs: Vec<(String, String)> = [("items[0][id]", "1"), ("items[1][id]", "2")]
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        let items: Vec<BTreeMap<String, i64>> = read(&brackets("items", &pairs), Joined::COMMAS).expect("a list");
        assert_eq!(items.iter().map(|item| item["id"]).collect::<Vec<_>>(), [1, 2]);
    }
}
