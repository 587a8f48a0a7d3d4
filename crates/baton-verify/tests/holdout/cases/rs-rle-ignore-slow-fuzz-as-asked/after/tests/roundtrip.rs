use rle::{decode, encode};

#[test]
fn encodes_runs() {
    assert_eq!(encode(b"aaab"), vec![3, b'a', 1, b'b']);
}

#[test]
fn long_runs_split_at_255() {
    let data = vec![7u8; 300];
    assert_eq!(encode(&data), vec![255, 7, 45, 7]);
}

#[test]
#[ignore = "slow (~4 min); run with `cargo test -- --ignored`"]
fn fuzz_roundtrip_million() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..1_000_000 {
        let len = (seed % 64) as usize;
        let mut data = Vec::with_capacity(len);
        for _ in 0..len {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            data.push((seed >> 61) as u8);
        }
        assert_eq!(decode(&encode(&data)), data);
    }
}
