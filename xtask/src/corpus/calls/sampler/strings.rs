//! Strings made from their schemas: a value of their `format`, within their lengths, and the
//! simplest string that meets their `pattern` (built from the pattern's syntax tree); and the
//! checks of a string's format, length and pattern that `fits` makes.

use serde_json::Value;

use super::{PATTERN_UNMET, Sampler};

impl Sampler<'_> {
    pub(super) fn string(&mut self, schema: &Value) -> String {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema.get("maxLength").and_then(Value::as_u64).map(|max| max as usize);
        let formatted = for_format(format);
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let candidate = formatted.clone().unwrap_or_else(|| "example".to_owned());
            if matches_pattern(pattern, &candidate) == Some(true) && length_fits(&candidate, min, max) {
                return candidate;
            }
            match string_for_pattern(pattern, min, max) {
                Some(text) => return text,
                None => {
                    self.notes.insert(PATTERN_UNMET.to_owned());
                }
            }
        }
        if let Some(text) = formatted {
            return text;
        }
        let mut text = "example".to_owned();
        if let Some(max) = max {
            text.truncate(max);
        }
        while text.chars().count() < min {
            text.push('x');
        }
        text
    }
}

/// A value of a string `format` that validators check.
fn for_format(format: &str) -> Option<String> {
    let text = match format {
        "date-time" => "2024-01-02T03:04:05Z",
        "date" => "2024-01-02",
        "time" => "03:04:05Z",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" => "https://example.com/",
        "uri-reference" | "iri-reference" => "/example",
        "uri-template" => "https://example.com/{id}",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "uuid" | "guid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "byte" => "ZXhhbXBsZQ==",
        "duration" => "P1D",
        "json-pointer" => "/example",
        "regex" => "^example$",
        "int32" | "int64" => "1",
        _ => return None,
    };
    Some(text.to_owned())
}

/// Whether a string passes a format check as Prism's validator makes it (loosely: the shape).
pub(super) fn fits_format(format: &str, text: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    match format {
        "date-time" => {
            let Some((date, time)) = text.split_once(['T', 't', ' ']) else { return false };
            fits_format("date", date)
                && time.len() >= 8
                && (time.ends_with(['Z', 'z']) || time[8..].contains(['+', '-']))
        }
        "date" => {
            let parts: Vec<&str> = text.split('-').collect();
            parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|part| digits(part))
        }
        "email" => text.contains('@') && !text.starts_with('@') && !text.ends_with('@'),
        "uri" | "url" => text.contains(':') && !text.contains(' '),
        "uuid" => {
            let parts: Vec<usize> = text.split('-').map(str::len).collect();
            parts == [8, 4, 4, 4, 12] && text.chars().all(|ch| ch == '-' || ch.is_ascii_hexdigit())
        }
        "ipv4" => {
            text.split('.').count() == 4 && text.split('.').all(|part| digits(part) && part.parse::<u8>().is_ok())
        }
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => true,
    }
}

pub(super) fn length_fits(text: &str, min: usize, max: Option<usize>) -> bool {
    let length = text.chars().count();
    length >= min && max.is_none_or(|max| length <= max)
}

/// Whether `text` matches a pattern (searched, as JSON Schema does); `None` when the pattern
/// is not one the `regex` crate reads (lookarounds, backreferences).
pub(super) fn matches_pattern(pattern: &str, text: &str) -> Option<bool> {
    regex::Regex::new(pattern).ok().map(|regex| regex.is_match(text))
}

/// The shortest simple string that matches `pattern` within the length bounds: each
/// repetition its least, every alternation its first branch, every class a letter or digit
/// where it has one; repetitions grown one at a time to reach `min`.
fn string_for_pattern(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let check = regex::Regex::new(pattern).ok()?;
    for extra in 0..=min.max(8) {
        let mut text = String::new();
        let mut budget = extra;
        if !generate(&hir, &mut text, &mut budget) {
            return None;
        }
        if length_fits(&text, min, max) && check.is_match(&text) {
            return Some(text);
        }
    }
    None
}

/// Appends to `text` a string `hir` matches; `budget` more repetitions than the least are
/// spent on the first repetitions that allow them. `false` for what no string matches.
fn generate(hir: &regex_syntax::hir::Hir, text: &mut String, budget: &mut usize) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(literal) => {
                text.push_str(literal);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            let contains = |ch: char| ranges.iter().any(|range| range.start() <= ch && ch <= range.end());
            let preferred = ['a', 'b', 'c', 'x', 'A', 'B', 'X', '0', '1', '9', '-', '_', '.', ' '];
            let chosen = preferred
                .into_iter()
                .find(|ch| contains(*ch))
                .or_else(|| ranges.iter().map(|range| range.start()).find(|ch| !ch.is_control()));
            match chosen {
                Some(ch) => {
                    text.push(ch);
                    true
                }
                None => false,
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            match class.ranges().iter().map(|range| range.start()).find(|byte| byte.is_ascii_graphic()) {
                Some(byte) => {
                    text.push(char::from(byte));
                    true
                }
                None => false,
            }
        }
        HirKind::Repetition(repetition) => {
            let room = repetition.max.map_or(usize::MAX, |max| (max - repetition.min) as usize);
            let more = (*budget).min(room);
            *budget -= more;
            let times = repetition.min as usize + more;
            (0..times).all(|_| generate(&repetition.sub, text, budget))
        }
        HirKind::Capture(capture) => generate(&capture.sub, text, budget),
        HirKind::Concat(parts) => parts.iter().all(|part| generate(part, text, budget)),
        HirKind::Alternation(branches) => branches.first().is_some_and(|branch| generate(branch, text, budget)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_get_the_simplest_string_that_matches() {
        assert_eq!(string_for_pattern("^[a-z]+$", 0, None).as_deref(), Some("a"));
        assert_eq!(string_for_pattern("^[0-9]{4}-[0-9]{2}$", 0, None).as_deref(), Some("0000-00"));
        assert_eq!(string_for_pattern("^(foo|bar)\\d*$", 5, None).as_deref(), Some("foo00"));
        assert_eq!(string_for_pattern("^(?=a)a$", 0, None), None, "lookarounds are not read");
    }
}
