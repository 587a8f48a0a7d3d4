//! Shared by the agent's integration tests.
#![allow(dead_code)]

use baton_protocol::Envelope;
use tokio::sync::mpsc::UnboundedReceiver;

/// Every event a bus channel has received so far.
pub fn drain(events: &mut UnboundedReceiver<Envelope>) -> Vec<Envelope> {
    let mut out = Vec::new();
    while let Ok(envelope) = events.try_recv() {
        out.push(envelope);
    }
    out
}
