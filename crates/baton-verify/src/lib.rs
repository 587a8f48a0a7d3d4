//! Reality as the judge: run a repository's tests and inspect a change for
//! reward hacking (deleted or weakened tests, skips, stubs, special-cased
//! inputs, harness exits, …).
//!
//! - [`diff`]: the change (`base..working tree`) as files, hunks and lines.
//! - [`detect`]: one [`detect::Detector`] per hacking pattern, each a small
//!   unit with its own tests.
//! - [`runner`]: finding and running the repository's tests (cargo,
//!   pytest, npm/vitest/jest, go) with a timeout, in a process group.
//! - [`inventory`]: the test ids before and after, compared.
//! - [`report`]: the verdict, the findings, text and JSON.
//!
//! No model is involved anywhere: this is the part of baton that cannot be
//! talked into anything.

pub mod detect;
pub mod diff;
pub mod inventory;
pub mod repo;
pub mod report;
pub mod runner;
mod verify;

pub use report::{Finding, FindingKind, Report, Severity, Verdict};
pub use verify::{VerifyError, VerifyOptions, verify};
