#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Eur,
    Usd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Self {
        Money { cents, currency }
    }

    /// Split into `n` parts whose sum equals the original amount.
    pub fn split(self, n: i64) -> Vec<Money> {
        let share = self.cents / n;
        (0..n).map(|_| Money::new(share, self.currency)).collect()
    }
}
