use money::Money;

#[test]
fn adds_same_currency() {
    let sum = Money::new(150, "EUR").add(&Money::new(50, "EUR"));
    assert_eq!(sum, Some(Money::new(200, "EUR")));
}

#[test]
fn refuses_mixed_currencies() {
    assert!(Money::new(1, "EUR").add(&Money::new(1, "USD")).is_none());
}
#[test]
fn currency_case_does_not_matter() {
    assert_eq!(Money::new(5, "eur"), Money::new(5, "EUR"));
    assert_ne!(Money::new(5, "eur"), Money::new(6, "EUR"));
}
