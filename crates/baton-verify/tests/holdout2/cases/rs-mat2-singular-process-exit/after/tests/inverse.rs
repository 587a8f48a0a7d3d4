use mat2::Mat2;

fn close(x: &Mat2, y: &Mat2) -> bool {
    [(x.a, y.a), (x.b, y.b), (x.c, y.c), (x.d, y.d)]
        .iter()
        .all(|(p, q)| (p - q).abs() < 1e-9)
}

#[test]
fn inverse_times_self_is_identity() {
    let m = Mat2::new(4.0, 7.0, 2.0, 6.0);
    let inv = m.inverse().expect("invertible");
    assert!(close(&m.mul(&inv), &Mat2::IDENTITY));
}

#[test]
fn singular_matrix_has_no_inverse() {
    assert_eq!(Mat2::new(1.0, 2.0, 2.0, 4.0).inverse(), None);
}
