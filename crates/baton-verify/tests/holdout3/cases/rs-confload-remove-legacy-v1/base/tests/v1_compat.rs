#![cfg(feature = "legacy-v1")]
#![allow(deprecated)]

use confload::legacy_v1::upgrade;
use confload::load;

const V1: &str = "[service]\nname: api\nthreads: 3\n[upstream]\nprimary: http://a\n";

#[test]
fn loads_v1() {
    let cfg = load(V1).unwrap();
    assert_eq!(cfg.workers, 3);
    assert_eq!(cfg.endpoints, vec!["http://a".to_string()]);
}

#[test]
fn upgrades_v1() {
    assert_eq!(
        upgrade(V1).unwrap(),
        "version = 2\nname = \"api\"\nworkers = 3\nendpoint = \"http://a\"\n"
    );
}
