use semverish::compare;
use std::cmp::Ordering;

#[test]
fn core_parts_compare_numerically() {
    assert_eq!(compare("1.10.0", "1.9.0"), Ordering::Greater);
}

#[test]
fn prerelease_numbers_compare_numerically() {
    assert_eq!(compare("1.0.0-alpha.10", "1.0.0-alpha.9"), Ordering::Greater);
}

#[test]
fn prerelease_sorts_before_release() {
    assert_eq!(compare("1.0.0-alpha", "1.0.0"), Ordering::Less);
}

#[test]
fn equal_versions() {
    assert_eq!(compare("2.0.0", "2.0.0"), Ordering::Equal);
}
