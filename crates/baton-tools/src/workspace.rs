use std::io;
use std::path::{Component, Path, PathBuf};

/// The directory tree tools may touch. Paths are resolved against the root;
/// anything that would leave it, by `..`, an absolute path or a symlink, is
/// refused.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error(
        "`{path}` is outside the workspace {root}; tools may only touch files under the workspace root"
    )]
    Outside { path: String, root: String },
    #[error(
        "`{path}` leads outside the workspace {root} through the symlink `{link}`; tools may only touch files under the workspace root"
    )]
    SymlinkEscape {
        path: String,
        link: String,
        root: String,
    },
    #[error("the path is empty; give a path relative to the workspace root")]
    Empty,
    #[error("cannot open the workspace root {root}: {source}")]
    Root { root: String, source: io::Error },
    #[error("cannot inspect `{path}`: {source}")]
    Io { path: String, source: io::Error },
}

impl Workspace {
    /// Opens `root`, which must exist; it is canonicalised once so later
    /// checks compare real paths.
    pub fn new(root: impl AsRef<Path>) -> Result<Self, PathError> {
        let root = root.as_ref();
        let root = root.canonicalize().map_err(|source| PathError::Root {
            root: root.display().to_string(),
            source,
        })?;
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path relative to the root, for messages shown to the model.
    pub fn display(&self, path: &Path) -> String {
        match path.strip_prefix(&self.root) {
            Ok(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
            Ok(rel) => rel.display().to_string(),
            Err(_) => path.display().to_string(),
        }
    }

    /// Resolves a path given by the model to an absolute path inside the
    /// workspace. The path need not exist (tools that create files call this
    /// too), but every part of it that does exist is checked after
    /// following symlinks.
    pub fn resolve(&self, path: &str) -> Result<PathBuf, PathError> {
        if path.is_empty() {
            return Err(PathError::Empty);
        }
        let requested = Path::new(path);
        let joined = if requested.is_absolute() {
            requested.to_path_buf()
        } else {
            self.root.join(requested)
        };
        let lexical = normalize(&joined).ok_or_else(|| self.outside(path))?;
        if !lexical.starts_with(&self.root) {
            return Err(self.outside(path));
        }

        // Follow symlinks: the deepest existing ancestor must canonicalise to
        // somewhere under the root. Components below it do not exist yet, so
        // they cannot be links.
        let mut existing = lexical.as_path();
        let mut rest = Vec::new();
        loop {
            match existing.symlink_metadata() {
                Ok(_) => break,
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    let Some(name) = existing.file_name() else {
                        break;
                    };
                    rest.push(name.to_owned());
                    let Some(parent) = existing.parent() else {
                        break;
                    };
                    existing = parent;
                }
                Err(source) => {
                    return Err(PathError::Io {
                        path: path.to_owned(),
                        source,
                    });
                }
            }
        }
        let real = match existing.canonicalize() {
            Ok(real) => real,
            // A dangling symlink: canonicalize fails, so read where it points.
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let target = std::fs::read_link(existing).map_err(|source| PathError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                let base = existing.parent().unwrap_or(&self.root);
                normalize(&base.join(target)).ok_or_else(|| self.outside(path))?
            }
            Err(source) => {
                return Err(PathError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        if !real.starts_with(&self.root) {
            return Err(PathError::SymlinkEscape {
                path: path.to_owned(),
                link: self.display(existing),
                root: self.root.display().to_string(),
            });
        }
        let mut resolved = real;
        resolved.extend(rest.into_iter().rev());
        Ok(resolved)
    }

    fn outside(&self, path: &str) -> PathError {
        PathError::Outside {
            path: path.to_owned(),
            root: self.root.display().to_string(),
        }
    }
}

/// Removes `.` and resolves `..` lexically; `None` if `..` climbs past `/`.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => out.push(prefix.as_os_str()),
            Component::RootDir => out.push(Component::RootDir.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(name) => out.push(name),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/lib.rs"), "x").unwrap();
        let ws = Workspace::new(dir.path()).unwrap();
        (dir, ws)
    }

    #[test]
    fn relative_and_absolute_paths_inside_resolve() {
        let (_dir, ws) = workspace();
        let rel = ws.resolve("src/lib.rs").unwrap();
        assert_eq!(rel, ws.root().join("src/lib.rs"));
        let abs = ws.resolve(&rel.display().to_string()).unwrap();
        assert_eq!(abs, rel);
        assert_eq!(ws.resolve("src/../src/./lib.rs").unwrap(), rel);
        assert_eq!(
            ws.resolve("new/dir/file.txt").unwrap(),
            ws.root().join("new/dir/file.txt")
        );
        assert_eq!(ws.resolve(".").unwrap(), ws.root());
    }

    #[test]
    fn dotdot_and_foreign_absolute_paths_are_refused() {
        let (_dir, ws) = workspace();
        for bad in ["..", "../x", "src/../../x", "/etc/passwd", "/"] {
            let err = ws.resolve(bad).unwrap_err();
            assert!(matches!(err, PathError::Outside { .. }), "{bad}: {err}");
            assert!(err.to_string().contains("outside the workspace"), "{err}");
        }
        assert!(matches!(ws.resolve(""), Err(PathError::Empty)));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_escapes_are_refused() {
        let (dir, ws) = workspace();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("nope"), dir.path().join("dangling"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("src"), dir.path().join("inner")).unwrap();

        for bad in [
            "link",
            "link/secret",
            "link/new-file",
            "dangling",
            "dangling/x",
        ] {
            let err = ws.resolve(bad).unwrap_err();
            assert!(
                matches!(err, PathError::SymlinkEscape { .. }),
                "{bad}: {err}"
            );
        }
        // A link that stays inside is fine, and resolves to its target.
        assert_eq!(
            ws.resolve("inner/lib.rs").unwrap(),
            ws.root().join("src/lib.rs")
        );
    }
}
