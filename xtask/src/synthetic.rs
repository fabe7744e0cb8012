//! A synthetic OpenAPI document of the size and shape of Cloudflare's whole API, built from a
//! seed, for the scale test and the benchmarks; at GitHub's size (`Size::GITHUB`), calibrated
//! against GitHub's real document: within a fifth of its types, lines and warnings, and of the
//! time and memory `cargo check` takes on its crate; at Cloudflare's (`Size::CLOUDFLARE`),
//! against the figures of Cloudflare's real crate (see there).
//!
//! Cloudflare's published document has about 3,200 operations in 12.5 MB of JSON, and gives a
//! crate of about 17,000 types. Schemas are named `{product}_{thing}`; responses wrap a
//! `result` in a shared envelope with `allOf`; identifiers are 32-character strings; lists
//! page with `page` and `per_page`. It is also not strictly valid: operations without
//! `operationId`, names that differ only by `-` and `_` or by case, operator-like and mixed
//! enums, `enum: [null]`, unknown `type`s, examples without schemas, bodies with several media
//! types or none, and placeholders whose names differ from their parameters. All of that is
//! here too, in proportion.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::{output, workspace_root};

/// How big a document to make, and how it is shaped.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub operations: usize,
    pub schemas: usize,
    pub tags: usize,
    /// Schemas no operation uses, each a large payload of nested inline objects (GitHub's
    /// webhook payloads, Cloudflare's event and log formats).
    pub events: usize,
    /// How often the document's flaws occur, in thousandths of Cloudflare's rate (about one
    /// warning for two operations); GitHub's document has about a two-hundredth of it.
    pub flaws: u64,
    /// How many properties an entity has on average (from half that to one and a half).
    pub entity_properties: usize,
    /// Percent of the entities that are not already an `allOf` or `oneOf` made a `oneOf` of
    /// their object and a list of names besides (Cloudflare's document answers with such
    /// unions often; GitHub's rarely). Each is an untagged enum and a type for its object.
    pub unions: u64,
}

impl Size {
    /// Cloudflare's whole API, calibrated against the crate of Cloudflare's real document as a
    /// user checks it (`cargo check`, every default feature, incremental, in the chained
    /// layout that was measured): 281 s and 1.97 GiB there, 232 s (0.83) and 1.88 GiB (0.95)
    /// here, with 1,599 files (1,607), an operations crate of 895,000 lines (741,385) and 16
    /// models crates of 58,000 to 79,000 lines (12 of 59,000 to 77,000). More, smaller
    /// types than a first guess had, and most entities unions or objects with a union
    /// flattened in: with 6,000 schemas of eight properties and no unions the synthetic crate
    /// had Cloudflare's line count but checked in 0.53 of its time.
    pub const CLOUDFLARE: Size =
        Size { operations: 3200, schemas: 10500, tags: 400, events: 0, flaws: 1000, entity_properties: 3, unions: 100 };

    /// GitHub's REST API document (npm `@octokit/openapi`) at its own size: 1,223 operations,
    /// 969 schemas, 47 tags, and 510 webhook payloads, which give about GitHub's 4,700 types
    /// no operation uses (its structs average ten fields, and as many enums as structs). What
    /// the synthetic document is calibrated against (`cargo xtask bench` prints both).
    pub const GITHUB: Size =
        Size { operations: 1223, schemas: 969, tags: 47, events: 510, flaws: 6, entity_properties: 8, unions: 0 };
}

struct Rng(u64, u64);

impl Rng {
    /// Whether one of the document's flaws, which Cloudflare's document has `percent` percent
    /// of the time, occurs here (at the document's `flaws` rate).
    fn flaw(&mut self, percent: u64) -> bool {
        self.next() % 100_000 < percent * self.1
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PRODUCTS: &[&str] = &[
    "zones",
    "dns-records",
    "workers",
    "kv",
    "r2",
    "access",
    "gateway",
    "tunnels",
    "load-balancers",
    "waf",
    "rulesets",
    "pages",
    "stream",
    "images",
    "d1",
    "queues",
    "vectorize",
    "ai",
    "realtime",
    "calls",
    "email",
    "ssl",
    "certificates",
    "spectrum",
    "magic",
    "logpush",
    "analytics",
    "billing",
    "members",
    "tokens",
];
const THINGS: &[&str] = &[
    "app",
    "rule",
    "policy",
    "record",
    "namespace",
    "bucket",
    "route",
    "script",
    "deployment",
    "session",
    "member",
    "certificate",
    "pool",
    "monitor",
    "origin",
    "list",
    "item",
    "key",
    "secret",
    "binding",
    "event",
    "job",
    "meeting",
    "participant",
    "preset",
    "webhook",
    "filter",
    "zone",
    "setting",
    "domain",
];
const WORDS: &[&str] = &[
    "identifier",
    "name",
    "status",
    "created_on",
    "modified_on",
    "description",
    "enabled",
    "priority",
    "tags",
    "ttl",
    "content",
    "comment",
    "type",
    "mode",
    "action",
    "expression",
    "owner",
    "region",
    "size",
    "count",
    "score",
    "url",
    "email",
    "kind",
    "value",
    "paused",
    "version",
    "labels",
    "settings",
    "origin",
];

/// `cargo xtask synthetic`: writes a document to a file.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut size = Size::CLOUDFLARE;
    let mut seed = 1;
    let mut out = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("synthetic: {flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|_| format!("synthetic: {flag} takes a number, not `{value}`"));
        match flag.as_str() {
            "--out" => out = Some(value.clone()),
            "--operations" => size.operations = number()?,
            "--schemas" => size.schemas = number()?,
            "--tags" => size.tags = number()?.max(1),
            "--events" => size.events = number()?,
            "--flaws" => size.flaws = number()? as u64,
            "--entity-properties" => size.entity_properties = number()?.max(1),
            "--unions" => size.unions = number()? as u64,
            "--seed" => seed = number()? as u64,
            other => return Err(format!("synthetic: unknown argument `{other}`")),
        }
    }
    let out = out.ok_or("synthetic: --out FILE is required")?;
    let text = serde_json::to_string_pretty(&document(size, seed)).map_err(|error| error.to_string())?;
    std::fs::write(&out, &text).map_err(|error| format!("cannot write {out}: {error}"))?;
    println!(
        "wrote {out}: {} operations, about {} schemas, {:.1} MB",
        size.operations,
        size.schemas,
        text.len() as f64 / 1e6
    );
    Ok(())
}

/// Generates the crate of a synthetic `document` into `dir`, as a workspace of its own (the
/// folders it goes in lie inside this one) locked to this workspace's dependency versions.
pub fn write_crate(document: &[u8], dir: &Path) -> Result<codegen::Generated, String> {
    let options = codegen::Options {
        crate_name: "cloudflare-synthetic".to_owned(),
        source_name: "synthetic.json".to_owned(),
        ..codegen::Options::default()
    };
    let generated = codegen::generate("synthetic.json", document, &options).map_err(|failure| failure.to_string())?;
    let cannot = |error: std::io::Error| format!("cannot write the synthetic crate to {}: {error}", dir.display());
    output::update_dir(dir, &generated.files).map_err(cannot)?;
    let manifest = generated.files.iter().find(|file| file.path == "Cargo.toml").ok_or("no Cargo.toml generated")?;
    std::fs::write(dir.join("Cargo.toml"), format!("{}\n[workspace]\n", manifest.contents)).map_err(cannot)?;
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).map_err(cannot)?;
    Ok(generated)
}

/// Builds the document. The same size and seed always give the same document.
pub fn document(size: Size, seed: u64) -> Value {
    let mut rng = Rng(seed | 1, size.flaws);
    let tags: Vec<String> = (0..size.tags)
        .map(|index| {
            let product = PRODUCTS[index % PRODUCTS.len()];
            match index / PRODUCTS.len() {
                0 => title(product),
                1 => format!("{} Settings", title(product)),
                2 => format!("{} (Beta)", title(product)),
                3 => format!("{} for a Zone", title(product)),
                round => format!("{} {round}", title(product)),
            }
        })
        .collect();

    let mut schemas = Map::new();
    schemas.insert(
        "api-response-common".to_owned(),
        json!({
            "type": "object",
            "required": ["success", "errors", "messages"],
            "properties": {
                "success": { "type": "boolean", "description": "Whether the API call was successful." },
                "errors": { "$ref": "#/components/schemas/messages" },
                "messages": { "$ref": "#/components/schemas/messages" }
            }
        }),
    );
    schemas.insert(
        "messages".to_owned(),
        json!({
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "message"],
                "properties": { "code": { "type": "integer", "minimum": 1000 }, "message": { "type": "string" } }
            }
        }),
    );
    schemas.insert(
        "result_info".to_owned(),
        json!({
            "type": "object",
            "properties": {
                "page": { "type": "number", "description": "Current page within paginated list of results." },
                "per_page": { "type": "number" },
                "count": { "type": "number" },
                "total_count": { "type": "number", "description": "Total results available without any search parameters." }
            }
        }),
    );

    // Products' schemas: an identifier, an envelope, and entities with their inline parts.
    // Per product: an identifier, an envelope, property schemas that entities refer to (most
    // of Cloudflare's schemas are such small named pieces), and the entities themselves.
    // Each product also has a failure envelope and response envelopes for the entities its
    // operations return (two each, for the entities operations use).
    // Every entity an operation returns has its envelopes: a tag's paths take its entities in
    // turn, six operations each.
    let returned = size.operations.div_ceil(size.tags * 6).max(4);
    let per_tag = (size.schemas.saturating_sub(3) / size.tags).saturating_sub(1 + 2 * returned).max(6);
    let properties_per_tag = (per_tag - 2) * 2 / 5;
    let entities_per_tag = per_tag - 2 - properties_per_tag;
    let mut entities: Vec<Vec<String>> = vec![Vec::new(); size.tags];
    for (tag_index, entity_list) in entities.iter_mut().enumerate() {
        let prefix = slug(&tags[tag_index]);
        for entity_index in 0..entities_per_tag {
            let thing = THINGS[(tag_index * 7 + entity_index) % THINGS.len()];
            let mut name = format!("{prefix}_{thing}");
            if entity_index >= THINGS.len() || entity_list.contains(&name) {
                name = format!("{prefix}_{thing}-{entity_index}");
            }
            // Names that differ only by `-` and `_`, or by case, as in the real document.
            if rng.flaw(3) {
                name = name.replace('-', "_");
                if entity_list.contains(&name) {
                    name.push_str("_2");
                }
            }
            if rng.flaw(2) {
                name = name.to_uppercase();
            }
            entity_list.push(name);
        }
    }
    for (tag_index, entity_list) in entities.iter().enumerate() {
        let prefix = slug(&tags[tag_index]);
        schemas.insert(format!("{prefix}_identifier"), json!({"type": "string", "maxLength": 32, "description": "Identifier.", "example": "023e105f4ecef8ad9ca31a8372d0c353"}));
        schemas.insert(
            format!("{prefix}_api-response-single"),
            json!({"allOf": [{"$ref": "#/components/schemas/api-response-common"}, {"type": "object", "properties": {"result": {"type": "object", "nullable": true}}}]}),
        );
        schemas.insert(
            format!("{prefix}_api-response-common-failure"),
            json!({"allOf": [{"$ref": "#/components/schemas/api-response-common"}, {"type": "object", "properties": {"result": {"type": "object", "nullable": true}}}]}),
        );
        for entity in entity_list.iter().take(returned) {
            schemas.insert(
                format!("{entity}_response_single"),
                json!({"allOf": [
                    {"$ref": format!("#/components/schemas/{prefix}_api-response-single")},
                    {"type": "object", "properties": {"result": {"$ref": format!("#/components/schemas/{entity}")}}}
                ]}),
            );
            schemas.insert(
                format!("{entity}_response_collection"),
                json!({"allOf": [
                    {"$ref": format!("#/components/schemas/{prefix}_api-response-single")},
                    {"type": "object", "properties": {
                        "result": {"type": "array", "items": {"$ref": format!("#/components/schemas/{entity}")}},
                        "result_info": {"$ref": "#/components/schemas/result_info"}
                    }}
                ]}),
            );
        }
        let mut pieces = Vec::new();
        for piece_index in 0..properties_per_tag {
            // `identifier` is taken by the product's identifier schema.
            let word = WORDS[1 + piece_index % (WORDS.len() - 1)];
            let name = if piece_index < WORDS.len() {
                format!("{prefix}_{word}")
            } else {
                format!("{prefix}_{word}_{piece_index}")
            };
            schemas.insert(name.clone(), property(&mut rng, &prefix, &[], 2));
            pieces.push(name);
        }
        for (entity_index, name) in entity_list.iter().enumerate() {
            // Each entity refers to the next, so that the operations on the first ones reach
            // all of them, as the real document's schemas are reached from its operations.
            let next = entity_list.get(entity_index + 1);
            let schema = entity_schema(&mut rng, &prefix, &entity_list[..entity_index], next, &pieces, size);
            schemas.insert(name.clone(), schema);
        }
    }

    // Payloads no operation uses, spread over the products.
    schemas.insert(
        "event-sender".to_owned(),
        json!({"type": "object", "required": ["id", "login"], "properties": {
            "id": {"type": "integer"}, "login": {"type": "string"}, "url": {"type": "string", "format": "uri"}
        }}),
    );
    for index in 0..size.events {
        let tag_index = index % size.tags;
        let prefix = slug(&tags[tag_index]);
        let thing = THINGS[(index / size.tags) % THINGS.len()];
        let schema = event_schema(&mut rng, &prefix, &entities[tag_index]);
        schemas.insert(format!("{prefix}_{thing}-event-{index}"), schema);
    }

    let mut paths = Map::new();
    let mut operations = 0;
    let mut tag_index = 0;
    while operations < size.operations {
        let tag = &tags[tag_index % size.tags];
        let prefix = slug(tag);
        let entity_list = &entities[tag_index % size.tags];
        let entity = &entity_list[(tag_index / size.tags) % entity_list.len().max(1)];
        let plural = format!("{}s", entity.rsplit('_').next().unwrap_or("item").to_lowercase());
        let scope = if rng.chance(50) { "accounts/{account_id}" } else { "zones/{zone_id}" };
        let base = format!("/{scope}/{}/{plural}{}", prefix.replace('_', "/"), tag_index / size.tags);
        let mut id_param = format!("{}_id", plural.trim_end_matches('s'));
        if id_param == "zone_id" || id_param == "account_id" {
            id_param = format!("{}_item_id", plural.trim_end_matches('s'));
        }
        let item_path = format!("{base}/{{{id_param}}}");
        let mut collection = Map::new();
        let mut item = Map::new();
        for (method, on_item) in
            [("get", false), ("post", false), ("get", true), ("put", true), ("patch", true), ("delete", true)]
        {
            if operations >= size.operations {
                break;
            }
            let target = if on_item { &mut item } else { &mut collection };
            let operation = operation(&mut rng, method, on_item, tag, &prefix, entity, operations);
            target.insert(method.to_owned(), operation);
            operations += 1;
        }
        let scope_param = if scope.starts_with("accounts") { "account_id" } else { "zone_id" };
        let scope_ref = json!([{"$ref": format!("#/components/parameters/{scope_param}")}]);
        collection.insert("parameters".to_owned(), scope_ref.clone());
        paths.insert(base, Value::Object(collection));
        if !item.is_empty() {
            let mut item_parameters = scope_ref.as_array().cloned().unwrap_or_default();
            // A placeholder whose name differs from the declared parameter, now and then.
            let declared = if rng.flaw(2) { format!("{id_param}entifier") } else { id_param.clone() };
            item_parameters.push(json!({"name": declared, "in": "path", "required": true, "schema": {"$ref": format!("#/components/schemas/{prefix}_identifier")}}));
            item.insert("parameters".to_owned(), Value::Array(item_parameters));
            paths.insert(item_path, Value::Object(item));
        }
        tag_index += 1;
    }

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Cloudflare API (synthetic)",
            "version": "4.0.0",
            "description": "A synthetic document of the size and shape of Cloudflare's whole API."
        },
        "servers": [{ "url": "https://api.cloudflare.com/client/v4" }],
        "security": [{ "api_token": [] }, { "api_email": [], "api_key": [] }],
        "tags": tags.iter().map(|tag| json!({"name": tag, "description": format!("Operations of {tag}.")})).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "securitySchemes": {
                "api_token": { "type": "http", "scheme": "bearer" },
                "api_email": { "type": "apiKey", "in": "header", "name": "X-Auth-Email" },
                "api_key": { "type": "apiKey", "in": "header", "name": "X-Auth-Key" }
            },
            "parameters": {
                "account_id": { "name": "account_id", "in": "path", "required": true, "schema": { "type": "string", "maxLength": 32 } },
                "zone_id": { "name": "zone_id", "in": "path", "required": true, "schema": { "type": "string", "maxLength": 32 } }
            },
            "schemas": schemas
        }
    })
}

fn title(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(tag: &str) -> String {
    tag.to_lowercase()
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn description(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "Identifier of the resource. See [the docs](https://developers.cloudflare.com/api/) or https://example.com/path.".to_owned(),
        1 => "The expression, for example `http.request.uri.path eq \"/login\"`. Use <code>and</code> to join.".to_owned(),
        2 => "A value.\n\n    curl -X GET \"https://api.cloudflare.com/client/v4/zones\"\n\nThen read [result].".to_owned(),
        3 => "Ends in a backslash: C:\\\\path\\".to_owned(),
        4 => "```\nlet x = 1;\n```\nA <b>bold</b> claim with */ comment closers /* inside.".to_owned(),
        _ => format!("The {} of the resource.", rng.pick(WORDS).replace('_', " ")),
    }
}

fn property(rng: &mut Rng, prefix: &str, siblings: &[String], depth: usize) -> Value {
    let mut schema = match rng.below(24) {
        0..=5 => json!({"type": "string"}),
        6 => json!({"type": "string", "format": "date-time", "readOnly": true}),
        7 => json!({"type": "string", "format": "uuid"}),
        8 => json!({"type": "string", "format": "uri"}),
        9 => json!({"type": "string", "format": "email"}),
        10 => json!({"type": "integer", "default": 0}),
        11 => json!({"type": "number"}),
        12 => json!({"type": "boolean", "default": false}),
        13 => json!({"type": "string", "enum": ["active", "pending", "disabled", "deleted"]}),
        14 => json!({"type": "string", "enum": ["==", "!=", ">=", "<=", "contains", "not contains"]}),
        15 if rng.flaw(100) => json!({"enum": ["auto", false, null]}),
        16 if rng.flaw(100) => json!({"type": "string", "enum": [null]}),
        17 => json!({"type": "array", "items": {"type": "string"}}),
        18 => json!({"type": "object", "additionalProperties": {"type": "string"}}),
        19 => json!({"$ref": format!("#/components/schemas/{prefix}_identifier")}),
        20 if !siblings.is_empty() => {
            json!({"$ref": format!("#/components/schemas/{}", siblings[rng.below(siblings.len())])})
        }
        21 if depth < 2 => {
            let mut properties = Map::new();
            for _ in 0..2 + rng.below(4) {
                properties.insert(rng.pick(WORDS).to_owned(), property(rng, prefix, siblings, depth + 1));
            }
            json!({"type": "object", "properties": properties})
        }
        22 if depth < 2 => {
            let mut properties = Map::new();
            for _ in 0..2 + rng.below(3) {
                properties.insert(rng.pick(WORDS).to_owned(), property(rng, prefix, siblings, depth + 1));
            }
            json!({"type": "array", "items": {"type": "object", "properties": properties}})
        }
        23 if rng.flaw(100) => json!({"anyOf": [{"type": "string"}, {"type": "number"}], "default": true}),
        _ if rng.flaw(100) => json!({"type": "strin"}),
        _ => json!({"type": "string", "maxLength": 64}),
    };
    if rng.chance(60) {
        schema["description"] = json!(description(rng));
    }
    if rng.chance(10) {
        schema["nullable"] = json!(true);
    }
    if rng.chance(2) {
        schema["deprecated"] = json!(true);
    }
    schema
}

fn entity_schema(
    rng: &mut Rng,
    prefix: &str,
    siblings: &[String],
    next: Option<&String>,
    pieces: &[String],
    size: Size,
) -> Value {
    let mut properties = Map::new();
    properties.insert("id".to_owned(), json!({"$ref": format!("#/components/schemas/{prefix}_identifier")}));
    if let Some(next) = next {
        properties.insert(
            "related".to_owned(),
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{next}")}}),
        );
    }
    for _ in 0..size.entity_properties / 2 + rng.below(size.entity_properties + 1) {
        let name = rng.pick(WORDS).to_owned();
        // Most properties refer to the product's named pieces, as in Cloudflare's document.
        let schema = if rng.chance(70) && !pieces.is_empty() {
            json!({"$ref": format!("#/components/schemas/{}", pieces[rng.below(pieces.len())])})
        } else {
            property(rng, prefix, siblings, 0)
        };
        properties.insert(name, schema);
    }
    let required: Vec<&String> = properties.keys().take(2).collect();
    let object =
        json!({"type": "object", "description": description(rng), "required": required, "properties": properties});
    match rng.below(12) {
        0 if !siblings.is_empty() => json!({
            "allOf": [{"$ref": format!("#/components/schemas/{}", siblings[rng.below(siblings.len())])}, object]
        }),
        1 if !siblings.is_empty() => json!({
            "oneOf": [object, {"$ref": format!("#/components/schemas/{}", siblings[rng.below(siblings.len())])}]
        }),
        // No draw at all without unions, so that a document without them stays as it was.
        _ if size.unions > 0 && rng.chance(size.unions) => {
            if rng.chance(25) {
                json!({"oneOf": [object, {"type": "array", "items": {"type": "string"}}]})
            } else {
                // An object that is also one of two shapes: a struct with a flattened union.
                json!({"allOf": [object, {"oneOf": [
                    {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "weight": {"type": "integer"}}},
                    {"type": "object", "required": ["mode"], "properties": {"mode": {"type": "string"}, "ratio": {"type": "number"}}}
                ]}]})
            }
        }
        _ => object,
    }
}

/// A request body written inline: a few of the settable properties, some of them objects.
fn inline_body(rng: &mut Rng, prefix: &str) -> Value {
    let mut properties = Map::new();
    for _ in 0..3 + rng.below(6) {
        properties.insert(rng.pick(WORDS).to_owned(), property(rng, prefix, &[], 1));
    }
    if rng.chance(50) {
        properties.insert("settings".to_owned(), nested_object(rng, prefix, 1));
    }
    let required: Vec<&String> = properties.keys().take(1).collect();
    json!({"type": "object", "required": required, "properties": properties})
}

/// An inline object of several properties, itself holding inline objects down to `depth` 3.
fn nested_object(rng: &mut Rng, prefix: &str, depth: usize) -> Value {
    let mut properties = Map::new();
    for _ in 0..2 + rng.below(5) {
        let name = rng.pick(WORDS).to_owned();
        let schema = match rng.below(10) {
            0 if depth < 3 => nested_object(rng, prefix, depth + 1),
            1 if depth < 3 => json!({"type": "array", "items": nested_object(rng, prefix, depth + 1)}),
            _ => property(rng, prefix, &[], 2),
        };
        properties.insert(name, schema);
    }
    let mut object = json!({"type": "object", "properties": properties});
    if rng.chance(40) {
        object["description"] = json!(description(rng));
    }
    object
}

/// A payload no operation uses (a webhook's or an event's): who sent it, what happened, the
/// objects it is about, and one large object written inline, as GitHub's webhook payloads are.
fn event_schema(rng: &mut Rng, prefix: &str, entities: &[String]) -> Value {
    let mut properties = Map::new();
    properties
        .insert("action".to_owned(), json!({"type": "string", "enum": ["created", "updated", "deleted", "archived"]}));
    properties.insert("sender".to_owned(), json!({"$ref": "#/components/schemas/event-sender"}));
    if !entities.is_empty() {
        let entity = &entities[rng.below(entities.len())];
        properties.insert(rng.pick(THINGS).to_owned(), json!({"$ref": format!("#/components/schemas/{entity}")}));
    }
    properties.insert(rng.pick(THINGS).to_owned(), payload_object(rng, prefix, 1));
    for _ in 0..rng.below(5) {
        properties.insert(rng.pick(WORDS).to_owned(), property(rng, prefix, &[], 2));
    }
    json!({"type": "object", "required": ["action", "sender"], "properties": properties})
}

/// An object of a webhook's payload: many properties (GitHub's average a dozen), timestamps,
/// closed lists of values, now and then a union, and objects of the same kind inside.
fn payload_object(rng: &mut Rng, prefix: &str, depth: usize) -> Value {
    let mut properties = Map::new();
    for index in 0..PAYLOAD_MIN + rng.below(PAYLOAD_SPREAD) {
        let name = format!("{}_{index}", rng.pick(WORDS));
        let schema = match rng.below(100) {
            0..=6 => {
                let values: Vec<String> =
                    (0..2 + rng.below(6)).map(|value| format!("{}_{value}", rng.pick(WORDS))).collect();
                json!({"type": "string", "enum": values, "nullable": rng.chance(30)})
            }
            7..=9 => json!({"type": "string", "format": "date-time", "nullable": rng.chance(50)}),
            10 => json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}),
            11..=12 if depth < 3 => payload_object(rng, prefix, depth + 1),
            13 if depth < 3 => json!({"type": "array", "items": payload_object(rng, prefix, depth + 1)}),
            15..=40 => json!({"type": "string", "nullable": rng.chance(50)}),
            41..=50 => json!({"type": "integer"}),
            51..=58 => json!({"type": "boolean"}),
            59..=64 => json!({"type": "string", "format": "uri"}),
            _ => property(rng, prefix, &[], 2),
        };
        properties.insert(name, schema);
    }
    let required: Vec<&String> = properties.keys().take(properties.len() / 2).collect();
    json!({"type": "object", "required": required, "properties": properties})
}

/// How many properties an object of a webhook's payload has: at least the first, fewer than
/// both summed.
const PAYLOAD_MIN: usize = 10;
const PAYLOAD_SPREAD: usize = 22;

fn operation(rng: &mut Rng, method: &str, on_item: bool, tag: &str, prefix: &str, entity: &str, index: usize) -> Value {
    let verb = match (method, on_item) {
        ("get", false) => "list",
        ("post", _) => "create",
        ("get", true) => "get",
        ("put", _) => "update",
        ("patch", _) => "edit",
        _ => "delete",
    };
    let entity_ref = json!({"$ref": format!("#/components/schemas/{entity}")});
    // As in Cloudflare's document, answers are named envelopes around the entity.
    let envelope = if verb == "list" { "collection" } else { "single" };
    let mut success = json!({
        "description": format!("{} response.", title(verb)),
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{entity}_response_{envelope}")}}}
    });
    if rng.flaw(2) {
        // An example and no schema.
        success["content"]["application/json"] = json!({"example": {"success": true, "result": {}}});
    }
    let mut operation = json!({
        "tags": [tag],
        "summary": format!("{} {}", title(verb), entity.rsplit('_').next().unwrap_or(entity)),
        "description": description(rng),
        "operationId": format!("{prefix}-{verb}-{entity}-{index}"),
        "responses": {
            "200": success,
            "4XX": {"description": format!("{} response failure.", title(verb)), "content": {"application/json": {"schema": {
                "allOf": [{"$ref": format!("#/components/schemas/{prefix}_api-response-common-failure")}]
            }}}}
        },
        "security": [{"api_token": []}]
    });
    if rng.flaw(3) {
        operation.as_object_mut().map(|object| object.remove("operationId"));
    }
    if verb == "list" {
        operation["parameters"] = json!([
            {"name": "page", "in": "query", "schema": {"type": "number", "default": 1, "minimum": 1}},
            {"name": "per_page", "in": "query", "schema": {"type": "number", "default": 20, "maximum": 1000}},
            {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["name", "created_on"]}},
            {"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}}
        ]);
    }
    if matches!(verb, "create" | "update" | "edit") {
        // Most bodies are written inline, as GitHub's and Cloudflare's are: an object of the
        // entity's settable properties, some nested.
        let schema = if rng.chance(70) { inline_body(rng, prefix) } else { entity_ref };
        let mut content = json!({"application/json": {"schema": schema}});
        match rng.below(30) {
            0 if rng.flaw(100) => content = json!({"application/json": {}}),
            1 if rng.flaw(100) => {
                content["multipart/form-data"] = json!({"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}})
            }
            _ => {}
        }
        operation["requestBody"] = json!({"required": true, "content": content});
    }
    operation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_requested_size_and_is_deterministic() {
        let size =
            Size { operations: 300, schemas: 600, tags: 15, events: 30, flaws: 1000, entity_properties: 8, unions: 0 };
        let document = document(size, 7);
        let operations: usize = document["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().keys().filter(|key| *key != "parameters").count())
            .sum();
        assert_eq!(operations, 300);
        let schemas = document["components"]["schemas"].as_object().unwrap().len();
        assert!((550..=650).contains(&schemas), "{schemas} schemas");
        assert_eq!(document, super::document(size, 7));
    }
}

#[cfg(test)]
mod scale {
    use std::time::Instant;

    use super::*;

    /// Generates a crate from a document of Cloudflare's whole-API size and checks that it
    /// compiles without a warning, with every feature, with none and with one alone. The figures (time, memory) are the benchmark's business;
    /// this only asserts that it works.
    #[test]
    fn a_document_of_cloudflares_size_generates_a_crate_that_compiles_without_warnings() {
        let root = crate::workspace_root();
        let document = serde_json::to_vec(&document(Size::CLOUDFLARE, 1)).unwrap();
        let dir = root.join("target/scale-test/crate");
        let started = Instant::now();
        let generated = write_crate(&document, &dir).unwrap_or_else(|error| panic!("{error}"));
        eprintln!(
            "generated {} files in {:?}, {} warnings",
            generated.files.len(),
            started.elapsed(),
            generated.warnings.len()
        );
        assert_eq!(generated.api.operations.len(), Size::CLOUDFLARE.operations);

        // Every feature (the default), no feature, and one product's feature alone, as a
        // service that wants one product builds it.
        let api = &generated.api;
        let feature = api.groups[api.operations[0].group].module.trim_start_matches("r#").to_owned();
        let one_feature = format!("--features={feature}");
        for flags in [&[][..], &["--no-default-features"], &["--no-default-features", one_feature.as_str()]] {
            let output = crate::cargo()
                .current_dir(&dir)
                .args(["check", "--quiet", "--message-format=short"])
                .args(flags)
                .env("CARGO_TARGET_DIR", root.join("target/scale-test/target"))
                // As a dependency is built: not incrementally.
                .env("CARGO_INCREMENTAL", "0")
                .env("RUSTFLAGS", "-D warnings")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success(),
                "the crate does not compile with {flags:?}:\n{}",
                stderr.lines().take(60).collect::<Vec<_>>().join("\n")
            );
            assert!(!stderr.contains("warning"), "{flags:?}: {stderr}");
        }
        eprintln!("cargo check took {:?} in all", started.elapsed());
    }
}
