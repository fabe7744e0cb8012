//! Finds the line and column of a dotted document path, so that findings point into the text.
//!
//! serde gives values without positions, so this re-reads the text, and only when there is
//! something to report: a clean document never pays for it. JSON is read by a small scanner
//! of its own (Cloudflare's document is 12 MB of JSON, and always has something to report);
//! YAML by yaml-rust2's event parser.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

use crate::diagnostics::Diagnostic;

/// Appends a mapping key to a dotted path.
pub fn key(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// Appends a list index to a dotted path.
pub fn index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// Line and column (both 1-based) of each wanted path: its first places in the text, at most two.
pub type Places = HashMap<String, Vec<(usize, usize)>>;

fn note(slot: &mut Vec<(usize, usize)>, place: (usize, usize)) {
    if slot.len() < 2 {
        slot.push(place);
    }
}

pub struct PositionIndex<'a> {
    text: &'a str,
}

impl<'a> PositionIndex<'a> {
    /// JSON is read by the same parser: a JSON document is a YAML document.
    pub fn new(text: &'a str) -> Self {
        PositionIndex { text }
    }

    #[cfg(test)]
    fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        let mut one = [diagnostic];
        self.locate_all(&mut one);
        let [located] = one;
        located
    }

    /// Fills in line and column for every finding that has a path but no position yet. A path
    /// that names something the text does not hold (a place the generator made up) gets the
    /// position of its nearest enclosing part that the text does hold.
    pub fn locate_all(&self, diagnostics: &mut [Diagnostic]) {
        let mut wanted: Places = HashMap::new();
        for diagnostic in diagnostics.iter() {
            if diagnostic.location.line.is_none() && !diagnostic.location.path.is_empty() {
                for prefix in prefixes(&diagnostic.location.path) {
                    wanted.entry(prefix.to_owned()).or_default();
                }
            }
        }
        if wanted.is_empty() {
            return;
        }
        self.fill(&mut wanted);
        for diagnostic in diagnostics.iter_mut() {
            if diagnostic.location.line.is_some() || diagnostic.location.path.is_empty() {
                continue;
            }
            let found = prefixes(&diagnostic.location.path)
                .rev()
                .find_map(|prefix| wanted.get(prefix).and_then(|places| places.first()).copied());
            if let Some((line, column)) = found {
                diagnostic.location.line = Some(line);
                diagnostic.location.column = Some(column);
            }
        }
    }

    /// Where each of `paths` occurs in the text: the first two places for each, in text
    /// order. A path occurs twice only where a mapping repeats a key.
    pub fn occurrences(&self, paths: &[String]) -> Places {
        let mut wanted: Places = paths.iter().map(|path| (path.clone(), Vec::new())).collect();
        self.fill(&mut wanted);
        wanted
    }

    fn fill(&self, wanted: &mut Places) {
        if self.text.trim_start().starts_with('{') {
            scan_json(self.text, wanted);
        } else {
            self.scan(wanted);
        }
    }

    fn scan(&self, wanted: &mut Places) {
        enum Frame {
            Map { key: Option<(String, (usize, usize))> },
            Seq { next: usize },
        }
        let mut parser = Parser::new_from_str(self.text);
        let mut frames: Vec<Frame> = Vec::new();
        // The dotted path of the container on top of `frames`, and its length for each frame.
        let mut path = String::new();
        let mut lengths: Vec<usize> = Vec::new();

        // Called when a value starts: works out its path, records its position if wanted, and
        // returns the length to which `path` is restored afterwards.
        fn enter(frames: &mut [Frame], path: &mut String, place: (usize, usize), wanted: &mut Places) -> Option<usize> {
            let restore = path.len();
            match frames.last_mut() {
                None => return Some(restore),
                Some(Frame::Seq { next }) => {
                    path.push_str(&format!("[{next}]"));
                    *next += 1;
                    if let Some(slot) = wanted.get_mut(path.as_str()) {
                        note(slot, place);
                    }
                }
                Some(Frame::Map { key }) => {
                    let (name, key_place) = key.take()?;
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&name);
                    if let Some(slot) = wanted.get_mut(path.as_str()) {
                        note(slot, key_place);
                    }
                }
            }
            Some(restore)
        }

        loop {
            let Ok((event, marker)) = parser.next_token() else { return };
            let place = (marker.line(), marker.col() + 1);
            match event {
                Event::StreamEnd => return,
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Map { key }) = frames.last_mut()
                        && key.is_none()
                    {
                        *key = Some((value, place));
                        continue;
                    }
                    if let Some(restore) = enter(&mut frames, &mut path, place, wanted) {
                        path.truncate(restore);
                    }
                }
                Event::Alias(_) => {
                    if let Some(Frame::Map { key }) = frames.last_mut()
                        && key.is_none()
                    {
                        *key = Some(("*".to_owned(), place));
                        continue;
                    }
                    if let Some(restore) = enter(&mut frames, &mut path, place, wanted) {
                        path.truncate(restore);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let restore = enter(&mut frames, &mut path, place, wanted).unwrap_or(path.len());
                    lengths.push(restore);
                    frames.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { key: None }
                    } else {
                        Frame::Seq { next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    frames.pop();
                    if let Some(restore) = lengths.pop() {
                        path.truncate(restore);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Records the position of every wanted path in a JSON text: a key's opening quote, or a list
/// item's first character. Text that is not valid JSON ends the scan early.
fn scan_json(text: &str, wanted: &mut Places) {
    /// Where a token starts. Its column is counted only for the places that are wanted.
    #[derive(Clone, Copy)]
    struct Place {
        line: usize,
        /// The byte offset its line starts at.
        line_start: usize,
        offset: usize,
    }
    enum Frame {
        Object { key: Option<(String, Place)> },
        Array { next: usize },
    }
    // Places are kept as offsets and turned into columns at the end, in text order, each
    // counted on from the one before: Cloudflare's document is one 12 MB line, and counting
    // from the start of the line for every place would be quadratic.
    let mut found: HashMap<String, Vec<Place>> = HashMap::new();
    let mut record = |path: &str, place: Place| {
        if wanted.contains_key(path) {
            let places = found.entry(path.to_owned()).or_default();
            if places.len() < 2 {
                places.push(place);
            }
        }
    };
    // Starts a value: extends `path` to it, records it if wanted, and returns the length
    // `path` goes back to when the value ends.
    let mut enter = |frames: &mut Vec<Frame>, path: &mut String, place: Place| -> usize {
        let before = path.len();
        match frames.last_mut() {
            Some(Frame::Array { next }) => {
                path.push_str(&format!("[{next}]"));
                *next += 1;
                record(path, place);
            }
            Some(Frame::Object { key }) => {
                if let Some((name, key_place)) = key.take() {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&name);
                    record(path, key_place);
                }
            }
            None => {}
        }
        before
    };

    let bytes = text.as_bytes();
    let (mut offset, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let mut frames: Vec<Frame> = Vec::new();
    let mut path = String::new();
    let mut lengths: Vec<usize> = Vec::new();
    while offset < bytes.len() {
        let place = Place { line, line_start, offset };
        match bytes[offset] {
            b'\n' => {
                line += 1;
                line_start = offset + 1;
                offset += 1;
            }
            b' ' | b'\t' | b'\r' | b',' | b':' => offset += 1,
            open @ (b'{' | b'[') => {
                lengths.push(enter(&mut frames, &mut path, place));
                frames.push(if open == b'{' { Frame::Object { key: None } } else { Frame::Array { next: 0 } });
                offset += 1;
            }
            b'}' | b']' => {
                frames.pop();
                if let Some(before) = lengths.pop() {
                    path.truncate(before);
                }
                offset += 1;
            }
            b'"' => {
                offset += 1;
                let mut value = String::new();
                while offset < bytes.len() && bytes[offset] != b'"' {
                    if bytes[offset] == b'\\' && offset + 1 < bytes.len() {
                        offset += 1;
                        match bytes[offset] {
                            b'n' => value.push('\n'),
                            b't' => value.push('\t'),
                            b'u' => {
                                let code =
                                    text.get(offset + 1..offset + 5).and_then(|hex| u32::from_str_radix(hex, 16).ok());
                                value.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                                offset += 4;
                            }
                            other => value.push(other as char),
                        }
                        offset += 1;
                        continue;
                    }
                    let ch = text[offset..].chars().next().unwrap_or('\0');
                    value.push(ch);
                    offset += ch.len_utf8();
                }
                offset += 1;
                match frames.last_mut() {
                    Some(Frame::Object { key }) if key.is_none() => *key = Some((value, place)),
                    _ => {
                        let before = enter(&mut frames, &mut path, place);
                        path.truncate(before);
                    }
                }
            }
            _ => {
                // A number or a literal.
                let before = enter(&mut frames, &mut path, place);
                path.truncate(before);
                while offset < bytes.len()
                    && !matches!(bytes[offset], b',' | b'}' | b']' | b'\n' | b' ' | b'\t' | b'\r')
                {
                    offset += 1;
                }
            }
        }
    }
    let mut in_text_order: Vec<Place> = found.values().flatten().copied().collect();
    in_text_order.sort_unstable_by_key(|place| place.offset);
    let mut columns: HashMap<usize, usize> = HashMap::with_capacity(in_text_order.len());
    // The place before, with its column.
    let mut previous: Option<(Place, usize)> = None;
    for place in in_text_order {
        let column = match previous {
            Some((before, column)) if before.line_start == place.line_start => {
                column + text[before.offset..place.offset].chars().count()
            }
            _ => text[place.line_start..place.offset].chars().count() + 1,
        };
        columns.insert(place.offset, column);
        previous = Some((place, column));
    }
    for (path, places) in found {
        if let Some(slot) = wanted.get_mut(&path) {
            for place in places {
                note(slot, (place.line, columns[&place.offset]));
            }
        }
    }
}

/// Every prefix of a dotted path that ends at a segment boundary, shortest first.
fn prefixes(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    let mut ends: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for (offset, ch) in path.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '.' | '[' if depth == 0 && offset > 0 => ends.push(offset),
            _ => {}
        }
    }
    ends.push(path.len());
    ends.into_iter().map(move |end| &path[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_list_items_in_yaml_and_json() {
        let yaml =
            "openapi: 3.0.3\npaths:\n  /x/{id}:\n    get:\n      parameters:\n        - name: a\n        - name: b\n";
        let index = PositionIndex::new(yaml);
        let found = index.locate(Diagnostic::error("paths./x/{id}.get.parameters[1].name", "x"));
        assert_eq!((found.location.line, found.location.column), (Some(7), Some(11)));
        let fallback = index.locate(Diagnostic::error("paths./x/{id}.get.requestBody", "x"));
        assert_eq!((fallback.location.line, fallback.location.column), (Some(4), Some(5)));

        let json = "{\n  \"paths\": {\n    \"/x.y\": {\"get\": {}}\n  }\n}";
        let index = PositionIndex::new(json);
        let found = index.locate(Diagnostic::error("paths./x.y.get", "x"));
        assert_eq!((found.location.line, found.location.column), (Some(3), Some(14)));
    }
}
