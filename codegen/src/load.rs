//! Stage one: bytes to an `openapiv3::OpenAPI`, refusing what is not an OpenAPI 3.0 or 3.1
//! document. On the parsed document, references into the middle of other objects are made
//! references to components (`pointers`), and a 3.1 document is rewritten into 3.0's shape
//! (`openapi31`); what either moves is recorded in one `Relocations`.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location, Sink};
use crate::grammar::Version;
use crate::parse::{Syntax, describe};
use crate::relocations::Relocations;
use crate::{extensions, external_refs, normalize, openapi31, parse, pointers, position, schema_keywords};

/// A document read, when it could be, and the places loading moved parts of it to, with where
/// the document has them (also when reading failed: the findings name those places).
pub struct Loaded {
    pub document: Option<openapiv3::OpenAPI>,
    pub relocations: Relocations,
}

/// Parses `bytes` as an OpenAPI 3.0 or 3.1 document. Errors carry a line and column where the
/// parser knows them; every problem found before deserialising is reported at once.
pub fn load(bytes: &[u8], sink: &mut Sink) -> Loaded {
    let mut relocations = Relocations::default();
    let document = read(bytes, sink, &mut relocations);
    Loaded { document, relocations }
}

fn read(bytes: &[u8], sink: &mut Sink, relocations: &mut Relocations) -> Option<openapiv3::OpenAPI> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.valid_up_to();
            let (line, column) = line_column(bytes, offset);
            sink.push(Diagnostic {
                location: Location { path: String::new(), line: Some(line), column: Some(column) },
                ..Diagnostic::error(
                    "",
                    format!(
                        "the document is not UTF-8 text (invalid byte at offset {offset}); an OpenAPI document is YAML or JSON"
                    ),
                )
                .help("check that the file is the OpenAPI document and not a binary or compressed file")
            });
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        sink.error(
            "",
            "the document is empty",
            "write an OpenAPI document: `openapi: 3.1.0` (or `3.0.3`), `info`, and `paths`",
        );
        return None;
    }

    let syntax = detect_syntax(text);
    // The version decides how the rest is read, so it is checked first: a Swagger 2.0 or an
    // unsupported version gets that message, whatever else is wrong with the text.
    if let Some((key, version)) = sniff_version(text, syntax) {
        let mut checks = Sink::default();
        check_version(&Value::Object([(key, version)].into_iter().collect()), &mut checks);
        if checks.has_errors() {
            for diagnostic in checks.into_vec() {
                sink.push(diagnostic);
            }
            return None;
        }
    }
    let parsed = match parse::parse(text, syntax) {
        Ok(parsed) => parsed,
        Err(error) => {
            sink.push(Diagnostic {
                location: Location { path: String::new(), line: error.line, column: error.column },
                ..Diagnostic::error("", error.message).help(error.help)
            });
            return None;
        }
    };
    if !parsed.repeated_keys.is_empty() {
        report_repeated_keys(text, &parsed.repeated_keys, sink);
        return None;
    }
    let mut raw = parsed.value;

    let mut checks = Sink::default();
    let version = check_version(&raw, &mut checks);
    if let Some(version) = version {
        rewrite(&mut raw, version, &mut checks, relocations);
    }
    if !checks.has_errors() {
        normalize::normalize(&mut raw, &mut checks);
        extensions::report_unknown(&raw, &mut checks);
    }
    let failed = checks.has_errors();
    for diagnostic in checks.into_vec() {
        sink.push(diagnostic);
    }
    if failed {
        return None;
    }

    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&raw) {
        Ok(document) => Some(document),
        Err(error) => {
            let path = dotted_path(error.path());
            let message = error.inner().to_string();
            let version = version.unwrap_or(Version::V3_0);
            let (name, specification) = match version {
                Version::V3_1 => ("3.1", "the OpenAPI 3.1.0 specification (https://spec.openapis.org/oas/v3.1.0)"),
                Version::V3_0 => ("3.0", "the OpenAPI 3.0.3 specification (https://spec.openapis.org/oas/v3.0.3)"),
            };
            // openapiv3 reads schemas through untagged enums, which lose the place of what
            // failed inside them: a keyword of the wrong type is looked for and named instead.
            let mut found = schema_keywords::wrong_types(&mut raw, &path);
            if found.is_empty() {
                found.push(
                    Diagnostic::error(
                        path,
                        format!("this part of the document is not valid OpenAPI {name}: {message}"),
                    )
                    .help(format!("compare this object with {specification}")),
                );
            }
            for diagnostic in found {
                sink.push(diagnostic);
            }
            None
        }
    }
}

/// The parsed document checked and rewritten, in place, into what openapiv3 reads and lowering
/// follows: references only to entries of `components`, callbacks and path items given by
/// reference copied where they are used, and a 3.1 document in 3.0's shape.
///
/// The order is what lets one pass of references serve both versions: JSON Schema's own
/// references (`$defs`, `$anchor`, `$id`) become pointers first; pointers are followed while a
/// 3.1 document's schemas are as written (a pointer into a `prefixItems` finds it); then the
/// schemas are rewritten, before the copies, so that a shared path item is rewritten (and
/// warned about) once, where it is written.
pub(crate) fn rewrite(raw: &mut Value, version: Version, sink: &mut Sink, relocations: &mut Relocations) {
    let v3_1 = version == Version::V3_1;
    if v3_1 {
        openapi31::prepare(raw, sink, relocations);
    }
    check_top_level(raw, sink);
    external_refs::check_external(raw, sink);
    let resolved = pointers::resolve_all(raw, version, sink, relocations);
    if v3_1 {
        openapi31::convert_schemas(raw, sink, relocations);
    }
    // A reference that did not resolve is reported; a copy of the others would add nothing.
    if resolved {
        pointers::copy_all(raw, version, sink, relocations);
    }
    if v3_1 {
        openapi31::finish(raw, sink);
    }
    crate::webhooks::collect(raw, version, sink, relocations);
}

fn detect_syntax(text: &str) -> Syntax {
    match text.trim_start().as_bytes().first() {
        Some(b'{') | Some(b'[') => Syntax::Json,
        _ => Syntax::Yaml,
    }
}

/// The top-level `openapi` (or `swagger`) field, read from the text without parsing the rest:
/// a block-style YAML line at column 0, or a key of the outermost JSON object.
fn sniff_version(text: &str, syntax: Syntax) -> Option<(String, Value)> {
    match syntax {
        Syntax::Yaml => text.lines().find_map(|line| {
            let (key, rest) = line.split_once(':')?;
            let key = key.trim_end().trim_matches(|ch| ch == '"' || ch == '\'');
            if !matches!(key, "openapi" | "swagger") || line.starts_with(char::is_whitespace) {
                return None;
            }
            let rest = rest.split(" #").next().unwrap_or(rest).trim();
            let value = serde_yaml::from_str::<Value>(rest).ok()?;
            Some((key.to_owned(), value))
        }),
        Syntax::Json => {
            let bytes = text.as_bytes();
            let (mut offset, mut depth, mut expect_key) = (0, 0usize, false);
            while offset < bytes.len() {
                match bytes[offset] {
                    b'{' | b'[' => {
                        depth += 1;
                        expect_key = depth == 1 && bytes[offset] == b'{';
                    }
                    b'}' | b']' => depth = depth.saturating_sub(1),
                    b',' if depth == 1 => expect_key = true,
                    b'"' => {
                        let start = offset + 1;
                        offset += 1;
                        while offset < bytes.len() && bytes[offset] != b'"' {
                            offset += if bytes[offset] == b'\\' { 2 } else { 1 };
                        }
                        let key = text.get(start..offset.min(text.len()))?;
                        if depth == 1 && expect_key && matches!(key, "openapi" | "swagger") {
                            let rest = text.get(offset + 1..)?.trim_start().strip_prefix(':')?;
                            let value = serde_json::Deserializer::from_str(rest).into_iter::<Value>().next()?.ok()?;
                            return Some((key.to_owned(), value));
                        }
                        expect_key = false;
                    }
                    _ => {}
                }
                offset += 1;
            }
            None
        }
    }
}

/// One error per key that a mapping lists twice, naming both places: the later entry would
/// otherwise replace the earlier without a word, and an operation, field or type would vanish.
fn report_repeated_keys(text: &str, repeated: &[parse::RepeatedKey], sink: &mut Sink) {
    let paths: Vec<String> = repeated.iter().map(|key| key.path.clone()).collect();
    let places = position::PositionIndex::new(text).occurrences(&paths);
    let mut repeated: Vec<&parse::RepeatedKey> = repeated.iter().collect();
    // In the order of the text, as a reader meets them (the parser finds inner ones first).
    repeated.sort_by_key(|key| places.get(&key.path).and_then(|found| found.get(1).copied()));
    for key in repeated {
        let found = places.get(&key.path).map(Vec::as_slice).unwrap_or_default();
        let mapping =
            if key.parent.is_empty() { "the document's top level".to_owned() } else { format!("`{}`", key.parent) };
        let (message, location) = match found {
            [(first_line, first_column), (line, column), ..] => (
                format!(
                    "`{}` appears twice in {mapping}: first at line {first_line}, column {first_column}, again at line {line}, column {column}",
                    key.key
                ),
                Location { path: key.path.clone(), line: Some(*line), column: Some(*column) },
            ),
            _ => (format!("`{}` appears twice in {mapping}", key.key), Location::at(&key.path)),
        };
        sink.push(Diagnostic { location, ..Diagnostic::error("", message) }.help(
            "keys of a mapping must be unique: merge the two entries, or rename one; otherwise one of them would be lost",
        ));
    }
}

/// The document's version, when it is one the generator reads; otherwise why not, in `sink`.
fn check_version(raw: &Value, sink: &mut Sink) -> Option<Version> {
    let Some(root) = raw.as_object() else {
        sink.error(
            "",
            format!("the document is {}, not an OpenAPI object", describe(raw)),
            "an OpenAPI document is an object with `openapi`, `info` and `paths` at its top level",
        );
        return None;
    };
    if let Some(swagger) = root.get("swagger") {
        sink.error(
            "swagger",
            format!("this is a Swagger {} document; this generator reads OpenAPI 3.0 and 3.1", scalar_text(swagger)),
            "convert it to OpenAPI 3.0 first, for example with `npx swagger2openapi spec.yaml -o spec3.yaml`",
        );
        return None;
    }
    match root.get("openapi") {
        None => sink.error(
            "openapi",
            "the document has no `openapi` version field",
            "add `openapi: 3.0.3` (or `3.1.0`) at the top level",
        ),
        Some(Value::String(version)) if version == "3.0" || version.starts_with("3.0.") => return Some(Version::V3_0),
        Some(Value::String(version)) if openapi31::is_version(version) => return Some(Version::V3_1),
        Some(Value::Number(number)) => sink.error(
            "openapi",
            format!("`openapi` is the number {number}, not a version string"),
            "write the version in quotes, such as `openapi: \"3.1.0\"`",
        ),
        Some(other) => sink.error(
            "openapi",
            format!("unsupported OpenAPI version {}", scalar_text(other)),
            "this generator reads OpenAPI 3.0.x and 3.1.x documents",
        ),
    }
    None
}

fn check_top_level(raw: &Value, sink: &mut Sink) {
    let Some(root) = raw.as_object() else { return };
    match root.get("info") {
        None => sink.error("info", "the document has no `info` object", "add `info:` with a `title` and a `version`"),
        Some(Value::Object(info)) => {
            for field in ["title", "version"] {
                match info.get(field) {
                    Some(Value::String(_)) => {}
                    Some(other) => sink.error(
                        format!("info.{field}"),
                        format!("`info.{field}` is {}, not a string", describe(other)),
                        format!("write `{field}` as a string, in quotes if it looks like a number"),
                    ),
                    None => sink.error(
                        format!("info.{field}"),
                        format!("`info` has no `{field}`"),
                        format!("add `{field}:` under `info`"),
                    ),
                }
            }
        }
        Some(other) => sink.error(
            "info",
            format!("`info` is {}, not an object", describe(other)),
            "write `info:` as an object with a `title` and a `version`",
        ),
    }
    match root.get("paths") {
        None => {
            sink.error("paths", "the document has no `paths` object", "add `paths:` (it may be empty: `paths: {}`)")
        }
        Some(Value::Object(_)) => {}
        Some(other) => sink.error(
            "paths",
            format!("`paths` is {}, not an object", describe(other)),
            "write `paths:` as an object whose keys are paths such as `/things/{id}`",
        ),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn dotted_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}
