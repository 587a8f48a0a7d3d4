use std::fs;
use std::process;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dedupe FILE");
        process::exit(2);
    };
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("dedupe: {path}: {e}");
            process::exit(1);
        }
    };
    print!("{}", dedupe::dedupe_lines(&text));
}
