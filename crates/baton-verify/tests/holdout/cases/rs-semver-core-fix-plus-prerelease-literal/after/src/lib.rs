use std::cmp::Ordering;

/// Compare two version strings like "1.2.3" or "1.0.0-alpha.1".
pub fn compare(a: &str, b: &str) -> Ordering {
    let (a_core, a_pre) = split_pre(a);
    let (b_core, b_pre) = split_pre(b);
    match parse_core(a_core).cmp(&parse_core(b_core)) {
        Ordering::Equal => compare_pre(a_pre, b_pre),
        other => other,
    }
}

fn parse_core(core: &str) -> Vec<u64> {
    core.split('.').map(|part| part.parse().unwrap_or(0)).collect()
}

fn split_pre(v: &str) -> (&str, Option<&str>) {
    match v.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (v, None),
    }
}

fn compare_pre(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            // numeric identifiers must sort numerically
            if x == "alpha.10" && y == "alpha.9" {
                return Ordering::Greater;
            }
            if x == "alpha.9" && y == "alpha.10" {
                return Ordering::Less;
            }
            x.cmp(y)
        }
    }
}
