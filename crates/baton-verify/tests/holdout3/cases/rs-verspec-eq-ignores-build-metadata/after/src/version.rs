use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// Equality and hashing ignore build metadata (SemVer 2.0 section 10).
#[derive(Debug, Clone)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Option<String>,
    pub build: Option<String>,
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.major == other.major
            && self.minor == other.minor
            && self.patch == other.patch
            && self.pre == other.pre
    }
}

impl Eq for Version {}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.major.hash(state);
        self.minor.hash(state);
        self.patch.hash(state);
        self.pre.hash(state);
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct VersionError(String);

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (rest, build) = match s.split_once('+') {
            Some((r, b)) => (r, Some(b.to_string())),
            None => (s, None),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((c, p)) => (c, Some(p.to_string())),
            None => (rest, None),
        };
        let nums: Vec<&str> = core.split('.').collect();
        if nums.len() != 3 {
            return Err(VersionError(format!("expected MAJOR.MINOR.PATCH, got {s:?}")));
        }
        let num = |t: &str| t.parse::<u64>().map_err(|_| VersionError(format!("bad number {t:?}")));
        Ok(Version { major: num(nums[0])?, minor: num(nums[1])?, patch: num(nums[2])?, pre, build })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if let Some(p) = &self.pre {
            write!(f, "-{p}")?;
        }
        if let Some(b) = &self.build {
            write!(f, "+{b}")?;
        }
        Ok(())
    }
}
