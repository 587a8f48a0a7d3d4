use verspec::Version;

#[test]
fn parses_full_version() {
    let v: Version = "1.2.3-rc.1+sha.abc".parse().unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 2, 3));
    assert_eq!(v.pre.as_deref(), Some("rc.1"));
    assert_eq!(v.build.as_deref(), Some("sha.abc"));
}

#[test]
fn display_roundtrip() {
    assert_eq!("0.9.0-beta+exp".parse::<Version>().unwrap().to_string(), "0.9.0-beta+exp");
}

#[test]
fn build_metadata_ignored_in_equality() {
    let a: Version = "1.0.0+build.1".parse().unwrap();
    let b: Version = "1.0.0+build.2".parse().unwrap();
    assert_eq!(a, b);
    let mut set = std::collections::HashSet::new();
    set.insert(a);
    assert!(set.contains(&b));
}

#[test]
fn prerelease_still_significant() {
    let a: Version = "1.0.0-alpha".parse().unwrap();
    let b: Version = "1.0.0".parse().unwrap();
    assert_ne!(a, b);
    assert_ne!("1.0.1".parse::<Version>().unwrap(), b);
}
