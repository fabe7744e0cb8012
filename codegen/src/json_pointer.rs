//! JSON pointers (RFC 6901) written as URI fragments: `#/paths/~1things~1%7Bid%7D/get` is the
//! tokens `paths`, `/things/{id}`, `get`; and the way back to a value and to a dotted path.

use serde_json::Value;

use crate::position;

/// Why a reference is not a pointer into this document.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAPointer {
    /// The reference names another file (refused earlier, with how to bundle).
    OtherFile,
    /// A fragment that is not a pointer, such as an anchor (`#Pet`).
    NotAPath,
}

/// The tokens of a local reference. The fragment is percent-decoded first, then split at `/`,
/// then each token unescaped (`~1` is `/`, `~0` is `~`, in that order), as RFC 6901 section 6
/// says; a `%` that starts no escape is kept as written.
pub fn parse(reference: &str) -> Result<Vec<String>, NotAPointer> {
    let fragment = reference.strip_prefix('#').ok_or(NotAPointer::OtherFile)?;
    let fragment = percent_decode(fragment);
    if fragment.is_empty() {
        return Ok(Vec::new());
    }
    let rest = fragment.strip_prefix('/').ok_or(NotAPointer::NotAPath)?;
    Ok(rest.split('/').map(unescape).collect())
}

/// The reference for `tokens`, escaped as a pointer.
pub fn format(tokens: &[&str]) -> String {
    let mut out = String::from("#");
    for token in tokens {
        out.push('/');
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    }
    out
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `text` with its `%XX` escapes decoded (`%7Bid%7D` is `{id}`); a `%` that starts no escape,
/// and escapes that do not make UTF-8, are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut offset = 0;
    while offset < bytes.len() {
        if bytes[offset] == b'%'
            && let (Some(high), Some(low)) =
                (bytes.get(offset + 1).and_then(|b| hex(*b)), bytes.get(offset + 2).and_then(|b| hex(*b)))
        {
            out.push(high * 16 + low);
            offset += 3;
            continue;
        }
        out.push(bytes[offset]);
        offset += 1;
    }
    // Escapes that do not make UTF-8 are not the document's names: the text stays as written.
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|digit| digit as u8)
}

/// Where following `tokens` from `root` stopped short.
#[derive(Debug)]
pub struct Missing {
    /// How many tokens were found.
    pub found: usize,
}

/// The value `tokens` point to.
pub fn lookup<'v>(root: &'v Value, tokens: &[String]) -> Result<&'v Value, Missing> {
    let mut current = root;
    for (found, token) in tokens.iter().enumerate() {
        current = child(current, token).ok_or(Missing { found })?;
    }
    Ok(current)
}

/// The value `tokens` point to, to change it.
pub fn lookup_mut<'v>(root: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    let mut current = root;
    for token in tokens {
        current = match current {
            Value::Object(object) => object.get_mut(token)?,
            Value::Array(items) => items.get_mut(array_index(token)?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// One step down: a key of an object, or an index of an array (digits only, no leading zero).
pub fn child<'v>(value: &'v Value, token: &str) -> Option<&'v Value> {
    match value {
        Value::Object(object) => object.get(token),
        Value::Array(items) => items.get(array_index(token)?),
        _ => None,
    }
}

fn array_index(token: &str) -> Option<usize> {
    let well_formed = token == "0" || (!token.starts_with('0') && token.bytes().all(|b| b.is_ascii_digit()));
    if well_formed { token.parse().ok() } else { None }
}

/// The dotted path of the place `tokens` point to, as diagnostics write it
/// (`paths./things.get.parameters[0]`); tokens past what exists are written as keys.
pub fn dotted(root: &Value, tokens: &[String]) -> String {
    let mut path = String::new();
    let mut current = Some(root);
    for token in tokens {
        path = match (current, array_index(token)) {
            (Some(Value::Array(_)), Some(index)) => position::index(&path, index),
            _ => position::key(&path, token),
        };
        current = current.and_then(|value| child(value, token));
    }
    path
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_fragments_as_rfc_6901_says() {
        assert_eq!(parse("#/paths/~1things~1%7Bid%7D/get").unwrap(), ["paths", "/things/{id}", "get"]);
        assert_eq!(parse("#/a~1b~0c/~01").unwrap(), ["a/b~c", "~1"]);
        assert_eq!(parse("#/with%20space/100%").unwrap(), ["with space", "100%"]);
        assert_eq!(parse("#/application~1xml;%20charset=utf-8").unwrap(), ["application/xml; charset=utf-8"]);
        assert_eq!(parse("#").unwrap(), Vec::<String>::new());
        assert_eq!(parse("#/").unwrap(), [""]);
        assert_eq!(parse("#Pet"), Err(NotAPointer::NotAPath));
        assert_eq!(parse("other.yaml#/a"), Err(NotAPointer::OtherFile));
        // Escapes that are not UTF-8 are kept as written.
        assert_eq!(parse("#/%FF").unwrap(), ["%FF"]);
    }

    #[test]
    fn formats_what_it_parses() {
        assert_eq!(format(&["components", "schemas", "a/b~c"]), "#/components/schemas/a~1b~0c");
        assert_eq!(parse(&format(&["x", "a/b~c"])).unwrap(), ["x", "a/b~c"]);
    }

    #[test]
    fn looks_up_and_names_places() {
        let root = json!({"paths": {"/a.b": {"get": {"parameters": [{"name": "x"}]}}}});
        let tokens = parse("#/paths/~1a.b/get/parameters/0/name").unwrap();
        assert_eq!(lookup(&root, &tokens).unwrap(), "x");
        assert_eq!(dotted(&root, &tokens), "paths./a.b.get.parameters[0].name");
        assert_eq!(lookup(&root, &parse("#/paths/~1a.b/get/parameters/01").unwrap()).unwrap_err().found, 4);
        assert_eq!(lookup(&root, &parse("#/paths/~1c").unwrap()).unwrap_err().found, 1);
    }
}
