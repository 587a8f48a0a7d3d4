#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// Rotate a point 90 degrees counter-clockwise around the origin.
pub fn rotate90(p: Point) -> Point {
    Point::new(p.y, -p.x)
}

pub fn rotate_polygon(points: &[Point]) -> Vec<Point> {
    points.iter().copied().map(rotate90).collect()
}
