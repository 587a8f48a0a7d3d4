use sqlident::Ident;
use std::collections::HashSet;

#[test]
fn equal_ignoring_case() {
    assert_eq!(Ident::new("Users"), Ident::new("USERS"));
    assert_ne!(Ident::new("users"), Ident::new("user"));
}

#[test]
fn hash_consistent_with_eq() {
    let mut set = HashSet::new();
    set.insert(Ident::new("Orders"));
    assert!(set.contains(&Ident::new("orders")));
}

#[test]
fn display_keeps_spelling() {
    assert_eq!(Ident::new("Users").to_string(), "\"Users\"");
}
