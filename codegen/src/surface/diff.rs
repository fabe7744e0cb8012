//! What changed between two surfaces: each change worded for a reviewer, breaking or not,
//! and the semver bump they add up to.

use std::fmt::Write as _;

use super::*;

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
    diff_webhooks(old, new, &mut push);
    if let (Some(old), Some(new)) = (&old.external_types, &new.external_types) {
        diff_external_types(old, new, &mut push);
    }
    changes.sort_by_key(|change| std::cmp::Reverse(change.bump));
    Report { changes }
}

/// The webhooks' `Event` is `#[non_exhaustive]`: an event added is an addition; one removed,
/// renamed or retyped breaks the code that matches on it, and a delivery named otherwise
/// decodes as another event.
fn diff_webhooks(old: &Surface, new: &Surface, push: &mut impl FnMut(Bump, String)) {
    for (name, after) in &new.webhooks {
        let Some(before) = old.webhooks.get(name) else {
            push(Bump::Minor, format!("webhook `{name}` added: `Event::{}({})`", after.variant, after.payload));
            continue;
        };
        if (&before.variant, &before.payload) != (&after.variant, &after.payload) {
            push(
                Bump::Major,
                format!(
                    "webhook `{name}`: `Event::{}({})` (was `Event::{}({})`)",
                    after.variant, after.payload, before.variant, before.payload
                ),
            );
        }
        if before.named_by != after.named_by {
            push(
                Bump::Major,
                format!(
                    "webhook `{name}` is named by {} (was {})",
                    after.named_by.join(", "),
                    before.named_by.join(", ")
                ),
            );
        }
        if after.deprecated && !before.deprecated {
            push(Bump::Patch, format!("webhook `{name}` deprecated"));
        }
    }
    for (name, before) in &old.webhooks {
        if !new.webhooks.contains_key(name) {
            push(Bump::Major, format!("webhook `{name}` removed: `Event::{}`", before.variant));
        }
    }
    if old.webhook_signing != new.webhook_signing {
        let spell = |signing: &Option<String>| signing.clone().unwrap_or_else(|| "none".to_owned());
        push(
            Bump::Major,
            format!("webhook signing: {} (was {})", spell(&new.webhook_signing), spell(&old.webhook_signing)),
        );
    }
}

/// A public dependency's types are this crate's API: a new major version of it is a breaking
/// change of ours, as is a type no longer exposed.
fn diff_external_types(
    old: &BTreeMap<String, ExternalCrate>,
    new: &BTreeMap<String, ExternalCrate>,
    push: &mut impl FnMut(Bump, String),
) {
    for (name, after) in new {
        let Some(before) = old.get(name) else {
            push(
                Bump::Minor,
                format!("public dependency `{name}` {} added: {}", after.version, after.types.join(", ")),
            );
            continue;
        };
        if major(&before.version) != major(&after.version) {
            push(
                Bump::Major,
                format!(
                    "public dependency `{name}` goes from {} to {}, a major version: its types are part of this API",
                    before.version, after.version
                ),
            );
        }
        for ty in after.types.iter().filter(|ty| !before.types.contains(ty)) {
            push(Bump::Minor, format!("`{name}::{ty}` is part of the API"));
        }
        for ty in before.types.iter().filter(|ty| !after.types.contains(ty)) {
            push(Bump::Major, format!("`{name}::{ty}` is no longer part of the API"));
        }
    }
    for name in old.keys().filter(|name| !new.contains_key(*name)) {
        push(Bump::Major, format!("public dependency `{name}` is no longer part of the API"));
    }
}

/// The part of a version requirement semver's compatibility goes by: `1.4` is `1`, `0.13.2`
/// is `0.13`, `0.0.3` is `0.0.3`.
fn major(version: &str) -> String {
    let parts: Vec<&str> = version.split('.').collect();
    let significant = parts.iter().position(|part| *part != "0").map_or(parts.len(), |index| index + 1);
    parts[..significant.min(parts.len())].join(".")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_dependency_s_major_version_is_breaking() {
        assert_eq!(
            (major("1.4"), major("0.13.2"), major("0.0.3"), major("2")),
            ("1".into(), "0.13".into(), "0.0.3".into(), "2".into())
        );
        let surface = |version: &str, types: &[&str]| Surface {
            external_types: Some(BTreeMap::from([(
                "reqwest".to_owned(),
                ExternalCrate { version: version.to_owned(), types: types.iter().map(|ty| ty.to_string()).collect() },
            )])),
            ..Surface::default()
        };
        let report = diff(&surface("0.13", &["*"]), &surface("0.14", &["*"]));
        assert_eq!(report.bump(), Bump::Major, "{}", report.summary());
        let report = diff(&surface("0.13", &["*"]), &surface("0.13.4", &["*", "Proxy"]));
        assert_eq!(report.bump(), Bump::Minor, "{}", report.summary());
        assert!(diff(&surface("1", &["Client"]), &surface("1.2", &["Client"])).changes.is_empty());
    }

    #[test]
    fn a_webhook_added_is_an_addition_and_one_removed_or_retyped_breaks() {
        let surface = |events: &[(&str, &str)]| Surface {
            webhooks: events
                .iter()
                .map(|(name, payload)| {
                    let event = WebhookSurface {
                        variant: name.replace('.', ""),
                        payload: payload.to_string(),
                        named_by: vec![format!("body.event = {name}")],
                        deprecated: false,
                    };
                    (name.to_string(), event)
                })
                .collect(),
            ..Surface::default()
        };
        let one = surface(&[("pet.created", "PetCreated")]);
        let two = surface(&[("pet.created", "PetCreated"), ("pet.deleted", "PetDeleted")]);
        let report = diff(&one, &two);
        assert_eq!(report.bump(), Bump::Minor, "{}", report.summary());
        assert_eq!(report.changes[0].text, "webhook `pet.deleted` added: `Event::petdeleted(PetDeleted)`");
        assert_eq!(diff(&two, &one).bump(), Bump::Major);
        assert_eq!(diff(&one, &surface(&[("pet.created", "Value")])).bump(), Bump::Major);
    }
}
