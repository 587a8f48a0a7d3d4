//! `verify`: the whole check, from options to report.
