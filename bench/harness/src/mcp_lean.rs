//! A lean Streamable HTTP load client for `tools/call`: plain reqwest
//! (HTTP/1.1, keep-alive pool) POSTing pre-built 2026-07-28 stateless
//! requests. rmcp's client costs about as much per call as a fast server
//! (its bare echo server answers it in ~420 µs over loopback), which
//! compresses every ratio; this client costs little, so what it measures is
//! mostly the server.
//!
//! It sends what rmcp 3.11's client sends for a 2026-07-28 `tools/call`
//! (`streamable_http_client.rs`, `mcp_headers.rs`, `Peer::send_request`):
//! `Accept: text/event-stream, application/json`, a JSON body,
//! `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name`, and `_meta` with
//! the protocol version, client info and client capabilities. It leaves out
//! the progress token rmcp adds to every request: it is optional, and a
//! client that does not want progress does not ask for it.

use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

const PROTOCOL: &str = "2026-07-28";

#[derive(Clone)]
pub struct LeanClient {
    http: reqwest::Client,
    url: String,
    headers: HeaderMap,
    /// The body after `"id":N,` — the same for every call.
    tail: String,
    expected: std::sync::Arc<str>,
}

impl LeanClient {
    /// A client calling `tool` with `arguments` at `url`, expecting the
    /// tool's text to be exactly `expected`.
    pub fn new(
        url: &str,
        tool: &str,
        arguments: &Value,
        expected: &str,
    ) -> Result<LeanClient, String> {
        let http = reqwest::Client::builder()
            .http1_only()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(64)
            .pool_idle_timeout(Duration::from_secs(300))
            .build()
            .map_err(|e| e.to_string())?;
        let header = |v: &str| HeaderValue::from_str(v).map_err(|e| e.to_string());
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, header("text/event-stream, application/json")?);
        headers.insert(CONTENT_TYPE, header("application/json")?);
        headers.insert(
            HeaderName::from_static("mcp-protocol-version"),
            header(PROTOCOL)?,
        );
        headers.insert(HeaderName::from_static("mcp-method"), header("tools/call")?);
        headers.insert(HeaderName::from_static("mcp-name"), header(tool)?);
        let rest = json!({
            "method": "tools/call",
            "params": {
                "name": tool,
                "arguments": arguments,
                "_meta": {
                    "io.modelcontextprotocol/protocolVersion": PROTOCOL,
                    "io.modelcontextprotocol/clientInfo": {"name": "baton-bench", "version": "1.0.0"},
                    "io.modelcontextprotocol/clientCapabilities": {},
                },
            },
        });
        // `{"method":...}` without its opening brace, to follow `"id":N,`.
        let tail = rest.to_string()[1..].to_owned();
        Ok(LeanClient {
            http,
            url: url.to_owned(),
            headers,
            tail,
            expected: expected.into(),
        })
    }

    /// One call: POST, read the answer (JSON or SSE), check the text.
    pub async fn call(&self, id: u64) -> Result<(), String> {
        let body = format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},{}", self.tail);
        let mut response = self
            .http
            .post(&self.url)
            .headers(self.headers.clone())
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let sse = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"));
        // Read the body to its end even when the SSE event carrying our
        // answer came first: a connection dropped mid-body cannot go back to
        // the keep-alive pool, and a fresh connection per call is not what
        // a client does.
        let mut buffer = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
            buffer.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            return Err(format!(
                "HTTP {status}: {}",
                String::from_utf8_lossy(&buffer)
            ));
        }
        let message = if sse {
            sse_response(&buffer, id).ok_or("the SSE stream ended without our response")?
        } else {
            serde_json::from_slice(&buffer).map_err(|e| format!("bad JSON answer: {e}"))?
        };
        self.check(&message, id)
    }

    fn check(&self, message: &Value, id: u64) -> Result<(), String> {
        if message.get("id").and_then(Value::as_u64) != Some(id) {
            return Err(format!("answer to another request: {message}"));
        }
        let result = message
            .get("result")
            .ok_or_else(|| format!("no result: {message}"))?;
        let text = text_of(result);
        if result.get("isError").and_then(Value::as_bool) == Some(true) {
            return Err(format!("the tool failed: {text}"));
        }
        if text != *self.expected {
            return Err(format!(
                "unexpected text:\n{text}\n--- expected:\n{}",
                self.expected
            ));
        }
        Ok(())
    }
}

/// The text blocks of a `CallToolResult`, joined as the rmcp path joins them.
fn text_of(result: &Value) -> String {
    result
        .get("content")
        .and_then(Value::as_array)
        .map(|blocks| {
            blocks
                .iter()
                .filter_map(|b| b.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// The JSON-RPC response with id `id` among the complete events of an SSE
/// body, skipping notifications and other events.
fn sse_response(buffer: &[u8], id: u64) -> Option<Value> {
    let text = std::str::from_utf8(buffer).ok()?;
    let text = text.replace("\r\n", "\n");
    // Only events followed by a blank line are complete.
    let complete = &text[..text.rfind("\n\n")?];
    for event in complete.split("\n\n") {
        let data: Vec<&str> = event
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .map(|d| d.strip_prefix(' ').unwrap_or(d))
            .collect();
        if data.is_empty() {
            continue;
        }
        let Ok(message) = serde_json::from_str::<Value>(&data.join("\n")) else {
            continue;
        };
        if message.get("id").and_then(Value::as_u64) == Some(id)
            && (message.get("result").is_some() || message.get("error").is_some())
        {
            return Some(message);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sse_response_finds_our_answer_among_other_events() {
        let body = "event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\r\n\r\n\
                    id: 7\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\ndata: \"result\":{\"content\":[]}}\n\n";
        let message = sse_response(body.as_bytes(), 3).expect("found");
        assert_eq!(message["result"]["content"], json!([]));
        assert!(sse_response(body.as_bytes(), 4).is_none());
    }

    #[test]
    fn sse_response_waits_for_the_end_of_the_event() {
        let body = "data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}\n";
        assert!(sse_response(body.as_bytes(), 3).is_none());
    }

    #[test]
    fn check_compares_the_joined_text() {
        let client =
            LeanClient::new("http://127.0.0.1:1/mcp", "t", &json!({}), "a\nb").expect("client");
        let ok = json!({"jsonrpc":"2.0","id":1,"result":{"content":[
            {"type":"text","text":"a"},{"type":"text","text":"b"}]}});
        assert!(client.check(&ok, 1).is_ok());
        assert!(client.check(&ok, 2).is_err());
        let failed = json!({"jsonrpc":"2.0","id":1,"result":{"isError":true,"content":[
            {"type":"text","text":"a\nb"}]}});
        assert!(client.check(&failed, 1).is_err());
    }
}
