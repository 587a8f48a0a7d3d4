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
