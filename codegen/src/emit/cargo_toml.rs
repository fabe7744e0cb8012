//! `Cargo.toml` files written through a TOML library (`toml_edit`): every name, string and
//! list is escaped and laid out as TOML has it, never pushed as text. The comments a reader
//! of a manifest wants (what a feature is for, the do-not-edit header) ride on the keys and
//! tables they are about.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

/// The edition and minimum Rust version of every generated crate.
pub const EDITION: &str = "2024";
pub const RUST_VERSION: &str = "1.85";

/// A manifest being written: tables in the order they are first asked for.
pub struct Manifest {
    document: DocumentMut,
}

impl Manifest {
    /// A manifest starting with the do-not-edit `header` and the package's name, version,
    /// edition and `rust-version`, description and licence.
    pub fn new(header: &str, name: &str, version: &str, description: &str, license: &str) -> Manifest {
        let mut manifest = Manifest { document: DocumentMut::new() };
        let package = manifest.table(&["package"]);
        package.decor_mut().set_prefix(format!("# {header}\n\n"));
        for (key, value) in [
            ("name", name),
            ("version", version),
            ("edition", EDITION),
            ("rust-version", RUST_VERSION),
            ("description", description),
            ("license", license),
        ] {
            package.insert(key, toml_edit::value(value));
        }
        manifest
    }

    /// The manifest of a crate generated beside the crate `options` names, which re-exports
    /// it: `what` it holds, and that a user depends on the crate instead.
    pub fn beside(header: &str, options: &crate::options::Options, package: &str, what: &str) -> Manifest {
        let description = format!("{what}; depend on the crate `{}`, which re-exports them.", options.crate_name);
        Manifest::new(header, package, &options.crate_version, &description, &options.license)
    }

    /// The table at `path` (`["package", "metadata", "docs", "rs"]`), made where missing, its
    /// parents implicit; after the first, each table's header follows a blank line.
    pub fn table(&mut self, path: &[&str]) -> &mut Table {
        let mut table = self.document.as_table_mut();
        for (depth, name) in path.iter().enumerate() {
            let last = depth + 1 == path.len();
            let item = table.entry(name).or_insert_with(|| {
                let mut new = Table::new();
                new.set_implicit(!last);
                new.decor_mut().set_prefix("\n");
                Item::Table(new)
            });
            table = item.as_table_mut().expect("manifest tables are tables");
            if last {
                table.set_implicit(false);
            }
        }
        table
    }

    /// Sets `key` of the table at `path`, with a comment line above it when given.
    pub fn set(&mut self, path: &[&str], key: &str, value: impl Into<Value>, comment: Option<&str>) {
        let table = self.table(path);
        table.insert(key, Item::Value(value.into()));
        if let (Some(comment), Some(mut key)) = (comment, table.key_mut(key)) {
            key.leaf_decor_mut().set_prefix(format!("# {}\n", comment.replace(['\n', '\r'], " ")));
        }
    }

    /// A feature turning on `enables` (features of this crate, `dep:` names, `crate/feature`).
    pub fn feature(&mut self, name: &str, enables: &[String], comment: Option<&str>) {
        self.set(&["features"], name, strings(enables), comment);
    }

    /// A dependency in `[dependencies]` (or `[dev-dependencies]`, as `table` says).
    pub fn dependency(&mut self, table: &str, name: &str, value: impl Into<Value>) {
        self.set(&[table], name, value, None);
    }

    /// An array of tables (`[[example]]`), each after a blank line.
    pub fn array_of_tables(&mut self, name: &str, mut tables: toml_edit::ArrayOfTables) {
        for table in tables.iter_mut() {
            table.decor_mut().set_prefix("\n");
        }
        self.document.insert(name, Item::ArrayOfTables(tables));
    }

    /// The manifest's text.
    pub fn finish(self) -> String {
        self.document.to_string()
    }
}

/// A TOML array of strings.
pub fn strings<S: AsRef<str>>(items: &[S]) -> Array {
    items.iter().map(|item| item.as_ref()).collect()
}

/// A dependency on a crate written beside this one: by version and path, so that the crates
/// build together and publish together.
pub fn sibling(version: &str, path: &str, optional: bool) -> Value {
    let mut table = InlineTable::new();
    table.insert("version", Value::from(version));
    table.insert("path", Value::from(path));
    if optional {
        table.insert("optional", Value::from(true));
    }
    Value::InlineTable(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_escape_what_they_are_given_and_read_back() {
        let mut manifest = Manifest::new("generated", "shop", "1.0.0", "Says \"hi\"\nand\\bye", "MIT");
        manifest.set(&["package", "metadata", "docs", "rs"], "all-features", true, None);
        manifest.feature("orders", &["dep:shop-orders".to_owned()], Some("Operations tagged `Orders`."));
        let chrono = super::super::dependencies::CHRONO;
        manifest.dependency("dependencies", chrono.name, chrono.value());
        manifest.dependency("dependencies", "shop-models", sibling("1.0.0", "../models", true));
        let text = manifest.finish();
        assert!(text.starts_with("# generated\n\n[package]\nname = \"shop\"\n"), "{text}");
        assert!(text.contains("\n\n[package.metadata.docs.rs]\nall-features = true\n"), "{text}");
        assert!(text.contains("# Operations tagged `Orders`.\norders = [\"dep:shop-orders\"]\n"), "{text}");
        assert!(
            text.contains(
                "chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("shop-models = { version = \"1.0.0\", path = \"../models\", optional = true }"),
            "{text}"
        );
        let read: DocumentMut = text.parse().expect("the manifest is TOML");
        assert_eq!(read["package"]["description"].as_str(), Some("Says \"hi\"\nand\\bye"));
    }
}
