mod version;

pub use version::{Version, VersionError};
