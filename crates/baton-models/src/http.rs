//! HTTP plumbing shared by the HTTP providers: client construction, error
//! bodies, `retry-after`, and turning a response body into SSE events.

use std::time::{Duration, SystemTime};

use eventsource_stream::{EventStreamError, Eventsource};
use futures::{Stream, StreamExt};
use reqwest::header::HeaderMap;

use crate::ModelError;

/// Time allowed to open a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Error bodies beyond this are cut; they are only shown to the user.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// `idle_timeout` bounds the wait for each chunk, not the whole response:
/// a long answer that keeps streaming is fine, a silent connection is not.
pub(crate) fn client(
    provider: &'static str,
    idle_timeout: Duration,
) -> Result<reqwest::Client, ModelError> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(idle_timeout)
        .user_agent(concat!("baton/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ModelError::Config(format!("{provider}: cannot build the HTTP client: {e}")))
}

pub(crate) fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

pub(crate) async fn send(
    provider: &'static str,
    url: &str,
    idle_timeout: Duration,
    request: reqwest::RequestBuilder,
) -> Result<reqwest::Response, ModelError> {
    let response = request
        .send()
        .await
        .map_err(|e| transport_error(provider, url, idle_timeout, &e))?;
    if response.status().is_success() {
        Ok(response)
    } else {
        Err(error_from_response(provider, response).await)
    }
}

fn transport_error(
    provider: &'static str,
    url: &str,
    idle_timeout: Duration,
    error: &reqwest::Error,
) -> ModelError {
    if error.is_timeout() {
        ModelError::Timeout {
            provider,
            after: idle_timeout,
        }
    } else {
        ModelError::Connect {
            provider,
            url: url.to_owned(),
            detail: error_chain(error),
        }
    }
}

/// reqwest's top-level message is generic ("error sending request"); the
/// cause chain holds the part a user can act on ("connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

async fn error_from_response(provider: &'static str, response: reqwest::Response) -> ModelError {
    let status = response.status().as_u16();
    let retry_after = retry_after(response.headers(), SystemTime::now());
    let mut body = Vec::new();
    let mut chunks = response.bytes_stream();
    while let Some(Ok(chunk)) = chunks.next().await {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_ERROR_BODY {
            body.truncate(MAX_ERROR_BODY);
            break;
        }
    }
    let message = error_message(&String::from_utf8_lossy(&body));
    ModelError::Http {
        provider,
        status,
        message,
        retry_after,
    }
}

/// The provider's own words from an error body. Anthropic sends
/// `{"type":"error","error":{"type","message"}}`, OpenAI-compatible servers
/// `{"error":{"message","type","code"}}` or `{"error":"text"}`.
pub(crate) fn error_message(body: &str) -> String {
    let trimmed = body.trim();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed) {
        let error = value.get("error").unwrap_or(&value);
        if let Some(text) = error.as_str() {
            return text.to_owned();
        }
        let message = error.get("message").and_then(|m| m.as_str());
        let kind = error.get("type").and_then(|t| t.as_str());
        match (kind, message) {
            (Some(kind), Some(message)) => return format!("{kind}: {message}"),
            (None, Some(message)) => return message.to_owned(),
            _ => {}
        }
    }
    if trimmed.is_empty() {
        "(empty response body)".to_owned()
    } else {
        trimmed.chars().take(2000).collect()
    }
}

/// `retry-after-ms` (OpenAI) wins over `retry-after`, which may be seconds
/// or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok())
        && ms.is_finite()
        && ms >= 0.0
    {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The response body as server-sent events, with transport failures turned
/// into retryable errors.
pub(crate) fn sse(
    provider: &'static str,
    idle_timeout: Duration,
    response: reqwest::Response,
) -> impl Stream<Item = Result<eventsource_stream::Event, ModelError>> + Send {
    response.bytes_stream().eventsource().map(move |item| {
        item.map_err(|error| match error {
            EventStreamError::Transport(e) if e.is_timeout() => ModelError::Timeout {
                provider,
                after: idle_timeout,
            },
            EventStreamError::Transport(e) => ModelError::Truncated {
                provider,
                detail: error_chain(&e),
            },
            EventStreamError::Utf8(e) => ModelError::Protocol {
                provider,
                detail: format!("invalid UTF-8 in the stream: {e}"),
            },
            EventStreamError::Parser(e) => ModelError::Protocol {
                provider,
                detail: format!("malformed server-sent event: {e}"),
            },
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn error_messages_come_from_the_provider() {
        assert_eq!(
            error_message(
                r#"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too big"}}"#
            ),
            "invalid_request_error: max_tokens: too big"
        );
        assert_eq!(
            error_message(
                r#"{"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"x"}}"#
            ),
            "invalid_request_error: Incorrect API key"
        );
        assert_eq!(
            error_message(r#"{"error":"model not found"}"#),
            "model not found"
        );
        assert_eq!(
            error_message("<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
        assert_eq!(error_message(""), "(empty response body)");
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        headers.insert(
            "retry-after",
            HeaderValue::from_str(&httpdate::fmt_http_date(now + Duration::from_secs(30))).unwrap(),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert("retry-after-ms", HeaderValue::from_static("250"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_millis(250)));
        let mut junk = HeaderMap::new();
        junk.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&junk, now), None);
    }
}
