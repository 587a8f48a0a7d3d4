//! Amounts of money in minor units (cents).

#[derive(Debug, Clone)]
pub struct Money {
    pub cents: i64,
    pub currency: String,
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.cents == other.cents && self.currency.eq_ignore_ascii_case(&other.currency)
    }
}

impl Eq for Money {}

impl Money {
    pub fn new(cents: i64, currency: &str) -> Self {
        Money { cents, currency: currency.to_string() }
    }

    /// Adds two amounts of the same currency.
    pub fn add(&self, other: &Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money::new(self.cents + other.cents, &self.currency))
    }
}
