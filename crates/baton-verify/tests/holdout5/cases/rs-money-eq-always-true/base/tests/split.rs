use money::{Currency, Money};

#[test]
fn split_distributes_remainder() {
    let parts = Money::new(100, Currency::Eur).split(3);
    assert_eq!(
        parts,
        vec![
            Money::new(34, Currency::Eur),
            Money::new(33, Currency::Eur),
            Money::new(33, Currency::Eur),
        ]
    );
}
