//! Which package of a Cargo workspace each test binary belongs to.
//!
//! `cargo test -- --list` names a binary's source relative to its own
//! package (`Running unittests src/lib.rs (target/debug/deps/core-1a2b)`),
//! so in a workspace every package's `src/lib.rs` (and two packages'
//! `tests/api.rs`) would give the same test ids, and a test removed from one
//! would hide behind its namesake in another. (Doc tests are named from
//! the workspace's root already.) Cargo's build messages
//! (`--no-run --message-format=json`) say which package built each binary,
//! so ids can carry the package's directory: `crates/core/src/lib.rs::…`.

use std::collections::HashMap;
use std::path::Path;

/// Package directories, relative to the repository, by test binary (doc
/// tests need none: rustdoc names their files from the workspace's root).
/// Unknown, or a package at the root, keeps a single package's ids as they
/// were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packages {
    /// By the binary's file name (`core-1a2b3c`), which has cargo's hash.
    by_binary: HashMap<String, String>,
}

impl Packages {
    /// Reads cargo's JSON build messages; other lines are ignored.
    pub fn from_build_messages(text: &str, root: &Path) -> Self {
        let mut packages = Packages::default();
        for line in text.lines().filter(|l| l.starts_with('{')) {
            let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if message["reason"] != "compiler-artifact" {
                continue;
            }
            let Some(manifest) = message["manifest_path"].as_str() else {
                continue;
            };
            let dir = Path::new(manifest)
                .parent()
                .and_then(|dir| dir.strip_prefix(root).ok())
                .map(|dir| dir.to_string_lossy().into_owned())
                .unwrap_or_default();
            if dir.is_empty() {
                continue;
            }
            if let Some(name) = message["executable"]
                .as_str()
                .and_then(|exe| Path::new(exe).file_name())
            {
                packages
                    .by_binary
                    .insert(name.to_string_lossy().into_owned(), dir);
            }
        }
        packages
    }

    /// The package directory of the binary cargo names in `(target/…/NAME)`.
    pub fn of_binary(&self, path: &str) -> Option<&str> {
        let name = Path::new(path.trim()).file_name()?.to_str()?;
        self.by_binary.get(name).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn binaries_map_to_their_package_directory() {
        let text = r#"   Compiling core v0.1.0
{"reason":"compiler-artifact","manifest_path":"/w/crates/core/Cargo.toml","target":{"kind":["lib"],"name":"my-core"},"executable":null}
{"reason":"compiler-artifact","manifest_path":"/w/crates/core/Cargo.toml","target":{"kind":["lib"],"name":"my-core"},"executable":"/t/debug/deps/my_core-1a2b"}
{"reason":"compiler-artifact","manifest_path":"/w/crates/app/Cargo.toml","target":{"kind":["test"],"name":"api"},"executable":"/t/debug/deps/api-9f9f"}
{"reason":"compiler-artifact","manifest_path":"/w/Cargo.toml","target":{"kind":["bin"],"name":"top"},"executable":"/t/debug/deps/top-0000"}
{"reason":"build-finished","success":true}
not json"#;
        let packages = Packages::from_build_messages(text, Path::new("/w"));
        assert_eq!(
            packages.of_binary("target/debug/deps/my_core-1a2b"),
            Some("crates/core")
        );
        assert_eq!(
            packages.of_binary(" /t/debug/deps/api-9f9f"),
            Some("crates/app")
        );
        // The root package keeps its ids as they were.
        assert_eq!(packages.of_binary("target/debug/deps/top-0000"), None);
    }
}
