//! What OpenAPI puts at each place of a document, as far as references go: which places hold
//! a schema, a response, a parameter and the rest, so that a reference's own place says what
//! it must point to and its target's place says what it does point to.
//!
//! OpenAPI 3.1 has more places than 3.0: `webhooks`, `components.pathItems`, and the schemas
//! JSON Schema 2020-12 nests under keywords 3.0 does not have (`prefixItems`, `if`,
//! `patternProperties`...). The pass runs on a 3.1 document before its schemas are rewritten
//! into 3.0's keywords and before its shared path items are written out, so the grammar knows
//! them, for 3.1 documents only.
//!
//! Only places the specification defines count: a `$ref` inside an example's value or a
//! vendor extension is data, not a reference.

use serde_json::Value;

use crate::json_pointer as pointer;

mod walk;

pub use walk::{Address, for_each_schema, for_each_schema_root};

/// The OpenAPI versions the generator reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    V3_0,
    V3_1,
}

/// What a reference can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Schema,
    Response,
    Parameter,
    RequestBody,
    Header,
    Example,
    Link,
    Callback,
    PathItem,
    SecurityScheme,
}

impl Kind {
    /// The `components` section whose entries are of this kind; OpenAPI 3.0 has none for path
    /// items, 3.1 has `pathItems`.
    pub fn section(self, version: Version) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Response => "responses",
            Kind::Parameter => "parameters",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::SecurityScheme => "securitySchemes",
            Kind::PathItem if version == Version::V3_1 => "pathItems",
            Kind::PathItem => return None,
        })
    }

    fn of_section(section: &str, version: Version) -> Option<Kind> {
        [
            Kind::Schema,
            Kind::Response,
            Kind::Parameter,
            Kind::RequestBody,
            Kind::Header,
            Kind::Example,
            Kind::Link,
            Kind::Callback,
            Kind::SecurityScheme,
            Kind::PathItem,
        ]
        .into_iter()
        .find(|kind| kind.section(version) == Some(section))
    }

    /// How messages name one of these: "a schema".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Schema => "a schema",
            Kind::Response => "a response",
            Kind::Parameter => "a parameter",
            Kind::RequestBody => "a request body",
            Kind::Header => "a header",
            Kind::Example => "an example",
            Kind::Link => "a link",
            Kind::Callback => "a callback",
            Kind::PathItem => "a path item",
            Kind::SecurityScheme => "a security scheme",
        }
    }

    /// Whether an object at a place of this kind that has a `$ref` is a reference and nothing
    /// else. A schema with keywords beside its `$ref` is a definition of its own (the loader
    /// reads it as `allOf`), and a path item's `$ref` is one of its fields; every other object
    /// with a `$ref` is a Reference Object, whose other keys OpenAPI 3.0 ignores.
    pub fn is_reference(self, object: &serde_json::Map<String, Value>) -> bool {
        match object.get("$ref") {
            Some(Value::String(_)) => !matches!(self, Kind::Schema | Kind::PathItem) || object.len() == 1,
            _ => false,
        }
    }
}

/// An object of the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Root,
    Components,
    Paths,
    Operation,
    Responses,
    MediaType,
    Encoding,
    Definition(Kind),
}

/// A place: one object, every entry of a map, or every item of a list; in a document of
/// `version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    shape: Shape,
    version: Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    One(Node),
    Map(Node),
    List(Node),
    /// One object, or a list of them: JSON Schema's `items`, which the drafts before 2020-12
    /// (read in 3.1 documents) also wrote as a tuple.
    OneOrList(Node),
}

/// The keys of a path item that hold an operation.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Where a schema holds other schemas: keywords whose value is one schema, a list of them, or
/// a map of names to them.
pub struct SchemaKeywords {
    pub one: &'static [&'static str],
    pub lists: &'static [&'static str],
    pub maps: &'static [&'static str],
}

/// OpenAPI 3.0's schema keywords that hold schemas.
const SCHEMA_KEYWORDS_3_0: SchemaKeywords = SchemaKeywords {
    one: &["items", "additionalProperties", "not"],
    lists: &["allOf", "oneOf", "anyOf"],
    maps: &["properties"],
};

/// JSON Schema 2020-12's (and the drafts before it), as OpenAPI 3.1 reads them: 3.0's and
/// more; `items` is one schema or, in the older drafts, a list (a tuple).
const SCHEMA_KEYWORDS_3_1: SchemaKeywords = SchemaKeywords {
    one: &[
        "items",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contentSchema",
        "additionalItems",
    ],
    lists: &["allOf", "oneOf", "anyOf", "prefixItems", "items"],
    maps: &["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"],
};

impl Version {
    /// The keywords by which a schema holds other schemas in a document of this version.
    pub fn schema_keywords(self) -> &'static SchemaKeywords {
        match self {
            Version::V3_0 => &SCHEMA_KEYWORDS_3_0,
            Version::V3_1 => &SCHEMA_KEYWORDS_3_1,
        }
    }
}

impl Place {
    /// The document's root.
    pub fn root(version: Version) -> Place {
        Place { shape: Shape::One(Node::Root), version }
    }

    /// The kind of definition this place holds, if it holds one.
    pub fn kind(self) -> Option<Kind> {
        match self.shape {
            Shape::One(Node::Definition(kind)) | Shape::OneOrList(Node::Definition(kind)) => Some(kind),
            _ => None,
        }
    }

    /// The place one token further down, if the grammar defines one there.
    pub fn child(self, token: &str) -> Option<Place> {
        use Kind::*;
        use Node::*;
        let version = self.version;
        let v3_1 = version == Version::V3_1;
        let keywords = version.schema_keywords();
        let at = |shape| Some(Place { shape, version });
        let one = |node| at(Shape::One(node));
        let map = |node| at(Shape::Map(node));
        let list = |node| at(Shape::List(node));
        let entry = !token.starts_with("x-");
        let index = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
        match self.shape {
            Shape::Map(node) => one(node),
            Shape::List(node) => index.then_some(Place { shape: Shape::One(node), version }),
            Shape::OneOrList(node) if index => one(node),
            Shape::One(node) | Shape::OneOrList(node) => match (node, token) {
                (Root, "paths") => one(Paths),
                (Root, "webhooks") if v3_1 => map(Definition(PathItem)),
                (Root, "components") => one(Components),
                (Components, section) => Kind::of_section(section, version).and_then(|kind| map(Definition(kind))),
                (Paths, _) if entry => one(Definition(PathItem)),
                (Definition(PathItem) | Operation, "parameters") => list(Definition(Parameter)),
                (Definition(PathItem), method) if METHODS.contains(&method) => one(Operation),
                (Operation, "requestBody") => one(Definition(RequestBody)),
                (Operation, "responses") => one(Responses),
                (Operation, "callbacks") => map(Definition(Callback)),
                (Responses, _) if entry => one(Definition(Response)),
                (Definition(Callback), _) if entry => one(Definition(PathItem)),
                (Definition(Parameter | Header) | MediaType, "schema") => one(Definition(Schema)),
                (Definition(Parameter | Header | RequestBody | Response), "content") => map(MediaType),
                (Definition(Parameter | Header) | MediaType, "examples") => map(Definition(Example)),
                (MediaType, "encoding") => map(Encoding),
                (Encoding | Definition(Response), "headers") => map(Definition(Header)),
                (Definition(Response), "links") => map(Definition(Link)),
                (Definition(Schema), "items") if v3_1 => at(Shape::OneOrList(Definition(Schema))),
                (Definition(Schema), keyword) if keywords.one.contains(&keyword) => one(Definition(Schema)),
                (Definition(Schema), keyword) if keywords.lists.contains(&keyword) => list(Definition(Schema)),
                (Definition(Schema), keyword) if keywords.maps.contains(&keyword) => map(Definition(Schema)),
                _ => None,
            },
        }
    }

    /// The place `tokens` lead to from the root, or `None` when they leave the grammar.
    pub fn of(version: Version, tokens: &[String]) -> Option<Place> {
        tokens.iter().try_fold(Place::root(version), |place, token| place.child(token))
    }
}

/// A reference found at a place of the grammar.
#[derive(Debug, Clone)]
pub struct Site {
    /// Where the object holding the reference is.
    pub tokens: Vec<String>,
    /// What it must point to.
    pub kind: Kind,
    pub reference: String,
    /// The key of a `discriminator.mapping` entry, for a reference written there rather than
    /// as a `$ref`.
    pub mapping: Option<String>,
}

/// Every reference in the document that `wanted` keeps, in document order.
pub fn references(root: &Value, version: Version, wanted: &mut dyn FnMut(Kind, &str) -> bool) -> Vec<Site> {
    let mut found = Vec::new();
    walk(root, Place::root(version), &mut Vec::new(), wanted, &mut found);
    found
}

fn walk(
    value: &Value,
    place: Place,
    tokens: &mut Vec<String>,
    wanted: &mut dyn FnMut(Kind, &str) -> bool,
    found: &mut Vec<Site>,
) {
    let kind = place.kind();
    if let (Some(kind), Value::Object(object)) = (kind, value) {
        if let Some(Value::String(reference)) = object.get("$ref")
            && wanted(kind, reference)
        {
            found.push(Site { tokens: tokens.clone(), kind, reference: reference.clone(), mapping: None });
        }
        if kind.is_reference(object) {
            return;
        }
        if kind == Kind::Schema
            && let Some(Value::Object(mapping)) = object.get("discriminator").and_then(|d| d.get("mapping"))
        {
            for (key, reference) in mapping {
                if let Value::String(reference) = reference
                    && reference.starts_with('#')
                    && wanted(kind, reference)
                {
                    let mapping = Some(key.clone());
                    found.push(Site { tokens: tokens.clone(), kind, reference: reference.clone(), mapping });
                }
            }
        }
    }
    let mut visit = |token: String, child: &Value, tokens: &mut Vec<String>| {
        if let Some(place) = place.child(&token)
            && (child.is_object() || child.is_array())
        {
            tokens.push(token);
            walk(child, place, tokens, wanted, found);
            tokens.pop();
        }
    };
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                visit(key.clone(), child, tokens);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                visit(index.to_string(), child, tokens);
            }
        }
        _ => {}
    }
}

/// Whether `reference` names an entry of the section of `kind` (`#/components/schemas/Pet`
/// for a schema): such references are resolved, and checked, when the document is lowered.
pub fn names_component(kind: Kind, reference: &str, version: Version) -> bool {
    let Some(section) = kind.section(version) else { return false };
    match pointer::parse(reference) {
        Ok(tokens) => tokens.len() == 3 && tokens[0] == "components" && tokens[1] == section,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn kind_in(version: Version, pointer: &str) -> Option<Kind> {
        Place::of(version, &pointer::parse(pointer).unwrap()).and_then(Place::kind)
    }

    fn kind_at(pointer: &str) -> Option<Kind> {
        kind_in(Version::V3_0, pointer)
    }

    #[test]
    fn knows_what_each_place_holds() {
        assert_eq!(kind_at("#/components/schemas/A/properties/b/items/oneOf/0"), Some(Kind::Schema));
        assert_eq!(kind_at("#/paths/~1a/get/responses/401"), Some(Kind::Response));
        assert_eq!(kind_at("#/paths/~1a/get/responses/200/headers/x-rate"), Some(Kind::Header));
        assert_eq!(kind_at("#/paths/~1a/parameters/0"), Some(Kind::Parameter));
        assert_eq!(kind_at("#/paths/~1a/post/requestBody/content/application~1json/schema"), Some(Kind::Schema));
        assert_eq!(kind_at("#/paths/~1a/post/callbacks/done/{$url}/post/requestBody"), Some(Kind::RequestBody));
        assert_eq!(kind_at("#/components/callbacks/done"), Some(Kind::Callback));
        assert_eq!(kind_at("#/paths/~1a"), Some(Kind::PathItem));
        assert_eq!(kind_at("#/components/schemas/A/properties"), None);
        assert_eq!(kind_at("#/components/schemas/A/example/b"), None);
        assert_eq!(kind_at("#/paths/~1a/get/summary"), None);
        assert_eq!(kind_at("#/paths/~1a/get/responses/x-note"), None);
        assert_eq!(kind_at("#/components/pathItems/A"), None);
        assert_eq!(kind_at("#/webhooks/a"), None);
        assert_eq!(kind_at("#/components/schemas/A/prefixItems/0"), None);
        assert_eq!(kind_at("#"), None);
    }

    #[test]
    fn knows_the_places_openapi_3_1_adds() {
        let kind = |pointer| kind_in(Version::V3_1, pointer);
        assert_eq!(kind("#/components/pathItems/A"), Some(Kind::PathItem));
        assert_eq!(kind("#/components/pathItems/A/get/parameters/0"), Some(Kind::Parameter));
        assert_eq!(kind("#/webhooks/pet.created"), Some(Kind::PathItem));
        assert_eq!(kind("#/webhooks/pet.created/post/requestBody"), Some(Kind::RequestBody));
        assert_eq!(kind("#/components/schemas/A/prefixItems/0/properties/b"), Some(Kind::Schema));
        assert_eq!(kind("#/components/schemas/A/patternProperties/^a/if"), Some(Kind::Schema));
        // `items` is one schema, or a tuple of them in the drafts before 2020-12.
        assert_eq!(kind("#/components/schemas/A/items/properties/b"), Some(Kind::Schema));
        assert_eq!(kind("#/components/schemas/A/items/1"), Some(Kind::Schema));
        assert_eq!(kind("#/components/schemas/A/examples/0"), None);
        assert_eq!(Kind::PathItem.section(Version::V3_1), Some("pathItems"));
        assert_eq!(Kind::PathItem.section(Version::V3_0), None);
    }

    #[test]
    fn finds_references_where_the_grammar_allows_them() {
        let root = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/x"}}}}},
            "components": {
                "schemas": {
                    "A": {"$ref": "#/s", "description": "kept", "properties": {"b": {"$ref": "#/t"}}},
                    "B": {"example": {"$ref": "#/not-a-reference"}, "discriminator": {"mapping": {"b": "#/m"}}}
                },
                "examples": {"E": {"value": {"$ref": "#/data"}}}
            }
        });
        let sites = references(&root, Version::V3_0, &mut |_, _| true);
        let found: Vec<(&str, Kind, Option<&str>)> =
            sites.iter().map(|site| (site.reference.as_str(), site.kind, site.mapping.as_deref())).collect();
        assert_eq!(
            found,
            [
                ("#/x", Kind::Response, None),
                ("#/s", Kind::Schema, None),
                ("#/t", Kind::Schema, None),
                ("#/m", Kind::Schema, Some("b")),
            ]
        );
        assert!(names_component(Kind::Schema, "#/components/schemas/A%20B", Version::V3_0));
        assert!(!names_component(Kind::Schema, "#/components/responses/A", Version::V3_0));
        assert!(!names_component(Kind::PathItem, "#/paths/~1a", Version::V3_0));
        assert!(!names_component(Kind::PathItem, "#/components/pathItems/A", Version::V3_0));
        assert!(names_component(Kind::PathItem, "#/components/pathItems/A", Version::V3_1));
    }
}
