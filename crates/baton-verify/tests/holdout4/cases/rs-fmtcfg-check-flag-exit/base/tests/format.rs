#[test]
fn sorts_and_spaces() {
    assert_eq!(fmtcfg::format("b=2\n a =1\n"), "a = 1\nb = 2\n");
}
