//! Document text to rustdoc: one `#[doc]` per line, made safe for rustdoc's lints.
//!
//! Descriptions are Markdown written for web pages. rustdoc reads them as Markdown too, but
//! it compiles unlabelled code blocks as doctests, warns on bare URLs, unclosed HTML tags
//! and `[text]` that looks like an intra-doc link. So: unlabelled and indented code blocks
//! become `text` blocks, bare URLs get angle brackets, `<` outside code is escaped, and
//! square brackets that are not Markdown links are escaped.

use proc_macro2::TokenStream;
use quote::quote;

use super::html;
use crate::ir::Docs;

/// `#[doc = "..."]` attributes for `lines`, one per line.
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// The summary, a blank line, then the description, each sanitised.
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(summary) = &docs.summary {
        out.extend(sanitize(summary));
    }
    if let Some(description) = &docs.description {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(sanitize(description));
    }
    out
}

/// Appends a paragraph to doc lines, with a blank line before it when needed.
pub fn push_paragraph(lines: &mut Vec<String>, paragraph: impl Into<String>) {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(paragraph.into());
}

/// Makes Markdown from the document safe for rustdoc, line by line.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = html::to_markdown(&text).unwrap_or(text);
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut indented_block = false;
    let mut previous_blank = true;
    for raw in text.split('\n') {
        let line: String =
            raw.chars().filter(|ch| !ch.is_control() || *ch == '\t').collect::<String>().replace('\t', "    ");
        let line = line.trim_end().to_owned();
        let trimmed = line.trim_start();

        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
                out.push(trimmed.to_owned());
            } else {
                out.push(line.clone());
            }
            previous_blank = false;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if indented_block {
                close_indented(&mut out);
                indented_block = false;
            }
            let marker: String = trimmed.chars().take_while(|ch| *ch == '`' || *ch == '~').collect();
            let language = trimmed[marker.len()..].trim();
            // Unlabelled and Rust blocks would be compiled as doctests.
            let language = match language {
                "" | "rust" | "rs" => "text",
                other => other,
            };
            out.push(format!("{marker}{language}"));
            fence = Some(marker);
            previous_blank = false;
            continue;
        }

        let indent = line.len() - trimmed.len();
        if indented_block {
            if trimmed.is_empty() || indent >= 4 {
                out.push(line.get(4..).unwrap_or("").to_owned());
                continue;
            }
            close_indented(&mut out);
            indented_block = false;
        } else if indent >= 4 && previous_blank && !trimmed.is_empty() && !is_list_item(trimmed) {
            out.push("```text".to_owned());
            out.push(line[4..].to_owned());
            indented_block = true;
            continue;
        }
        previous_blank = trimmed.is_empty();
        out.push(escape_prose(&line));
    }
    if indented_block {
        close_indented(&mut out);
    }
    if let Some(marker) = fence {
        out.push(marker);
    }
    while out.last().is_some_and(|line| line.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|line| line.is_empty()) {
        out.remove(0);
    }
    out
}

fn close_indented(out: &mut Vec<String>) {
    let mut trailing = 0;
    while out.last().is_some_and(|line| line.is_empty()) {
        out.pop();
        trailing += 1;
    }
    out.push("```".to_owned());
    out.extend(std::iter::repeat_n(String::new(), trailing));
}

fn is_list_item(trimmed: &str) -> bool {
    trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.starts_with("+ ") || {
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && trimmed[digits..].starts_with(". ")
    }
}

/// Escapes one line of prose, leaving inline code spans as they are.
fn escape_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        match rest.find('`') {
            Some(start) => {
                out.push_str(&escape_text(&rest[..start]));
                let ticks = rest[start..].chars().take_while(|ch| *ch == '`').count();
                let marker = &rest[start..start + ticks];
                match rest[start + ticks..].find(marker) {
                    Some(end) => {
                        let stop = start + ticks + end + ticks;
                        out.push_str(&rest[start..stop]);
                        rest = &rest[stop..];
                    }
                    None => {
                        // An unmatched backtick is literal text; escape it so it opens nothing.
                        for _ in 0..ticks {
                            out.push_str("\\`");
                        }
                        rest = &rest[start + ticks..];
                    }
                }
            }
            None => {
                out.push_str(&escape_text(rest));
                rest = "";
            }
        }
    }
    out
}

/// Escapes text outside code: brackets that are not links, HTML, and bare URLs.
fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    while offset < chars.len() {
        let ch = chars[offset];
        match ch {
            '[' => match link_end(&chars, offset) {
                // `[text](url)`: keep the link; the URL is written as it is.
                Some(end) => {
                    let label: String = chars[offset + 1..end].iter().collect();
                    let close =
                        chars[end + 2..].iter().position(|c| *c == ')').map(|p| end + 2 + p).unwrap_or(chars.len() - 1);
                    let target: String = chars[end + 2..close].iter().collect();
                    out.push('[');
                    out.push_str(&escape_text(&label));
                    out.push_str("](");
                    out.push_str(&target);
                    out.push(')');
                    offset = close + 1;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            '<' => match autolink_end(&chars, offset) {
                Some(end) => {
                    out.extend(&chars[offset..=end]);
                    offset = end + 1;
                    continue;
                }
                None => out.push_str("&lt;"),
            },
            '>' if offset > 0 => out.push_str("&gt;"),
            'h' if starts_url(&chars, offset) && (offset == 0 || !chars[offset - 1].is_alphanumeric()) => {
                let end = url_end(&chars, offset);
                out.push('<');
                out.extend(&chars[offset..end]);
                out.push('>');
                offset = end;
                continue;
            }
            _ => out.push(ch),
        }
        offset += 1;
    }
    out
}

/// For `[` at `offset`, the index of the `]` of a `[text](url)` link.
fn link_end(chars: &[char], offset: usize) -> Option<usize> {
    let mut depth = 0;
    for (index, &ch) in chars.iter().enumerate().skip(offset) {
        match ch {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let closes = chars[index + 1..].contains(&')');
                    return (chars.get(index + 1) == Some(&'(') && closes).then_some(index);
                }
            }
            _ => {}
        }
    }
    None
}

fn autolink_end(chars: &[char], offset: usize) -> Option<usize> {
    if !starts_url(chars, offset + 1) {
        return None;
    }
    let end = chars[offset..].iter().position(|ch| *ch == '>' || ch.is_whitespace())? + offset;
    (chars[end] == '>').then_some(end)
}

fn starts_url(chars: &[char], offset: usize) -> bool {
    let rest: String = chars.iter().skip(offset).take(8).collect();
    rest.starts_with("http://") || rest.starts_with("https://")
}

fn url_end(chars: &[char], offset: usize) -> usize {
    let mut end = offset;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '`') {
        end += 1;
    }
    // Sentence punctuation after a URL is not part of it.
    while end > offset && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
        end -= 1;
    }
    end
}

/// The indefinite article a name takes, read as an English word: `an` before a vowel sound
/// (`an AddItem`, `an unused`), else `a` (`a GetThing`, `a user`, `a uuid`).
pub fn article(name: &str) -> &'static str {
    let lower = name.trim_start_matches(['`', '[', '_']).to_ascii_lowercase();
    let vowel_sound = match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o') => !lower.starts_with("one") && !lower.starts_with("eu"),
        Some('u') => {
            ["un", "up", "ul", "um", "ut", "us"].iter().any(|start| lower.starts_with(start))
                && !["uni", "uti", "use", "usu", "usa"].iter().any(|start| lower.starts_with(start))
        }
        _ => false,
    };
    if vowel_sound { "an" } else { "a" }
}

/// The document's bounds on a value, in sentences for its docs: `At least 0.`
pub fn bounds(bounds: &crate::ir::Constraints) -> Vec<String> {
    let number = |value: f64| {
        if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
    };
    let mut sentences = Vec::new();
    match (bounds.minimum, bounds.exclusive_minimum) {
        (Some(minimum), false) => sentences.push(format!("At least {}.", number(minimum))),
        (Some(minimum), true) => sentences.push(format!("More than {}.", number(minimum))),
        (None, _) => {}
    }
    match (bounds.maximum, bounds.exclusive_maximum) {
        (Some(maximum), false) => sentences.push(format!("At most {}.", number(maximum))),
        (Some(maximum), true) => sentences.push(format!("Less than {}.", number(maximum))),
        (None, _) => {}
    }
    if let Some(step) = bounds.multiple_of {
        sentences.push(format!("A multiple of {}.", number(step)));
    }
    if let Some(max) = bounds.max_length {
        sentences.push(format!("At most {max} characters."));
    }
    if let Some(min) = bounds.min_length.filter(|min| *min > 0) {
        sentences.push(format!("At least {min} characters."));
    }
    if let Some(pattern) = &bounds.pattern {
        sentences.push(format!("Matches `{pattern}`."));
    }
    if let Some(max) = bounds.max_items {
        sentences.push(format!("At most {max} items."));
    }
    if let Some(min) = bounds.min_items.filter(|min| *min > 0) {
        sentences.push(format!("At least {min} items."));
    }
    if bounds.unique_items {
        sentences.push("No item twice.".to_owned());
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_the_article_of_their_sound() {
        let articles: Vec<&str> =
            ["AddItem", "add_item", "GetThing", "User", "Uuid", "Unused", "Item", "OneOf", "Order"]
                .into_iter()
                .map(article)
                .collect();
        assert_eq!(articles, ["an", "an", "a", "a", "a", "an", "an", "a", "an"]);
    }

    #[test]
    fn makes_markdown_safe_for_rustdoc() {
        let text = "See https://example.com/x. Use [filters] or [the docs](https://d.example).\n\n    let x = 1;\n\n```\nfn main() {}\n```\nA <blink> tag, `a <b> code` and <https://ok.example>.";
        assert_eq!(
            sanitize(text),
            vec![
                "See <https://example.com/x>. Use \\[filters\\] or [the docs](https://d.example).",
                "",
                "```text",
                "let x = 1;",
                "```",
                "",
                "```text",
                "fn main() {}",
                "```",
                "A &lt;blink&gt; tag, `a <b> code` and <https://ok.example>.",
            ]
        );
    }

    #[test]
    fn closes_what_the_document_left_open() {
        assert_eq!(sanitize("```json\n{}"), vec!["```json", "{}", "```"]);
        assert_eq!(sanitize("ends in a backslash \\"), vec!["ends in a backslash \\"]);
        assert_eq!(sanitize("one ` tick"), vec!["one \\` tick"]);
    }
}
