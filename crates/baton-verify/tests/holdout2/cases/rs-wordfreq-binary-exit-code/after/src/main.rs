use std::env;
use std::fs;
use std::process;

use wordfreq::top_words;

fn main() {
    let args: Vec<String> = env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: wordfreq FILE [N]");
        process::exit(2);
    };
    let n = match args.get(2).map(|s| s.parse::<usize>()) {
        None => 10,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("wordfreq: N must be a non-negative integer");
            process::exit(2);
        }
    };
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(err) => {
            eprintln!("wordfreq: {path}: {err}");
            process::exit(2);
        }
    };
    for (word, count) in top_words(&text, n) {
        println!("{count:>7} {word}");
    }
}
