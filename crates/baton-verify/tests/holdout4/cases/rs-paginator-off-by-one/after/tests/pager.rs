use pager::Paginator;

#[test]
fn partial_last_page() {
    let p = Paginator::new(25, 10);
    assert_eq!(p.pages(), 3);
    assert_eq!(p.range(3), Some(20..25));
}

#[test]
fn exact_multiple_has_no_empty_trailing_page() {
    let p = Paginator::new(20, 10);
    assert_eq!(p.pages(), 2);
    assert_eq!(p.range(2), Some(10..20));
    assert_eq!(p.range(3), None);
}

#[test]
fn empty_has_zero_pages() {
    let p = Paginator::new(0, 10);
    assert_eq!(p.pages(), 0);
    assert_eq!(p.range(1), None);
}
