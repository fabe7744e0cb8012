//! What OpenAPI 3.0 puts at each place of a document, as far as references go: which places
//! hold a schema, a response, a parameter and the rest, so that a reference's own place says
//! what it must point to and its target's place says what it does point to.
//!
//! Only places the specification defines count: a `$ref` inside an example's value or a
//! vendor extension is data, not a reference.

use serde_json::Value;

use super::pointer;

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
    /// items.
    pub fn section(self) -> Option<&'static str> {
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
            Kind::PathItem => return None,
        })
    }

    fn of_section(section: &str) -> Option<Kind> {
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
        ]
        .into_iter()
        .find(|kind| kind.section() == Some(section))
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

/// A place: one object, every entry of a map, or every item of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place(Shape);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    One(Node),
    Map(Node),
    List(Node),
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Place {
    pub const ROOT: Place = Place(Shape::One(Node::Root));

    /// The kind of definition this place holds, if it holds one.
    pub fn kind(self) -> Option<Kind> {
        match self.0 {
            Shape::One(Node::Definition(kind)) => Some(kind),
            _ => None,
        }
    }

    /// The place one token further down, if the grammar defines one there.
    pub fn child(self, token: &str) -> Option<Place> {
        use Kind::*;
        use Node::*;
        let one = |node| Some(Place(Shape::One(node)));
        let map = |node| Some(Place(Shape::Map(node)));
        let list = |node| Some(Place(Shape::List(node)));
        let entry = !token.starts_with("x-");
        match self.0 {
            Shape::Map(node) => one(node),
            Shape::List(node) => {
                (!token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())).then_some(Place(Shape::One(node)))
            }
            Shape::One(node) => match (node, token) {
                (Root, "paths") => one(Paths),
                (Root, "components") => one(Components),
                (Components, section) => Kind::of_section(section).and_then(|kind| map(Definition(kind))),
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
                (Definition(Schema), "properties") => map(Definition(Schema)),
                (Definition(Schema), "items" | "additionalProperties" | "not") => one(Definition(Schema)),
                (Definition(Schema), "allOf" | "oneOf" | "anyOf") => list(Definition(Schema)),
                _ => None,
            },
        }
    }

    /// The place `tokens` lead to from the root, or `None` when they leave the grammar.
    pub fn of(tokens: &[String]) -> Option<Place> {
        tokens.iter().try_fold(Place::ROOT, |place, token| place.child(token))
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
pub fn references(root: &Value, wanted: &mut dyn FnMut(Kind, &str) -> bool) -> Vec<Site> {
    let mut found = Vec::new();
    walk(root, Place::ROOT, &mut Vec::new(), wanted, &mut found);
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
pub fn names_component(kind: Kind, reference: &str) -> bool {
    let Some(section) = kind.section() else { return false };
    match pointer::parse(reference) {
        Ok(tokens) => tokens.len() == 3 && tokens[0] == "components" && tokens[1] == section,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn kind_at(pointer: &str) -> Option<Kind> {
        Place::of(&pointer::parse(pointer).unwrap()).and_then(Place::kind)
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
        assert_eq!(kind_at("#"), None);
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
        let sites = references(&root, &mut |_, _| true);
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
        assert!(names_component(Kind::Schema, "#/components/schemas/A%20B"));
        assert!(!names_component(Kind::Schema, "#/components/responses/A"));
        assert!(!names_component(Kind::PathItem, "#/paths/~1a"));
    }
}
