use baton_models::ModelError;

/// Why a constitution could not be loaded. Every message names the file and,
/// where there is one, the principle, so a user can go straight to the fix.
#[derive(Debug, thiserror::Error)]
pub enum ConstitutionError {
    #[error("constitution {path}: cannot read it: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "constitution {path}: unknown format; use a .toml or .md file (see the crate docs for both)"
    )]
    UnknownFormat { path: String },

    #[error("constitution {path}: not valid {format}: {detail}")]
    Syntax {
        path: String,
        format: &'static str,
        detail: String,
    },

    #[error("constitution {path}, line {line}: {detail}")]
    Markdown {
        path: String,
        line: usize,
        detail: String,
    },

    #[error("constitution {path}: it has no principles")]
    Empty { path: String },

    #[error("constitution {path}: principle `{id}` appears more than once; ids must be unique")]
    DuplicateId { path: String, id: String },

    #[error("constitution {path}: a principle has an empty id")]
    EmptyId { path: String },

    #[error("constitution {path}, principle `{id}`: the {field} request is missing or empty")]
    Missing {
        path: String,
        id: String,
        field: &'static str,
    },

    #[error(
        "constitution {path}, principle `{id}`: unknown tag `{tag}`; known tags: harmlessness, honesty, helpfulness, balance, coding"
    )]
    UnknownTag {
        path: String,
        id: String,
        tag: String,
    },

    #[error(
        "constitution {path}, principle `{id}`: weight {weight} is not allowed; it must be a finite number above 0"
    )]
    BadWeight {
        path: String,
        id: String,
        weight: f64,
    },

    #[error(
        "constitution {path}: no principle has a `compare` question, so it cannot label comparisons"
    )]
    NoComparisons { path: String },
}

/// Why a step of the Constitutional-AI pipeline failed.
#[derive(Debug, thiserror::Error)]
pub enum CaiError {
    #[error(transparent)]
    Constitution(#[from] ConstitutionError),

    #[error("model call for the {stage} failed: {source}")]
    Model {
        stage: &'static str,
        #[source]
        source: ModelError,
    },

    /// A data file (few-shot prompts, evaluation set) is unreadable or not
    /// in the shape the loader expects.
    #[error("{path}: {detail}")]
    Data { path: String, detail: String },

    /// The labeller answered, but neither its log-probabilities nor its
    /// text said (A) or (B).
    #[error("the labeller gave no usable answer in {tries} tries; last answer: {last:?}")]
    NoLabel { tries: u32, last: String },

    #[error("invalid option: {0}")]
    Invalid(String),
}

impl CaiError {
    pub(crate) fn data(path: &str, detail: impl Into<String>) -> Self {
        Self::Data {
            path: path.to_owned(),
            detail: detail.into(),
        }
    }
}
