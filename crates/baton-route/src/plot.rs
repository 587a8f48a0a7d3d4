//! The PGR-vs-cost plot of an evaluation, as SVG.
//!
//! Written by hand: a few lines and polylines are all a curve needs, and SVG
//! is text, so this costs no dependency (plotting crates pull in font and
//! raster stacks) and the output diffs and opens in any browser.

use std::fmt::Write as _;

use crate::eval::{Report, Summary};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 180.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 60.0;

/// PGR against the share of calls sent to the strong model, for the learned,
/// random and oracle routers.
pub fn svg(report: &Report) -> String {
    let curves = [&report.learned, &report.random, &report.oracle];
    // PGR may exceed 1 (the weak model is sometimes right where the strong
    // one is wrong), so the axis grows to fit, in steps of 0.25.
    let top = curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.1))
        .fold(1.0f64, f64::max);
    let y_max = (top * 4.0).ceil() / 4.0;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |s: f64| LEFT + s * plot_w;
    let y = |p: f64| TOP + (1.0 - p.clamp(0.0, y_max) / y_max) * plot_h;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    // Two title lines: model ids are long.
    let _ = writeln!(
        out,
        r#"<text x="{0}" y="22" text-anchor="middle" font-size="14">{1}</text><text x="{0}" y="42" text-anchor="middle" font-size="11">{2}</text>"#,
        WIDTH / 2.0,
        escape(&format!(
            "Routing quality vs cost on {} held-out prompts",
            report.test_examples
        )),
        escape(&format!(
            "weak: {}, strong: {}",
            report.weak_model, report.strong_model
        ))
    );
    for i in 0..=10 {
        let s = f64::from(i) / 10.0;
        let _ = writeln!(
            out,
            r##"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="#ddd"/><text x="{0:.1}" y="{3:.1}" text-anchor="middle">{4:.0}%</text>"##,
            x(s),
            TOP,
            TOP + plot_h,
            TOP + plot_h + 18.0,
            s * 100.0
        );
    }
    let steps = (y_max * 4.0).round() as u32;
    for i in 0..=steps {
        let p = f64::from(i) / 4.0;
        let _ = writeln!(
            out,
            r##"<line x1="{0:.1}" y1="{1:.1}" x2="{2:.1}" y2="{1:.1}" stroke="#ddd"/><text x="{3:.1}" y="{4:.1}" text-anchor="end">{5:.2}</text>"##,
            LEFT,
            y(p),
            LEFT + plot_w,
            LEFT - 6.0,
            y(p) + 4.0,
            p
        );
    }
    let _ = writeln!(
        out,
        r#"<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="black"/>"#
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">share of calls to the strong model (cost)</text>"#,
        LEFT + plot_w / 2.0,
        HEIGHT - 16.0
    );
    let _ = writeln!(
        out,
        r#"<text transform="translate(20 {}) rotate(-90)" text-anchor="middle">PGR (share of the quality gap recovered)</text>"#,
        TOP + plot_h / 2.0
    );
    let styles = [
        ("#1f77b4", ""),
        ("#888", r#" stroke-dasharray="6 4""#),
        ("#2ca02c", r#" stroke-dasharray="2 3""#),
    ];
    for (i, (curve, (color, dash))) in curves.iter().zip(styles).enumerate() {
        let points: Vec<String> = curve
            .points
            .iter()
            .map(|(s, p, _)| format!("{:.1},{:.1}", x(*s), y(*p)))
            .collect();
        let _ = writeln!(
            out,
            r#"<polyline fill="none" stroke="{color}" stroke-width="2"{dash} points="{}"/>"#,
            points.join(" ")
        );
        let ly = TOP + 10.0 + i as f64 * 22.0;
        let lx = LEFT + plot_w + 12.0;
        let _ = writeln!(
            out,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{color}" stroke-width="2"{dash}/><text x="{}" y="{}">{}</text>"#,
            lx + 24.0,
            lx + 30.0,
            ly + 4.0,
            escape(&legend(curve))
        );
    }
    out.push_str("</svg>\n");
    out
}

fn legend(curve: &Summary) -> String {
    format!("{} (APGR {:.3})", curve.name, curve.apgr)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
