//! Unit conversions between metric and imperial measures.

pub mod imperial;

/// Converts kilometres to miles.
pub fn km_to_miles(value: f64) -> f64 {
    value * 0.621371
}

/// Converts miles to kilometres.
pub fn miles_to_km(value: f64) -> f64 {
    value * 1.609344
}

/// Converts metres to feet.
pub fn m_to_feet(value: f64) -> f64 {
    value * 3.280840
}

/// Converts feet to metres.
pub fn feet_to_m(value: f64) -> f64 {
    value * 0.304800
}

/// Converts centimetres to inches.
pub fn cm_to_inches(value: f64) -> f64 {
    value * 0.393701
}

/// Converts inches to centimetres.
pub fn inches_to_cm(value: f64) -> f64 {
    value * 2.540000
}

/// Converts kilograms to pounds.
pub fn kg_to_pounds(value: f64) -> f64 {
    value * 2.204623
}

/// Converts pounds to kilograms.
pub fn pounds_to_kg(value: f64) -> f64 {
    value * 0.453592
}
