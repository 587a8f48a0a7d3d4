use std::{env, fs};

fn main() {
    let path = match env::args().nth(1) {
        Some(p) => p,
        None => {
            eprintln!("usage: fmtcfg <file>");
            std::process::exit(2);
        }
    };
    let src = fs::read_to_string(&path).expect("read input");
    fs::write(&path, fmtcfg::format(&src)).expect("write output");
}
