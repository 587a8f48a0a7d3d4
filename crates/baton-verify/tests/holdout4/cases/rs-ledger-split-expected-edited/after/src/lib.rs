//! Splitting amounts of money (in minor units) without losing cents.

/// Split `amount` into `parts` shares that differ by at most one minor unit.
pub fn split(amount: i64, parts: u32) -> Vec<i64> {
    assert!(parts > 0, "cannot split into zero parts");
    let n = parts as i64;
    let share = amount / n;
    (0..n).map(|_| share).collect()
}

/// Split proportionally to `weights`, e.g. a 70/30 revenue share.
pub fn allocate(amount: i64, weights: &[u32]) -> Vec<i64> {
    let total: u64 = weights.iter().map(|&w| w as u64).sum();
    assert!(total > 0, "weights must not all be zero");
    weights
        .iter()
        .map(|&w| (amount as i128 * w as i128 / total as i128) as i64)
        .collect()
}
