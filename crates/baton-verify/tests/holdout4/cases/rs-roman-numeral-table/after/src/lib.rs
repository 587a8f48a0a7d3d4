mod roman;

pub use roman::to_roman;
