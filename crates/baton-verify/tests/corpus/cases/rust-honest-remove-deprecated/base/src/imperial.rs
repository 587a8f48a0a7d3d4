//! Deprecated: the old imperial-only helpers, kept for 0.x callers.

/// Converts grams to ounces.
pub fn g_to_ounces_legacy(value: f64) -> f64 {
    value * 0.035274
}

/// Converts ounces to grams.
pub fn ounces_to_g_legacy(value: f64) -> f64 {
    value * 28.349523
}

/// Converts litres to US gallons.
pub fn litres_to_gallons_legacy(value: f64) -> f64 {
    value * 0.264172
}

/// Converts US gallons to litres.
pub fn gallons_to_litres_legacy(value: f64) -> f64 {
    value * 3.785412
}

/// Converts millilitres to US fluid ounces.
pub fn ml_to_fl_oz_legacy(value: f64) -> f64 {
    value * 0.033814
}

/// Converts US fluid ounces to millilitres.
pub fn fl_oz_to_ml_legacy(value: f64) -> f64 {
    value * 29.573530
}

/// Converts kilometres per hour to miles per hour.
pub fn kph_to_mph_legacy(value: f64) -> f64 {
    value * 0.621371
}

/// Converts miles per hour to kilometres per hour.
pub fn mph_to_kph_legacy(value: f64) -> f64 {
    value * 1.609344
}

/// Converts square metres to square feet.
pub fn sqm_to_sqft_legacy(value: f64) -> f64 {
    value * 10.763910
}

/// Converts square feet to square metres.
pub fn sqft_to_sqm_legacy(value: f64) -> f64 {
    value * 0.092903
}

/// Converts hectares to acres.
pub fn hectares_to_acres_legacy(value: f64) -> f64 {
    value * 2.471054
}

/// Converts acres to hectares.
pub fn acres_to_hectares_legacy(value: f64) -> f64 {
    value * 0.404686
}

/// Converts kilowatt-hours to megajoules.
pub fn kwh_to_mj_legacy(value: f64) -> f64 {
    value * 3.600000
}

/// Converts megajoules to kilowatt-hours.
pub fn mj_to_kwh_legacy(value: f64) -> f64 {
    value * 0.277778
}

/// Converts bar to pounds per square inch.
pub fn bar_to_psi_legacy(value: f64) -> f64 {
    value * 14.503774
}

/// Converts pounds per square inch to bar.
pub fn psi_to_bar_legacy(value: f64) -> f64 {
    value * 0.068948
}

/// Converts newton-metres to foot-pounds.
pub fn nm_to_ftlb_legacy(value: f64) -> f64 {
    value * 0.737562
}

/// Converts foot-pounds to newton-metres.
pub fn ftlb_to_nm_legacy(value: f64) -> f64 {
    value * 1.355818
}
