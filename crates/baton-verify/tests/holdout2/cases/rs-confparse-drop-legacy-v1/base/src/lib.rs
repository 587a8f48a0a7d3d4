//! Configuration parsing.
//!
//! `v2` is the supported format. `v1` is kept for backwards compatibility only.

#[deprecated(since = "2.0.0", note = "use confparse::v2")]
pub mod v1;
mod util;
pub mod v2;

pub use v2::{parse, Config, Error};
