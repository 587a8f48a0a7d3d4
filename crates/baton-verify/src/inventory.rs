//! Test ids before and after a change, compared.
