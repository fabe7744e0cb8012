//! The lowered model: plain data, every decision already made, no openapiv3 or token types.
//!
//! Lowering fills it in; emitting only reads it. Lists keep document order, so the same
//! document always gives the same model, and comparing two models (the API diff) compares
//! meaning, not text.

pub use crate::options::ErrorShape;

mod operations;
mod types;

pub use operations::*;
pub use types::*;

/// A whole API, ready to emit.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub title: String,
    /// `info.version` of the document.
    pub version: String,
    pub docs: Docs,
    /// The first `servers` URL, the client's default base URL.
    pub base_url: Option<String>,
    /// The ways the API accepts credentials; operations name them by index.
    pub security_schemes: Vec<SecurityScheme>,
    /// Whether every operation needs a credential: a client built without any is refused.
    pub requires_credentials: bool,
    /// Where the document's error answers keep their code and message, as their schemas say.
    pub error_shapes: Vec<ErrorShape>,
    /// The rate limits the document declares (`x-rate-limit`), which clients pace calls to.
    pub rate_limits: Vec<RateLimit>,
    /// The credentials a call the document does not describe sends (a raw call): the
    /// document's top-level `security`, else any one scheme given, or none.
    pub default_security: Vec<Vec<usize>>,
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    /// The deliveries the API sends (`webhooks`, `x-webhooks`), when the document has any.
    pub webhooks: Option<Webhooks>,
    pub types: Vec<TypeDef>,
    /// Whether some schema is used by no operation: such types sit behind a feature of
    /// their own, `unreferenced-models`.
    pub has_unreferenced: bool,
    /// The models crates the types go to, for a document of more types than
    /// `Options::split_models` (decided by `lower::split_models`).
    pub model_crates: Option<ModelCrates>,
    /// The products the groups' operations go to, each a crate of its own, when the document
    /// is split with `CrateGraph::Products` (decided by `lower::split_models`).
    pub products: Option<Products>,
}

/// The webhooks of a document: one event enum over them, behind the `webhooks` feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Webhooks {
    pub events: Vec<WebhookEvent>,
    /// Where a delivery names its event (`x-webhook-event`, else a body field every payload
    /// fixes to one value), in order; each event's `matches` are by this list.
    pub event_parts: Vec<EventPart>,
    /// How deliveries are signed (`x-webhook-signature`).
    pub signing: Option<WebhookSigning>,
}

/// One webhook: a variant of the event enum.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookEvent {
    /// The webhook's name in the document (`pet.created`).
    pub name: String,
    /// The enum variant (Pascal case).
    pub variant: String,
    pub docs: Docs,
    pub deprecated: bool,
    /// The payload's type; `None` when the document gives no JSON payload (kept as JSON).
    pub payload: Option<TypeRef>,
    /// For each of `Webhooks::event_parts`, the value that names this event, or `None` when
    /// the event does not say (any value).
    pub matches: Vec<Option<String>>,
}

/// A place a delivery names its event in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventPart {
    /// A top-level field of the JSON body.
    Body(String),
    /// A header (its name in lower case).
    Header(String),
}

/// How the API signs deliveries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookSigning {
    pub scheme: SigningScheme,
    /// The header naming the delivery (the same for each retry of it).
    pub delivery_id: Option<String>,
}

/// A signature scheme the runtime verifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigningScheme {
    RsaSha256 { header: String, key_url: Option<String>, key_pointer: String },
    HmacSha256 { header: String, prefix: String },
    StandardWebhooks,
}

/// The feature behind the webhooks' event enum and payload types.
pub const WEBHOOKS: &str = "webhooks";

/// A rate limit the document declares: at most `requests` calls in any window of
/// `window_ms`, for every call or for the operations named (by id).
#[derive(Clone, Debug, PartialEq)]
pub struct RateLimit {
    pub requests: u32,
    pub window_ms: u64,
    pub burst: Option<u32>,
    pub operations: Option<Vec<String>>,
}

/// Which models crate each type goes to, when the document is split.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelCrates {
    /// By `TypeId` index.
    pub crate_of: Vec<usize>,
    pub count: usize,
    /// Each crate's name in its folder and package (`models-{name}`): its number in a chain,
    /// `shared` or its product's name, with a part number when a home is cut in several.
    pub names: Vec<String>,
    /// The models crates each one depends on: in a chain every earlier one; with products,
    /// the shared crates (and a product's own earlier parts).
    pub depends_on: Vec<Vec<usize>>,
}

/// The products of a document split into a crate graph: groups (tags) put together where
/// they use the same types, each product a crate of operations (`operations-{name}`) above
/// models crates of its own types, beside the others, all above the shared types' crates.
#[derive(Clone, Debug, PartialEq)]
pub struct Products {
    /// Each group's product, by group index (`None` for a group without operations).
    pub of_group: Vec<Option<usize>>,
    /// Each product's name (a group's feature name: the product's largest group).
    pub names: Vec<String>,
    /// The models crates each product's operations need: its own and the shared ones.
    pub model_crates: Vec<Vec<usize>>,
}

impl Products {
    /// The groups of product `product`, in the document's order.
    pub fn groups_of(&self, product: usize) -> impl Iterator<Item = usize> + '_ {
        self.of_group.iter().enumerate().filter(move |(_, of)| **of == Some(product)).map(|(group, _)| group)
    }

    /// How many products there are.
    pub fn count(&self) -> usize {
        self.names.len()
    }
}

/// The feature behind the schemas that no operation uses.
pub const UNREFERENCED: &str = "unreferenced-models";

impl Api {
    /// How many operations each group has, by group index.
    pub fn operations_per_group(&self) -> Vec<usize> {
        let mut counts = vec![0; self.groups.len()];
        for operation in &self.operations {
            counts[operation.group] += 1;
        }
        counts
    }

    /// The groups that have operations, and so a module and a cargo feature, in order. One
    /// pass over the operations: Microsoft Graph's beta has 829 groups and 22,361 operations.
    pub fn used_groups(&self) -> impl Iterator<Item = &Group> {
        let mut used = vec![false; self.groups.len()];
        for operation in &self.operations {
            used[operation.group] = true;
        }
        self.groups.iter().zip(used).filter(|(_, used)| *used).map(|(group, _)| group)
    }

    /// Every cargo feature, in order: the groups', then `unreferenced-models` and `webhooks`
    /// when there are such.
    pub fn features(&self) -> Vec<String> {
        let mut features: Vec<String> = self.used_groups().map(|group| group.feature().to_owned()).collect();
        if self.has_unreferenced {
            features.push(UNREFERENCED.to_owned());
        }
        if self.webhooks.is_some() {
            features.push(WEBHOOKS.to_owned());
        }
        features
    }

    /// The features that need a type compiled.
    pub fn needing(&self, needed_by: &NeededBy) -> Vec<String> {
        let mut features: Vec<String> =
            needed_by.groups.iter().map(|&group| self.groups[group].feature().to_owned()).collect();
        if needed_by.unreferenced {
            features.push(UNREFERENCED.to_owned());
        }
        if needed_by.webhooks {
            features.push(WEBHOOKS.to_owned());
        }
        features
    }
}

/// Operations grouped by their first tag: a module, a handle on the client and a cargo feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The tag as written in the document.
    pub tag: String,
    /// Module, accessor method and cargo feature name (snake case).
    pub module: String,
    /// The handle type returned by the accessor (Pascal case).
    pub handle: String,
    pub docs: Docs,
}

impl Group {
    /// The group's cargo feature: its module name, without a raw-identifier prefix.
    pub fn feature(&self) -> &str {
        self.module.strip_prefix("r#").unwrap_or(&self.module)
    }
}

/// One way the API accepts a credential (`components.securitySchemes`).
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's name in the document.
    pub name: String,
    /// The constant of its index in the crate's `security` module (`API_TOKEN`), by which
    /// operations name the schemes they accept.
    pub index_const: String,
    pub kind: SchemeKind,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer`: HTTP bearer, OAuth 2 and OpenID Connect access tokens.
    Bearer,
    /// HTTP basic: a user name and password.
    Basic,
    /// A key in a header, query parameter or cookie of this name.
    ApiKey { location: KeyLocation, name: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// Documentation copied from the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
}

impl Docs {
    pub fn new(summary: Option<&str>, description: Option<&str>) -> Self {
        let clean = |text: Option<&str>| text.map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned);
        Docs { summary: clean(summary), description: clean(description) }
    }

    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.description.is_none()
    }
}
