use pager::Paginator;

#[test]
fn partial_last_page() {
    let p = Paginator::new(25, 10);
    assert_eq!(p.pages(), 3);
    assert_eq!(p.range(3), Some(20..25));
}
