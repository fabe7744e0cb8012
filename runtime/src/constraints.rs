//! What the document bounds a value by beyond its type (`minimum`, `maxLength`, `maxItems`,
//! `pattern`...), and the one set of checks that both the client (on its parameters, before
//! sending) and the test doubles (on every request) apply, so that they say the same thing.

use crate::api::Operation;
use crate::error::Error;

/// The bounds the document puts on one value. Generated code writes them as constants;
/// `Constraints::NONE` with the fields that are set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Constraints {
    /// `minimum`: the smallest number allowed (excluded when `exclusive_minimum`).
    pub minimum: Option<f64>,
    /// Whether `minimum` itself is refused.
    pub exclusive_minimum: bool,
    /// `maximum`: the largest number allowed (excluded when `exclusive_maximum`).
    pub maximum: Option<f64>,
    /// Whether `maximum` itself is refused.
    pub exclusive_maximum: bool,
    /// `multipleOf`: numbers must be a whole multiple of it.
    pub multiple_of: Option<f64>,
    /// `minLength`, in characters.
    pub min_length: Option<usize>,
    /// `maxLength`, in characters.
    pub max_length: Option<usize>,
    /// `pattern`: an ECMA-262 regular expression strings must match somewhere (checked by the
    /// test doubles; the client leaves it to the server, so that it needs no regex engine).
    pub pattern: Option<&'static str>,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// The bounds of each item, for a list.
    pub items: Option<&'static Constraints>,
}

impl Constraints {
    /// No bounds at all.
    pub const NONE: Constraints = Constraints {
        minimum: None,
        exclusive_minimum: false,
        maximum: None,
        exclusive_maximum: false,
        multiple_of: None,
        min_length: None,
        max_length: None,
        pattern: None,
        min_items: None,
        max_items: None,
        unique_items: false,
        items: None,
    };

    /// What is wrong with a number, if anything: not finite (JSON has no NaN or infinity, and
    /// a serializer would quietly send `null`), or outside a bound.
    pub fn number_problem(&self, value: f64) -> Option<String> {
        if !value.is_finite() {
            return Some(format!("is {value}, which is not a number JSON can carry"));
        }
        let value_shown = shown(value);
        if let Some(minimum) = self.minimum {
            if self.exclusive_minimum && value <= minimum {
                return Some(format!("is {}; the API accepts only more than {}", value_shown, shown(minimum)));
            }
            if value < minimum {
                return Some(format!("is {}; the API accepts at least {}", value_shown, shown(minimum)));
            }
        }
        if let Some(maximum) = self.maximum {
            if self.exclusive_maximum && value >= maximum {
                return Some(format!("is {}; the API accepts only less than {}", value_shown, shown(maximum)));
            }
            if value > maximum {
                return Some(format!("is {}; the API accepts at most {}", value_shown, shown(maximum)));
            }
        }
        if let Some(step) = self.multiple_of.filter(|step| *step > 0.0) {
            let quotient = value / step;
            // Within a rounding error of a whole quotient: 0.3 is a multiple of 0.1.
            if (quotient - quotient.round()).abs() > 1e-9 * quotient.abs().max(1.0) {
                return Some(format!("is {}; the API accepts only multiples of {}", value_shown, shown(step)));
            }
        }
        None
    }

    /// What is wrong with a string's length, if anything.
    pub fn length_problem(&self, value: &str) -> Option<String> {
        if self.max_length.is_none() && self.min_length.is_none() {
            return None;
        }
        let length = value.chars().count();
        if let Some(max) = self.max_length.filter(|max| length > *max) {
            return Some(format!("is {length} characters long; the API accepts at most {max}"));
        }
        if let Some(min) = self.min_length.filter(|min| length < *min) {
            return Some(format!("is {length} characters long; the API needs at least {min}"));
        }
        None
    }

    /// What is wrong with the number of a list's items, if anything.
    pub fn count_problem(&self, count: usize) -> Option<String> {
        let items = |count: usize| if count == 1 { "1 item".to_owned() } else { format!("{count} items") };
        if let Some(max) = self.max_items.filter(|max| count > *max) {
            return Some(format!("has {}; the API accepts at most {}", items(count), items(max)));
        }
        if let Some(min) = self.min_items.filter(|min| count < *min) {
            return Some(format!("has {}; the API needs at least {}", items(count), items(min)));
        }
        None
    }
}

/// A number as the API writes it: `30`, not `30.0`.
fn shown(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
}

/// A value the client checks against its parameter's [`Constraints`] before sending.
pub trait Checked {
    /// The first thing wrong with the value, if any.
    fn problem(&self, constraints: &Constraints) -> Option<String>;
}

macro_rules! checked_numbers {
    ($($ty:ty),*) => {
        $(
            impl Checked for $ty {
                #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
                fn problem(&self, constraints: &Constraints) -> Option<String> {
                    constraints.number_problem(*self as f64)
                }
            }
        )*
    };
}

checked_numbers!(f64, f32, i64, i32, u64, u32);

impl Checked for str {
    fn problem(&self, constraints: &Constraints) -> Option<String> {
        constraints.length_problem(self)
    }
}

impl Checked for String {
    fn problem(&self, constraints: &Constraints) -> Option<String> {
        constraints.length_problem(self)
    }
}

impl<T: Checked + PartialEq> Checked for Vec<T> {
    fn problem(&self, constraints: &Constraints) -> Option<String> {
        if let Some(problem) = constraints.count_problem(self.len()) {
            return Some(problem);
        }
        if constraints.unique_items {
            for (index, item) in self.iter().enumerate() {
                if let Some(first) = self[..index].iter().position(|earlier| earlier == item) {
                    return Some(format!("repeats item {first} as item {index}; the API needs every item unique"));
                }
            }
        }
        let items = constraints.items.unwrap_or(&Constraints::NONE);
        self.iter()
            .enumerate()
            .find_map(|(index, item)| item.problem(items).map(|problem| format!("item {index} {problem}")))
    }
}

impl<T: Checked> Checked for Option<T> {
    fn problem(&self, constraints: &Constraints) -> Option<String> {
        self.as_ref()?.problem(constraints)
    }
}

/// Refuses a parameter outside the document's bounds (or a number JSON cannot carry) before
/// anything is sent.
pub fn check<T: Checked + ?Sized>(
    operation: &Operation,
    parameter: &'static str,
    value: &T,
    constraints: &Constraints,
) -> Result<(), Error> {
    match value.problem(constraints) {
        None => Ok(()),
        Some(problem) => Err(Error::invalid_argument(operation, parameter, problem)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: Constraints = Constraints { minimum: Some(0.0), ..Constraints::NONE };

    #[test]
    fn numbers_are_checked_against_every_bound_and_must_be_finite() {
        assert_eq!(PAGE.number_problem(0.0), None);
        assert_eq!(PAGE.number_problem(-1.0).as_deref(), Some("is -1; the API accepts at least 0"));
        assert_eq!(PAGE.number_problem(f64::NAN).as_deref(), Some("is NaN, which is not a number JSON can carry"));
        assert!(PAGE.number_problem(f64::INFINITY).is_some());
        let open = Constraints { minimum: Some(0.0), exclusive_minimum: true, maximum: Some(1.5), ..Constraints::NONE };
        assert_eq!(open.number_problem(0.0).as_deref(), Some("is 0; the API accepts only more than 0"));
        assert_eq!(open.number_problem(1.5), None);
        assert_eq!(open.number_problem(2.0).as_deref(), Some("is 2; the API accepts at most 1.5"));
        let closed = Constraints { maximum: Some(10.0), exclusive_maximum: true, ..Constraints::NONE };
        assert_eq!(closed.number_problem(10.0).as_deref(), Some("is 10; the API accepts only less than 10"));
        let step = Constraints { multiple_of: Some(0.1), ..Constraints::NONE };
        assert_eq!(step.number_problem(0.3), None);
        assert_eq!(step.number_problem(0.35).as_deref(), Some("is 0.35; the API accepts only multiples of 0.1"));
    }

    #[test]
    fn lists_are_checked_by_count_uniqueness_and_item() {
        const WORD: Constraints = Constraints { max_length: Some(3), ..Constraints::NONE };
        let tags = Constraints { max_items: Some(2), unique_items: true, items: Some(&WORD), ..Constraints::NONE };
        let list = |items: &[&str]| items.iter().map(|item| (*item).to_owned()).collect::<Vec<String>>();
        assert_eq!(list(&["a", "b"]).problem(&tags), None);
        assert_eq!(
            list(&["a", "b", "c"]).problem(&tags).as_deref(),
            Some("has 3 items; the API accepts at most 2 items")
        );
        assert_eq!(
            list(&["a", "a"]).problem(&tags).as_deref(),
            Some("repeats item 0 as item 1; the API needs every item unique")
        );
        assert_eq!(
            list(&["a", "long"]).problem(&tags).as_deref(),
            Some("item 1 is 4 characters long; the API accepts at most 3")
        );
        assert_eq!(None::<f64>.problem(&PAGE), None);
        assert!(Some(-2_i64).problem(&PAGE).is_some());
    }
}
