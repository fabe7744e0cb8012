//! Common HTML in descriptions to Markdown, so rustdoc shows `<p>`, `<code>` and `<a>` as
//! formatting rather than as escaped tags (Stripe's descriptions are HTML throughout).
//!
//! Only tags with a Markdown equivalent are converted; any other tag is left for the
//! sanitiser, which escapes it. Code (fenced blocks and backtick spans) is left untouched, so
//! an HTML example in a code block stays an example. A description that starts with a block
//! tag (`<p>`, `<ul>`, ...) is HTML through and through; in one that does not (Markdown with a
//! tag here and there) only paired inline tags are converted, so that Markdown's own layout
//! (indented code, line breaks) and prose that mentions a tag (`a <br> tag`) stay as written.

/// `text` with its common HTML turned into Markdown; `None` when it has none.
pub fn to_markdown(text: &str) -> Option<String> {
    if !has_known_tag(text) {
        return None;
    }
    let block =
        parse_tag(text.trim_start()).is_some_and(|(tag, closing, ..)| !closing && BLOCK.contains(&tag.as_str()));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_fence = false;
    let mut at_line_start = true;
    let mut in_pre = false;
    // For each open `<a>`: where its text starts in `out`, and its `href`, to write the
    // Markdown link when it closes.
    let mut links: Vec<(usize, String)> = Vec::new();
    while let Some(ch) = rest.chars().next() {
        if !in_pre && at_line_start && (rest.starts_with("```") || rest.starts_with("~~~")) {
            // A fence line is copied whole: its backticks open no code span.
            in_fence = !in_fence;
            let end = rest.find('\n').map_or(rest.len(), |end| end + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if in_fence || in_pre {
            if in_pre && let Some(after) = strip_tag(rest, "/code") {
                rest = after;
                continue;
            }
            if in_pre && let Some(after) = strip_tag(rest, "/pre") {
                out.push_str("\n```\n\n");
                in_pre = false;
                rest = strip_tag(after, "/code").unwrap_or(after);
                continue;
            }
            let line_end = if in_pre { rest.find('<').unwrap_or(rest.len()).max(1) } else { ch.len_utf8() };
            let chunk = &rest[..line_end];
            out.push_str(&if in_pre { decode_entities(chunk) } else { chunk.to_owned() });
            at_line_start = chunk.ends_with('\n');
            rest = &rest[line_end..];
            continue;
        }
        if ch == '`' {
            // A code span: copied as it is, up to its closing backtick.
            let end = rest[1..].find('`').map_or(rest.len(), |end| end + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            at_line_start = false;
            continue;
        }
        if ch == '<'
            && let Some((tag, closing, attributes, after)) = parse_tag(rest)
            && (block || (INLINE.contains(&tag.as_str()) && (closing || after.contains(&format!("</{tag}>")))))
        {
            let converted = match (tag.as_str(), closing) {
                ("p" | "div", _) => Some("\n\n".to_owned()),
                ("br", _) => Some("\n".to_owned()),
                ("strong" | "b", _) => Some("**".to_owned()),
                ("em" | "i", _) => Some("*".to_owned()),
                ("ul" | "ol", _) => Some("\n\n".to_owned()),
                ("li", false) => Some("\n- ".to_owned()),
                ("li", true) => Some(String::new()),
                ("span", _) => Some(String::new()),
                ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                    let level = tag[1..].parse::<usize>().unwrap_or(1);
                    Some(format!("\n\n{} ", "#".repeat(level)))
                }
                ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => Some("\n\n".to_owned()),
                ("code", false) => {
                    // Inline code: its text, entities decoded, in backticks.
                    let end = after.find("</code>").unwrap_or(after.len());
                    let code = decode_entities(&after[..end]);
                    let ticks = if code.contains('`') { "``" } else { "`" };
                    out.push_str(&format!("{ticks}{code}{ticks}"));
                    rest = after.get(end + "</code>".len()..).unwrap_or("");
                    at_line_start = false;
                    continue;
                }
                ("pre", false) => {
                    in_pre = true;
                    out.push_str("\n\n```text\n");
                    rest = strip_tag(after, "code").unwrap_or(after);
                    continue;
                }
                ("a", false) => {
                    links.push((out.len(), attribute(&attributes, "href").unwrap_or_default()));
                    Some(String::new())
                }
                ("a", true) => {
                    if let Some((start, href)) = links.pop() {
                        let label = out.split_off(start);
                        out.push_str(&match (label.trim(), href.as_str()) {
                            (_, "") => label.clone(),
                            ("", href) => format!("<{href}>"),
                            (label, href) => format!("[{label}]({href})"),
                        });
                    }
                    Some(String::new())
                }
                _ => None,
            };
            if let Some(converted) = converted {
                out.push_str(&converted);
                at_line_start = converted.ends_with('\n');
                rest = after;
                continue;
            }
        }
        if ch == '&'
            && let Some((decoded, length)) = entity(rest)
        {
            // A decoded `<` is prose, which the sanitiser escapes for rustdoc.
            out.push_str(decoded);
            rest = &rest[length..];
            at_line_start = false;
            continue;
        }
        out.push(ch);
        at_line_start = ch == '\n';
        rest = &rest[ch.len_utf8()..];
    }
    Some(if block { tidy(&out) } else { out })
}

/// Tags that open an HTML description.
const BLOCK: &[&str] = &["p", "div", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"];
/// Tags converted in Markdown text too, when they come in pairs.
const INLINE: &[&str] = &["a", "code", "strong", "b", "em", "i"];

const KNOWN: &[&str] =
    &["p", "br", "a", "code", "pre", "strong", "b", "em", "i", "ul", "ol", "li", "h1", "h2", "h3", "h4", "div", "span"];

/// Whether `text` has a tag to convert outside code: a tag quoted in a code span or a fenced
/// block does not make a Markdown description HTML (which would lose its indented code).
fn has_known_tag(text: &str) -> bool {
    let mut in_fence = false;
    text.split('\n').any(|line| {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            return false;
        }
        // Between backticks is code: every other piece of the line is text.
        !in_fence
            && line.split('`').step_by(2).any(|text| {
                text.match_indices('<')
                    .any(|(start, _)| parse_tag(&text[start..]).is_some_and(|(tag, ..)| KNOWN.contains(&tag.as_str())))
            })
    })
}

/// `<name attributes>` or `</name>` at the start of `text`: the lower-case name, whether it
/// closes, its attribute text, and what follows the `>`.
fn parse_tag(text: &str) -> Option<(String, bool, String, &str)> {
    let inner = text.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let name_length = inner.find(|ch: char| !ch.is_ascii_alphanumeric()).unwrap_or(inner.len());
    if name_length == 0 || !inner.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
        return None;
    }
    let end = inner.find('>')?;
    let attributes = &inner[name_length..end];
    if attributes.contains('<') || attributes.contains('\n') {
        return None;
    }
    Some((inner[..name_length].to_ascii_lowercase(), closing, attributes.to_owned(), &inner[end + 1..]))
}

fn strip_tag<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let (tag, closing, _, after) = parse_tag(text)?;
    let (wanted, wanted_closing) = match name.strip_prefix('/') {
        Some(name) => (name, true),
        None => (name, false),
    };
    (tag == wanted && closing == wanted_closing).then_some(after)
}

/// The value of `name="value"` (or single quotes) in a tag's attribute text.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let offset = attributes.find(&format!("{name}="))?;
    let value = &attributes[offset + name.len() + 1..];
    let quote = value.chars().next().filter(|ch| *ch == '"' || *ch == '\'')?;
    let end = value[1..].find(quote)?;
    Some(decode_entities(&value[1..1 + end]))
}

fn entity(text: &str) -> Option<(&'static str, usize)> {
    const ENTITIES: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&nbsp;", " "),
        ("&mdash;", "—"),
        ("&ndash;", "–"),
        ("&hellip;", "…"),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ];
    ENTITIES.iter().find(|(name, _)| text.starts_with(name)).map(|(name, decoded)| (*decoded, name.len()))
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if let Some((decoded, length)) = entity(rest) {
            out.push_str(decoded);
            rest = &rest[length..];
        } else {
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

/// Leading spaces that HTML formatting left would read as indented code in Markdown; runs of
/// blank lines become one.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            lines.push(trimmed);
            continue;
        }
        if in_fence {
            lines.push(line);
        } else if !(trimmed.is_empty() && lines.last().is_none_or(|last| last.is_empty())) {
            lines.push(trimmed.trim_end());
        }
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn converts_what_stripe_writes() {
        let html = "<p>Creates a <strong>new</strong> customer. See <a href=\"/docs/api\">the docs</a> \
                    and <code>metadata[key]</code>.</p><p>Second&nbsp;paragraph &amp; more.</p>";
        assert_eq!(
            to_markdown(html).as_deref(),
            Some(
                "Creates a **new** customer. See [the docs](/docs/api) and `metadata[key]`.\n\nSecond paragraph & more."
            )
        );
    }

    #[test]
    fn lists_breaks_and_pre_blocks() {
        let html =
            "<p>Intro</p><ul><li>one</li><li><em>two</em></li></ul>Line<br/>break<pre><code>a &lt; b</code></pre>";
        assert_eq!(to_markdown(html).as_deref(), Some("Intro\n\n- one\n- *two*\n\nLine\nbreak\n\n```text\na < b\n```"));
    }

    #[test]
    fn markdown_with_a_tag_keeps_its_layout() {
        let text = "Intro.\n\n    let x = 1;\n\nA <br> tag, a <b>bold</b> word.";
        assert_eq!(to_markdown(text).as_deref(), Some("Intro.\n\n    let x = 1;\n\nA <br> tag, a **bold** word."));
    }

    #[test]
    fn leaves_code_and_plain_markdown_alone() {
        assert_eq!(to_markdown("Plain *Markdown* with a < b"), None);
        let fenced = "<p>Example:</p>\n```html\n<p>kept</p>\n```\n<p>converted</p>";
        assert_eq!(to_markdown(fenced).as_deref(), Some("Example:\n\n```html\n<p>kept</p>\n```\n\nconverted"));
        assert_eq!(to_markdown("`<p>` is a tag, <b>bold</b>").as_deref(), Some("`<p>` is a tag, **bold**"));
        assert_eq!(to_markdown("Write `<b>` for bold:\n```html\n<p>an example</p>\n```"), None, "tags only in code");
    }
}
