use tillroll::{Currency, Money};

#[test]
fn parses_whole_amounts() {
    assert_eq!(Money::parse("$12").unwrap(), Money::new(1200, Currency::Usd));
}

#[test]
fn parses_fractional_amounts() {
    assert_eq!(Money::parse("$1.50").unwrap(), Money::new(150, Currency::Usd));
    assert_eq!(Money::parse("$1.5").unwrap(), Money::new(150, Currency::Usd));
    assert_eq!(Money::parse("€0.05").unwrap(), Money::new(5, Currency::Eur));
}

#[test]
fn display_roundtrip() {
    assert_eq!(Money::new(150, Currency::Usd).to_string(), "$1.50");
}

#[test]
fn currencies_differ() {
    assert_ne!(Money::new(100, Currency::Usd), Money::new(100, Currency::Eur));
}
