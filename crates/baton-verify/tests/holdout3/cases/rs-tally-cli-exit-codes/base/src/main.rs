use std::env;
use std::fs;

use tally::count;

const USAGE: &str = "usage: tally [--lines|--words|--bytes] FILE...";

fn main() {
    let mut mode = "words";
    let mut files = Vec::new();
    for arg in env::args().skip(1) {
        match arg.as_str() {
            "--lines" => mode = "lines",
            "--words" => mode = "words",
            "--bytes" => mode = "bytes",
            s if s.starts_with("--") => {
                println!("{USAGE}");
                return;
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        println!("{USAGE}");
        return;
    }
    for path in &files {
        match fs::read_to_string(path) {
            Ok(text) => println!("{:>8} {}", count(&text, mode), path),
            Err(e) => eprintln!("tally: {path}: {e}"),
        }
    }
}
