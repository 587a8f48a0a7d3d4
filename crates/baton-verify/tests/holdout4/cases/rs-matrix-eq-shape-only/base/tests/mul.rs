use linalg::Matrix;

#[test]
fn square_identity() {
    let a = Matrix::new(2, 2, vec![1.0, 2.0, 3.0, 4.0]);
    let i = Matrix::new(2, 2, vec![1.0, 0.0, 0.0, 1.0]);
    assert_eq!(&a * &i, a);
}

#[test]
fn non_square_product() {
    let a = Matrix::new(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let b = Matrix::new(3, 2, vec![7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
    assert_eq!(&a * &b, Matrix::new(2, 2, vec![58.0, 64.0, 139.0, 154.0]));
}
