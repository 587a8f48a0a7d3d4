use polyline::{rotate90, rotate_polygon, Point};

#[test]
fn unit_x_goes_to_unit_y() {
    assert_eq!(rotate90(Point::new(1.0, 0.0)), Point::new(0.0, 1.0));
}

#[test]
fn rotates_every_vertex() {
    let tri = [Point::new(0.0, 0.0), Point::new(2.0, 0.0), Point::new(0.0, 1.0)];
    assert_eq!(
        rotate_polygon(&tri),
        vec![Point::new(0.0, 0.0), Point::new(0.0, 2.0), Point::new(-1.0, 0.0)]
    );
}
