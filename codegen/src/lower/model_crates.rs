//! Past `Options::split_models` types, which models crate each type goes to: types taken in
//! Tarjan's order of the strongly connected components of the type graph, so that a
//! component is never cut and a crate comes after those it depends on.

use crate::ir::{Api, ModelCrates};

/// Splits the models into crates of at most about `most` types each, when there are more.
pub fn split_models(api: &mut Api, most: Option<usize>) {
    api.model_crates = split(api, most);
}

fn split(api: &Api, most: Option<usize>) -> Option<ModelCrates> {
    let most = most?.max(1);
    if api.types.len() <= most {
        return None;
    }
    let edges: Vec<Vec<usize>> =
        api.types.iter().map(|definition| definition.kind.mentions().into_iter().map(|id| id.0).collect()).collect();
    let component = super::analysis::strongly_connected(&edges);
    // Components in Tarjan's order (each after every component it reaches), types in document
    // order within one.
    let mut order: Vec<usize> = (0..api.types.len()).collect();
    order.sort_by_key(|&index| (component[index], index));
    let count = api.types.len().div_ceil(most);
    let per_crate = api.types.len().div_ceil(count);
    let mut crate_of = vec![0; api.types.len()];
    let (mut current, mut filled) = (0, 0);
    for (position, &index) in order.iter().enumerate() {
        // A new crate starts only where a component starts, so that no cycle spans two crates.
        let starts_component = position == 0 || component[order[position - 1]] != component[index];
        if filled >= per_crate && starts_component && current + 1 < count {
            current += 1;
            filled = 0;
        }
        crate_of[index] = current;
        filled += 1;
    }
    Some(ModelCrates { crate_of, count: current + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every type's crate comes after (or is) the crate of each type it mentions, and the
    /// crates hold about the same number of types.
    #[test]
    fn a_type_never_needs_a_later_crate() {
        let mut document =
            String::from("openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n");
        for index in 0..40 {
            // A chain (each holds the next), with a cycle at every tenth.
            let next = if index % 10 == 9 { index - 9 } else { index + 1 };
            document.push_str(&format!(
                "    T{index}:\n      type: object\n      properties:\n        next: {{$ref: \"#/components/schemas/T{next}\"}}\n"
            ));
        }
        let (api, _) = crate::lower("t.yaml", document.as_bytes()).expect("lowers");
        let parts = split(&api, Some(8)).expect("40 types are more than 8");
        assert!(parts.count >= 4, "{}", parts.count);
        for (index, definition) in api.types.iter().enumerate() {
            for mentioned in definition.kind.mentions() {
                assert!(
                    parts.crate_of[mentioned.0] <= parts.crate_of[index],
                    "{} needs a later crate",
                    definition.name
                );
            }
        }
        assert!(split(&api, Some(40)).is_none());
    }
}
