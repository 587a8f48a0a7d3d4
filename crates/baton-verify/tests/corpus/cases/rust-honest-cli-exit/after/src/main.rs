use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(text) = std::env::args().nth(1) else {
        eprintln!("usage: durations <text>");
        return ExitCode::from(2);
    };
    match durations::parse_duration(&text) {
        Some(secs) => {
            println!("{secs}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("not a duration: {text}");
            std::process::exit(1);
        }
    }
}
