//! The change as files, hunks and lines, parsed from `git diff`.
