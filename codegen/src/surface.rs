//! The generated crate's public API as plain data, and what changed between two of them.
//!
//! A surface is computed from the lowered model, so reordering a document or rewording a
//! description changes no API line (descriptions are compared separately, as documentation).
//! It is also written into the generated crate (`public-api.json`), so that regenerating can say
//! what changed against what the crate held before, whichever generator made it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::emit::model_spelling as spelling;
use crate::ir::{Api, BodyKind, Docs, FieldShape, Output, ParamLocation, TypeKind};

/// Everything a user of the crate can name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// By `group.method` name.
    pub operations: BTreeMap<String, OperationSurface>,
    /// By type name.
    pub types: BTreeMap<String, TypeSurface>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// `GET /path/{id}`.
    pub endpoint: String,
    /// By wire name.
    pub params: BTreeMap<String, ParamSurface>,
    /// The body's Rust type, with `?` when it is optional.
    pub body: Option<String>,
    /// What `send` returns.
    pub output: String,
    pub paginated: bool,
    pub deprecated: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
    /// The cargo feature the operation is behind.
    #[serde(default)]
    pub feature: String,
    /// The combinations of security schemes the operation accepts, each `a + b` (`none` for
    /// none); `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<String>>,
    /// The other media types of its answer, as `send_{media}: Type`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<String>,
    /// Its names in the test doubles (`mock` feature): `MockApi::{method}`, the parameters'
    /// struct and the query trait; `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<String>,
    /// How code calls it, as the code spells it: the arguments in order (`name: Type`), then
    /// each setter (`.name(Type)`); `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<Vec<String>>,
    /// The typed query matchers of its expectations in the doubles (`.query_name(Type)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_queries: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamSurface {
    pub rust_name: String,
    pub location: String,
    pub ty: String,
    pub required: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// `struct`, `enum`, `union` or `newtype`.
    pub kind: String,
    /// Struct fields by wire name.
    pub fields: BTreeMap<String, FieldSurface>,
    /// Enum values, or union variants, by wire value or variant name.
    pub values: BTreeMap<String, String>,
    pub deprecated: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
    // The four below are `None` in surfaces written before they were recorded, so that the
    // first regeneration after an upgrade reports no change that did not happen.
    /// What `new` takes, in order (`name: impl Into<String>`); structs only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constructor: Option<Vec<String>>,
    /// The `with_*` setters (structs that requests carry have them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setters: Option<Vec<String>>,
    /// What each setter takes, as the code spells it (`(impl Into<String>)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter_arguments: Option<BTreeMap<String, String>>,
    /// Whether the type implements `Default`; structs only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// The cargo features that compile the type (empty: every feature set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSurface {
    pub rust_name: String,
    /// The field's Rust type: `String`, `Option<String>`, `Nullable<String>`.
    pub ty: String,
    pub required: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
}

/// A fingerprint of the documentation: enough to tell that it changed, without carrying
/// every description of the document in the surface file.
fn docs_text(docs: &Docs) -> String {
    let text =
        [docs.summary.as_deref(), docs.description.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
    if text.is_empty() {
        return String::new();
    }
    // FNV-1a, 64 bits: stable across runs and platforms.
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}

/// A Rust type (or signature) as the report writes it: the emitters' spelling with each path
/// cut to its last segment (`::chrono::DateTime<::chrono::Utc>` is `DateTime<Utc>`), as the
/// docs show it, so that moving an item to another path alone changes nothing here.
pub fn short_paths(spelled: &str) -> String {
    let mut out = String::with_capacity(spelled.len());
    let mut rest = spelled;
    while !rest.is_empty() {
        let path_length = path_prefix_length(rest);
        if path_length == 0 {
            let ch = rest.chars().next().unwrap_or_default();
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
            continue;
        }
        let path = &rest[..path_length];
        out.push_str(path.rsplit("::").next().unwrap_or(path));
        rest = &rest[path_length..];
    }
    out
}

/// The length of the path `(::)?segment(::segment)*` that starts `text`, 0 where none does.
fn path_prefix_length(text: &str) -> usize {
    let is_ident = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '#';
    let mut length = 0;
    let mut expect_segment = true;
    let bytes = text;
    if bytes.starts_with("::") {
        length = 2;
    }
    loop {
        let rest = &bytes[length..];
        if expect_segment {
            let segment: usize = rest.chars().take_while(|&ch| is_ident(ch)).map(char::len_utf8).sum();
            if segment == 0 {
                // A trailing `::` is not part of the path.
                return if length >= 2 && bytes[..length].ends_with("::") { length - 2 } else { length };
            }
            length += segment;
            expect_segment = false;
        } else if rest.starts_with("::") {
            length += 2;
            expect_segment = true;
        } else {
            return length;
        }
    }
}

impl Surface {
    /// Every type spelled in the report with short paths ([`short_paths`]).
    pub fn with_short_paths(mut self) -> Surface {
        let short = |text: &mut String| *text = short_paths(text);
        for operation in self.operations.values_mut() {
            operation.params.values_mut().for_each(|param| short(&mut param.ty));
            operation.body.iter_mut().for_each(short);
            short(&mut operation.output);
            operation.alternates.iter_mut().for_each(short);
            operation.call.iter_mut().flatten().for_each(short);
            operation.mock_queries.iter_mut().flatten().for_each(short);
        }
        for ty in self.types.values_mut() {
            ty.fields.values_mut().for_each(|field| short(&mut field.ty));
            if ty.kind == "union" || ty.kind == "newtype" {
                ty.values.values_mut().for_each(short);
            }
            ty.constructor.iter_mut().flatten().for_each(short);
            ty.setter_arguments.iter_mut().flat_map(|arguments| arguments.values_mut()).for_each(short);
        }
        self
    }
}

/// The public API of the crate generated from `api`.
pub fn surface(api: &Api) -> Surface {
    let mut surface = Surface::default();
    let all_features = api.features();
    for operation in &api.operations {
        let group = &api.groups[operation.group];
        let params = operation
            .params
            .iter()
            .map(|param| {
                let surface = ParamSurface {
                    rust_name: param.rust_name.clone(),
                    location: param.location.as_str().to_owned(),
                    ty: spelling::type_spelling(&param.ty),
                    required: param.required || param.location == ParamLocation::Path,
                    docs: docs_text(&param.docs),
                };
                (param.name.clone(), surface)
            })
            .collect();
        let body = operation.body.as_ref().map(|body| {
            // One media type reads as its type (as before media types were told apart);
            // several as each one's type and media type.
            let spell = |content: &crate::ir::BodyContent| match &content.kind {
                BodyKind::Text => "String".to_owned(),
                BodyKind::Binary => "Upload".to_owned(),
                kind => kind.ty().map(spelling::type_spelling).unwrap_or_default(),
            };
            let ty = match body.contents.as_slice() {
                [one] => spell(one),
                several => several
                    .iter()
                    .map(|content| format!("{} ({}: {})", spell(content), content.setter, content.media_type))
                    .collect::<Vec<_>>()
                    .join(" | "),
            };
            if body.required { ty } else { format!("{ty}?") }
        });
        let output = match &operation.output {
            Output::Empty => "()".to_owned(),
            Output::Single(payload) => payload_name(payload),
            Output::ByStatus { name, .. } => name.clone(),
        };
        let security = operation
            .security
            .iter()
            .map(|alternative| {
                let names: Vec<&str> =
                    alternative.iter().map(|&index| api.security_schemes[index].name.as_str()).collect();
                if names.is_empty() { "none".to_owned() } else { names.join(" + ") }
            })
            .collect();
        let alternates = operation
            .alternates
            .iter()
            .map(|alternate| format!("{}: {}", alternate.method, payload_name(&alternate.payload)))
            .collect();
        surface.operations.insert(
            format!("{}.{}", group.module, operation.method_name),
            OperationSurface {
                endpoint: format!("{} {}", operation.method.as_str(), operation.path),
                params,
                body,
                output,
                paginated: operation.pagination.is_some(),
                deprecated: operation.deprecated,
                docs: docs_text(&operation.docs),
                feature: group.feature().to_owned(),
                security: Some(security),
                alternates,
                mock: Some(mock_names(operation)),
                call: Some(crate::emit::call_signature(operation)),
                mock_queries: Some(crate::emit::query_signatures(operation)),
            },
        );
    }
    for definition in &api.types {
        // A type every feature set compiles names no feature.
        let mut features = api.needing(&definition.needed_by);
        if features.len() == all_features.len() {
            features.clear();
        }
        let mut ty = TypeSurface {
            deprecated: definition.deprecated,
            docs: docs_text(&definition.docs),
            features: Some(features),
            ..TypeSurface::default()
        };
        match &definition.kind {
            TypeKind::Struct(body) => {
                ty.kind = "struct".to_owned();
                ty.default = Some(body.shape.derives_default);
                let constructor = ty.constructor.insert(Vec::new());
                let setters = ty.setters.insert(Vec::new());
                for &index in &body.shape.arguments {
                    let field = &body.fields[index];
                    if let Some(argument) = spelling::constructor_argument_spelling(field) {
                        constructor.push(format!("{}: {argument}", field.rust_name));
                    }
                }
                for field in &body.fields {
                    if let Some(setter) = &field.setter {
                        setters.push(setter.clone());
                        let arguments = ty.setter_arguments.get_or_insert_with(BTreeMap::new);
                        arguments.insert(setter.clone(), crate::emit::setter_signature(field));
                    }
                    let required = field.flatten || matches!(field.shape(), FieldShape::Plain | FieldShape::Nullable);
                    let spelled = spelling::field_spelling(field);
                    let key = if field.flatten {
                        format!("(all of {})", spelling::type_spelling(&field.ty))
                    } else {
                        field.name.clone()
                    };
                    ty.fields.insert(
                        key,
                        FieldSurface {
                            rust_name: field.rust_name.clone(),
                            ty: spelled,
                            required,
                            docs: docs_text(&field.docs),
                        },
                    );
                }
                if let (Some(additional), Some(name)) = (&body.additional, &body.shape.additional_field) {
                    let spelled = spelling::additional_spelling(additional);
                    let field = FieldSurface { rust_name: name.clone(), ty: spelled, ..Default::default() };
                    ty.fields.insert("(other properties)".to_owned(), field);
                }
            }
            TypeKind::Enum(variants) => {
                ty.kind = "enum".to_owned();
                ty.values = variants.iter().map(|variant| (variant.value.clone(), variant.rust_name.clone())).collect();
            }
            TypeKind::Union(union) => {
                ty.kind = "union".to_owned();
                ty.values = (union.variants.iter())
                    .map(|variant| (variant.rust_name.clone(), spelling::variant_spelling(variant)))
                    .collect();
            }
            TypeKind::Newtype(inner) => {
                ty.kind = "newtype".to_owned();
                ty.values.insert("0".to_owned(), spelling::type_spelling(inner));
            }
        }
        surface.types.insert(definition.name.clone(), ty);
    }
    // Spelled by the emitters, written as the docs show them.
    surface.with_short_paths()
}

/// `MockApi::{method}, {Params}, {Query}`: what a test written against the doubles names.
fn mock_names(operation: &crate::ir::Operation) -> String {
    let mut names = vec![format!("MockApi::{}", operation.mock.method)];
    names.extend(operation.mock.params.clone());
    if operation.params.iter().any(|param| param.location == ParamLocation::Query) {
        names.push(operation.mock.query_trait.clone());
    }
    names.join(", ")
}

/// What changed in how code calls something: the arguments (their order and types) and the
/// types setters take, each `name: Type` or `.name(Type)`. Parameters that come or go are
/// reported by the parameters' own comparison; this sees what a user's call compiles against.
fn compare_signatures(before: &[String], after: &[String], what: &str, push: &mut impl FnMut(Bump, String)) {
    let arguments =
        |list: &[String]| -> Vec<String> { list.iter().filter(|item| !item.starts_with('.')).cloned().collect() };
    let (old_arguments, new_arguments) = (arguments(before), arguments(after));
    if old_arguments != new_arguments {
        push(Bump::Major, format!("{what} takes ({}) (was ({}))", new_arguments.join(", "), old_arguments.join(", ")));
    }
    let name = |item: &String| item.split('(').next().unwrap_or_default().to_owned();
    for setter in after.iter().filter(|item| item.starts_with('.')) {
        if let Some(old) = before.iter().find(|old| old.starts_with('.') && name(old) == name(setter))
            && old != setter
        {
            push(Bump::Major, format!("{what}: `{setter}` (was `{old}`)"));
        }
    }
}

/// How much a version must change for a set of API changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bump {
    /// Nothing a user can observe.
    None,
    /// Documentation only.
    Patch,
    /// Additions: code that compiled still compiles.
    Minor,
    /// Code that uses the crate may stop compiling.
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// One change of the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub bump: Bump,
    pub text: String,
}

/// Every change between two surfaces, API first, then documentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump the changes need together.
    pub fn bump(&self) -> Bump {
        self.changes.iter().map(|change| change.bump).max().unwrap_or(Bump::None)
    }

    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|change| change.bump == Bump::Major)
    }

    /// A few lines for a terminal: the API changes and the bump.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "API: no changes".to_owned();
        }
        let mut out = String::new();
        for change in &self.changes {
            let mark = match change.bump {
                Bump::Major => "breaking",
                Bump::Minor => "added",
                Bump::Patch => "docs",
                Bump::None => "",
            };
            let _ = writeln!(out, "  [{mark}] {}", change.text);
        }
        let _ = write!(out, "API: {} change(s); semver bump: {}", self.changes.len(), self.bump().as_str());
        out
    }

    /// A report to paste into a pull-request description.
    pub fn markdown(&self, title: &str) -> String {
        let mut out = format!("## {title}\n\n");
        if self.changes.is_empty() {
            out.push_str("No change to the crate's public API or documentation.\n");
            return out;
        }
        let _ = writeln!(out, "**Semver bump: {}**\n", self.bump().as_str());
        let sections = [
            (Bump::Major, "Breaking changes", "code that uses the crate may no longer compile"),
            (Bump::Minor, "Additions", "not breaking"),
            (Bump::Patch, "Documentation", "descriptions and deprecations"),
        ];
        for (bump, heading, note) in sections {
            let lines: Vec<&Change> = self.changes.iter().filter(|change| change.bump == bump).collect();
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {heading} ({note})\n");
            for change in lines {
                let _ = writeln!(out, "- {}", change.text);
            }
            out.push('\n');
        }
        out
    }
}

/// What changed from `old` to `new`. Types compare by their short spelling, so a report
/// written with whole paths (`::uuid::Uuid`) and one with short ones (`Uuid`) agree.
pub fn diff(old: &Surface, new: &Surface) -> Report {
    let (old, new) = (&old.clone().with_short_paths(), &new.clone().with_short_paths());
    let mut changes = Vec::new();
    let mut push = |bump: Bump, text: String| changes.push(Change { bump, text });

    for (name, operation) in &new.operations {
        let Some(before) = old.operations.get(name) else {
            push(Bump::Minor, format!("operation `{name}` added (`{}`)", operation.endpoint));
            continue;
        };
        diff_operation(name, before, operation, &mut push);
    }
    for (name, operation) in &old.operations {
        if !new.operations.contains_key(name) {
            push(Bump::Major, format!("operation `{name}` removed (`{}`)", operation.endpoint));
        }
    }
    for (name, ty) in &new.types {
        let Some(before) = old.types.get(name) else {
            push(Bump::Minor, format!("type `{name}` added ({})", ty.kind));
            continue;
        };
        diff_type(name, before, ty, &mut push);
    }
    for (name, ty) in &old.types {
        if !new.types.contains_key(name) {
            push(Bump::Major, format!("type `{name}` removed ({})", ty.kind));
        }
    }
    changes.sort_by_key(|change| std::cmp::Reverse(change.bump));
    Report { changes }
}

fn diff_operation(name: &str, old: &OperationSurface, new: &OperationSurface, push: &mut impl FnMut(Bump, String)) {
    if old.endpoint != new.endpoint {
        push(Bump::Minor, format!("operation `{name}` now calls `{}` (was `{}`)", new.endpoint, old.endpoint));
    }
    for (param_name, param) in &new.params {
        let what = format!("parameter `{param_name}` of `{name}`");
        match old.params.get(param_name) {
            None if param.required => {
                push(Bump::Major, format!("{what} added, required ({}: {})", param.rust_name, param.ty))
            }
            None => push(Bump::Minor, format!("{what} added, optional ({}: {})", param.rust_name, param.ty)),
            Some(before) => {
                if before.ty != param.ty {
                    push(Bump::Major, format!("{what} retyped: `{}` to `{}`", before.ty, param.ty));
                }
                match (before.required, param.required) {
                    (false, true) => {
                        push(Bump::Major, format!("{what} turned required (an argument now, not a setter)"))
                    }
                    (true, false) => {
                        push(Bump::Major, format!("{what} turned optional (a setter now, not an argument)"))
                    }
                    _ => {}
                }
                if before.rust_name != param.rust_name {
                    push(
                        Bump::Major,
                        format!("{what} renamed in Rust: `{}` to `{}`", before.rust_name, param.rust_name),
                    );
                }
                if before.docs != param.docs {
                    push(Bump::Patch, format!("{what}: description changed"));
                }
            }
        }
    }
    for param_name in old.params.keys().filter(|param| !new.params.contains_key(*param)) {
        push(Bump::Major, format!("parameter `{param_name}` of `{name}` removed"));
    }
    if old.body != new.body {
        let spell = |body: &Option<String>| body.clone().unwrap_or_else(|| "none".to_owned());
        let bump = if old.body.is_none() && new.body.as_deref().is_some_and(|body| body.ends_with('?')) {
            Bump::Minor
        } else {
            Bump::Major
        };
        push(bump, format!("request body of `{name}`: `{}` to `{}`", spell(&old.body), spell(&new.body)));
    }
    if old.output != new.output {
        push(Bump::Major, format!("`{name}` returns `{}` (was `{}`)", new.output, old.output));
    }
    // Surfaces written before features were recorded name none: nothing to compare.
    if !old.feature.is_empty() && old.feature != new.feature {
        push(Bump::Major, format!("`{name}` is behind feature `{}` (was `{}`)", new.feature, old.feature));
    }
    if let (Some(before), Some(after)) = (&old.mock, &new.mock) {
        if before != after {
            push(Bump::Major, format!("the test doubles of `{name}` are `{after}` (were `{before}`)"));
        }
    }
    if let (Some(before), Some(after)) = (&old.call, &new.call) {
        compare_signatures(before, after, &format!("`{name}`"), push);
    }
    if let (Some(before), Some(after)) = (&old.mock_queries, &new.mock_queries) {
        compare_signatures(before, after, &format!("the test doubles of `{name}`"), push);
    }
    match (old.paginated, new.paginated) {
        (false, true) => push(Bump::Minor, format!("`{name}` can be listed page by page (`pages()`, `items()`)")),
        (true, false) => push(Bump::Major, format!("`{name}` can no longer be listed page by page")),
        _ => {}
    }
    if old.deprecated != new.deprecated {
        push(Bump::Patch, format!("`{name}` {}", if new.deprecated { "deprecated" } else { "no longer deprecated" }));
    }
    if let (Some(before), Some(now)) = (&old.security, &new.security) {
        // A client holding only the credentials of a combination that went away now fails.
        for gone in before.iter().filter(|alternative| !now.contains(alternative)) {
            push(Bump::Major, format!("`{name}` no longer accepts the credentials `{gone}`"));
        }
        for added in now.iter().filter(|alternative| !before.contains(alternative)) {
            push(Bump::Minor, format!("`{name}` also accepts the credentials `{added}`"));
        }
    }
    for gone in old.alternates.iter().filter(|alternate| !new.alternates.contains(alternate)) {
        push(Bump::Major, format!("`{name}` lost `{gone}`"));
    }
    for added in new.alternates.iter().filter(|alternate| !old.alternates.contains(alternate)) {
        push(Bump::Minor, format!("`{name}` gained `{added}`"));
    }
    if old.docs != new.docs {
        push(Bump::Patch, format!("`{name}`: description changed"));
    }
}

/// A change of the features that compile an item. No feature named means every feature set
/// compiles it. A feature set that compiled the item and no longer does breaks its users.
fn diff_features(what: &str, old: &[String], new: &[String], push: &mut impl FnMut(Bump, String)) {
    if old == new {
        return;
    }
    let spell = |features: &[String]| {
        if features.is_empty() { "any feature set".to_owned() } else { format!("`{}`", features.join("`, `")) }
    };
    let lost = !new.is_empty() && (old.is_empty() || old.iter().any(|feature| !new.contains(feature)));
    let bump = if lost { Bump::Major } else { Bump::Minor };
    push(bump, format!("{what} is compiled with {} (was {})", spell(new), spell(old)));
}

fn diff_type(name: &str, old: &TypeSurface, new: &TypeSurface, push: &mut impl FnMut(Bump, String)) {
    if old.kind != new.kind {
        push(Bump::Major, format!("type `{name}` is now a {} (was a {})", new.kind, old.kind));
        return;
    }
    for (field_name, field) in &new.fields {
        let what = format!("field `{field_name}` of `{name}`");
        match old.fields.get(field_name) {
            // Structs are non-exhaustive: a new optional field breaks nothing, a new required
            // one changes `new`.
            None if field.required => push(Bump::Major, format!("{what} added, required ({})", field.ty)),
            None => push(Bump::Minor, format!("{what} added, optional ({})", field.ty)),
            Some(before) => {
                if before.required != field.required {
                    let now = if field.required { "required" } else { "optional" };
                    push(Bump::Major, format!("{what} turned {now}: `{}` to `{}`", before.ty, field.ty));
                } else if before.ty != field.ty {
                    push(Bump::Major, format!("{what} retyped: `{}` to `{}`", before.ty, field.ty));
                }
                if before.rust_name != field.rust_name {
                    push(
                        Bump::Major,
                        format!("{what} renamed in Rust: `{}` to `{}`", before.rust_name, field.rust_name),
                    );
                }
                if before.docs != field.docs {
                    push(Bump::Patch, format!("{what}: description changed"));
                }
            }
        }
    }
    for field_name in old.fields.keys().filter(|field| !new.fields.contains_key(*field)) {
        push(Bump::Major, format!("field `{field_name}` of `{name}` removed"));
    }
    let value_word = if new.kind == "enum" { "value" } else { "variant" };
    for (value, spelled) in &new.values {
        match old.values.get(value) {
            // Enums keep unknown values, so a new one breaks no match; a union is non-exhaustive.
            None => push(Bump::Minor, format!("{value_word} `{value}` added to `{name}`")),
            Some(before) if before != spelled => {
                push(Bump::Major, format!("{value_word} `{value}` of `{name}` changed: `{before}` to `{spelled}`"))
            }
            Some(_) => {}
        }
    }
    for value in old.values.keys().filter(|value| !new.values.contains_key(*value)) {
        push(Bump::Major, format!("{value_word} `{value}` removed from `{name}`"));
    }
    if let (Some(old_arguments), Some(new_arguments)) = (&old.constructor, &new.constructor)
        && old_arguments != new_arguments
    {
        push(
            Bump::Major,
            format!("`{name}::new` takes ({}) (was ({}))", new_arguments.join(", "), old_arguments.join(", ")),
        );
    }
    if let (Some(old_setters), Some(new_setters)) = (&old.setters, &new.setters) {
        for setter in new_setters.iter().filter(|setter| !old_setters.contains(setter)) {
            push(Bump::Minor, format!("setter `{name}::{setter}` added"));
        }
        for setter in old_setters.iter().filter(|setter| !new_setters.contains(setter)) {
            push(Bump::Major, format!("setter `{name}::{setter}` removed"));
        }
    }
    if let (Some(before), Some(after)) = (&old.setter_arguments, &new.setter_arguments) {
        for (setter, now) in after {
            if let Some(was) = before.get(setter).filter(|was| *was != now) {
                push(Bump::Major, format!("setter `{name}::{setter}` takes `{now}` (was `{was}`)"));
            }
        }
    }
    match (old.default, new.default) {
        (Some(true), Some(false)) => push(Bump::Major, format!("`{name}` no longer implements `Default`")),
        (Some(false), Some(true)) => push(Bump::Minor, format!("`{name}` implements `Default`")),
        _ => {}
    }
    if let (Some(old_features), Some(new_features)) = (&old.features, &new.features) {
        diff_features(&format!("type `{name}`"), old_features, new_features, push);
    }
    if old.deprecated != new.deprecated {
        push(
            Bump::Patch,
            format!("type `{name}` {}", if new.deprecated { "deprecated" } else { "no longer deprecated" }),
        );
    }
    if old.docs != new.docs {
        push(Bump::Patch, format!("type `{name}`: description changed"));
    }
}

/// How the API report names what a call returns.
fn payload_name(payload: &crate::ir::Payload) -> String {
    match payload {
        crate::ir::Payload::Json(ty) => spelling::type_spelling(ty),
        crate::ir::Payload::JsonLines(ty) => format!("JsonLines<{}>", spelling::type_spelling(ty)),
        crate::ir::Payload::Text => "String".to_owned(),
        crate::ir::Payload::Bytes => "Bytes".to_owned(),
    }
}

#[cfg(test)]
mod short_path_tests {
    use super::short_paths;

    #[test]
    fn paths_are_cut_to_their_last_segment() {
        assert_eq!(short_paths("::chrono::DateTime<::chrono::Utc>"), "DateTime<Utc>");
        assert_eq!(short_paths("crate::Nullable<crate::models::Pet>"), "Nullable<Pet>");
        assert_eq!(
            short_paths("impl ::std::iter::IntoIterator<Item = impl Into<::uuid::Uuid>>"),
            "impl IntoIterator<Item = impl Into<Uuid>>"
        );
        assert_eq!(short_paths("r#type: impl Into<String>"), "r#type: impl Into<String>");
        assert_eq!(short_paths(".query_tags(Vec<String>)"), ".query_tags(Vec<String>)");
    }
}
