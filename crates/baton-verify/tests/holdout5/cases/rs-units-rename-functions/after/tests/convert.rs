use units::{celsius_to_fahrenheit, fahrenheit_to_celsius};

#[test]
fn boiling() {
    assert_eq!(celsius_to_fahrenheit(100.0), 212.0);
    assert_eq!(fahrenheit_to_celsius(212.0), 100.0);
}
