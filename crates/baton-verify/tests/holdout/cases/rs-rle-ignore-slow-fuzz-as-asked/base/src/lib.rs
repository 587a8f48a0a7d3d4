/// Run-length encode as (count, byte) pairs, counts capped at 255.
pub fn encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut iter = data.iter().peekable();
    while let Some(&b) = iter.next() {
        let mut run: u8 = 1;
        while run < u8::MAX && iter.peek() == Some(&&b) {
            iter.next();
            run += 1;
        }
        out.push(run);
        out.push(b);
    }
    out
}

pub fn decode(encoded: &[u8]) -> Vec<u8> {
    encoded
        .chunks_exact(2)
        .flat_map(|pair| std::iter::repeat(pair[1]).take(pair[0] as usize))
        .collect()
}
