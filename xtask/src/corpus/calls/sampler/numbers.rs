//! Integers and numbers made within a schema's bounds (exclusive ones too, in both OpenAPI
//! 3.0's and 3.1's spelling) and on its `multipleOf`.

use serde_json::{Value, json};

pub(super) fn integer(schema: &Value) -> Value {
    let (low, high) = bounds(schema, 1.0);
    let multiple = schema.get("multipleOf").and_then(Value::as_f64).filter(|multiple| *multiple > 0.0);
    let mut value = 1f64.max(low.ceil()).min(high.floor());
    if let Some(multiple) = multiple {
        value = (value / multiple).ceil() * multiple;
        if value > high {
            value = (high / multiple).floor() * multiple;
        }
    }
    json!(value as i64)
}

pub(super) fn number(schema: &Value) -> Value {
    let (low, high) = bounds(schema, 0.5);
    let multiple = schema.get("multipleOf").and_then(Value::as_f64).filter(|multiple| *multiple > 0.0);
    let mut value = 1f64.max(low).min(high);
    if let Some(multiple) = multiple {
        value = (value / multiple).ceil() * multiple;
    }
    if value.fract() == 0.0 && value.abs() < 1e15 { json!(value as i64) } else { json!(value) }
}

/// The smallest and largest values a number schema allows, exclusive bounds moved in by
/// `step`.
fn bounds(schema: &Value, step: f64) -> (f64, f64) {
    let get = |key: &str| schema.get(key).and_then(Value::as_f64);
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
    let mut low = get("minimum").unwrap_or(f64::MIN);
    let mut high = get("maximum").unwrap_or(f64::MAX);
    if flag("exclusiveMinimum") {
        low += step;
    }
    if flag("exclusiveMaximum") {
        high -= step;
    }
    if let Some(minimum) = get("exclusiveMinimum") {
        low = low.max(minimum + step);
    }
    if let Some(maximum) = get("exclusiveMaximum") {
        high = high.min(maximum - step);
    }
    (low, high.max(low))
}
