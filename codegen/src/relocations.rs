//! Where the load stage moved what the document wrote: the places it made up, each with the
//! place in the document as written that it stands for.
//!
//! Loading moves parts of a document before openapiv3 reads it: the target of a reference into
//! the middle of another object joins `components` (`pointers`), a shared path item or callback
//! is copied where it is used, and an OpenAPI 3.1 document is rewritten into 3.0's shape (a
//! `$defs` entry joins `components.schemas`, a type list's keywords go into a `oneOf`). Every
//! such move is recorded here, by whichever pass makes it, so that `lib.rs` can name each
//! finding, and each type's "Defined at", by the place the document has it.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;

/// Made-up places (dotted paths of the rewritten document) with the places they stand for.
#[derive(Debug, Default)]
pub struct Relocations {
    moved: HashMap<String, String>,
}

impl Relocations {
    /// Records that what is now at `made` was written at `written`, itself perhaps a place an
    /// earlier move made up: then where that was written. The first record of a place stands.
    pub fn add(&mut self, made: String, written: &str) {
        let original = self.original(written);
        self.moved.entry(made).or_insert(original);
    }

    /// Records that what was at `from` is now at `to` (moved, or copied there as well): `to`
    /// stands for `from`, and so does everything inside it.
    pub fn moved(&mut self, from: &str, to: &str) {
        self.carry(from, to);
        self.add(to.to_owned(), from);
    }

    /// What earlier moves made up inside `from` is made up inside `to` too: a copy of a path
    /// item whose callback was itself copied names that callback's place as written.
    pub fn carry(&mut self, from: &str, to: &str) {
        let inside: Vec<(String, String)> = self
            .moved
            .iter()
            .filter_map(|(made, original)| {
                let rest = made.strip_prefix(from)?;
                rest.starts_with(['.', '[']).then(|| (format!("{to}{rest}"), original.clone()))
            })
            .collect();
        for (made, original) in inside {
            self.moved.entry(made).or_insert(original);
        }
    }

    /// `path` as the document has it: its longest made-up prefix replaced. A prefix ends where
    /// a key, an index or a remark after a space begins (`X (as sent in requests)`).
    pub fn original(&self, path: &str) -> String {
        if self.moved.is_empty() {
            return path.to_owned();
        }
        let ends = path.char_indices().filter(|(_, ch)| matches!(ch, '.' | '[' | ' ')).map(|(end, _)| end);
        let mut ends: Vec<usize> = ends.collect();
        ends.push(path.len());
        ends.iter()
            .rev()
            .find_map(|&end| self.moved.get(&path[..end]).map(|original| format!("{original}{}", &path[end..])))
            .unwrap_or_else(|| path.to_owned())
    }

    /// Points every finding about a moved part at the document's own place. A finding met at
    /// two places that turn out to be one (a shared callback, normalized where it is written
    /// and where it is copied) is then reported once.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.moved.is_empty() {
            return;
        }
        for diagnostic in diagnostics.iter_mut() {
            // A finding with a line was placed in the text already (a syntax error).
            if diagnostic.location.line.is_none() {
                diagnostic.location.path = self.original(&diagnostic.location.path);
            }
        }
        let mut seen = std::collections::HashSet::new();
        diagnostics.retain(|diagnostic| seen.insert((diagnostic.location.path.clone(), diagnostic.message.clone())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_of_what_was_moved_names_the_first_place() {
        let mut relocations = Relocations::default();
        // A `$defs` entry joins the components; a reference into it moves its property there too.
        relocations.moved("components.schemas.Pet.$defs.Tag", "components.schemas.Tag");
        relocations.moved("components.schemas.Tag.properties.kind", "components.schemas.TagKind");
        assert_eq!(
            relocations.original("components.schemas.TagKind.enum"),
            "components.schemas.Pet.$defs.Tag.properties.kind.enum"
        );
        assert_eq!(relocations.original("components.schemas.Tag.type"), "components.schemas.Pet.$defs.Tag.type");
        assert_eq!(relocations.original("components.schemas.Tags"), "components.schemas.Tags");
    }

    #[test]
    fn a_copy_carries_what_was_made_inside_it() {
        let mut relocations = Relocations::default();
        // A shared path item's callback, copied from the components, then the path item copied.
        relocations.moved("components.callbacks.Done.{$url}", "components.pathItems.Pets.post.callbacks.done.{$url}");
        relocations.moved("components.pathItems.Pets.post", "paths./pets.post");
        assert_eq!(
            relocations.original("paths./pets.post.callbacks.done.{$url}.post"),
            "components.callbacks.Done.{$url}.post"
        );
        assert_eq!(relocations.original("paths./pets.post.responses"), "components.pathItems.Pets.post.responses");
    }

    #[test]
    fn findings_that_become_one_are_reported_once() {
        let mut relocations = Relocations::default();
        relocations.moved("components.callbacks.Done.{$url}", "paths./a.post.callbacks.done.{$url}");
        let mut diagnostics = vec![
            Diagnostic::error("components.callbacks.Done.{$url}.post", "the same"),
            Diagnostic::error("paths./a.post.callbacks.done.{$url}.post", "the same"),
            Diagnostic::error("paths./a.post", "another"),
        ];
        relocations.apply(&mut diagnostics);
        let places: Vec<&str> = diagnostics.iter().map(|d| d.location.path.as_str()).collect();
        assert_eq!(places, ["components.callbacks.Done.{$url}.post", "paths./a.post"]);
    }
}
