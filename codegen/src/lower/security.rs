//! Security: the document's schemes, and the combinations of them each operation accepts.
//!
//! Every scheme the client can send is kept (HTTP bearer and basic, API keys in a header,
//! query or cookie; OAuth 2 and OpenID Connect as the bearer tokens they end in). A document
//! that declares no security at all still gets a way to send a token: its operations take an
//! optional bearer token, and a warning says so, so that a token given to the client is never
//! silently dropped.

use std::collections::HashMap;

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement};

use super::Lowerer;
use crate::ir::{Docs, KeyLocation, Operation, SchemeKind, SecurityScheme};
use crate::position;

/// The scheme a document without any security gets.
pub const IMPLICIT_SCHEME: &str = "token";

/// The document's schemes, by name, with their index in `Api::security_schemes`.
#[derive(Default)]
pub(super) struct Schemes {
    pub list: Vec<SecurityScheme>,
    by_name: HashMap<String, usize>,
}

impl<'a> Lowerer<'a> {
    /// `components.securitySchemes`, in document order; schemes the client cannot send are
    /// warned about and left out (an operation that accepts only those then takes none).
    pub(super) fn lower_security_schemes(&mut self) -> Schemes {
        let mut schemes = Schemes::default();
        let Some(components) = &self.document.components else { return schemes };
        for (name, scheme) in &components.security_schemes {
            let path = position::key("components.securitySchemes", name);
            let scheme = match scheme {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { reference } => {
                    let target = crate::pointers::component_name(reference, "securitySchemes");
                    match target.and_then(|target| components.security_schemes.get(&target)) {
                        Some(ReferenceOr::Item(scheme)) => scheme,
                        _ => {
                            self.sink.warning(
                                "security scheme not sent",
                                position::key(&path, "$ref"),
                                format!("security scheme `{name}` refers to `{reference}`, which is not a scheme; the client cannot send it"),
                                "write the scheme inline under `components.securitySchemes`",
                            );
                            continue;
                        }
                    }
                }
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::HTTP { scheme: http, description, .. } => {
                    match http.to_ascii_lowercase().as_str() {
                        "bearer" => (SchemeKind::Bearer, description),
                        "basic" => (SchemeKind::Basic, description),
                        other => {
                            self.sink.warning(
                                "security scheme not sent",
                                position::key(&path, "scheme"),
                                format!("HTTP authentication scheme `{other}` of `{name}` is not supported; the client cannot send it"),
                                "use `bearer` or `basic`, or send the `Authorization` header with `default_header`",
                            );
                            continue;
                        }
                    }
                }
                openapiv3::SecurityScheme::APIKey { location, name: key, description, .. } => {
                    let location = match location {
                        APIKeyLocation::Header => KeyLocation::Header,
                        APIKeyLocation::Query => KeyLocation::Query,
                        APIKeyLocation::Cookie => KeyLocation::Cookie,
                    };
                    if key.trim().is_empty() {
                        self.sink.warning(
                            "security scheme not sent",
                            position::key(&path, "name"),
                            format!("API key scheme `{name}` names no header, query parameter or cookie; the client cannot send it"),
                            "give the key's `name`",
                        );
                        continue;
                    }
                    (SchemeKind::ApiKey { location, name: key.clone() }, description)
                }
                // The client does not run the flows; it sends the access token they give.
                openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => (SchemeKind::Bearer, description),
            };
            schemes.by_name.insert(name.clone(), schemes.list.len());
            schemes.list.push(SecurityScheme {
                name: name.clone(),
                index_const: String::new(),
                kind,
                docs: Docs::new(None, description.as_deref()),
            });
        }
        schemes
    }

    /// The combinations of schemes an operation accepts: its own `security`, else the
    /// document's. A requirement that names an unknown scheme is warned about and left out.
    pub(super) fn operation_security(
        &mut self,
        schemes: &Schemes,
        operation: &openapiv3::Operation,
        operation_path: &str,
    ) -> Vec<Vec<usize>> {
        let (requirements, path) = match &operation.security {
            Some(requirements) => (requirements, position::key(operation_path, "security")),
            None => match &self.document.security {
                Some(requirements) => (requirements, "security".to_owned()),
                None => return Vec::new(),
            },
        };
        let mut alternatives = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            if let Some(alternative) = self.requirement(schemes, requirement, &position::index(&path, index)) {
                if !alternatives.contains(&alternative) {
                    alternatives.push(alternative);
                }
            }
        }
        alternatives
    }

    /// The document's top-level `security`, lowered as an operation's is; `None` without one.
    pub(super) fn document_security(&mut self) -> Option<Vec<Vec<usize>>> {
        let requirements = self.document.security.as_ref()?;
        let schemes = std::mem::take(&mut self.schemes);
        let mut alternatives = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            if let Some(alternative) = self.requirement(&schemes, requirement, &position::index("security", index))
                && !alternatives.contains(&alternative)
            {
                alternatives.push(alternative);
            }
        }
        self.schemes = schemes;
        Some(alternatives)
    }

    fn requirement(&mut self, schemes: &Schemes, requirement: &SecurityRequirement, path: &str) -> Option<Vec<usize>> {
        let mut alternative = Vec::with_capacity(requirement.len());
        for name in requirement.keys() {
            match schemes.by_name.get(name) {
                Some(&index) => alternative.push(index),
                None => {
                    let declared = self
                        .document
                        .components
                        .as_ref()
                        .is_some_and(|components| components.security_schemes.contains_key(name));
                    // A declared scheme the client cannot send was warned about already.
                    if !declared {
                        self.sink.warning(
                            "unknown security scheme",
                            position::key(path, name),
                            format!("the security requirement names `{name}`, which `components.securitySchemes` does not declare; this way of authenticating is left out"),
                            "declare the scheme, or correct the name",
                        );
                    }
                    return None;
                }
            }
        }
        Some(alternative)
    }
}

/// Completes the schemes once every operation is lowered: where the document declares no
/// security at all, every operation takes an optional bearer token; where it declares schemes
/// but no operation requires one, every operation takes any of them, optionally. Returns
/// whether every operation needs a credential (so that a client without one is refused).
pub(super) fn finish(
    schemes: &mut Vec<SecurityScheme>,
    operations: &mut [Operation],
    document_has_security: bool,
    sink: &mut crate::diagnostics::Sink,
) -> bool {
    let any_required = operations.iter().any(|operation| !operation.security.is_empty());
    if !any_required && !document_has_security && !operations.is_empty() {
        if schemes.is_empty() {
            sink.warning(
                "no security declared",
                "components.securitySchemes",
                format!(
                    "the document declares no security; every operation accepts an optional bearer token (scheme `{IMPLICIT_SCHEME}`), sent as `Authorization: Bearer` when the client is given one"
                ),
                "declare the API's `securitySchemes` and a top-level `security`, so that the client sends exactly what the API takes",
            );
            schemes.push(SecurityScheme {
                name: IMPLICIT_SCHEME.to_owned(),
                index_const: String::new(),
                kind: SchemeKind::Bearer,
                docs: Docs::new(None, Some("A bearer token, for an API whose document declares no security.")),
            });
        } else {
            let names: Vec<String> = schemes.iter().map(|scheme| format!("`{}`", scheme.name)).collect();
            sink.warning(
                "security schemes never required",
                "security",
                format!(
                    "the document declares {} but no operation requires them; every operation sends whichever of them the client is given",
                    names.join(", ")
                ),
                "add a top-level `security` (or one per operation) that says which schemes the API takes",
            );
        }
        let alternatives: Vec<Vec<usize>> =
            (0..schemes.len()).map(|index| vec![index]).chain(std::iter::once(Vec::new())).collect();
        for operation in operations.iter_mut() {
            operation.security = alternatives.clone();
        }
        return false;
    }
    !operations.is_empty()
        && operations.iter().all(|operation| {
            !operation.security.is_empty() && operation.security.iter().all(|alternative| !alternative.is_empty())
        })
}

/// Names each scheme's index constant (`api_token` is `API_TOKEN`), unique among the schemes,
/// so that an operation's accepted combinations read as names in generated code.
pub(super) fn name_index_consts(schemes: &mut [SecurityScheme]) {
    let mut scope = super::naming::Scope::default();
    for scheme in schemes {
        scheme.index_const =
            scope.claim(&super::naming::unraw(&super::naming::snake(&scheme.name)).to_ascii_uppercase());
    }
}
