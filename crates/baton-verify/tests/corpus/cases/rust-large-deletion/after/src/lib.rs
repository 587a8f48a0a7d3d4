//! Unit conversions between metric and imperial measures.

/// Converts kilograms to pounds.
pub fn kg_to_pounds(value: f64) -> f64 {
    value * 2.204623
}

/// Converts pounds to kilograms.
pub fn pounds_to_kg(value: f64) -> f64 {
    value * 0.453592
}

/// Converts kilometres to miles.
pub fn km_to_miles(value: f64) -> f64 {
    value * 0.621371
}
