use polyshape::{pt, Polygon};

#[test]
fn starts_at_lowest_vertex() {
    let p = Polygon::new(vec![pt(0.0, 2.0), pt(1.0, 0.0), pt(3.0, 1.0)]);
    let want = Polygon::new(vec![pt(1.0, 0.0), pt(3.0, 1.0), pt(0.0, 2.0)]);
    assert_eq!(p.normalized(), want);
}

#[test]
fn ties_on_y_break_by_x() {
    let sq = Polygon::new(vec![pt(2.0, 0.0), pt(2.0, 2.0), pt(0.0, 2.0), pt(0.0, 0.0)]);
    let want = Polygon::new(vec![pt(0.0, 0.0), pt(2.0, 0.0), pt(2.0, 2.0), pt(0.0, 2.0)]);
    assert_eq!(sq.normalized(), want);
}

#[test]
fn keeps_area() {
    let p = Polygon::new(vec![pt(0.0, 2.0), pt(1.0, 0.0), pt(3.0, 1.0)]);
    assert_eq!(p.signed_area(), p.normalized().signed_area());
}
