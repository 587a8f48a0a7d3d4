//! The client side of every MCP connection the hub holds: identifies baton,
//! routes progress notifications to the call that asked for them, and
//! reports `tools/list_changed`.

use std::sync::Arc;

use rmcp::handler::client::progress::ProgressDispatcher;
use rmcp::model::{ClientCapabilities, ClientConfig, Implementation, ProgressNotificationParam};
use rmcp::service::NotificationContext;
use rmcp::{ClientHandler, RoleClient};
use tokio::sync::Notify;

#[derive(Clone)]
pub(crate) struct HubHandler {
    pub progress: ProgressDispatcher,
    /// Woken when the server says its tool list changed.
    pub tools_changed: Arc<Notify>,
}

impl HubHandler {
    pub fn new() -> Self {
        Self {
            progress: ProgressDispatcher::new(),
            tools_changed: Arc::new(Notify::new()),
        }
    }
}

impl ClientHandler for HubHandler {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            ClientCapabilities::default(),
            Implementation::new("baton", env!("CARGO_PKG_VERSION")),
        )
    }

    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _ctx: NotificationContext<RoleClient>,
    ) {
        self.progress.handle_notification(params).await;
    }

    async fn on_tool_list_changed(&self, _ctx: NotificationContext<RoleClient>) {
        self.tools_changed.notify_one();
    }
}
