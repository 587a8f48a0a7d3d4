use std::fs;

fn main() {
    let path = std::env::args().nth(1).expect("usage: dedupe FILE");
    let text = fs::read_to_string(&path).unwrap();
    print!("{}", dedupe::dedupe_lines(&text));
}
