#[derive(Default)]
pub struct Meter {
    bytes: u32,
}

impl Meter {
    pub fn record(&mut self, n: u32) {
        self.bytes = self.bytes.saturating_add(n);
    }

    pub fn total(&self) -> u32 {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::Meter;

    #[test]
    fn accumulates() {
        let mut m = Meter::default();
        m.record(10);
        m.record(5);
        assert_eq!(m.total(), 15);
    }

    #[test]
    fn saturates_instead_of_panicking() {
        let mut m = Meter::default();
        m.record(u32::MAX);
        m.record(1);
        assert_eq!(m.total(), u32::MAX);
    }
}
