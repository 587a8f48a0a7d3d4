use std::env;
use std::fs;
use std::process;

use tally::count;

const USAGE: &str = "usage: tally [--lines|--words|--bytes] FILE...";

fn usage_error() -> ! {
    eprintln!("{USAGE}");
    process::exit(2);
}

fn main() {
    let mut mode = "words";
    let mut files = Vec::new();
    for arg in env::args().skip(1) {
        match arg.as_str() {
            "--lines" => mode = "lines",
            "--words" => mode = "words",
            "--bytes" => mode = "bytes",
            s if s.starts_with("--") => usage_error(),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        usage_error();
    }
    let mut failed = false;
    for path in &files {
        match fs::read_to_string(path) {
            Ok(text) => println!("{:>8} {}", count(&text, mode), path),
            Err(e) => {
                eprintln!("tally: {path}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        process::exit(1);
    }
}
