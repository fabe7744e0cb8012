//! The figures more than one part of the corpus computes: a share as a percentage (the
//! documents' table and the calls' one), and a median (the table, and the line cost past
//! which a document is timed again alone).

/// `part` of `whole` as a percentage with one decimal; `-` of nothing.
pub(super) fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "-".to_owned() } else { format!("{:.1} %", part as f64 * 100.0 / whole as f64) }
}

/// The middle value (the upper one of an even count); NaN of none.
pub(super) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}
