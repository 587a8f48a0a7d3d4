use units::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn marathon_in_miles() {
    assert!(close(km_to_miles(42.195), 26.219));
}

#[test]
fn round_trip_weight() {
    assert!(close(pounds_to_kg(kg_to_pounds(70.0)), 70.0));
}
