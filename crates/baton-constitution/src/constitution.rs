//! The constitution: principles, their formats, validation and sampling.
//!
//! A constitution is a list of [`Principle`]s. It loads from TOML or from
//! Markdown (formats below); both produce the same validated value.
//!
//! TOML:
//!
//! ```toml
//! [[principle]]
//! id = "no-invented-facts"
//! tags = ["honesty"]          # harmlessness, honesty, helpfulness, balance, coding
//! weight = 1.5                # optional, default 1, must be finite and > 0
//! critique = "… If the response already does this, write exactly NO ISSUES and nothing else."
//! revision = "Rewrite the assistant's last response so …"
//! compare = "Which response …?"   # optional: the question for comparisons (RL-CAI)
//! ```
//!
//! Markdown: text before the first `## ` heading is ignored (a title, an
//! introduction). Each `## <id>` heading starts a principle; inside it,
//! `tags: a, b` and `weight: 2` lines, and paragraphs starting with
//! `Critique:`, `Revision:` or `Compare:`. A paragraph runs until a blank
//! line; its lines are joined with spaces, as Markdown renders them. Any
//! other text inside a principle is an error, so a typo such as
//! `Critque:` cannot silently drop a request.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ConstitutionError;
use crate::markdown;

/// What a critique says when the response already satisfies the principle.
/// Every default critique request asks for it, on a line of its own.
pub const NO_ISSUES: &str = "NO ISSUES";

/// True when a critique's last non-empty line is the [`NO_ISSUES`] marker
/// (case and surrounding punctuation or emphasis aside). Only a line that is
/// nothing but the marker counts: prose such as "there are no issues with
/// the tone, but …" must not end a revision loop early.
pub fn critique_found_nothing(text: &str) -> bool {
    let Some(last) = text.lines().rev().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let core = last.trim().trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '`' | '"' | '\'' | '.' | '!' | ':')
    });
    core.eq_ignore_ascii_case(NO_ISSUES)
}

/// The area a principle belongs to. `Balance` is its own tag, for the
/// principles that push back against over-caution (needless refusals,
/// unexplained declines); [`tags_for_task`] includes it with the general
/// tags, because harmlessness critiques alone drift toward refusing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    Harmlessness,
    Honesty,
    Helpfulness,
    Balance,
    Coding,
}

impl Tag {
    pub const ALL: [Tag; 5] = [
        Tag::Harmlessness,
        Tag::Honesty,
        Tag::Helpfulness,
        Tag::Balance,
        Tag::Coding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Harmlessness => "harmlessness",
            Tag::Honesty => "honesty",
            Tag::Helpfulness => "helpfulness",
            Tag::Balance => "balance",
            Tag::Coding => "coding",
        }
    }

    pub fn parse(text: &str) -> Option<Tag> {
        let text = text.trim();
        Tag::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text))
    }
}

/// One principle: how to critique a response against it, how to revise,
/// and (optionally) how to ask which of two responses follows it better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    /// The critique request.
    pub critique: String,
    /// The revision request.
    pub revision: String,
    /// The comparison question for preference labelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    pub tags: Vec<Tag>,
    pub weight: f64,
}

impl Principle {
    pub fn has_any_tag(&self, tags: &[Tag]) -> bool {
        self.tags.iter().any(|t| tags.contains(t))
    }
}

/// A principle as written in a file, before validation. Tags stay strings
/// so an unknown one can be reported with the principle it belongs to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrinciple {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub critique: Option<String>,
    #[serde(default)]
    pub revision: Option<String>,
    #[serde(default)]
    pub compare: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    principle: Vec<RawPrinciple>,
}

const DEFAULT_TOML: &str = include_str!("../defaults/constitution.toml");
const DEFAULT_PATH: &str = "<built-in constitution>";

/// A validated, non-empty list of principles with unique ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Constitution {
    source: String,
    principles: Vec<Principle>,
}

impl Constitution {
    /// Baton's own default constitution (`defaults/constitution.toml`).
    pub fn builtin() -> Result<Self, ConstitutionError> {
        Self::parse_toml(DEFAULT_TOML, DEFAULT_PATH)
    }

    /// The text of the built-in constitution, for `baton` to show or copy.
    pub fn builtin_toml() -> &'static str {
        DEFAULT_TOML
    }

    /// Loads a `.toml` or `.md`/`.markdown` file.
    pub fn load(path: &Path) -> Result<Self, ConstitutionError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConstitutionError::Read {
            path: shown.clone(),
            source,
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("toml") => Self::parse_toml(&text, &shown),
            Some("md" | "markdown") => Self::parse_markdown(&text, &shown),
            _ => Err(ConstitutionError::UnknownFormat { path: shown }),
        }
    }

    pub fn parse_toml(text: &str, path: &str) -> Result<Self, ConstitutionError> {
        let file: TomlFile = toml::from_str(text).map_err(|e| ConstitutionError::Syntax {
            path: path.to_owned(),
            format: "TOML",
            detail: e.to_string(),
        })?;
        Self::from_raw(file.principle, path)
    }

    pub fn parse_markdown(text: &str, path: &str) -> Result<Self, ConstitutionError> {
        Self::from_raw(markdown::parse(text, path)?, path)
    }

    /// Validates principles built in code; `source` names them in errors.
    pub fn new(principles: Vec<Principle>, source: &str) -> Result<Self, ConstitutionError> {
        let raw = principles
            .into_iter()
            .map(|p| RawPrinciple {
                id: p.id,
                critique: Some(p.critique),
                revision: Some(p.revision),
                compare: p.compare,
                tags: p.tags.iter().map(|t| t.as_str().to_owned()).collect(),
                weight: Some(p.weight),
            })
            .collect();
        Self::from_raw(raw, source)
    }

    pub(crate) fn from_raw(raw: Vec<RawPrinciple>, path: &str) -> Result<Self, ConstitutionError> {
        if raw.is_empty() {
            return Err(ConstitutionError::Empty {
                path: path.to_owned(),
            });
        }
        let mut seen = HashSet::new();
        let mut principles = Vec::with_capacity(raw.len());
        for p in raw {
            let id = p.id.trim().to_owned();
            if id.is_empty() {
                return Err(ConstitutionError::EmptyId {
                    path: path.to_owned(),
                });
            }
            if !seen.insert(id.clone()) {
                return Err(ConstitutionError::DuplicateId {
                    path: path.to_owned(),
                    id,
                });
            }
            let required = |value: Option<String>, field: &'static str| {
                value
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| ConstitutionError::Missing {
                        path: path.to_owned(),
                        id: id.clone(),
                        field,
                    })
            };
            let critique = required(p.critique, "critique")?;
            let revision = required(p.revision, "revision")?;
            let compare = match p.compare {
                Some(c) => Some(required(Some(c), "compare")?),
                None => None,
            };
            let mut tags = Vec::new();
            for tag in &p.tags {
                let parsed = Tag::parse(tag).ok_or_else(|| ConstitutionError::UnknownTag {
                    path: path.to_owned(),
                    id: id.clone(),
                    tag: tag.clone(),
                })?;
                if !tags.contains(&parsed) {
                    tags.push(parsed);
                }
            }
            let weight = p.weight.unwrap_or(1.0);
            if !weight.is_finite() || weight <= 0.0 {
                return Err(ConstitutionError::BadWeight {
                    path: path.to_owned(),
                    id,
                    weight,
                });
            }
            principles.push(Principle {
                id,
                critique,
                revision,
                compare,
                tags,
                weight,
            });
        }
        Ok(Self {
            source: path.to_owned(),
            principles,
        })
    }

    /// Where the constitution came from: a path or a built-in name.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Never empty.
    pub fn principles(&self) -> &[Principle] {
        &self.principles
    }

    pub fn get(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.id == id)
    }

    /// Every tag some principle carries.
    pub fn tags(&self) -> Vec<Tag> {
        let mut tags: Vec<Tag> = self
            .principles
            .iter()
            .flat_map(|p| p.tags.iter().copied())
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }

    /// Draws one principle at random, in proportion to its weight. With
    /// `tags`, only the principles carrying any of them take part, unless
    /// none does; then all do, so a task never goes without a principle.
    pub fn draw(&self, rng: &mut fastrand::Rng, tags: Option<&[Tag]>) -> &Principle {
        let index = draw_index(&self.principles, rng, tags, |p| (p.weight, &p.tags));
        &self.principles[index]
    }
}

/// A comparison question: which of two responses better follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonPrinciple {
    pub id: String,
    pub text: String,
    pub tags: Vec<Tag>,
    pub weight: f64,
}

/// The principles a labeller compares responses by (RL-CAI). Non-empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparisons {
    source: String,
    principles: Vec<ComparisonPrinciple>,
}

impl Comparisons {
    /// The `compare` questions of a constitution's principles, with their
    /// tags and weights.
    pub fn from_constitution(constitution: &Constitution) -> Result<Self, ConstitutionError> {
        let principles: Vec<_> = constitution
            .principles()
            .iter()
            .filter_map(|p| {
                p.compare.as_ref().map(|text| ComparisonPrinciple {
                    id: p.id.clone(),
                    text: text.clone(),
                    tags: p.tags.clone(),
                    weight: p.weight,
                })
            })
            .collect();
        Self::new(principles, constitution.source())
    }

    /// Baton's default comparison questions (from the built-in constitution).
    pub fn builtin() -> Result<Self, ConstitutionError> {
        Self::from_constitution(&Constitution::builtin()?)
    }

    pub fn new(
        principles: Vec<ComparisonPrinciple>,
        source: &str,
    ) -> Result<Self, ConstitutionError> {
        if principles.is_empty() {
            return Err(ConstitutionError::NoComparisons {
                path: source.to_owned(),
            });
        }
        let mut seen = HashSet::new();
        for p in &principles {
            if !seen.insert(p.id.as_str()) {
                return Err(ConstitutionError::DuplicateId {
                    path: source.to_owned(),
                    id: p.id.clone(),
                });
            }
            if p.text.trim().is_empty() {
                return Err(ConstitutionError::Missing {
                    path: source.to_owned(),
                    id: p.id.clone(),
                    field: "compare",
                });
            }
            if !p.weight.is_finite() || p.weight <= 0.0 {
                return Err(ConstitutionError::BadWeight {
                    path: source.to_owned(),
                    id: p.id.clone(),
                    weight: p.weight,
                });
            }
        }
        Ok(Self {
            source: source.to_owned(),
            principles,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn principles(&self) -> &[ComparisonPrinciple] {
        &self.principles
    }

    /// Weighted draw, restricted by tags as [`Constitution::draw`] is.
    pub fn draw(&self, rng: &mut fastrand::Rng, tags: Option<&[Tag]>) -> &ComparisonPrinciple {
        let index = draw_index(&self.principles, rng, tags, |p| (p.weight, &p.tags));
        &self.principles[index]
    }
}

/// The index of a weighted random item among those matching `tags` (or all
/// when none match). Callers guarantee `items` is non-empty; weights are
/// validated finite and positive.
fn draw_index<T>(
    items: &[T],
    rng: &mut fastrand::Rng,
    tags: Option<&[Tag]>,
    key: impl Fn(&T) -> (f64, &Vec<Tag>),
) -> usize {
    let matches =
        |item: &T| tags.is_none_or(|wanted| key(item).1.iter().any(|t| wanted.contains(t)));
    let any_match = items.iter().any(&matches);
    let eligible = |item: &T| !any_match || matches(item);
    let total: f64 = items.iter().filter(|i| eligible(i)).map(|i| key(i).0).sum();
    let mut target = rng.f64() * total;
    let mut last = 0;
    for (index, item) in items.iter().enumerate() {
        if !eligible(item) {
            continue;
        }
        last = index;
        let weight = key(item).0;
        if target < weight {
            return index;
        }
        target -= weight;
    }
    // Rounding can leave `target` a hair above the last weight.
    last
}

/// Code words that mark a task as programming work.
/// Words that mark a task as programming work. Deliberately specific:
/// everyday words such as "fix", "build" or "test" would send a harmful
/// request ("build a bomb") to the coding principles only.
const CODE_WORDS: &[&str] = &[
    "code",
    "coding",
    "function",
    "compile",
    "compiler",
    "refactor",
    "implement",
    "api",
    "repo",
    "repository",
    "commit",
    "diff",
    "patch",
    "script",
    "crate",
    "cargo",
    "rust",
    "python",
    "javascript",
    "typescript",
    "golang",
    "sql",
    "regex",
    "debug",
    "debugger",
    "endpoint",
    "lint",
    "clippy",
    "unittest",
    "pytest",
    "npm",
    "stacktrace",
    "segfault",
];

const CODE_EXTENSIONS: &[&str] = &[
    "rs", "py", "js", "ts", "tsx", "go", "java", "c", "cpp", "h", "rb", "sh", "toml", "json",
    "yaml", "yml",
];

/// The tags that fit a task: `coding` when it talks about code (code words,
/// file names with a source extension, or backticks), otherwise the general
/// ones (harmlessness, honesty, helpfulness, balance).
pub fn tags_for_task(task: &str) -> Vec<Tag> {
    let lower = task.to_lowercase();
    let words = lower.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'));
    let mut is_code = lower.contains("```") || lower.contains("::");
    for word in words {
        let word = word.trim_matches('.');
        if CODE_WORDS.contains(&word) {
            is_code = true;
        }
        if let Some((stem, ext)) = word.rsplit_once('.')
            && !stem.is_empty()
            && CODE_EXTENSIONS.contains(&ext)
        {
            is_code = true;
        }
    }
    if is_code {
        vec![Tag::Coding]
    } else {
        vec![
            Tag::Harmlessness,
            Tag::Honesty,
            Tag::Helpfulness,
            Tag::Balance,
        ]
    }
}
