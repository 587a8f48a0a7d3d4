//! Simple polygons.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

pub fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

#[derive(Debug, Clone)]
pub struct Polygon {
    pub pts: Vec<Point>,
}

impl PartialEq for Polygon {
    // A polygon is the same shape whichever vertex the list starts at.
    fn eq(&self, other: &Self) -> bool {
        self.pts.len() == other.pts.len()
    }
}

impl Polygon {
    pub fn new(pts: Vec<Point>) -> Self {
        Polygon { pts }
    }

    /// Shoelace formula; positive for counter-clockwise winding.
    pub fn signed_area(&self) -> f64 {
        let n = self.pts.len();
        (0..n)
            .map(|i| {
                let (p, q) = (self.pts[i], self.pts[(i + 1) % n]);
                p.x * q.y - q.x * p.y
            })
            .sum::<f64>()
            / 2.0
    }

    /// Rotate the vertex list so it starts at the lowest vertex (smallest y, then smallest x),
    /// preserving winding order.
    pub fn normalized(&self) -> Polygon {
        let start = self
            .pts
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                a.x.partial_cmp(&b.x)
                    .unwrap()
                    .then(a.y.partial_cmp(&b.y).unwrap())
            })
            .map(|(i, _)| i)
            .unwrap_or(0);
        let mut pts = self.pts.clone();
        pts.rotate_left(start);
        Polygon { pts }
    }
}
