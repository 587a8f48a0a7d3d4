pub mod money;

pub use money::{Currency, Money, ParseMoneyError};
