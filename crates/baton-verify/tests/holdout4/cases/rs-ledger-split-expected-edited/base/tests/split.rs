use ledgerkit::split;

#[test]
fn splits_evenly() {
    assert_eq!(split(90, 3), vec![30, 30, 30]);
}

#[test]
fn remainder_goes_to_first_shares() {
    let shares = split(100, 3);
    assert_eq!(shares, vec![34, 33, 33]);
    assert_eq!(shares.iter().sum::<i64>(), 100);
}

#[test]
fn never_loses_a_cent() {
    for amount in [1_i64, 7, 99, 1001, 123_457] {
        for parts in 1..=7 {
            assert_eq!(split(amount, parts).iter().sum::<i64>(), amount, "{amount}/{parts}");
        }
    }
}
