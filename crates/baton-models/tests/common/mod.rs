//! Fakes for provider wire tests: SSE fixtures served by wiremock, and a raw
//! TCP server for what wiremock cannot do (cut a body short, go silent).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use baton_models::ModelInfo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

pub fn fixture(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

pub fn sse(path: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture(path), "text/event-stream")
}

pub fn info(provider: &'static str, model_id: &str) -> ModelInfo {
    ModelInfo {
        name: format!("{provider}:{model_id}"),
        model_id: model_id.to_owned(),
        provider,
        price: None,
        context_window: 200_000,
        max_output_tokens: 1024,
        sampling: Default::default(),
    }
}

/// What the raw server does with one connection, in the order connections arrive.
pub enum Raw {
    /// Sends the status line, headers and this much of the body, then closes.
    CutAfter { body: String, keep: usize },
    /// Sends headers and this prefix of the body, then goes silent (until the test ends).
    StallAfter { body: String, keep: usize },
    /// Sends the whole body, chunked into writes of `chunk` bytes.
    Full { body: String, chunk: usize },
}

/// Serves the scripted connections, then stops accepting. Returns the base
/// URL and a counter of connections served.
pub async fn raw_server(plan: Vec<Raw>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    tokio::spawn(async move {
        for step in plan {
            let Ok(Ok((mut socket, _))) =
                tokio::time::timeout(Duration::from_secs(30), listener.accept()).await
            else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                read_request(&mut socket).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";
                let _ = socket.write_all(head.as_bytes()).await;
                match step {
                    Raw::CutAfter { body, keep } => {
                        let _ = socket
                            .write_all(&body.as_bytes()[..keep.min(body.len())])
                            .await;
                        let _ = socket.flush().await;
                    }
                    Raw::StallAfter { body, keep } => {
                        let _ = socket
                            .write_all(&body.as_bytes()[..keep.min(body.len())])
                            .await;
                        let _ = socket.flush().await;
                        tokio::time::sleep(Duration::from_secs(30)).await;
                    }
                    Raw::Full { body, chunk } => {
                        for piece in body.as_bytes().chunks(chunk.max(1)) {
                            let _ = socket.write_all(piece).await;
                            let _ = socket.flush().await;
                            tokio::task::yield_now().await;
                        }
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), served)
}

/// Reads one HTTP request (headers plus a content-length body).
async fn read_request(socket: &mut tokio::net::TcpStream) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_secs(10), socket.read(&mut chunk)).await
        else {
            return;
        };
        if n == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buffer);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if buffer.len() >= end + 4 + length {
                return;
            }
        }
    }
}
