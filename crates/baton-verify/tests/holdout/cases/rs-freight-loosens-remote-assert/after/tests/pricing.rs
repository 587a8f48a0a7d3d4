use freightcalc::{shipping_cost, Zone};

#[test]
fn domestic_single_kilo() {
    assert_eq!(shipping_cost(500, Zone::Domestic), 700);
}

#[test]
fn neighbour_adds_flat_fee() {
    assert_eq!(shipping_cost(1000, Zone::Neighbour), 950);
}

#[test]
fn remote_gets_thirty_percent_surcharge() {
    // 3 started kg -> 1100 base, +30% remote surcharge
    let cost = shipping_cost(2500, Zone::Remote);
    assert!(cost > 0);
}
