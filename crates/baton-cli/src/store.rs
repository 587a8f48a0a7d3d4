//! The session store as the CLI uses it: where it is, and the adapter that
//! makes it a subscriber of the event bus and the bus's durability.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use baton_agent::{Durable, Subscriber};
use baton_config::Config;
use baton_protocol::Envelope;
use baton_store::{Recorder, Retention, Store};

/// The database to use: `--store`, else `[store] path`, else the default
/// under `$XDG_DATA_HOME`. `None` when the config turns the store off and
/// no flag asks for one.
pub fn store_path(config: &Config, flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    if !config.store.enabled {
        return None;
    }
    config
        .store
        .path
        .clone()
        .or_else(|| Store::default_path(&|var| std::env::var(var).ok()))
}

pub async fn open(path: &Path) -> Result<Store, String> {
    Store::open(path).await.map_err(|error| error.to_string())
}

/// Opens the store a command needs, or says why it cannot.
pub async fn open_for(config: &Config, flag: Option<&Path>) -> Result<Store, String> {
    let Some(path) = store_path(config, flag) else {
        return Err(
            "the session store is off ([store] enabled = false in baton.toml); pass --store PATH to use one"
                .into(),
        );
    };
    open(&path).await
}

pub fn retention(config: &Config) -> Retention {
    let store = &config.store;
    Retention {
        max_age: store
            .keep_days
            .filter(|days| days.is_finite() && *days > 0.0)
            .map(|days| std::time::Duration::from_secs_f64(days * 86_400.0)),
        max_sessions: store.keep_sessions,
        max_bytes: store
            .max_mb
            .filter(|mb| mb.is_finite() && *mb > 0.0)
            .map(|mb| (mb * 1024.0 * 1024.0) as u64),
    }
}

/// Records every event, and lets the agent wait until they are on disk.
pub struct StoreSink(pub Recorder);

impl Subscriber for StoreSink {
    fn on_event(&self, envelope: &Envelope) {
        self.0.record(envelope);
    }
}

impl Durable for StoreSink {
    fn sync(&self) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + '_>> {
        let flush = self.0.flush();
        Box::pin(async move { flush.await.map_err(|error| error.to_string()) })
    }
}
