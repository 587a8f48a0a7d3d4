//! OAuth 2.1 for remote MCP servers (`oauth = true`), on rmcp's `auth`
//! module: rmcp discovers the protected-resource and authorization-server
//! metadata, registers the client dynamically, builds the PKCE challenge,
//! exchanges the code and refreshes tokens. baton adds what an application
//! must: where the credentials live ([`FileCredentialStore`], one private
//! file per server and URL under the user config dir), the loopback redirect
//! listener that receives the browser's callback ([`login`]), and the
//! HTTP client that remembers when the server refused a token even after a
//! refresh ([`WatchedAuthClient`]), so the hub can say "log in again".
//!
//! Tokens never leave these files: nothing here formats, logs or returns
//! one, and rmcp's `StoredCredentials` redacts them in `Debug`.

use std::collections::HashMap;
use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::net::Ipv4Addr;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use futures::stream::BoxStream;
use http::{HeaderName, HeaderValue};
use rmcp::model::ClientJsonRpcMessage;
use rmcp::transport::auth::{
    AuthClient, AuthError, AuthorizationManager, AuthorizationRequest, CredentialStore, OAuthState,
    StoredCredentials,
};
use rmcp::transport::streamable_http_client::{
    StreamableHttpClient, StreamableHttpError, StreamableHttpPostResponse,
    StreamableHttpResponseLimits,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;

use crate::names::validate_server_name;

/// Where credentials live, under the user config dir (`…/baton/oauth`).
pub const CREDENTIALS_SUBDIR: &str = "oauth";

/// How long `login` waits for the browser by default.
pub const DEFAULT_LOGIN_TIMEOUT: Duration = Duration::from_secs(300);

/// The path of the redirect URI on the loopback listener.
const CALLBACK_PATH: &str = "/callback";

/// baton's user config directory: `$XDG_CONFIG_HOME/baton`, else
/// `~/.config/baton`. The config file and the credentials both live here.
pub fn user_config_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = env("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(base.join("baton"))
}

/// `$XDG_CONFIG_HOME/baton/oauth`, else `~/.config/baton/oauth`.
pub fn default_credentials_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    Some(user_config_dir(env)?.join(CREDENTIALS_SUBDIR))
}

/// The command that signs in to a server; `workspace` when it is not the
/// current directory (login reads the server's URL from its config).
pub fn login_command(server: &str, workspace: Option<&Path>) -> String {
    match workspace {
        Some(dir) => {
            let dir = dir.display().to_string();
            let quoted = if dir
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-~".contains(c))
            {
                dir
            } else {
                format!("'{}'", dir.replace('\'', r"'\''"))
            };
            format!("baton mcp -C {quoted} login {server}")
        }
        None => format!("baton mcp login {server}"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error(
        "there is no user config directory to keep OAuth credentials in; set HOME or XDG_CONFIG_HOME"
    )]
    NoConfigDir,
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{} is not a baton credentials file ({problem}); remove it with `baton mcp logout {server}`",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        server: String,
        problem: String,
    },
    #[error("MCP server `{0}` has a name baton cannot use for a file: {1}")]
    BadName(String, String),
    #[error(
        "cannot listen for the browser's redirect on 127.0.0.1: {0}; check that loopback networking works"
    )]
    Listener(std::io::Error),
    #[error("could not start signing in to {url}: {source}")]
    Start {
        url: String,
        #[source]
        source: Box<AuthError>,
    },
    #[error(
        "the browser did not come back to baton within {0}s; run the command again and open the URL it prints"
    )]
    Timeout(u64),
    #[error("the authorization server refused the sign-in: {0}")]
    Refused(String),
    #[error("signing in failed while exchanging the authorization code: {0}")]
    Exchange(#[source] Box<AuthError>),
}

/// What is written to disk: the credentials plus the URL they are for, so
/// a server whose `url` changed in the config is not sent old tokens.
#[derive(Serialize, Deserialize)]
struct CredentialFile {
    server: String,
    url: String,
    credentials: StoredCredentials,
}

/// rmcp's [`CredentialStore`] on a file readable by the user alone.
///
/// One file per server name and URL: `NAME-HASH.json`, where HASH is a short
/// SHA-256 of the URL, so two workspaces that give the same name to
/// different servers do not overwrite each other's sign-in.
#[derive(Clone)]
pub struct FileCredentialStore {
    path: PathBuf,
    server: String,
    url: String,
}

impl std::fmt::Debug for FileCredentialStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileCredentialStore")
            .field("path", &self.path)
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl FileCredentialStore {
    pub fn new(dir: &Path, server: &str, url: &str) -> Result<Self, OAuthError> {
        validate_server_name(server)
            .map_err(|e| OAuthError::BadName(server.to_owned(), e.to_string()))?;
        let digest = Sha256::digest(url.as_bytes());
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(Self {
            path: dir.join(format!("{server}-{hash}.json")),
            server: server.to_owned(),
            url: url.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored credentials for this server and URL, if any.
    pub fn read(&self) -> Result<Option<StoredCredentials>, OAuthError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(OAuthError::Io {
                    action: "read",
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let file: CredentialFile =
            serde_json::from_str(&text).map_err(|e| OAuthError::Corrupt {
                path: self.path.clone(),
                server: self.server.clone(),
                // serde_json's message names a position, never the content.
                problem: e.to_string(),
            })?;
        if file.url != self.url {
            return Ok(None);
        }
        Ok(Some(file.credentials))
    }

    pub fn write(&self, credentials: StoredCredentials) -> Result<(), OAuthError> {
        let file = CredentialFile {
            server: self.server.clone(),
            url: self.url.clone(),
            credentials,
        };
        let text = serde_json::to_vec_pretty(&file).map_err(|e| OAuthError::Corrupt {
            path: self.path.clone(),
            server: self.server.clone(),
            problem: e.to_string(),
        })?;
        write_private(&self.path, &text)
    }

    /// Removes the file; `Ok(false)` when there was none.
    pub fn remove(&self) -> Result<bool, OAuthError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(OAuthError::Io {
                action: "remove",
                path: self.path.clone(),
                source,
            }),
        }
    }
}

fn store_error(error: OAuthError) -> AuthError {
    AuthError::CredentialStoreError(error.to_string())
}

#[async_trait]
impl CredentialStore for FileCredentialStore {
    async fn load(&self) -> Result<Option<StoredCredentials>, AuthError> {
        self.read().map_err(store_error)
    }

    async fn save(&self, credentials: StoredCredentials) -> Result<(), AuthError> {
        self.write(credentials).map_err(store_error)
    }

    async fn clear(&self) -> Result<(), AuthError> {
        self.remove().map(|_| ()).map_err(store_error)
    }
}

/// Writes `bytes` to `path` so that no other user can read them at any
/// moment: the directory is made 0700, the data goes to a new 0600 file
/// beside the target, and a rename puts it in place (readers see the old
/// file or the new one, never half of one).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), OAuthError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let io = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| OAuthError::Io {
            action,
            path,
            source,
        }
    };
    let dir = path.parent().ok_or_else(|| OAuthError::Io {
        action: "find the directory of",
        path: path.to_path_buf(),
        source: std::io::ErrorKind::InvalidInput.into(),
    })?;
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).map_err(io("create", parent))?;
    }
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            // It may predate baton or have been loosened by hand.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io("restrict", dir))?;
        }
        Err(error) => return Err(io("create", dir)(error)),
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        // create_new: never reuse (or follow a link to) an existing file;
        // mode 0600 applies from creation, before any byte is written.
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io("write", path)(error));
    }
    Ok(())
}

/// What [`login`] reports once the sign-in is stored.
#[derive(Debug, Clone)]
pub struct LoginOutcome {
    pub credentials_path: PathBuf,
}

/// Runs the authorization-code flow with PKCE for one server: discovery and
/// client registration (rmcp), a loopback listener on 127.0.0.1 with an
/// ephemeral port for the redirect, `show` with the authorization URL (the
/// caller prints it and may open a browser), then the callback (its `state`
/// must be the one sent), the code exchange, and the store.
pub async fn login(
    url: &str,
    store: FileCredentialStore,
    timeout: Duration,
    show: impl FnOnce(&str),
) -> Result<LoginOutcome, OAuthError> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(OAuthError::Listener)?;
    let port = listener.local_addr().map_err(OAuthError::Listener)?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK_PATH}");
    let start = |source| OAuthError::Start {
        url: url.to_owned(),
        source: Box::new(source),
    };

    let mut manager = AuthorizationManager::new(url).await.map_err(start)?;
    manager.set_credential_store(store.clone());
    let mut request = AuthorizationRequest::new(&redirect_uri).with_client_name("baton");
    if let Some(challenge) = probe_challenge(url).await {
        request = request.with_challenge(challenge);
    }
    let mut state = OAuthState::Unauthorized(manager);
    state.start_authorization(request).await.map_err(start)?;
    let auth_url = state.get_authorization_url().await.map_err(start)?;
    let expected_state = query_param(&auth_url, "state").ok_or_else(|| {
        start(AuthError::InternalError(
            "the authorization URL has no state parameter".into(),
        ))
    })?;

    let (sender, mut receiver) = tokio::sync::mpsc::channel(1);
    let stop = CancellationToken::new();
    let server = tokio::spawn(serve_callback(
        listener,
        expected_state,
        sender,
        stop.clone(),
    ));
    show(&auth_url);
    let received = tokio::time::timeout(timeout, receiver.recv()).await;
    stop.cancel();
    // Let the browser's page be delivered before the listener goes away.
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    let callback = match received {
        Ok(Some(callback)) => callback?,
        Ok(None) | Err(_) => return Err(OAuthError::Timeout(timeout.as_secs())),
    };
    state
        .handle_callback_with_issuer(&callback.code, &callback.state, callback.issuer.as_deref())
        .await
        .map_err(|e| OAuthError::Exchange(Box::new(e)))?;
    Ok(LoginOutcome {
        credentials_path: store.path().to_path_buf(),
    })
}

/// The `WWW-Authenticate` challenge the server answers an unauthenticated
/// request with. It can point at protected-resource metadata kept somewhere
/// other than the well-known paths, and name the scopes to ask for; rmcp
/// falls back to the well-known paths without it.
async fn probe_challenge(url: &str) -> Option<String> {
    // No redirects: the challenge must come from the configured URL itself.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .ok()?;
    let response = client
        .post(url)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::ACCEPT, "application/json, text/event-stream")
        .body(r#"{"jsonrpc":"2.0","id":0,"method":"ping"}"#)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .ok()?;
    if response.status() != http::StatusCode::UNAUTHORIZED {
        return None;
    }
    response
        .headers()
        .get(http::header::WWW_AUTHENTICATE)?
        .to_str()
        .ok()
        .map(str::to_owned)
}

struct Callback {
    code: String,
    state: String,
    issuer: Option<String>,
}

fn query_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// Serves the redirect URI until a callback with the expected `state`
/// arrives (or `stop`). Callbacks with another state are refused and
/// ignored: they are not answers to this sign-in.
async fn serve_callback(
    listener: tokio::net::TcpListener,
    expected_state: String,
    sender: tokio::sync::mpsc::Sender<Result<Callback, OAuthError>>,
    stop: CancellationToken,
) {
    use axum::http::StatusCode;
    use axum::response::Html;

    let expected = Arc::new(expected_state);
    let handler = move |uri: axum::http::Uri| {
        let expected = expected.clone();
        let sender = sender.clone();
        async move {
            let params: HashMap<String, String> =
                url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
                    .into_owned()
                    .collect();
            if params.get("state") != Some(&*expected) {
                return (
                    StatusCode::BAD_REQUEST,
                    Html("<p>This is not the sign-in baton is waiting for (its state does not match). Start again with <code>baton mcp login</code>.</p>".to_owned()),
                );
            }
            if let Some(error) = params.get("error") {
                let description = params
                    .get("error_description")
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                // try_send: a second redirect (a reload) must not block
                // the page while the first is being handled.
                let _ = sender.try_send(Err(OAuthError::Refused(format!("{error}{description}"))));
                return (
                    StatusCode::OK,
                    Html("<p>The sign-in was refused. See baton's terminal.</p>".to_owned()),
                );
            }
            let Some(code) = params.get("code") else {
                return (
                    StatusCode::BAD_REQUEST,
                    Html("<p>The redirect carries no authorization code.</p>".to_owned()),
                );
            };
            let _ = sender.try_send(Ok(Callback {
                code: code.clone(),
                state: (*expected).clone(),
                issuer: params.get("iss").cloned(),
            }));
            (
                StatusCode::OK,
                Html("<p>baton received the sign-in. You can close this tab and return to the terminal.</p>".to_owned()),
            )
        }
    };
    let router = axum::Router::new().route(CALLBACK_PATH, axum::routing::get(handler));
    let _ = axum::serve(listener, router)
        .with_graceful_shutdown(async move { stop.cancelled().await })
        .await;
}

/// The OAuth-aware HTTP client for the MCP transport: rmcp's [`AuthClient`]
/// (a bearer token on every request, refreshed when it expires or when the
/// server rejects it once), plus a flag set when the server answered 401
/// even so, which means only a new sign-in can help.
#[derive(Clone)]
pub(crate) struct WatchedAuthClient {
    inner: AuthClient<reqwest::Client>,
    rejected: Arc<AtomicBool>,
}

impl WatchedAuthClient {
    pub fn new(inner: AuthClient<reqwest::Client>) -> Self {
        Self {
            inner,
            rejected: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Set once the server refused the credentials after a refresh.
    pub fn rejected(&self) -> Arc<AtomicBool> {
        self.rejected.clone()
    }

    fn watch<T>(
        &self,
        result: Result<T, StreamableHttpError<reqwest::Error>>,
    ) -> Result<T, StreamableHttpError<reqwest::Error>> {
        if let Err(StreamableHttpError::AuthRequired(_)) = &result {
            self.rejected.store(true, Ordering::SeqCst);
        }
        result
    }
}

type SseStream = BoxStream<'static, Result<sse_stream::Sse, sse_stream::Error>>;

impl StreamableHttpClient for WatchedAuthClient {
    type Error = reqwest::Error;

    async fn post_message(
        &self,
        uri: Arc<str>,
        message: ClientJsonRpcMessage,
        session_id: Option<Arc<str>>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
    ) -> Result<StreamableHttpPostResponse, StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .post_message(uri, message, session_id, auth_header, custom_headers)
            .await;
        self.watch(result)
    }

    async fn post_message_with_max_sse_event_size(
        &self,
        uri: Arc<str>,
        message: ClientJsonRpcMessage,
        session_id: Option<Arc<str>>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
        max_sse_event_size: usize,
    ) -> Result<StreamableHttpPostResponse, StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .post_message_with_max_sse_event_size(
                uri,
                message,
                session_id,
                auth_header,
                custom_headers,
                max_sse_event_size,
            )
            .await;
        self.watch(result)
    }

    async fn post_message_with_response_limits(
        &self,
        uri: Arc<str>,
        message: ClientJsonRpcMessage,
        session_id: Option<Arc<str>>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
        limits: StreamableHttpResponseLimits,
    ) -> Result<StreamableHttpPostResponse, StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .post_message_with_response_limits(
                uri,
                message,
                session_id,
                auth_header,
                custom_headers,
                limits,
            )
            .await;
        self.watch(result)
    }

    async fn delete_session(
        &self,
        uri: Arc<str>,
        session_id: Arc<str>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
    ) -> Result<(), StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .delete_session(uri, session_id, auth_header, custom_headers)
            .await;
        self.watch(result)
    }

    async fn get_stream(
        &self,
        uri: Arc<str>,
        session_id: Option<Arc<str>>,
        last_event_id: Option<String>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
    ) -> Result<SseStream, StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .get_stream(uri, session_id, last_event_id, auth_header, custom_headers)
            .await;
        self.watch(result)
    }

    async fn get_stream_with_max_sse_event_size(
        &self,
        uri: Arc<str>,
        session_id: Option<Arc<str>>,
        last_event_id: Option<String>,
        auth_header: Option<String>,
        custom_headers: HashMap<HeaderName, HeaderValue>,
        max_sse_event_size: usize,
    ) -> Result<SseStream, StreamableHttpError<Self::Error>> {
        let result = self
            .inner
            .get_stream_with_max_sse_event_size(
                uri,
                session_id,
                last_event_id,
                auth_header,
                custom_headers,
                max_sse_event_size,
            )
            .await;
        self.watch(result)
    }
}

/// Why an `oauth = true` server cannot be reached with what is stored.
pub(crate) enum Prepared {
    Ready(WatchedAuthClient),
    /// Needs `baton mcp login`; the text says why.
    NeedsLogin(String),
}

/// Builds the authorised HTTP client from the stored credentials: loads them
/// (none: needs login), discovers the server's metadata (rmcp), and gets an
/// access token, refreshing it now if it has expired so a refused refresh is
/// reported before the connection is tried.
pub(crate) async fn prepare(url: &str, store: FileCredentialStore) -> Result<Prepared, String> {
    match store.read() {
        Ok(Some(_)) => {}
        Ok(None) => return Ok(Prepared::NeedsLogin("not signed in".into())),
        Err(error) => return Err(error.to_string()),
    }
    let mut manager = AuthorizationManager::new(url)
        .await
        .map_err(|e| format!("OAuth set-up failed: {e}"))?;
    manager.set_credential_store(store);
    // Discover as `login` did, so metadata at a place only the challenge
    // names is found again.
    let challenge = probe_challenge(url).await;
    let resolution = manager
        .resolve_metadata_from_challenge(challenge.as_deref())
        .await
        .map_err(|e| format!("OAuth discovery failed: {e}"))?;
    manager.set_metadata(resolution.metadata);
    match manager.initialize_from_store().await {
        Ok(true) => {}
        Ok(false) => {
            return Ok(Prepared::NeedsLogin(
                "the stored sign-in is for another authorization server".into(),
            ));
        }
        Err(error) => return Err(format!("OAuth discovery failed: {error}")),
    }
    match manager.get_access_token().await {
        Ok(_) => {}
        Err(AuthError::AuthorizationRequired) => {
            return Ok(Prepared::NeedsLogin(
                "the stored sign-in has expired and could not be refreshed".into(),
            ));
        }
        Err(error) => return Err(format!("could not get an OAuth access token: {error}")),
    }
    Ok(Prepared::Ready(WatchedAuthClient::new(AuthClient::new(
        reqwest::Client::new(),
        manager,
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(token: &str) -> StoredCredentials {
        let response = serde_json::from_value(serde_json::json!({
            "access_token": token,
            "refresh_token": "r-secret",
            "token_type": "Bearer",
            "expires_in": 60,
        }))
        .unwrap();
        StoredCredentials::new("client-1".into(), Some(response), vec![], Some(1))
    }

    #[test]
    fn files_are_private_atomic_and_bound_to_their_url() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("baton").join(CREDENTIALS_SUBDIR);
        let store = FileCredentialStore::new(&dir, "web", "http://127.0.0.1:1/mcp").unwrap();
        assert!(store.read().unwrap().is_none());
        store.write(credentials("a-secret")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(&dir), 0o700);
        // Only the file itself is left: the temporary was renamed.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert_eq!(store.read().unwrap().unwrap().client_id, "client-1");
        // Debug output never carries a token.
        let shown = format!("{store:?} {:?}", store.read().unwrap());
        assert!(!shown.contains("secret"), "{shown}");

        // The same name for another URL is another file.
        let other = FileCredentialStore::new(&dir, "web", "http://127.0.0.1:2/mcp").unwrap();
        assert_ne!(other.path(), store.path());
        assert!(other.read().unwrap().is_none());

        // A loosened directory is tightened again on the next write.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        store.write(credentials("b-secret")).unwrap();
        assert_eq!(mode(&dir), 0o700);

        assert!(store.remove().unwrap());
        assert!(!store.remove().unwrap());
        assert!(FileCredentialStore::new(&dir, "../x", "http://x").is_err());
    }

    #[test]
    fn a_corrupt_file_says_how_to_recover() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileCredentialStore::new(dir.path(), "web", "http://x/mcp").unwrap();
        std::fs::write(store.path(), "{not json").unwrap();
        let error = store.read().unwrap_err().to_string();
        assert!(error.contains("baton mcp logout web"), "{error}");
    }

    #[test]
    fn the_login_command_names_the_workspace_when_needed() {
        assert_eq!(login_command("web", None), "baton mcp login web");
        assert_eq!(
            login_command("web", Some(Path::new("/srv/app"))),
            "baton mcp -C /srv/app login web"
        );
        assert_eq!(
            login_command("web", Some(Path::new("/my app's"))),
            r"baton mcp -C '/my app'\''s' login web"
        );
    }

    #[test]
    fn the_directory_follows_xdg() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            default_credentials_dir(&env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/baton/oauth"))
        );
        assert_eq!(
            default_credentials_dir(&env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.config/baton/oauth"))
        );
        assert_eq!(default_credentials_dir(&env(&[])), None);
    }
}
