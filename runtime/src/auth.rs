//! Credentials: the API's security schemes, what the user gave for them, and which of them
//! each request sends.
//!
//! A document names its schemes (`components.securitySchemes`) and says, per operation, which
//! combinations of them it accepts: alternatives, each a set of schemes sent together
//! (an account's e-mail in one header with its key in another, say). The client is given credentials by kind
//! (a token, a user name and password, API keys by name) or from the environment; a request
//! sends the first alternative of its operation whose credentials were all given, and fails
//! before sending, naming what is missing, when none is.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use crate::Error;
use crate::api::{ApiDescription, KeyLocation, SchemeKind, SecurityScheme};
use crate::hooks::TokenSource;

/// A credential given to the client: a token, a user name and password, or a key.
/// `Debug` shows its kind, never the secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// A bearer token.
    Token(String),
    /// A user name and password, for HTTP basic.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: String,
    },
    /// An API key.
    Key(String),
    /// A bearer token asked of a source before every attempt
    /// ([`ClientBuilder::token_source`](crate::ClientBuilder::token_source)).
    Source(TokenSourceHandle),
}

/// A [`TokenSource`] as a credential holds it: two are equal when they are the same source.
#[derive(Clone)]
pub struct TokenSourceHandle(pub(crate) Arc<dyn TokenSource>);

impl PartialEq for TokenSourceHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for TokenSourceHandle {}

impl fmt::Debug for TokenSourceHandle {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("TokenSource")
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Credential::Token(_) => "Token(<redacted>)",
            Credential::Basic { .. } => "Basic(<redacted>)",
            Credential::Key(_) => "Key(<redacted>)",
            Credential::Source(_) => "Source(<token source>)",
        })
    }
}

/// What a credential given to the builder is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// Every bearer scheme not given a credential of its own (`ClientBuilder::token`).
    AnyBearer,
    /// Every basic scheme not given a credential of its own (`ClientBuilder::basic_auth`).
    AnyBasic,
    /// The scheme of this name, or the API key of this header, query or cookie name.
    Named(String),
    /// The scheme at this index, read from its environment variables.
    FromEnv(usize),
}

/// A credential ready to go on a request.
#[derive(Clone)]
pub(crate) enum Applied {
    Header(HeaderName, HeaderValue),
    Query(&'static str, String),
    Cookie(&'static str, String),
    /// `Authorization: Bearer` with a token asked of the source before each attempt.
    Source(Arc<dyn TokenSource>),
}

impl fmt::Debug for Applied {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Applied::Header(name, _) => write!(formatter, "Header({name}: <redacted>)"),
            Applied::Query(name, _) => write!(formatter, "Query({name}=<redacted>)"),
            Applied::Cookie(name, _) => write!(formatter, "Cookie({name}=<redacted>)"),
            Applied::Source(_) => formatter.write_str("Source(<token source>)"),
        }
    }
}

impl Applied {
    fn for_scheme(scheme: &SecurityScheme, credential: &Credential) -> Result<Applied, Error> {
        let secret_header = |text: String| {
            let mut value = HeaderValue::from_str(&text).map_err(|_| {
                Error::config(format!(
                    "the credential for `{}` contains characters that an HTTP header cannot hold",
                    scheme.name
                ))
            })?;
            value.set_sensitive(true);
            Ok::<_, Error>(value)
        };
        let mismatch = |given: &str| {
            Error::config(format!("`{}` takes {}, and was given {given}", scheme.name, describe_kind(scheme.kind)))
        };
        let blank = match credential {
            Credential::Token(secret) | Credential::Key(secret) => secret.trim().is_empty(),
            Credential::Basic { username, .. } => username.trim().is_empty(),
            Credential::Source(_) => false,
        };
        if blank {
            return Err(Error::config(format!("the credential given for `{}` is empty", scheme.name)));
        }
        match (scheme.kind, credential) {
            (SchemeKind::Bearer, Credential::Token(token)) => {
                Ok(Applied::Header(reqwest::header::AUTHORIZATION, secret_header(format!("Bearer {}", token.trim()))?))
            }
            (SchemeKind::Bearer, Credential::Source(source)) => Ok(Applied::Source(Arc::clone(&source.0))),
            (SchemeKind::Basic, Credential::Basic { username, password }) => {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
                Ok(Applied::Header(reqwest::header::AUTHORIZATION, secret_header(format!("Basic {encoded}"))?))
            }
            (SchemeKind::ApiKey { location, name }, Credential::Key(key) | Credential::Token(key)) => {
                let key = key.trim().to_owned();
                Ok(match location {
                    KeyLocation::Header => {
                        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                            Error::config(format!(
                                "`{}` names the header `{name}`, which is not a valid name",
                                scheme.name
                            ))
                        })?;
                        Applied::Header(header, secret_header(key)?)
                    }
                    KeyLocation::Query => Applied::Query(name, key),
                    KeyLocation::Cookie => Applied::Cookie(name, key),
                })
            }
            (_, Credential::Token(_)) => Err(mismatch("a token")),
            (_, Credential::Basic { .. }) => Err(mismatch("a user name and password")),
            (_, Credential::Key(_)) => Err(mismatch("a key")),
            (_, Credential::Source(_)) => Err(mismatch("a token source")),
        }
    }
}

fn describe_kind(kind: SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer => "a bearer token".to_owned(),
        SchemeKind::Basic => "a user name and password (HTTP basic)".to_owned(),
        SchemeKind::ApiKey { location: KeyLocation::Header, name } => format!("a key in the header `{name}`"),
        SchemeKind::ApiKey { location: KeyLocation::Query, name } => format!("a key in the query parameter `{name}`"),
        SchemeKind::ApiKey { location: KeyLocation::Cookie, name } => format!("a key in the cookie `{name}`"),
    }
}

/// How a user gives a scheme's credential, for messages: its variables and builder method.
fn how_to_give(scheme: &SecurityScheme) -> String {
    let method = match scheme.kind {
        SchemeKind::Bearer => "ClientBuilder::token".to_owned(),
        SchemeKind::Basic => "ClientBuilder::basic_auth".to_owned(),
        SchemeKind::ApiKey { .. } => format!("ClientBuilder::api_key(\"{}\", ..)", scheme.name),
    };
    match scheme.env {
        [] => format!("`{}` ({}: {method})", scheme.name, describe_kind(scheme.kind)),
        env => format!("`{}` ({}: {} or {method})", scheme.name, describe_kind(scheme.kind), env.join(" and ")),
    }
}

/// What the environment gave: the credentials the API's schemes name variables for, where
/// set and not empty, and, for an HTTP basic scheme given half its pair, the scheme's index
/// with the message [`ClientBuilder::build`](crate::ClientBuilder::build) fails with (unless
/// the scheme is given a credential otherwise).
pub(crate) struct FromEnv {
    pub(crate) credentials: Vec<(Target, Credential)>,
    pub(crate) half_pairs: Vec<(usize, String)>,
}

/// Reads the credentials the API's schemes name variables for through `read` (the process's
/// environment, or a test's own map).
pub(crate) fn from_env(api: &ApiDescription, read: impl Fn(&str) -> Option<String>) -> FromEnv {
    let read = |name: &str| read(name).filter(|value| !value.trim().is_empty());
    let mut found = FromEnv { credentials: Vec::new(), half_pairs: Vec::new() };
    for (index, scheme) in api.security_schemes.iter().enumerate() {
        let credential = match (scheme.kind, scheme.env) {
            (SchemeKind::Basic, [username_env, password_env]) => match (read(username_env), read(password_env)) {
                (Some(username), Some(password)) => Some(Credential::Basic { username, password }),
                (None, None) => None,
                (username, _) => {
                    let (set, unset) =
                        if username.is_some() { (username_env, password_env) } else { (password_env, username_env) };
                    let message = format!(
                        "`{set}` is set but `{unset}` is not: a Basic credential needs both (the scheme `{}`); \
                         set both, or neither",
                        scheme.name
                    );
                    found.half_pairs.push((index, message));
                    None
                }
            },
            (SchemeKind::Bearer, [token]) => read(token).map(Credential::Token),
            (SchemeKind::ApiKey { .. }, [key]) => read(key).map(Credential::Key),
            _ => None,
        };
        if let Some(credential) = credential {
            found.credentials.push((Target::FromEnv(index), credential));
        }
    }
    found
}

/// Whether the builder was given a credential for the scheme at `index` otherwise than from
/// the environment: by its name (or its key's), or by kind.
pub(crate) fn given_otherwise(api: &ApiDescription, index: usize, given: &[(Target, Credential)]) -> bool {
    explicit(api.security_schemes, index, given).is_some()
}

/// The credential given for the scheme at `index` by its name, else by kind; the last given wins.
fn explicit<'g>(
    schemes: &[SecurityScheme],
    index: usize,
    given: &'g [(Target, Credential)],
) -> Option<&'g (Target, Credential)> {
    let scheme = &schemes[index];
    let named = given.iter().rev().find(|(target, _)| matches!(target, Target::Named(name) if is_named(scheme, name)));
    named.or_else(|| {
        given.iter().rev().find(|(target, _)| match target {
            Target::AnyBearer => scheme.kind == SchemeKind::Bearer,
            Target::AnyBasic => scheme.kind == SchemeKind::Basic,
            _ => false,
        })
    })
}

/// The credential of each of the API's schemes (by index), from what the builder was given:
/// a credential named for a scheme first, then one given by kind, then the environment's.
/// A credential that fits no scheme is an error, never dropped.
pub(crate) fn resolve(api: &ApiDescription, given: &[(Target, Credential)]) -> Result<Vec<Option<Applied>>, Error> {
    let schemes = api.security_schemes;
    let from_env = |index: usize| given.iter().rev().find(|(target, _)| *target == Target::FromEnv(index));

    for (target, _) in given {
        let fits = match target {
            Target::Named(name) => schemes.iter().any(|scheme| is_named(scheme, name)),
            Target::AnyBearer => schemes.iter().any(|scheme| scheme.kind == SchemeKind::Bearer),
            Target::AnyBasic => schemes.iter().any(|scheme| scheme.kind == SchemeKind::Basic),
            Target::FromEnv(_) => true,
        };
        if !fits {
            let what = match target {
                Target::Named(name) => format!("a credential for `{name}`"),
                Target::AnyBearer => "a bearer token".to_owned(),
                _ => "a user name and password".to_owned(),
            };
            return Err(Error::config(format!(
                "{what} was given, but {} has no such security scheme; {}",
                api.name,
                accepted(api)
            )));
        }
    }
    (0..schemes.len())
        .map(|index| {
            let chosen = explicit(schemes, index, given).or_else(|| from_env(index));
            chosen.map(|(_, credential)| Applied::for_scheme(&schemes[index], credential)).transpose()
        })
        .collect()
}

/// Whether `name` designates the scheme: its own name, or the header, query parameter or
/// cookie name of an API key (header names in any case).
fn is_named(scheme: &SecurityScheme, name: &str) -> bool {
    name == scheme.name || matches!(scheme.kind, SchemeKind::ApiKey { name: key, .. } if key.eq_ignore_ascii_case(name))
}

/// What the API accepts, for messages.
fn accepted(api: &ApiDescription) -> String {
    if api.security_schemes.is_empty() {
        return "it takes no credentials".to_owned();
    }
    let schemes: Vec<String> = api.security_schemes.iter().map(how_to_give).collect();
    format!("it accepts {}", schemes.join(", "))
}

/// The error a client built without any credential gets, for an API whose every operation
/// needs one.
pub(crate) fn none_given(api: &ApiDescription) -> Error {
    match api.security_schemes {
        [SecurityScheme { kind: SchemeKind::Bearer, env: [variable], .. }] => {
            Error::config(format!("no API token: set {variable} or call ClientBuilder::token"))
        }
        _ => Error::config(format!("no credentials were given; {}", accepted(api))),
    }
}

/// The credentials a request sends: one alternative of its operation's, every one given.
/// Copied, not collected: no allocation per call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chosen<'c> {
    pub(crate) alternative: &'static [usize],
    pub(crate) credentials: &'c [Option<Applied>],
}

impl<'c> Chosen<'c> {
    pub(crate) fn iter(self) -> impl Iterator<Item = &'c Applied> {
        self.alternative.iter().filter_map(move |&index| self.credentials.get(index)?.as_ref())
    }
}

/// The credentials a request of `operation` sends: the first of its alternatives whose
/// credentials were all given (an empty alternative, "no credentials", only when no other
/// is met, so that a credential the user gave is sent where the operation accepts it).
pub(crate) fn choose<'c>(
    api: &ApiDescription,
    operation: &crate::Operation,
    credentials: &'c [Option<Applied>],
) -> Result<Chosen<'c>, Error> {
    let alternatives = operation.security;
    let given =
        |alternative: &[usize]| alternative.iter().all(|&index| credentials.get(index).is_some_and(Option::is_some));
    let chosen = alternatives.iter().copied().find(|alternative| !alternative.is_empty() && given(alternative));
    if let Some(alternative) = chosen {
        return Ok(Chosen { alternative, credentials });
    }
    if alternatives.is_empty() || alternatives.iter().any(|alternative| alternative.is_empty()) {
        return Ok(Chosen { alternative: &[], credentials });
    }
    let options: Vec<String> = alternatives
        .iter()
        .map(|alternative| {
            let parts: Vec<String> = alternative
                .iter()
                .filter_map(|&index| Some((index, api.security_schemes.get(index)?)))
                .map(|(index, scheme)| {
                    let missing = credentials.get(index).is_none_or(Option::is_none);
                    let text = how_to_give(scheme);
                    if missing && alternative.len() > 1 { format!("{text}, not given") } else { text }
                })
                .collect();
            parts.join(" together with ")
        })
        .collect();
    Err(Error::Credentials(Box::new(crate::error::CredentialsError {
        operation: operation.id,
        message: format!("needs credentials the client was not given: {}", options.join("; or ")),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorShape;

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme { name: "api_token", kind: SchemeKind::Bearer, env: &["X_TOKEN"] },
        SecurityScheme {
            name: "api_email",
            kind: SchemeKind::ApiKey { location: KeyLocation::Header, name: "X-Auth-Email" },
            env: &["X_EMAIL"],
        },
        SecurityScheme {
            name: "api_key",
            kind: SchemeKind::ApiKey { location: KeyLocation::Header, name: "X-Auth-Key" },
            env: &["X_KEY"],
        },
    ];

    const API: ApiDescription = ApiDescription {
        name: "Test API",
        default_base_url: None,
        base_url_env: "X_BASE_URL",
        security_schemes: SCHEMES,
        requires_credentials: true,
        user_agent: "test",
        request_id_header: None,
        error_shapes: &[ErrorShape::Message { field: "message" }],
        rate_limits: &[],
        default_security: &[],
    };

    fn operation(security: &'static [&'static [usize]]) -> crate::Operation {
        crate::Operation {
            id: "get_thing",
            method: reqwest::Method::GET,
            path_template: "/thing",
            idempotent: true,
            security,
        }
    }

    fn headers(chosen: &Chosen<'_>) -> Vec<String> {
        chosen
            .iter()
            .map(|applied| match applied {
                Applied::Header(name, value) => format!("{name}: {}", value.to_str().unwrap_or("?")),
                Applied::Query(name, value) => format!("?{name}={value}"),
                Applied::Cookie(name, value) => format!("cookie {name}={value}"),
                Applied::Source(_) => "a token source".to_owned(),
            })
            .collect()
    }

    #[test]
    fn the_first_alternative_whose_credentials_were_all_given_is_sent() {
        let given = vec![
            (Target::Named("X-Auth-Email".to_owned()), Credential::Key("me@example.com".to_owned())),
            (Target::Named("api_key".to_owned()), Credential::Key("k".to_owned())),
        ];
        let credentials = resolve(&API, &given).expect("both fit");
        let chosen = choose(&API, &operation(&[&[0], &[1, 2]]), &credentials).expect("the pair is given");
        assert_eq!(headers(&chosen), ["x-auth-email: me@example.com", "x-auth-key: k"]);

        let only_email = resolve(&API, &given[..1]).expect("fits");
        let error = choose(&API, &operation(&[&[0], &[1, 2]]), &only_email).expect_err("the key is missing");
        assert_eq!(
            error.to_string(),
            "get_thing needs credentials the client was not given: `api_token` (a bearer token: X_TOKEN or \
             ClientBuilder::token); or `api_email` (a key in the header `X-Auth-Email`: X_EMAIL or \
             ClientBuilder::api_key(\"api_email\", ..)) together with `api_key` (a key in the header `X-Auth-Key`: \
             X_KEY or ClientBuilder::api_key(\"api_key\", ..)), not given; nothing was sent"
        );
    }

    #[test]
    fn a_given_credential_is_preferred_to_no_credential_and_none_is_sent_when_none_is_needed() {
        let token = vec![(Target::AnyBearer, Credential::Token("t".to_owned()))];
        let credentials = resolve(&API, &token).expect("fits");
        let optional = operation(&[&[], &[0]]);
        assert_eq!(headers(&choose(&API, &optional, &credentials).expect("given")), ["authorization: Bearer t"]);
        assert!(choose(&API, &optional, &resolve(&API, &[]).expect("none")).expect("optional").alternative.is_empty());
        assert!(choose(&API, &operation(&[]), &credentials).expect("public").alternative.is_empty());
    }

    #[test]
    fn a_credential_that_fits_no_scheme_is_refused() {
        let basic = vec![(Target::AnyBasic, Credential::Basic { username: "u".into(), password: "p".into() })];
        let error = resolve(&API, &basic).expect_err("no basic scheme");
        assert!(error.to_string().contains("a user name and password was given, but Test API has no such"), "{error}");
        let misspelt = vec![(Target::Named("api_keys".to_owned()), Credential::Key("k".to_owned()))];
        assert!(resolve(&API, &misspelt).is_err());
        let wrong_kind = vec![(
            Target::Named("api_token".to_owned()),
            Credential::Basic { username: "u".into(), password: "p".into() },
        )];
        let error = resolve(&API, &wrong_kind).expect_err("a token scheme");
        assert!(error.to_string().contains("`api_token` takes a bearer token"), "{error}");
        assert_eq!(format!("{:?}", Credential::Key("secret".to_owned())), "Key(<redacted>)");
    }
}
