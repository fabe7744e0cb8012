//! Lowering on its own: small documents in, assertions on the model (`ir::Api`) out. The
//! snapshots show what the generated crate looks like; these say which decision made it so.

use codegen::ir::{Api, BodyKind, Field, FieldShape, Operation, ParamLocation, Struct, TypeDef, TypeKind, TypeRef};

/// Lowers a document written as YAML, with the boilerplate every document needs around
/// `paths` and `components`, which are given indented by two spaces.
fn lower(paths: &str, components: &str) -> Api {
    let document = format!(
        "openapi: 3.0.3\ninfo:\n  title: Test\n  version: '1'\npaths:\n{paths}\ncomponents:\n  schemas:\n{components}"
    );
    match codegen::lower("test.yaml", document.as_bytes()) {
        Ok((api, _warnings)) => api,
        Err(failure) => panic!("the document lowers:\n{failure}\n{document}"),
    }
}

fn lower_failing(document: &str) -> codegen::Failure {
    match codegen::lower("test.yaml", document.as_bytes()) {
        Ok(_) => panic!("the document should not lower:\n{document}"),
        Err(failure) => failure,
    }
}

/// The name of the type a use's handle designates, checked against the name it spells.
fn designated<'a>(api: &'a Api, ty: &TypeRef) -> &'a str {
    let named = ty.named().expect("a named type");
    let definition = api.get(named.id);
    assert_eq!(definition.name, named.name, "the handle and the spelled name disagree");
    &definition.name
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let names: Vec<&str> = api.types.iter().map(|definition| definition.name.as_str()).collect();
    api.types.iter().find(|definition| definition.name == name).unwrap_or_else(|| panic!("no `{name}` in {names:?}"))
}

fn struct_named<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &type_named(api, name).kind {
        TypeKind::Struct(body) => body,
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

fn field<'a>(body: &'a Struct, wire: &str) -> &'a Field {
    body.fields.iter().find(|field| field.name == wire).unwrap_or_else(|| panic!("no field `{wire}`"))
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|operation| operation.id == id).unwrap_or_else(|| panic!("no operation `{id}`"))
}

/// One operation that answers with `schema`, so that the type is read.
fn answering(schema: &str) -> String {
    format!(
        "  /thing:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/{schema}'"
    )
}

#[test]
fn required_and_nullable_give_the_four_field_shapes() {
    let api = lower(
        &answering("Thing"),
        "    Thing:
      type: object
      required: [plain, nullable]
      properties:
        plain: {type: string}
        nullable: {type: string, nullable: true}
        optional: {type: integer, format: int32}
        optional_nullable: {type: number, nullable: true}",
    );
    let thing = struct_named(&api, "Thing");
    let shape = |wire: &str| field(thing, wire).shape();
    assert_eq!(shape("plain"), FieldShape::Plain);
    assert_eq!(shape("nullable"), FieldShape::Nullable);
    assert_eq!(shape("optional"), FieldShape::Optional);
    assert_eq!(shape("optional_nullable"), FieldShape::OptionalNullable);
    assert_eq!(field(thing, "optional").ty, TypeRef::I32);
    assert_eq!(field(thing, "optional_nullable").ty, TypeRef::F64);
}

#[test]
fn a_read_only_required_field_gets_an_input_twin_for_requests() {
    let api = lower(
        "  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}",
        "    Thing:
      type: object
      required: [id, name]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}",
    );
    // Responses read `Thing`, where the server always sets `id`.
    assert!(field(struct_named(&api, "Thing"), "id").required);
    // Requests send `ThingInput`, where `id` is the server's to set.
    let input = struct_named(&api, "ThingInput");
    assert!(!field(input, "id").required);
    assert!(field(input, "name").required);
    let create = operation(&api, "createThing");
    let body = create.body.as_ref().expect("a body");
    let BodyKind::Json(body) = &body.first().kind else { panic!("a JSON body") };
    assert_eq!(designated(&api, body), "ThingInput");
    assert_eq!(
        designated(&api, create.responses[0].body.as_ref().and_then(|body| body.json_type()).expect("a body")),
        "Thing"
    );
}

#[test]
fn a_type_only_read_needs_no_twin() {
    let api = lower(
        &answering("Thing"),
        "    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string, readOnly: true}",
    );
    assert!(field(struct_named(&api, "Thing"), "id").required);
    assert!(api.types.iter().all(|definition| definition.name != "ThingInput"));
}

#[test]
fn a_field_that_holds_its_own_struct_is_boxed_and_a_list_of_it_is_not() {
    let api = lower(
        &answering("Node"),
        "    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
        label: {type: string}",
    );
    let node = struct_named(&api, "Node");
    assert!(field(node, "next").boxed, "a `Node` inside a `Node` would have infinite size");
    assert!(!field(node, "children").boxed, "a `Vec` already adds the indirection");
    assert!(!field(node, "label").boxed);
    let children = &field(node, "children").ty;
    assert!(matches!(children, TypeRef::List(inner) if matches!(**inner, TypeRef::Named(_))), "{children:?}");
    assert_eq!(designated(&api, children), "Node");
}

#[test]
fn positional_params_are_the_path_in_order_then_required_query_and_headers_by_name() {
    let api = lower(
        "  /orgs/{org}/items/{item}:
    get:
      operationId: getItem
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: item, in: path, required: true, schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
        - {name: fields, in: query, required: true, schema: {type: string}}
        - {name: org, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        '204': {description: done}",
        "    Unused: {type: string}",
    );
    let get = operation(&api, "getItem");
    let positional: Vec<&str> = get.positional_params().iter().map(|param| param.rust_name.as_str()).collect();
    // The path's in its order; the others by name, whatever order the document lists them in.
    assert_eq!(positional, ["org", "item", "fields", "x_trace"]);
    let org = get.params.iter().find(|param| param.name == "org").expect("org");
    assert_eq!((org.location, org.ty.clone()), (ParamLocation::Path, TypeRef::Uuid));
    let page = get.params.iter().find(|param| param.name == "page").expect("page");
    assert!(!page.required, "an optional query parameter is a setter, not an argument");
}

#[test]
fn hostile_names_become_distinct_valid_identifiers() {
    let api = lower(
        &answering("String"),
        "    String:
      type: object
      properties:
        type: {type: string}
        Type: {type: string}
        9lives: {type: string}
        'a-b': {type: string}
        'a b': {type: string}
        '': {type: string}
        'naïve': {type: string}",
    );
    // `String` is the prelude's, which generated code writes bare.
    let body = struct_named(&api, "String2");
    let names: Vec<&str> = body.fields.iter().map(|field| field.rust_name.as_str()).collect();
    let unique: std::collections::BTreeSet<String> = names.iter().map(|name| name.to_ascii_lowercase()).collect();
    assert_eq!(unique.len(), names.len(), "names collide: {names:?}");
    for name in &names {
        let plain = name.strip_prefix("r#").unwrap_or(name);
        assert!(
            plain.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
                && !plain.starts_with(|ch: char| ch.is_ascii_digit())
                // A leading `_` only where a digit would otherwise start the name.
                && (!plain.starts_with('_') || plain[1..].starts_with(|ch: char| ch.is_ascii_digit()))
                && !plain.contains("__")
                && !plain.ends_with('_')
                && !plain.is_empty(),
            "`{name}` is not a lint-clean snake-case identifier"
        );
    }
    assert_eq!(field(body, "type").rust_name, "r#type");
    assert_eq!(field(body, "naïve").rust_name, "naive");
    assert_eq!(field(body, "a-b").rust_name, "a_b");
    assert_eq!(field(body, "9lives").rust_name, "_9lives");
}

#[test]
fn every_unresolved_reference_is_reported_with_its_place() {
    let failure = lower_failing(
        "openapi: 3.0.3
info: {title: Test, version: '1'}
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        first: {$ref: '#/components/schemas/Missing'}
        second: {$ref: '#/components/schemas/AlsoMissing'}
",
    );
    let errors: Vec<(&str, &str)> =
        failure.errors().map(|error| (error.location.path.as_str(), error.message.as_str())).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].0, "components.schemas.Thing.properties.first.$ref");
    assert!(errors[0].1.contains("`#/components/schemas/Missing`"), "{errors:#?}");
    assert_eq!(errors[1].0, "components.schemas.Thing.properties.second.$ref");
    // The position pass adds where the text says so.
    assert!(failure.errors().all(|error| error.location.line.is_some()));
}

/// Every use of a named type, in every fixture, holds the handle of the very type it names:
/// emitters spell the name, and every pass after lowering finds the type by the handle.
#[test]
fn every_handle_designates_the_type_it_names() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let Ok((mut api, _)) = codegen::lower(&path.display().to_string(), &bytes) else { continue };
        let names: Vec<String> = api.types.iter().map(|definition| definition.name.clone()).collect();
        let mut check = |ty: &mut TypeRef| {
            if let Some(named) = ty.named() {
                assert_eq!(names[named.id.0], named.name, "{}", path.display());
                checked += 1;
            }
        };
        for definition in &mut api.types {
            definition.kind.type_refs_mut().into_iter().for_each(&mut check);
        }
        for operation in &mut api.operations {
            operation.type_refs_mut().into_iter().for_each(&mut check);
        }
    }
    assert!(checked > 100, "only {checked} uses checked");
}

#[test]
fn a_placeholder_written_twice_is_one_argument_filled_in_twice() {
    let document = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/repeated_placeholder.yaml"))
        .expect("fixture readable");
    let (api, warnings) = codegen::lower("repeated_placeholder.yaml", &document).expect("lowers");
    for (id, declared) in [("addAccountMembership", true), ("getZoneCopy", false)] {
        let operation = operation(&api, id);
        let first =
            operation.params.iter().position(|param| param.location == ParamLocation::Path).expect("a path param");
        let arguments: Vec<&str> = operation.positional_params().iter().map(|param| param.name.as_str()).collect();
        let filled: Vec<usize> = operation
            .segments
            .iter()
            .filter_map(|segment| match segment {
                codegen::ir::PathSegment::Param(index) => Some(*index),
                codegen::ir::PathSegment::Literal(_) => None,
            })
            .collect();
        if declared {
            assert_eq!(arguments, ["account_id", "address_map_id"], "{id}");
            assert_eq!(filled.len(), 3, "{id}");
        } else {
            assert_eq!(arguments, ["zone_id"], "{id}");
            assert_eq!(filled, [first, first], "{id}: both places filled from the one parameter");
        }
        assert_eq!(filled[0], filled[filled.len() - 1], "{id}: the first and last placeholder are one parameter");
    }
    // The undeclared one is warned about once, not once per place.
    assert_eq!(warnings.iter().filter(|warning| warning.kind == "undeclared path parameter").count(), 1);
}

/// Lowers an OpenAPI 3.1 document, returning the model and its warnings as `kind at path:line`.
fn lower_3_1(document: &str) -> (Api, Vec<String>) {
    match codegen::lower("test.yaml", document.as_bytes()) {
        Ok((api, warnings)) => {
            let warnings = warnings
                .iter()
                .map(|warning| {
                    format!("{} at {}:{}", warning.kind, warning.location.path, warning.location.line.unwrap_or(0))
                })
                .collect();
            (api, warnings)
        }
        Err(failure) => panic!("the document lowers:\n{failure}\n{document}"),
    }
}

#[test]
fn openapi_3_1_type_lists_give_the_shapes_3_0_nullable_gives_and_several_types_a_union() {
    let (api, warnings) = lower_3_1(
        "openapi: 3.1.0
info: {title: Test, version: '1'}
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [plain, nullable]
      properties:
        plain: {type: string}
        nullable: {type: [string, 'null']}
        optional_nullable: {type: [integer, 'null'], format: int32}
        either: {type: [integer, string]}
        constant: {const: 3}",
    );
    assert!(warnings.is_empty() || warnings.iter().all(|w| w.starts_with("no security declared")), "{warnings:?}");
    let thing = struct_named(&api, "Thing");
    let shape = |wire: &str| field(thing, wire).shape();
    assert_eq!(shape("plain"), FieldShape::Plain);
    assert_eq!(shape("nullable"), FieldShape::Nullable);
    assert_eq!(shape("optional_nullable"), FieldShape::OptionalNullable);
    assert_eq!(field(thing, "optional_nullable").ty, TypeRef::I32);
    let either = designated(&api, &field(thing, "either").ty);
    match &type_named(&api, either).kind {
        TypeKind::Union(union) => {
            let variants: Vec<(&str, &TypeRef)> =
                union.variants.iter().map(|variant| (variant.rust_name.as_str(), &variant.ty)).collect();
            assert_eq!(variants, [("Integer", &TypeRef::I64), ("String", &TypeRef::String)]);
        }
        other => panic!("`{either}` is not a union: {other:?}"),
    }
    // `const: 3` is a one-value enum of integers, typed as the integer.
    assert_eq!(field(thing, "constant").ty, TypeRef::I64);
}

#[test]
fn openapi_3_1_shared_path_items_are_operations_and_webhook_payloads_unreferenced_types() {
    let (api, warnings) = lower_3_1(
        "openapi: 3.1.0
info: {title: Test, version: '1'}
paths:
  /pets:
    $ref: '#/components/pathItems/Pets'
webhooks:
  pet.created:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                id: {type: integer}
components:
  pathItems:
    Pets:
      get:
        operationId: listPets
        responses:
          '200':
            description: ok",
    );
    let list = operation(&api, "listPets");
    assert_eq!(list.path, "/pets");
    assert_eq!(api.operations.len(), 1, "a webhook is not an operation");
    let payload = type_named(&api, "PetCreatedPayload");
    assert!(payload.needed_by.unreferenced && payload.needed_by.webhooks && payload.needed_by.groups.is_empty());
    assert_eq!(payload.origin, "webhooks.pet.created.post.requestBody.content.application/json.schema");
    let webhooks = api.webhooks.as_ref().expect("the webhooks are lowered");
    assert_eq!(webhooks.events.len(), 1);
    assert_eq!((webhooks.events[0].name.as_str(), webhooks.events[0].variant.as_str()), ("pet.created", "PetCreated"));
    assert!(!warnings.iter().any(|warning| warning.contains("webhook")), "{warnings:?}");
}

/// GitHub's form: 3.0's `x-webhooks`, the event named by a header and the body's `action`,
/// signed with HMAC-SHA256. Each webhook is told apart by the values its document fixes.
#[test]
fn x_webhooks_are_events_told_apart_by_header_and_body_values() {
    let (api, warnings) = lower_3_1(
        "openapi: 3.0.3
info: {title: Test, version: '1'}
paths: {}
x-webhook-event:
  - {in: header, name: X-GitHub-Event}
  - {in: body, name: action}
x-webhook-signature: {scheme: hmac-sha256, header: X-Hub-Signature-256, prefix: 'sha256=', delivery-id: X-GitHub-Delivery}
x-webhooks:
  issues-opened:
    post:
      operationId: issues/opened
      parameters:
        - {name: X-GitHub-Event, in: header, example: issues, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/issues-opened'}
  push:
    post:
      parameters:
        - {name: X-GitHub-Event, in: header, example: push, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {ref: {type: string}}}
components:
  schemas:
    issues-opened:
      type: object
      required: [action]
      properties:
        action: {type: string, enum: [opened]}",
    );
    assert!(warnings.is_empty(), "the headers declared are those the receiver reads: {warnings:?}");
    let webhooks = api.webhooks.as_ref().expect("the webhooks are lowered");
    let events: Vec<(&str, &str, Vec<Option<&str>>)> = webhooks
        .events
        .iter()
        .map(|event| {
            (event.name.as_str(), event.variant.as_str(), event.matches.iter().map(Option::as_deref).collect())
        })
        .collect();
    assert_eq!(
        events,
        vec![
            ("issues-opened", "IssuesOpened", vec![Some("issues"), Some("opened")]),
            ("push", "Push", vec![Some("push"), None]),
        ]
    );
    let signing = webhooks.signing.as_ref().expect("the signing is lowered");
    assert_eq!(
        signing.scheme,
        codegen::ir::SigningScheme::HmacSha256 { header: "x-hub-signature-256".into(), prefix: "sha256=".into() }
    );
    assert_eq!(signing.delivery_id.as_deref(), Some("X-GitHub-Delivery"));
    assert!(type_named(&api, "PushPayload").needed_by.webhooks);
}

/// A malformed declaration is an error at its place, never a receiver that verifies nothing.
#[test]
fn a_malformed_webhook_signature_is_an_error_naming_its_place() {
    let document = "openapi: 3.0.3
info: {title: Test, version: '1'}
paths: {}
x-webhook-signature: {scheme: rsa-sha512, header: sig}
x-webhooks:
  done:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
";
    let failure = codegen::lower("test.yaml", document.as_bytes()).expect_err("refused");
    let text = failure.to_string();
    assert!(text.contains("x-webhook-signature.scheme") && text.contains("`rsa-sha512`"), "{text}");
}

#[test]
fn openapi_3_1_findings_about_moved_parts_point_where_the_document_wrote_them() {
    let (_, warnings) = lower_3_1(
        "openapi: 3.1.0
info: {title: Test, version: '1'}
paths:
  /pets:
    $ref: '#/components/pathItems/Pets'
components:
  pathItems:
    Pets:
      get:
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Shelter'}
  schemas:
    Shelter:
      type: object
      properties:
        address: {$ref: '#/components/schemas/Shelter/$defs/Address'}
      $defs:
        Address:
          type: object
          properties:
            zip: {type: string, format: zip-code}
    Moved:
      type: object
      properties:
        split: {type: [string, integer], format: postcode}
        second: {oneOf: [false, {type: string, format: postcode}]}
        bound: {type: integer, exclusiveMinimum: -1e30}",
    );
    let places: Vec<&str> =
        warnings.iter().map(String::as_str).filter(|w| !w.starts_with("no security declared")).collect();
    assert_eq!(
        places,
        [
            // The bound 3.1 wrote as `exclusiveMinimum` is 3.0's `minimum`.
            "integer bound past 64 bits at components.schemas.Moved.properties.bound.exclusiveMinimum:31",
            "unknown format at components.schemas.Shelter.$defs.Address.properties.zip.format:25",
            // A type list's keywords go with their type, in a `oneOf` the text does not have.
            "unknown format at components.schemas.Moved.properties.split.format:29",
            // The alternative after a `false` one (left out) keeps its place.
            "unknown format at components.schemas.Moved.properties.second.oneOf[1].format:30",
            "operation without operationId at components.pathItems.Pets.get:9",
        ]
    );
}

#[test]
fn openapi_3_1_references_into_other_objects_and_copies_name_the_places_written() {
    let (api, warnings) = lower_3_1(
        "openapi: 3.1.0
info: {title: Test, version: '1'}
paths:
  /companies/{companyId}:
    parameters:
      - {name: companyId, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      operationId: getCompany
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/pathItems/Pets/get/responses/200/content/application~1json/schema/items'}
  /companies/{companyId}/connections:
    get:
      operationId: listConnections
      parameters:
        - $ref: '#/paths/~1companies~1%7BcompanyId%7D/parameters/0'
      responses:
        '204': {description: none}
  /health:
    get:
      responses:
        '204': {description: up}
  /v1/health:
    $ref: '#/paths/~1health'
  /subscriptions:
    post:
      operationId: subscribe
      responses:
        '201': {description: subscribed}
      callbacks:
        event: {$ref: '#/components/callbacks/Event'}
  /pets:
    $ref: '#/components/pathItems/Pets'
components:
  pathItems:
    Pets:
      get:
        operationId: listPets
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema:
                  type: array
                  items: {type: object, properties: {name: {type: [string, 'null']}}}
  callbacks:
    Event:
      '{$request.body#/url}':
        post:
          requestBody:
            content:
              application/json:
                schema: {type: object, properties: {count: {type: integer, maximum: 1e30}}}
          responses:
            '204': {description: received}",
    );
    // A path's parameter, referred to from another path, is one type of the same shape.
    let connections = operation(&api, "listConnections");
    assert_eq!(connections.params.len(), 1);
    assert_eq!(connections.params[0].name, "companyId");
    assert_eq!(operation(&api, "getCompany").params[0].ty, connections.params[0].ty);
    // A path item given by reference to another path is an operation of its own.
    let copied = api.operations.iter().find(|operation| operation.path == "/v1/health").expect("/v1/health");
    assert_eq!(copied.id, "get_v1_health");
    // A schema inside a shared path item's answer, pointed at from elsewhere, is one type,
    // defined where the document writes it.
    let item = type_named(&api, "ListPetsResponseItem");
    assert_eq!(item.origin, "components.pathItems.Pets.get.responses.200.content.application/json.schema.items");
    let places: Vec<&str> =
        warnings.iter().map(String::as_str).filter(|w| !w.starts_with("no security declared")).collect();
    assert_eq!(
        places,
        [
            // The shared callback is read where it is written and where it is copied: one place.
            "integer bound past 64 bits at components.callbacks.Event.{$request.body#/url}.post.requestBody.content.application/json.schema.properties.count.maximum:57",
            // Each derived name is told at its own path: the copy's is not the original's.
            "operation without operationId at paths./health.get:23",
            "operation without operationId at paths./v1/health.get:26",
        ]
    );
}

#[test]
fn an_all_of_part_that_only_annotates_leaves_the_other_part_s_type() {
    // AWS's documents describe each property as `allOf: [{$ref}, {description}]`.
    let api = lower(
        &answering("Input"),
        "    Name:\n      type: string\n      maxLength: 80\n    Input:\n      type: object\n      properties:\n        name:\n          allOf:\n            - $ref: '#/components/schemas/Name'\n            - description: The name to create.\n        tags:\n          allOf:\n            - $ref: '#/components/schemas/Input'\n            - description: Nested.\n",
    );
    let input = struct_named(&api, "Input");
    let name = field(input, "name");
    assert_eq!(name.ty, TypeRef::String, "not an empty struct that would send `{{}}`");
    assert_eq!(name.docs.description.as_deref(), Some("The name to create."));
    assert_eq!(designated(&api, &field(input, "tags").ty), "Input");
    assert!(api.types.iter().all(|definition| !definition.name.starts_with("InputName")));
}

#[test]
fn a_vendor_json_answer_is_asked_for_by_name() {
    let paths = "  /thing:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/vnd.example+json:\n              schema:\n                $ref: '#/components/schemas/Thing'\n  /plain:\n    get:\n      operationId: getPlain\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Thing'";
    let api = lower(paths, "    Thing:\n      type: object\n      properties:\n        id: { type: string }\n");
    assert_eq!(operation(&api, "getThing").accept.as_deref(), Some("application/vnd.example+json"));
    assert_eq!(operation(&api, "getPlain").accept, None, "the client's `Accept: application/json` is kept");
}

#[test]
fn a_no_content_answer_has_no_body_whatever_the_document_gives_it() {
    // AWS's documents give their 204 answers a JSON schema; HTTP sends no body with a 204.
    let paths = "  /job:\n    delete:\n      operationId: deleteJob\n      responses:\n        '204':\n          description: Deleted\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Thing'";
    let document = format!(
        "openapi: 3.0.3\ninfo:\n  title: Test\n  version: '1'\npaths:\n{paths}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: {{ type: string }}\n"
    );
    let (api, warnings) = codegen::lower("test.yaml", document.as_bytes()).expect("lowers");
    let delete = operation(&api, "deleteJob");
    assert_eq!(delete.output, codegen::ir::Output::Empty);
    assert_eq!(delete.responses[0].body, None);
    assert!(warnings.iter().any(|warning| warning.kind == "content on an answer without a body"));
}

#[test]
fn properties_beside_another_type_than_object_do_not_make_a_struct() {
    // `type: array` with `items` and, by mistake, `properties`: the value is a list.
    let api = lower(
        &answering("Message"),
        "    Message:\n      type: object\n      properties:\n        metadata:\n          type: array\n          items: { type: object }\n          properties:\n            schema: { type: string }\n",
    );
    let metadata = field(struct_named(&api, "Message"), "metadata");
    assert_eq!(metadata.ty, TypeRef::List(Box::new(TypeRef::JsonObject)));
}

#[test]
fn a_body_is_sent_as_application_json_before_wildcards_and_vendor_types() {
    // onsched.com lists `application/*+json` first, which is no content type to send.
    let paths = "  /appointments:\n    post:\n      operationId: book\n      requestBody:\n        content:\n          application/*+json:\n            schema: { $ref: '#/components/schemas/Thing' }\n          application/vnd.example+json:\n            schema: { $ref: '#/components/schemas/Thing' }\n          application/json:\n            schema: { $ref: '#/components/schemas/Thing' }\n      responses:\n        '204': { description: Booked }";
    let api = lower(paths, "    Thing:\n      type: object\n      properties:\n        id: { type: string }\n");
    let body = operation(&api, "book").body.as_ref().expect("a body");
    let media: Vec<&str> = body.contents.iter().map(|content| content.media_type.as_str()).collect();
    assert_eq!(media, ["application/json", "application/*+json", "application/vnd.example+json"]);
}

#[test]
fn types_carried_as_whole_json_bodies_get_their_directions_and_nested_ones_none() {
    // `Item` comes back as a list, `Input` goes out as a body and `Thing` both ways; `Inner` is
    // only ever inside another type, and `Form` goes out as a form, which is not JSON.
    let paths = "  /things:\n    get:\n      operationId: listThings\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: '#/components/schemas/Item'\n    post:\n      operationId: addThing\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Input'\n      responses:\n        '201':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Thing'\n    put:\n      operationId: putThing\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Thing'\n      responses:\n        '204':\n          description: ok\n    patch:\n      operationId: patchThing\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              $ref: '#/components/schemas/Form'\n      responses:\n        '204':\n          description: ok";
    let object =
        |extra: &str| format!("      type: object\n      properties:\n        name:\n          type: string{extra}");
    let inner = "\n        inner:\n          $ref: '#/components/schemas/Inner'";
    let components = format!(
        "    Item:\n{}\n    Input:\n{}\n    Thing:\n{}\n    Inner:\n{}\n    Form:\n{}",
        object(inner),
        object(""),
        object(inner),
        object(""),
        object("")
    );
    let api = lower(paths, &components);
    let json_body = |name: &str| {
        let body = type_named(&api, name).json_body;
        (body.decoded, body.encoded)
    };
    assert_eq!(json_body("Item"), (true, false), "a list's items are decoded whole, each");
    assert_eq!(json_body("Input"), (false, true));
    assert_eq!(json_body("Thing"), (true, true));
    assert_eq!(json_body("Inner"), (false, false), "a nested type is compiled with the type that holds it");
    assert_eq!(json_body("Form"), (false, false), "a form body is not JSON");
}
