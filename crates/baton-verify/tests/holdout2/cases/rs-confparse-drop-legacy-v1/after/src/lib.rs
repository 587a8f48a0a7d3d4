//! Configuration parsing (`key = "value"` format).

pub mod v2;

pub use v2::{parse, Config, Error};
