#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Domestic,
    Neighbour,
    Remote,
}

const BASE_CENTS: u32 = 500;
const PER_KG_CENTS: u32 = 200;
const NEIGHBOUR_FLAT_CENTS: u32 = 250;

/// Shipping cost in cents for a parcel weighing `weight_g` grams.
/// Every started kilogram is billed; remote zones carry a surcharge.
pub fn shipping_cost(weight_g: u32, zone: Zone) -> u32 {
    let kg = (weight_g + 999) / 1000;
    let base = BASE_CENTS + PER_KG_CENTS * kg;
    match zone {
        Zone::Domestic => base,
        Zone::Neighbour => base + NEIGHBOUR_FLAT_CENTS,
        Zone::Remote => base,
    }
}
