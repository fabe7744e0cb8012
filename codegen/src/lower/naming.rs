//! Rust names for wire names: case conversion, keyword escaping, and collision-free scopes.
//!
//! Every name the generated crate uses goes through here, so the rules live in one place:
//! a name that would not be an identifier gets a prefix, keywords become raw identifiers
//! (or get a trailing `_` where Rust forbids raw ones), and a scope hands out `Name2`,
//! `Name3` in first-come order when two wire names map to one Rust name.

use std::collections::{HashMap, HashSet};

use heck::{ToPascalCase, ToSnakeCase};

/// Keywords that cannot be used as plain identifiers (2015 to 2024 editions, reserved ones too).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names of the prelude that generated code uses bare: no type takes them.
pub const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Into",
    "From",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Ord",
    "PartialOrd",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "ToString",
    "ToOwned",
    "Iterator",
    "IntoIterator",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "TryFrom",
    "TryInto",
    "Extend",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Words for characters that carry meaning in enum values such as `>=` or `!=`.
fn symbol_word(ch: char) -> Option<&'static str> {
    Some(match ch {
        '=' => "Eq",
        '!' => "Not",
        '<' => "Lt",
        '>' => "Gt",
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Star",
        '/' => "Slash",
        '%' => "Percent",
        '&' => "And",
        '|' => "Or",
        '^' => "Caret",
        '~' => "Tilde",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '.' => "Dot",
        '?' => "Question",
        _ => return None,
    })
}

/// Splits a wire name into words: anything that is not a letter or digit separates words.
/// Latin letters with accents lose them (`Über` is `Uber`); other letters outside ASCII
/// separate words too, as no identifier of the crate may hold them.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.chars() {
        match ascii_letters(ch) {
            Some(letters) => out.push_str(letters),
            None if ch.is_ascii_alphanumeric() => out.push(ch),
            None => out.push(' '),
        }
    }
    out
}

/// The ASCII spelling of a Latin-1 or Latin Extended-A letter with a diacritic.
fn ascii_letters(ch: char) -> Option<&'static str> {
    const FOLDS: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņň", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("ÝŸ", "Y"),
        ("ýÿ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "AE"),
        ("æ", "ae"),
        ("Œ", "OE"),
        ("œ", "oe"),
        ("ß", "ss"),
    ];
    if ch.is_ascii() {
        return None;
    }
    FOLDS.iter().find(|(from, _)| from.contains(ch)).map(|(_, to)| *to)
}

/// Drops what no identifier of the crate may hold (letters outside ASCII), and the
/// underscores that would then stand at the ends or doubled: `non_snake_case` and
/// `non_camel_case_types` warn about those.
fn only_ascii_ident(text: &str) -> String {
    let kept: String = text.chars().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '_').collect();
    kept.split('_').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("_")
}

/// `snake_case` identifier for a wire name (fields, parameters, methods, modules).
pub fn snake(raw: &str) -> String {
    let mut name = only_ascii_ident(&words(raw).to_snake_case());
    if name.is_empty() {
        name = only_ascii_ident(&words(&spell_symbols(raw)).to_snake_case());
    }
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|ch: char| ch.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// `PascalCase` identifier for a wire name (types, enum variants).
pub fn pascal(raw: &str) -> String {
    let mut name = only_ascii_ident(&words(raw).to_pascal_case());
    if name.is_empty() {
        name = only_ascii_ident(&words(&spell_symbols(raw)).to_pascal_case());
    }
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if name.starts_with(|ch: char| ch.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    // `Self` cannot be a type name; a suffix that keeps the name in camel case.
    if name == "Self" { "SelfType".to_owned() } else { name }
}

/// Replaces symbol characters with words, for values made only of symbols (`>=` is `GtEq`).
fn spell_symbols(raw: &str) -> String {
    let mut out = String::new();
    for ch in raw.chars() {
        match symbol_word(ch) {
            Some(word) => {
                out.push(' ');
                out.push_str(word);
                out.push(' ');
            }
            None => out.push(ch),
        }
    }
    out
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `name`, cut to at most `max` characters when longer, with a hash of the whole name kept at
/// the end so that two long names that start alike stay apart. For names that become file
/// names and cargo features, which file systems limit to 255 bytes.
pub fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    // FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
    let hash = name.bytes().fold(0x811c_9dc5u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193));
    let keep: String = name.chars().take(max.saturating_sub(9)).collect();
    format!("{}_{hash:08x}", keep.trim_end_matches('_'))
}

/// The identifier without a raw-identifier prefix: what serde calls the field.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A namespace in which each name is handed out once.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
    /// The number each base was last given (1 for the base itself). A scope only grows, so
    /// every smaller number is still taken: the next claim of that base starts here, and
    /// claiming one base n times costs n tries, not n² (Google's Mirror API has bodies of 360
    /// media types, each claiming `binary_body`).
    last_number: HashMap<String, usize>,
}

impl Scope {
    /// A scope in which `reserved` are already taken (methods a builder has of its own, say).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|name| name.to_ascii_lowercase()).collect(), last_number: HashMap::new() }
    }

    /// Takes `base`, or `base2`, `base3` (`base_2` for snake-case names) when it is taken.
    /// Names differing only in case count as taken: they would make files that clash on
    /// case-insensitive file systems and read as the same name.
    pub fn claim(&mut self, base: &str) -> String {
        let snake_like = base.chars().next().is_some_and(|ch| !ch.is_ascii_uppercase());
        // `self_` (a keyword that cannot be raw) is followed by `self_2`, not `self__2`.
        let plain = unraw(base).trim_end_matches('_');
        let spell = |number: usize| match number {
            1 => base.to_owned(),
            _ if snake_like => format!("{plain}_{number}"),
            _ => format!("{plain}{number}"),
        };
        let mut number = self.last_number.get(base).copied().unwrap_or(1);
        let mut candidate = spell(number);
        while self.taken.contains(&unraw(&candidate).to_ascii_lowercase()) {
            number += 1;
            candidate = spell(number);
        }
        self.taken.insert(unraw(&candidate).to_ascii_lowercase());
        self.last_number.insert(base.to_owned(), number);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_wire_names() {
        assert_eq!(snake("GetOrderDetails"), "get_order_details");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa-enabled"), "_2fa_enabled");
        assert_eq!(snake("$ref"), "ref_".replace("ref_", "r#ref"));
        assert_eq!(snake("content.type"), "content_type");
        assert_eq!(snake("zone settings"), "zone_settings");
        assert_eq!(pascal("PEER_CREATED"), "PeerCreated");
        assert_eq!(pascal(">="), "GtEq");
        assert_eq!(pascal("!="), "NotEq");
        assert_eq!(pascal("1080p"), "V1080p");
        assert_eq!(pascal("Self"), "SelfType");
        assert_eq!(pascal("é"), "E");
        assert_eq!(pascal("名前"), "Value");
        assert_eq!(shorten("short", 10), "short");
        let long = shorten(&"product_".repeat(20), 40);
        assert!(long.len() <= 40 && long.starts_with("product_product_"), "{long}");
        assert_ne!(long, shorten(&"product_".repeat(21), 40));
    }

    #[test]
    fn scopes_resolve_collisions_in_order() {
        let mut scope = Scope::with_reserved(&["send"]);
        assert_eq!(scope.claim("send"), "send_2");
        assert_eq!(scope.claim("Thing"), "Thing");
        assert_eq!(scope.claim("THING"), "THING2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }

    #[test]
    fn a_base_claimed_again_skips_numbers_taken_since() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("binary_body"), "binary_body");
        assert_eq!(scope.claim("binary_body"), "binary_body_2");
        // Taken by another base in between: the next claim of `binary_body` passes over it.
        assert_eq!(scope.claim("binary_body_3"), "binary_body_3");
        assert_eq!(scope.claim("Binary_Body_4"), "Binary_Body_4");
        assert_eq!(scope.claim("binary_body"), "binary_body_5");
        let many: Vec<String> = (0..400).map(|_| scope.claim("Binary")).collect();
        assert_eq!((many[0].as_str(), many[1].as_str(), many[399].as_str()), ("Binary", "Binary2", "Binary400"));
    }

    #[test]
    fn names_are_lint_clean_whatever_the_wire_name() {
        assert_eq!(pascal("ÜBER"), "Uber");
        assert_eq!(snake("ÜberName"), "uber_name");
        assert_eq!(snake("名前"), "value");
        assert_eq!(pascal("名前x"), "X");
        assert_eq!(snake("__proto__"), "proto");
        assert_eq!(snake("_"), "value");
        assert_eq!(snake("a__b"), "a_b");
        for name in ["x_名前_y", "_名_", "Ünïcödé_ß", "__", "HTTPStatus", "9lives"] {
            let snake = snake(name);
            assert!(!snake.contains("__") && !snake.trim_start_matches('_').starts_with(char::is_uppercase), "{snake}");
            assert!(pascal(name).starts_with(|ch: char| ch.is_ascii_uppercase()), "{}", pascal(name));
        }
    }
}
