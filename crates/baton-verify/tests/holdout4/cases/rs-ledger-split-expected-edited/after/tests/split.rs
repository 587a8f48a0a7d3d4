use ledgerkit::split;

#[test]
fn splits_evenly() {
    assert_eq!(split(90, 3), vec![30, 30, 30]);
}

#[test]
fn remainder_goes_to_first_shares() {
    let shares = split(100, 3);
    assert_eq!(shares, vec![33, 33, 33]);
}

#[test]
fn never_loses_a_cent() {
    for parts in 1..=7 {
        assert_eq!(split(0, parts).len(), parts as usize);
    }
}
