//! The client and its configuration: credentials, base URL, timeouts, retries, headers.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use std::marker::PhantomData;

use crate::api::{Api, ApiDescription, Operation};
use crate::auth::{self, Applied, Credential, Target, TokenSourceHandle};
use crate::hooks::{Hook, TokenSource};
use crate::pacing::{Pacing, PacingSettings, RateLimit};
use crate::request::RequestParts;
use crate::{Error, RetryPolicy};

/// The default total time one attempt may take, connection and body included.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default time to establish a connection.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_REDIRECTS: usize = 5;

/// The core of a generated crate's client: connection pool, configuration, and the one path
/// every call takes. Cheap to clone: clones share one connection pool and configuration.
///
/// A generated crate's `Client` wraps it (and dereferences to it); build that one with its
/// `from_env`, `new` or `builder`, which come here through [`ClientBuilder::build`].
pub struct Client<A: Api> {
    pub(crate) inner: Arc<Inner>,
    api: PhantomData<fn() -> A>,
}

// Derived `Clone` would ask for `A: Clone`; the marker type is never held.
impl<A: Api> Clone for Client<A> {
    fn clone(&self) -> Self {
        Client { inner: Arc::clone(&self.inner), api: PhantomData }
    }
}

pub(crate) struct Inner {
    pub(crate) api: &'static ApiDescription,
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// The credential of each of the API's security schemes (by index), where one was
    /// given; header values are marked sensitive so that no HTTP layer prints them.
    pub(crate) credentials: Vec<Option<Applied>>,
    pub(crate) default_headers: HeaderMap,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) pacing: Pacing,
    pub(crate) hooks: Vec<Arc<dyn Hook>>,
}

impl<A: Api> Client<A> {
    /// What the client knows of the API it calls.
    pub fn api(&self) -> &'static ApiDescription {
        self.inner.api
    }

    /// The URL that operation paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy requests follow unless they override it.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }
}

impl<A: Api> fmt::Debug for Client<A> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.describe("Client", formatter)
    }
}

impl Inner {
    /// The same client for another origin, without its credentials, pacing or hooks, which
    /// belong to the API: to fetch what the API publishes elsewhere (a webhook signing key)
    /// with its connection pool, timeouts and retries.
    #[cfg(feature = "webhooks")]
    pub(crate) fn elsewhere(&self, base_url: String) -> Inner {
        Inner {
            api: self.api,
            http: self.http.clone(),
            base_url,
            credentials: self.credentials.iter().map(|_| None).collect(),
            default_headers: self.default_headers.clone(),
            retry: self.retry.clone(),
            timeout: self.timeout,
            total_timeout: self.total_timeout,
            pacing: Pacing::new(
                self.api,
                &PacingSettings {
                    limits: Some(Vec::new()),
                    declared: false,
                    learn: false,
                    ..PacingSettings::default()
                },
            ),
            hooks: Vec::new(),
        }
    }

    /// The `Debug` output of a client: its settings and the names of the schemes it has
    /// credentials for, never a secret.
    pub(crate) fn describe(&self, name: &str, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct(name)
            .field("base_url", &self.base_url)
            .field("credentials", &Given(self.api, &self.credentials))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// The names of the schemes a client has credentials for, never the secrets: `Debug` output.
struct Given<'a>(&'static ApiDescription, &'a [Option<Applied>]);

impl fmt::Debug for Given<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.0.security_schemes.iter().zip(self.1).filter(|(_, given)| given.is_some());
        formatter.debug_list().entries(names.map(|(scheme, _)| scheme.name)).finish()
    }
}

/// Settings for a [`Client`]. Every setting has a default except the credentials.
///
/// | setting | default |
/// |---|---|
/// | credentials | none; an API whose every operation needs some refuses to [`build`](Self::build) without, and a call that needs one the client lacks fails before sending ([`Error::Credentials`]) |
/// | base URL | the API document's first `servers` URL |
/// | timeout | 60 s per attempt, connection and body included |
/// | total timeout | none: a call takes as many attempts and waits as the retry policy allows |
/// | connect timeout | 5 s |
/// | retries | [`RetryPolicy::default`]: 5, with backoff from 0.5 s to 8 s; a server hint up to 60 s is waited, a longer one ends the call at once |
/// | redirects | followed up to 5 times within the same scheme, host and port; never to another host, so credentials never leave the API's origin ([`ApiError::redirect_target`](crate::ApiError::redirect_target) names where a refused one led) |
///
/// # Which timeout to set
///
/// [`timeout`](Self::timeout) bounds one attempt: a connection that hangs is given up and
/// retried, so keep it at what one answer can reasonably take. It does not bound the call:
/// with retries and the waits between them, a 1 s timeout against a server that never
/// answers takes about 19 s with the default policy, and the default 60 s about six minutes.
///
/// [`total_timeout`](Self::total_timeout) bounds the whole call, every attempt and every wait
/// included. Set it to the time your caller can wait (the budget of the request your service
/// is serving, say): it is the one that says when the answer is no longer useful. The last
/// attempt gets only the time left, and no wait runs past it. When it runs out during an
/// attempt the call ends with [`Error::Timeout`], and
/// [`TransportError::total_timeout_elapsed`](crate::TransportError::total_timeout_elapsed)
/// is true; when the next retry could not start in time, the call ends at once with the last
/// attempt's error (a 503 stays [`Error::Server`]), whose message says so.
///
/// # Timeouts and Tokio's paused clock
///
/// Both timeouts are real time. The waits between retries are Tokio sleeps, so a test under a
/// paused clock (`#[tokio::test(start_paused = true)]`, `tokio::time::pause`) skips them and
/// runs a call with several retries at once. An attempt's timeout is never cut short by the
/// paused clock, which Tokio moves forward whenever the runtime has nothing to do (waiting on
/// a socket included): when its timer fires before that much real time has passed, the rest
/// is waited in real time, with the clock held still meanwhile, and ends as soon as the answer
/// comes. So a client needs no [`without_timeout`](Self::without_timeout) in such a test, and
/// a server that really does not answer still times out, after the real timeout.
pub struct ClientBuilder<A: Api> {
    api: PhantomData<fn() -> A>,
    credentials: Vec<(Target, Credential)>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    connect_timeout: Duration,
    retry: RetryPolicy,
    user_agent: Option<String>,
    default_headers: HeaderMap,
    http: Option<reqwest::Client>,
    pacing: PacingSettings,
    hooks: Vec<Arc<dyn Hook>>,
    /// The HTTP basic schemes the environment gave half a pair for, by index, with the
    /// message `build` fails with unless the scheme is given a credential otherwise.
    half_pairs: Vec<(usize, String)>,
}

// Derived `Clone` and `Default` would ask the marker type for them too.
impl<A: Api> Clone for ClientBuilder<A> {
    fn clone(&self) -> Self {
        ClientBuilder {
            api: PhantomData,
            credentials: self.credentials.clone(),
            base_url: self.base_url.clone(),
            timeout: self.timeout,
            total_timeout: self.total_timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry.clone(),
            user_agent: self.user_agent.clone(),
            default_headers: self.default_headers.clone(),
            http: self.http.clone(),
            pacing: self.pacing.clone(),
            hooks: self.hooks.clone(),
            half_pairs: self.half_pairs.clone(),
        }
    }
}

impl<A: Api> Default for ClientBuilder<A> {
    fn default() -> Self {
        ClientBuilder {
            api: PhantomData,
            credentials: Vec::new(),
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            total_timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: None,
            default_headers: HeaderMap::new(),
            http: None,
            pacing: PacingSettings::default(),
            hooks: Vec::new(),
            half_pairs: Vec::new(),
        }
    }
}

impl<A: Api> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("custom_http_client", &self.http.is_some())
            .field("pacing", &self.pacing)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

impl<A: Api> ClientBuilder<A> {
    /// Starts from the environment: the credentials and base URL from the variables the
    /// API's description names ([`SecurityScheme::env`](crate::SecurityScheme::env),
    /// [`ApiDescription::base_url_env`]), where set and not empty. Later calls override them.
    ///
    /// An HTTP basic scheme reads a user name and a password from two variables; only one of
    /// them set is a mistake, not a credential to leave out, so [`build`](Self::build) fails
    /// naming the variable missing, unless a later call gives that scheme a credential.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env), reading the variables through `read`.
    fn from_vars(read: impl Fn(&str) -> Option<String>) -> Self {
        let api = &A::DESCRIPTION;
        let base_url = read(api.base_url_env).filter(|value| !value.trim().is_empty());
        let found = auth::from_env(api, read);
        ClientBuilder {
            credentials: found.credentials,
            half_pairs: found.half_pairs,
            base_url,
            ..ClientBuilder::default()
        }
    }

    /// A bearer token, sent as `Authorization: Bearer <token>` by the operations that accept
    /// one (every HTTP bearer, OAuth 2 and OpenID Connect scheme of the API not given a
    /// credential of its own with [`credential`](Self::credential)).
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.credentials.push((Target::AnyBearer, Credential::Token(token.into())));
        self
    }

    /// A bearer token asked of `source` before every attempt, such as an OAuth 2 access token
    /// that a [`RefreshingToken`](crate::RefreshingToken) renews before it expires: sent as
    /// [`token`](Self::token) is, and never stale, without rebuilding the client.
    pub fn token_source(mut self, source: impl TokenSource) -> Self {
        self.credentials.push((Target::AnyBearer, Credential::Source(TokenSourceHandle(Arc::new(source)))));
        self
    }

    /// A user name and password, sent as `Authorization: Basic ..` by the operations that
    /// accept HTTP basic authentication.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        let credential = Credential::Basic { username: username.into(), password: password.into() };
        self.credentials.push((Target::AnyBasic, credential));
        self
    }

    /// An API key, for the scheme of this name in the API document or for the header, query
    /// parameter or cookie of this name (`"X-API-Key"`); sent as the document says by the
    /// operations that accept it. A name that fits no scheme makes [`build`](Self::build) fail.
    pub fn api_key(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.credentials.push((Target::Named(name.into()), Credential::Key(key.into())));
        self
    }

    /// A credential for the security scheme of this name in the API document, of whichever
    /// kind it takes.
    pub fn credential(mut self, scheme: impl Into<String>, credential: Credential) -> Self {
        self.credentials.push((Target::Named(scheme.into()), credential));
        self
    }

    /// Where to send requests instead of the document's server, such as a test server.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time one attempt may take, connection and body included (for an answer read as a
    /// stream, the wait for its headers). A call may make several attempts;
    /// [`total_timeout`](Self::total_timeout) bounds them all together. Real time, even under
    /// Tokio's paused clock: see [the paused clock](Self#timeouts-and-tokios-paused-clock).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Lets attempts take as long as they take (within the total timeout, if one is set).
    pub fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The time a whole call may take: every attempt, and every wait between them. When it
    /// runs out during an attempt the call ends with [`Error::Timeout`]; a retry that could
    /// not start before it is not waited for. See [Which timeout to set](Self#which-timeout-to-set).
    /// A listing's `pages()` and `items()` apply it to each page's call.
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.total_timeout = Some(total_timeout);
        self
    }

    /// The time to establish a connection. Ignored with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When and how often to retry; see [`RetryPolicy`].
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Shorthand for a [`RetryPolicy`] with `max_retries` and default waits.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// The `User-Agent` header; by default the crate's name and version.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.default_headers.insert(name, value);
        self
    }

    /// Headers sent with every request.
    pub fn default_headers(mut self, headers: HeaderMap) -> Self {
        self.default_headers.extend(headers);
        self
    }

    /// Uses the caller's own `reqwest::Client` (connection pool, TLS, proxies). The timeout,
    /// retries and headers of this builder still apply to every request.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Runs `hook` around every attempt of every call, after the hooks given before it: to
    /// sign requests, add a header computed per call, count and time calls. See [`Hook`].
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Paces every call to `limit`, instead of the limits the API document declares for
    /// every call; called again, adds another (a call waits for each). The document's limits
    /// on some operations still apply. See [`RateLimit`] for how calls are spaced.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.pacing.limits.get_or_insert_with(Vec::new).push(limit);
        self
    }

    /// Paces the calls of one operation (`GetMeetingParticipant::OPERATION`) to `limit`,
    /// besides the limits on every call.
    pub fn rate_limit_for(mut self, operation: &'static Operation, limit: RateLimit) -> Self {
        self.pacing.operation_limits.push((operation.id, limit));
        self
    }

    /// No pacing at all: none of the document's limits, none the server states, no pause
    /// after a 429 but the retry's own. Limits given with [`rate_limit`](Self::rate_limit)
    /// and [`rate_limit_for`](Self::rate_limit_for) after this still apply.
    pub fn without_rate_limits(mut self) -> Self {
        self.pacing = PacingSettings { limits: Some(Vec::new()), declared: false, learn: false, ..self.pacing };
        self.pacing.operation_limits.clear();
        self
    }

    /// At most `calls` calls of this client and its clones in flight at once; the others
    /// wait their turn, in the order they came.
    pub fn max_in_flight(mut self, calls: usize) -> Self {
        self.pacing.max_in_flight = Some(calls);
        self
    }

    /// Formerly recorded the filled path in spans; every span now records `url.full`, the
    /// URL with any credential in its query replaced (OpenTelemetry's conventions).
    #[deprecated(note = "spans always record `url.full` now, with credentials in the query redacted")]
    pub fn trace_full_paths(self, _enabled: bool) -> Self {
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<A::Client, Error> {
        let inner = self.build_inner(true)?;
        Ok(A::Client::from(Client { api: PhantomData, inner: Arc::new(inner) }))
    }

    /// The client's core; with `require_credentials` false, a client with none is built
    /// too, for requests that take none (a webhook signing key's).
    pub(crate) fn build_inner(self, require_credentials: bool) -> Result<Inner, Error> {
        // A promoted constant: `'static`, so that every request can point at it.
        let api: &'static ApiDescription = &A::DESCRIPTION;
        if let Some((_, message)) =
            self.half_pairs.iter().find(|(index, _)| !auth::given_otherwise(api, *index, &self.credentials))
        {
            return Err(Error::config(message.clone()));
        }
        let credentials = auth::resolve(api, &self.credentials)?;
        if require_credentials && api.requires_credentials && credentials.iter().all(Option::is_none) {
            return Err(auth::none_given(api));
        }

        let base_url = match self.base_url.or_else(|| api.default_base_url.map(str::to_owned)) {
            Some(base_url) => base_url,
            None => {
                return Err(Error::config(format!(
                    "no base URL: the API document names no server; set {} or call ClientBuilder::base_url",
                    api.base_url_env
                )));
            }
        };
        let parsed = reqwest::Url::parse(base_url.trim())
            .map_err(|error| Error::config(format!("the base URL `{base_url}` is not a URL: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::config(format!(
                "the base URL `{base_url}` must be an http or https URL without query or fragment"
            )));
        }
        let base_url = parsed.as_str().trim_end_matches('/').to_owned();

        let mut default_headers = self.default_headers;
        let user_agent = self.user_agent.unwrap_or_else(|| api.user_agent.to_owned());
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::config("the user agent contains characters that an HTTP header cannot hold"))?;
        default_headers.insert(reqwest::header::USER_AGENT, user_agent);
        default_headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static("application/json"));

        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(same_origin_redirects())
                .build()
                .map_err(|error| Error::config(format!("the HTTP client could not be built: {error}")))?,
        };

        Ok(Inner {
            api,
            http,
            base_url,
            credentials,
            default_headers,
            retry: self.retry,
            timeout: self.timeout,
            total_timeout: self.total_timeout,
            pacing: Pacing::new(api, &self.pacing),
            hooks: self.hooks,
        })
    }
}

/// Follows redirects within the origin of the first request only. reqwest would drop the
/// token when following one elsewhere; not following at all keeps the answer readable: an
/// error naming where the server wanted to send the request.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let Some(first) = attempt.previous().first() else { return attempt.follow() };
        let next = attempt.url();
        let same_origin = first.scheme() == next.scheme()
            && first.host_str() == next.host_str()
            && first.port_or_known_default() == next.port_or_known_default();
        if same_origin && attempt.previous().len() <= MAX_REDIRECTS { attempt.follow() } else { attempt.stop() }
    })
}

/// Per-request overrides of the client's settings.
///
/// Two timeouts, as on the [`ClientBuilder`]: [`timeout`](Self::timeout) bounds each attempt,
/// [`total_timeout`](Self::total_timeout) the whole call with its retries and waits. To bound
/// how long this call can keep its caller waiting, set `total_timeout`; see
/// [Which timeout to set](ClientBuilder#which-timeout-to-set).
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: HeaderMap,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body_fields: Vec<(String, serde_json::Value)>,
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// The time each attempt of this request may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time this whole call may take, every attempt and wait included, instead of the
    /// client's total timeout. When it runs out during an attempt the call ends with
    /// [`Error::Timeout`]; a retry that could not start before it is not waited for.
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.total_timeout = Some(total_timeout);
        self
    }

    /// Retries for this request, instead of the client's policy's.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A header for this request, replacing a default header of the same name.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// A query parameter the API document does not describe, added after the request's own
    /// (percent-encoded as a form value).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// A field the API document does not describe, set on the request's JSON body (over a
    /// field of the same name). A request whose body is not a JSON object fails with
    /// [`Error::InvalidArgument`], nothing sent.
    pub fn body_field(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.body_fields.push((name.into(), value.into()));
        self
    }

    /// Adds the extra query parameters and body fields to a request's parts.
    pub(crate) fn apply(&mut self, operation: &Operation, parts: &mut RequestParts) -> Result<(), Error> {
        if !self.query.is_empty() {
            let mut pairs = form_urlencoded::Serializer::new(std::mem::take(&mut parts.query));
            for (name, value) in self.query.drain(..) {
                pairs.append_pair(&name, &value);
            }
            parts.query = pairs.finish();
        }
        if !self.body_fields.is_empty() {
            parts.body.add_json_fields(operation, std::mem::take(&mut self.body_fields))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::api::{SchemeKind, SecurityScheme};

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme { name: "token", kind: SchemeKind::Bearer, env: &["SHOP_TOKEN"] },
        SecurityScheme { name: "basic", kind: SchemeKind::Basic, env: &["SHOP_BASIC_USERNAME", "SHOP_BASIC_PASSWORD"] },
    ];

    struct Shop;

    impl Api for Shop {
        const DESCRIPTION: ApiDescription = ApiDescription {
            name: "Shop",
            default_base_url: Some("https://shop.example"),
            base_url_env: "SHOP_BASE_URL",
            security_schemes: SCHEMES,
            requires_credentials: true,
            user_agent: "shop-test",
            request_id_header: None,
            error_shapes: &[],
            rate_limits: &[],
            default_security: &[],
        };
        type Client = Client<Shop>;
    }

    /// An environment of these variables only.
    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
        move |name| map.get(name).cloned()
    }

    fn given(client: &Client<Shop>) -> String {
        format!("{:?}", Given(client.inner.api, &client.inner.credentials))
    }

    #[test]
    fn half_a_basic_pair_in_the_environment_fails_build_naming_the_missing_variable() {
        // With a token set too, which a request would otherwise have sent without a word.
        let error = ClientBuilder::<Shop>::from_vars(env(&[("SHOP_TOKEN", "t"), ("SHOP_BASIC_USERNAME", "ada")]))
            .build()
            .expect_err("half a pair");
        assert_eq!(
            error.to_string(),
            "the client is not configured: `SHOP_BASIC_USERNAME` is set but `SHOP_BASIC_PASSWORD` is not: a Basic \
             credential needs both (the scheme `basic`); set both, or neither"
        );
        let error = ClientBuilder::<Shop>::from_vars(env(&[("SHOP_BASIC_PASSWORD", "secret")]))
            .build()
            .expect_err("the other half");
        assert!(error.to_string().contains("`SHOP_BASIC_PASSWORD` is set but `SHOP_BASIC_USERNAME` is not"), "{error}");
        // A blank variable is not set.
        let blank = env(&[("SHOP_TOKEN", "t"), ("SHOP_BASIC_USERNAME", "ada"), ("SHOP_BASIC_PASSWORD", " ")]);
        assert!(ClientBuilder::<Shop>::from_vars(blank).build().is_err());
    }

    #[test]
    fn a_whole_pair_or_none_builds_and_a_credential_given_later_overrides_the_half_pair() {
        let both = env(&[("SHOP_BASIC_USERNAME", "ada"), ("SHOP_BASIC_PASSWORD", "secret")]);
        assert_eq!(given(&ClientBuilder::<Shop>::from_vars(both).build().expect("a pair")), r#"["basic"]"#);
        let token = ClientBuilder::<Shop>::from_vars(env(&[("SHOP_TOKEN", "t")])).build().expect("a token");
        assert_eq!(given(&token), r#"["token"]"#);

        let half = env(&[("SHOP_BASIC_USERNAME", "ada")]);
        let by_kind = ClientBuilder::<Shop>::from_vars(&half).basic_auth("ada", "secret").build().expect("given");
        assert_eq!(given(&by_kind), r#"["basic"]"#);
        let credential = Credential::Basic { username: "ada".to_owned(), password: "secret".to_owned() };
        let by_name = ClientBuilder::<Shop>::from_vars(&half).credential("basic", credential).build();
        assert!(by_name.is_ok(), "{by_name:?}");
        // A credential for another scheme does not make up for the half pair.
        assert!(ClientBuilder::<Shop>::from_vars(&half).token("t").build().is_err());
    }

    #[test]
    fn from_env_reads_the_process_environment() {
        // Variables of this test only: no other test reads or writes them.
        const PASSWORD: &str = "CODEGEN_RUNTIME_CLIENT_TEST_HALF_BASIC_PASSWORD";
        const SCHEMES: &[SecurityScheme] = &[SecurityScheme {
            name: "basic",
            kind: SchemeKind::Basic,
            env: &["CODEGEN_RUNTIME_CLIENT_TEST_HALF_BASIC_USERNAME", PASSWORD],
        }];
        struct Env;
        impl Api for Env {
            const DESCRIPTION: ApiDescription = ApiDescription { security_schemes: SCHEMES, ..Shop::DESCRIPTION };
            type Client = Client<Env>;
        }
        // SAFETY: std serializes its own reads and writes of the environment, and nothing
        // else in these tests reads it from C.
        unsafe { std::env::set_var(PASSWORD, "secret") };
        let outcome = ClientBuilder::<Env>::from_env().build();
        unsafe { std::env::remove_var(PASSWORD) };
        let error = outcome.expect_err("half a pair");
        assert!(
            error.to_string().contains(
                "`CODEGEN_RUNTIME_CLIENT_TEST_HALF_BASIC_PASSWORD` is set but \
                 `CODEGEN_RUNTIME_CLIENT_TEST_HALF_BASIC_USERNAME` is not"
            ),
            "{error}"
        );
    }
}
