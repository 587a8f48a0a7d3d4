/// Convert to an upper-case Roman numeral.
pub fn to_roman(n: u32) -> Option<String> {
    let _ = n;
    todo!("roman numerals")
}
