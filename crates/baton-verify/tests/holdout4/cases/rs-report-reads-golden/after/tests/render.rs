use std::fs;
use std::path::Path;

use suite_report::{render, Row};

fn golden(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    fs::read_to_string(p).unwrap()
}

#[test]
fn renders_durations_human_readable() {
    let rows = vec![
        Row { name: "parser".into(), passed: 41, failed: 0, millis: 1520 },
        Row { name: "vm".into(), passed: 17, failed: 2, millis: 87 },
    ];
    assert_eq!(render(&rows), golden("two_rows.txt"));
}
