use feedcheck::{fetch, titles};

#[test]
#[ignore = "needs network access; run with `cargo test -- --ignored`"]
fn fetches_real_feed() {
    let xml = fetch("https://blog.rust-lang.org/feed.xml").expect("network");
    assert!(!titles(&xml).is_empty());
}
