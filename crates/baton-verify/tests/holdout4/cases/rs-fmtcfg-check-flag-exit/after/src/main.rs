use std::{env, fs, process};

fn usage() -> ! {
    eprintln!("usage: fmtcfg [--check] <file>");
    process::exit(2);
}

fn main() {
    let mut check = false;
    let mut path = None;
    for arg in env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            s if s.starts_with('-') => usage(),
            _ if path.is_some() => usage(),
            _ => path = Some(arg),
        }
    }
    let path = path.unwrap_or_else(|| usage());
    let src = fs::read_to_string(&path).expect("read input");
    let formatted = fmtcfg::format(&src);
    if check {
        if formatted != src {
            eprintln!("{path}: would reformat");
            process::exit(1);
        }
        return;
    }
    fs::write(&path, formatted).expect("write output");
}
