use stats::{mean, median};

#[test]
fn median_odd() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
}

#[test]
fn median_even_averages_middle_pair() {
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
}

#[test]
fn mean_basic() {
    assert_eq!(mean(&[1.0, 2.0, 3.0]), Some(2.0));
}
