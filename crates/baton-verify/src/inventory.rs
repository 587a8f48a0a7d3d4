//! Test ids before and after a change, compared.

use std::path::Path;
use std::time::Duration;

use crate::report::Finding;
use crate::runner::{RunError, Runner};

// placeholder: replaced by the runner branch
/// The test ids of one tree.
#[derive(Debug, Clone, Default)]
pub struct Inventory;

// placeholder: replaced by the runner branch
pub async fn list(
    _dir: &Path,
    _runner: &Runner,
    _timeout: Duration,
) -> Result<Inventory, RunError> {
    Ok(Inventory)
}

// placeholder: replaced by the runner branch
pub fn compare(_base: &Inventory, _after: &Inventory) -> Vec<Finding> {
    Vec::new()
}
