//! `baton compact ID`.

use crate::cli::CompactArgs;

pub async fn run(args: CompactArgs) -> u8 {
    let _ = args;
    crate::exit::USAGE
}
