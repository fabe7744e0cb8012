//! One item a line for the lists that grow with the document, so that a new field is a new line.
//!
//! prettyplease flows the tokens of a macro invocation like words in a paragraph, and keeps a
//! struct literal or an array on one line while it is short. Either way, adding a field to the
//! document rewraps the whole list, and a reviewer reads the diff of every line after it. This
//! pass runs on prettyplease's text and lays out, one item a line:
//!
//! - the field lists of the runtime's `impl_deserialize!` / `impl_serialize!` invocations
//!   (`Name { "wire" => field: kind, ... }`, which the macros read with any whitespace);
//! - a struct literal `Self { ... }` that is a line of its own (`new()`'s body);
//! - an enum's `KNOWN` array on one line.
//!
//! It also puts a blank line after the `use` lines and the macro items prettyplease leaves
//! touching the next item (`use crate::models::*;`, `impl_json!(..);`), as after any other.
//!
//! It only moves whitespace between tokens. Anything it does not recognise exactly (a char
//! literal, unbalanced brackets, another token shape in a macro) is left as prettyplease wrote
//! it: a list that stays wrapped is a noisier diff, not broken code.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The runtime macros that take a struct's field list, by the last segment of their path, so
/// that the rule holds wherever the runtime lives.
const FIELD_LIST_MACROS: &[&str] = &["impl_deserialize", "impl_serialize"];

/// Lines that hold a whole list, as the text before and after it.
const ONE_LINE_LISTS: &[(&str, &str)] = &[("Self {", "}"), ("pub const KNOWN: &'static [Self] = &[", "];")];

const INDENT: &str = "    ";

/// `text` with every list this module knows laid out one item a line.
pub fn one_item_a_line(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if let Some((consumed, laid_out)) = field_list_macro(&lines[index..]) {
            out.push_str(&laid_out);
            index += consumed;
            continue;
        }
        match one_line_list(line) {
            Some(laid_out) => out.push_str(&laid_out),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
        index += 1;
    }
    out
}

/// `text` with a blank line after each top-level `use` (or run of them) and each top-level
/// item that ends in `;` after a macro's `)`, where the next item follows with none.
pub fn blank_line_after_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for (index, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(index + 1) else { continue };
        let top_level = |line: &str| !line.is_empty() && !line.starts_with(char::is_whitespace);
        // Doc comments hold code too (`//! println!(..);`): they are not items.
        let code = |line: &str| top_level(line) && !line.starts_with("//");
        if !code(line) || !top_level(next) || next.starts_with('}') {
            continue;
        }
        // The item the next line starts, past its attributes: `use` lines stay together.
        let next_item =
            lines[index + 1..].iter().find(|line| !line.starts_with("#[") && !line.starts_with("///")).unwrap_or(next);
        let ends_use = is_use(line) && line.ends_with(';');
        let ends_macro =
            line.ends_with(");") && (line.starts_with(')') || line.starts_with('}') || line.contains("!("));
        if (ends_use && !is_use(next_item)) || ends_macro {
            out.push('\n');
        }
    }
    out
}

fn is_use(line: &str) -> bool {
    let line = line.strip_prefix("pub ").or_else(|| line.strip_prefix("pub(crate) ")).unwrap_or(line);
    line.starts_with("use ")
}

/// An invocation of one of `FIELD_LIST_MACROS` that starts `lines`, however prettyplease
/// wrapped it: how many lines it took, and its text laid out.
fn field_list_macro(lines: &[&str]) -> Option<(usize, String)> {
    let first = lines[0];
    let indent = indentation(first);
    let (path, _) = first.trim_start().split_once("!(")?;
    let name = path.rsplit("::").next()?;
    let is_path = path.split("::").all(|segment| segment.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'));
    if !is_path || !FIELD_LIST_MACROS.contains(&name) {
        return None;
    }
    // Gather the arguments up to the `)` that closes the `(`, across lines.
    let open = indent.len() + path.len() + 1;
    let mut scanner = Scanner::default();
    let mut arguments = String::new();
    for (number, line) in lines.iter().enumerate() {
        let start = if number == 0 { open } else { 0 };
        if number > 0 {
            arguments.push('\n');
        }
        let Some(close) = scanner.find_close(line, start)? else {
            arguments.push_str(&line[start..]);
            continue;
        };
        arguments.push_str(&line[start..close]);
        // An item: the `)` ends with `;`, and the invocation's first `(` was the one opened.
        if &line[close..] != ");" {
            return None;
        }
        let arguments = &arguments[1..];
        return Some((number + 1, lay_out_field_list(indent, path, arguments)?));
    }
    None
}

/// `Name { entry, entry }` as `path!(Name {`, one `entry,` a line, and `});`.
fn lay_out_field_list(indent: &str, path: &str, arguments: &str) -> Option<String> {
    let tokens: Vec<TokenTree> = arguments.parse::<TokenStream>().ok()?.into_iter().collect();
    let [TokenTree::Ident(name), TokenTree::Group(body)] = tokens.as_slice() else { return None };
    if body.delimiter() != Delimiter::Brace {
        return None;
    }
    let mut entries: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for token in body.stream() {
        match token {
            TokenTree::Punct(punct) if punct.as_char() == ',' => entries.push(Vec::new()),
            TokenTree::Group(_) => return None,
            token => entries.last_mut()?.push(token),
        }
    }
    entries.retain(|entry| !entry.is_empty());
    if entries.is_empty() {
        return Some(format!("{indent}{path}!({name} {{}});\n"));
    }
    let mut out = format!("{indent}{path}!({name} {{\n");
    for entry in &entries {
        out.push_str(&format!("{indent}{INDENT}{},\n", spell(entry)));
    }
    out.push_str(&format!("{indent}}});\n"));
    Some(out)
}

/// An entry's tokens as `"wire" => field: kind`: a space between tokens, except after a
/// joint punctuation mark (`=>`) and before `:`.
fn spell(tokens: &[TokenTree]) -> String {
    let mut text = String::new();
    let mut joint = false;
    for token in tokens {
        let colon = matches!(token, TokenTree::Punct(punct) if punct.as_char() == ':');
        if !text.is_empty() && !joint && !colon {
            text.push(' ');
        }
        joint = matches!(token, TokenTree::Punct(punct) if punct.spacing() == Spacing::Joint);
        text.push_str(&token.to_string());
    }
    text
}

/// A line that is one of `ONE_LINE_LISTS`, holding at least one item, laid out.
fn one_line_list(line: &str) -> Option<String> {
    let indent = indentation(line);
    let code = &line[indent.len()..];
    ONE_LINE_LISTS.iter().find_map(|(open, close)| {
        let inner = code.strip_prefix(open)?.strip_suffix(close)?.trim();
        let items = split_items(inner)?;
        if items.is_empty() {
            return None;
        }
        let mut out = format!("{indent}{open}\n");
        for item in items {
            out.push_str(&format!("{indent}{INDENT}{item},\n"));
        }
        out.push_str(&format!("{indent}{close}\n"));
        Some(out)
    })
}

/// The comma-separated items of a list's inside, or `None` if its brackets do not balance
/// (the line was not one list after all) or it holds a char literal, which the scanner does
/// not read.
fn split_items(inner: &str) -> Option<Vec<&str>> {
    let mut scanner = Scanner::default();
    let mut items = Vec::new();
    let mut start = 0;
    for (offset, ch) in inner.char_indices() {
        if scanner.step(ch)? && ch == ',' && scanner.depth == 0 {
            items.push(inner[start..offset].trim());
            start = offset + 1;
        }
        if scanner.depth < 0 {
            return None;
        }
    }
    if scanner.depth != 0 || scanner.in_string {
        return None;
    }
    items.push(inner[start..].trim());
    items.retain(|item| !item.is_empty());
    Some(items)
}

/// Reads Rust text a character at a time: the depth of brackets, and whether it is inside a
/// string literal (prettyplease writes string literals on one line, newlines escaped).
#[derive(Default)]
struct Scanner {
    depth: i32,
    in_string: bool,
    escaped: bool,
}

impl Scanner {
    /// Takes one character: `Some(true)` if it is code (outside a string), `None` for a
    /// character this scanner does not read (`'`: a char literal or a lifetime).
    fn step(&mut self, ch: char) -> Option<bool> {
        if self.in_string {
            match ch {
                _ if self.escaped => self.escaped = false,
                '\\' => self.escaped = true,
                '"' => self.in_string = false,
                _ => {}
            }
            return Some(false);
        }
        match ch {
            '"' => self.in_string = true,
            '\'' => return None,
            '(' | '[' | '{' => self.depth += 1,
            ')' | ']' | '}' => self.depth -= 1,
            _ => {}
        }
        Some(!self.in_string)
    }

    /// The byte offset in `line`, from `start`, where the depth comes back to zero: the
    /// closing bracket of the one opened first. `Some(None)` if the line ends before it.
    fn find_close(&mut self, line: &str, start: usize) -> Option<Option<usize>> {
        for (offset, ch) in line[start..].char_indices() {
            let was_open = self.depth > 0;
            self.step(ch)?;
            if was_open && self.depth == 0 {
                return Some(Some(start + offset));
            }
        }
        Some(None)
    }
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

#[cfg(test)]
mod tests {
    use super::{blank_line_after_items, one_item_a_line};

    #[test]
    fn uses_and_macro_items_are_followed_by_a_blank_line_as_other_items_are() {
        let text = "//! println!(\"{x}\");\n//! # Ok(())\n#[allow(unused_imports)]\nuse crate::models::*;\nuse std::fmt;\n/// A.\npub struct A;\n\ncrate::runtime::impl_json!(A, encode);\n/// B.\npub struct B;\nrt::impl_serialize!(B {\n    \"b\" => b: required,\n});\nimpl B {}\n#[cfg(x)]\npub use a::A;\n/// B.\npub use b::B;\npub mod b;\n";
        assert_eq!(
            blank_line_after_items(text),
            "//! println!(\"{x}\");\n//! # Ok(())\n#[allow(unused_imports)]\nuse crate::models::*;\nuse std::fmt;\n\n/// A.\npub struct A;\n\ncrate::runtime::impl_json!(A, encode);\n\n/// B.\npub struct B;\nrt::impl_serialize!(B {\n    \"b\" => b: required,\n});\n\nimpl B {}\n#[cfg(x)]\npub use a::A;\n/// B.\npub use b::B;\n\npub mod b;\n"
        );
    }

    use proc_macro2::{Group, TokenStream, TokenTree};

    /// Laying out moves whitespace and adds trailing commas only: the file's tokens are the
    /// same before and after, but for a `,` that ends a list.
    fn assert_same_tokens(before: &str, after: &str) {
        let before: TokenStream = before.parse().expect("the input is Rust");
        let after: TokenStream = after.parse().expect("the output is Rust");
        assert_eq!(without_trailing_commas(before).to_string(), without_trailing_commas(after).to_string());
    }

    fn without_trailing_commas(stream: TokenStream) -> TokenStream {
        let mut tokens: Vec<TokenTree> = stream
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(group) => {
                    TokenTree::Group(Group::new(group.delimiter(), without_trailing_commas(group.stream())))
                }
                token => token,
            })
            .collect();
        if matches!(tokens.last(), Some(TokenTree::Punct(punct)) if punct.as_char() == ',') {
            tokens.pop();
        }
        tokens.into_iter().collect()
    }

    fn check(before: &str, expected: &str) {
        let after = one_item_a_line(before);
        assert_eq!(after, expected);
        assert_same_tokens(before, &after);
        assert_eq!(one_item_a_line(&after), after, "laying out twice changes nothing more");
    }

    #[test]
    fn a_wrapped_field_list_gets_one_field_a_line() {
        check(
            "crate::runtime::impl_deserialize!(\n    Person { \"id\" => id : required, \"created_at\" => created_at :\n    required, \"name\" => name : optional }\n);\n",
            "crate::runtime::impl_deserialize!(Person {\n    \"id\" => id: required,\n    \"created_at\" => created_at: required,\n    \"name\" => name: optional,\n});\n",
        );
    }

    #[test]
    fn a_short_field_list_gets_one_field_a_line_too() {
        check(
            "#[cfg(feature = \"a\")]\ncrate::runtime::impl_serialize!(Tree { \"forest\" => forest : optional_whole });\n",
            "#[cfg(feature = \"a\")]\ncrate::runtime::impl_serialize!(Tree {\n    \"forest\" => forest: optional_whole,\n});\n",
        );
        check("crate::runtime::impl_serialize!(Empty {});\n", "crate::runtime::impl_serialize!(Empty {});\n");
    }

    #[test]
    fn wire_names_with_brackets_commas_and_quotes_stay_whole() {
        check(
            "crate::runtime::impl_deserialize!(\n    Odd { \"a,b\" => a_b : required, \"c)\" => c : optional, \"d\\\"}\" => d :\n    optional }\n);\nfn after() {}\n",
            "crate::runtime::impl_deserialize!(Odd {\n    \"a,b\" => a_b: required,\n    \"c)\" => c: optional,\n    \"d\\\"}\" => d: optional,\n});\nfn after() {}\n",
        );
    }

    #[test]
    fn a_struct_literal_on_its_own_line_gets_one_field_a_line() {
        check(
            "    fn new(a: A) -> Self {\n        Self { a, b: f(x, [y, z]), c: None }\n    }\n",
            "    fn new(a: A) -> Self {\n        Self {\n            a,\n            b: f(x, [y, z]),\n            c: None,\n        }\n    }\n",
        );
    }

    #[test]
    fn a_known_array_gets_one_value_a_line() {
        check(
            "    pub const KNOWN: &'static [Self] = &[Self::On, Self::Off];\n",
            "    pub const KNOWN: &'static [Self] = &[\n        Self::On,\n        Self::Off,\n    ];\n",
        );
    }

    #[test]
    fn lookalikes_are_left_alone() {
        let untouched = [
            // Docs and strings that read like the lists.
            "/// Self { a, b }\n",
            "/// crate::runtime::impl_deserialize!(X { \"a\" => a : required });\n",
            "    \"Self { a, b }\",\n",
            // Not one list: two literals on a line, a char literal, a call to a function.
            "        Self { a } == Self { b }\n",
            "        Self { a: ',', b }\n",
            "crate::runtime::impl_deserialize(X { a });\n",
            // Another macro, and a field list of another shape.
            "crate::runtime::open_enum_impls!(Kind);\n",
            "crate::runtime::impl_deserialize!(X { \"a\" => a : required }, extra);\n",
            "crate::runtime::impl_deserialize!(X { \"a\" => (a) : required });\n",
        ];
        for text in untouched {
            assert_eq!(one_item_a_line(text), text);
        }
    }
}
