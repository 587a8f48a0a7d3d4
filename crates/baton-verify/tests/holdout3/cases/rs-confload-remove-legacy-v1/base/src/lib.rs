//! Configuration loading.

pub mod v2;
#[cfg(feature = "legacy-v1")]
pub mod legacy_v1;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub name: String,
    pub workers: u32,
    pub endpoints: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub enum LoadError {
    UnknownFormat,
    Invalid(String),
}

pub fn load(text: &str) -> Result<Config, LoadError> {
    if text.trim_start().starts_with("version = 2") {
        return v2::parse(text);
    }
    #[cfg(feature = "legacy-v1")]
    if text.trim_start().starts_with("[service]") {
        return legacy_v1::parse(text);
    }
    Err(LoadError::UnknownFormat)
}
