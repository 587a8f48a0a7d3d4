use units::{c_to_f, f_to_c};

#[test]
fn boiling() {
    assert_eq!(c_to_f(100.0), 212.0);
    assert_eq!(f_to_c(212.0), 100.0);
}
