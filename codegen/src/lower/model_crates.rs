//! Past `Options::split_models` types, the crates a document is generated as: which models
//! crate each type goes to and, for the wide graph (`CrateGraph::Products`), which product
//! each group's operations go to.
//!
//! A home (the shared types, one product's types, the unreferenced ones) past the limit is a
//! base of the types several of its roots hold, below crates side by side; the chained graph,
//! and a base past the limit, take types in Tarjan's order of the strongly connected
//! components of the type graph. Either way a component is never cut and a crate comes after
//! those it depends on.

use std::collections::BTreeSet;

use crate::ir::{Api, ModelCrates, Products};
use crate::lower::naming::unraw;
use crate::options::CrateGraph;

/// About how many operations a product holds: GitHub's 1,223 make 9 products, Cloudflare's
/// 3,207 make 22. Fewer, larger products leave a core idle at the end of a check; more add
/// each crate's fixed cost (its metadata read by every crate above it).
const OPERATIONS_PER_PRODUCT: usize = 150;
/// A product may grow past an even share by this much to stay with the groups whose types
/// it uses.
const SLACK: f64 = 1.25;
/// Types used by more groups than this say nothing of which groups belong together (an
/// envelope every operation answers with): they are shared whatever the products.
const AFFINITY_LIMIT: usize = 16;

/// Splits a document of more than `most` types into crates, laid out as `graph` says.
pub fn split_models(api: &mut Api, most: Option<usize>, graph: CrateGraph) {
    let Some(most) = most.map(|most| most.max(1)) else { return };
    if api.types.len() <= most {
        return;
    }
    let products = match graph {
        CrateGraph::Products => products(api),
        CrateGraph::Chained => None,
    };
    match products {
        Some((mut products, homes)) => {
            let (model_crates, of_product) = home_crates(api, &homes, &products.names, &products.of_group, most);
            products.model_crates = of_product;
            api.model_crates = Some(model_crates);
            api.products = Some(products);
        }
        None => api.model_crates = Some(chain(api, most)),
    }
}

/// Where a type lives in the wide graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Home {
    /// Used by the operations of more than one product.
    Shared,
    /// Used by one product's operations (and maybe by schemas no operation uses).
    Product(usize),
    /// Used by no operation (feature `unreferenced-models`).
    Unreferenced,
}

/// The products, and each type's home. `None` when the document has fewer than two groups
/// with operations: there is nothing to put side by side.
fn products(api: &Api) -> Option<(Products, Vec<Home>)> {
    let operations = api.operations_per_group();
    let used: Vec<usize> = (0..api.groups.len()).filter(|&group| operations[group] > 0).collect();
    if used.len() < 2 {
        return None;
    }
    // Each group's weight: its operations (about four types' code each) and the types only
    // it uses, which will go where it goes.
    let mut weight: Vec<usize> = operations.iter().map(|count| count * 4).collect();
    let mut affinity: Vec<Vec<usize>> = vec![Vec::new(); api.groups.len()];
    for (index, definition) in api.types.iter().enumerate() {
        let groups = &definition.needed_by.groups;
        if groups.len() == 1 && !definition.needed_by.unreferenced {
            weight[*groups.iter().next().expect("one")] += 1;
        } else if (2..=AFFINITY_LIMIT).contains(&groups.len()) {
            for &group in groups {
                affinity[group].push(index);
            }
        }
    }
    let total: usize = used.iter().map(|&group| weight[group]).sum();
    let total_operations: usize = operations.iter().sum();
    let count = total_operations.div_ceil(OPERATIONS_PER_PRODUCT).clamp(2, used.len());
    let capacity = (total as f64 / count as f64 * SLACK).ceil() as usize;

    // Heaviest groups first, each to the product whose groups use the most of its types,
    // among those it fits in; ties go to the lighter product.
    let mut order = used.clone();
    order.sort_by_key(|&group| (std::cmp::Reverse(weight[group]), group));
    let mut load = vec![0usize; count];
    let mut touched = vec![vec![false; api.types.len()]; count];
    let mut of_group = vec![None; api.groups.len()];
    let mut first_group: Vec<Option<usize>> = vec![None; count];
    for group in order {
        let fits: Vec<usize> = (0..count).filter(|&product| load[product] + weight[group] <= capacity).collect();
        let candidates = if fits.is_empty() { (0..count).collect() } else { fits };
        let score = |product: usize| affinity[group].iter().filter(|&&index| touched[product][index]).count();
        let product = candidates
            .into_iter()
            .max_by_key(|&product| (score(product), std::cmp::Reverse(load[product]), std::cmp::Reverse(product)))
            .expect("at least two products");
        load[product] += weight[group];
        for &index in &affinity[group] {
            touched[product][index] = true;
        }
        of_group[group] = Some(product);
        first_group[product].get_or_insert(group);
    }
    // A product with no group (more products than fit) is dropped, the others renumbered.
    let kept: Vec<usize> = (0..count).filter(|&product| first_group[product].is_some()).collect();
    let renumber = |product: usize| kept.iter().position(|&kept| kept == product).expect("kept");
    let of_group: Vec<Option<usize>> = of_group.into_iter().map(|product| product.map(renumber)).collect();
    let names = kept
        .iter()
        .map(|&product| unraw(api.groups[first_group[product].expect("kept")].feature()).replace('_', "-"))
        .collect();

    let mut homes: Vec<Home> = api
        .types
        .iter()
        .map(|definition| {
            let products: BTreeSet<usize> =
                definition.needed_by.groups.iter().filter_map(|&group| of_group[group]).collect();
            // A type that a schema no operation uses holds too goes with the product, which
            // the unreferenced types' crates may depend on: GitHub's webhook payloads hold
            // many types one product's operations answer with.
            match (products.len(), definition.needed_by.unreferenced) {
                (1, _) => Home::Product(*products.iter().next().expect("one")),
                (0, true) => Home::Unreferenced,
                _ => Home::Shared,
            }
        })
        .collect();
    // A schema no operation uses goes with the one product whose types it holds (behind
    // `unreferenced-models` in that product's crate), so that the unreferenced types' crates
    // do not wait for, nor rebuild after, every product: GitHub's webhook payloads each hold
    // one product's types. The products each one reaches, grown until nothing changes.
    let mut reaches: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
    loop {
        let mut changed = false;
        for index in 0..api.types.len() {
            if homes[index] != Home::Unreferenced {
                continue;
            }
            for held in api.types[index].kind.mentions() {
                let found: Vec<usize> = match homes[held.0] {
                    Home::Product(product) => vec![product],
                    Home::Unreferenced => reaches[held.0].iter().copied().collect(),
                    Home::Shared => Vec::new(),
                };
                for product in found {
                    changed |= reaches[index].insert(product);
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (home, reached) in homes.iter_mut().zip(&reaches) {
        if *home == Home::Unreferenced && reached.len() == 1 {
            *home = Home::Product(*reached.iter().next().expect("one"));
        }
    }
    // A type may only hold types of its own home or shared ones, or, unreferenced, a
    // product's. The features' closure makes that so already; should it not, the held type is
    // shared, until nothing changes.
    loop {
        let mut changed = false;
        for index in 0..api.types.len() {
            for held in api.types[index].kind.mentions() {
                let (holder, held_home) = (homes[index], homes[held.0]);
                let allowed = held_home == holder || held_home == Home::Shared || holder == Home::Unreferenced;
                if !allowed {
                    homes[held.0] = Home::Shared;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    Some((Products { of_group, names, model_crates: Vec::new() }, homes))
}

/// The models crates of the wide graph: the shared types' crates first (cut in parts of
/// about `most` types), then each product's and the unreferenced types', each depending on
/// the crates of the types it holds; and the models crates each product's operations need.
fn home_crates(
    api: &Api,
    homes: &[Home],
    products: &[String],
    of_group: &[Option<usize>],
    most: usize,
) -> (ModelCrates, Vec<Vec<usize>>) {
    let edges = edges(api);
    let component = super::analysis::strongly_connected(&edges);
    let mut crate_of = vec![0; api.types.len()];
    let mut names = Vec::new();
    let all_homes = std::iter::once(Home::Shared)
        .chain((0..products.len()).map(Home::Product))
        .chain(std::iter::once(Home::Unreferenced));
    for home in all_homes {
        let members: Vec<usize> = (0..api.types.len()).filter(|&index| homes[index] == home).collect();
        if members.is_empty() {
            continue;
        }
        let parts = side_by_side(&members, &edges, &component, most);
        let base = match home {
            Home::Shared => "shared",
            Home::Product(product) => &products[product],
            Home::Unreferenced => "unreferenced",
        };
        for (part, types) in parts.iter().enumerate() {
            let index = names.len();
            names.push(if parts.len() == 1 { base.to_owned() } else { format!("{base}-{}", part + 1) });
            for &member in types {
                crate_of[member] = index;
            }
        }
    }
    // Each crate depends on the crates of the types its types hold, and no other: parts of
    // the shared types that hold nothing of each other are checked side by side.
    let mut depends_on: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); names.len()];
    for (index, held) in edges.iter().enumerate() {
        for &held in held {
            if crate_of[held] != crate_of[index] {
                depends_on[crate_of[index]].insert(crate_of[held]);
            }
        }
    }
    // A product's operations read the crates of every type its groups need.
    let mut of_product: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); products.len()];
    for (index, definition) in api.types.iter().enumerate() {
        for &group in &definition.needed_by.groups {
            if let Some(product) = of_group[group] {
                of_product[product].insert(crate_of[index]);
            }
        }
    }
    let depends_on = depends_on.into_iter().map(|crates| crates.into_iter().collect()).collect();
    let of_product = of_product.into_iter().map(|crates| crates.into_iter().collect()).collect();
    (ModelCrates { crate_of, count: names.len(), names, depends_on }, of_product)
}

/// The deep graph: every type in Tarjan's order, cut into crates of about `most` types, each
/// depending on every earlier one.
fn chain(api: &Api, most: usize) -> ModelCrates {
    let edges = edges(api);
    let component = super::analysis::strongly_connected(&edges);
    let members: Vec<usize> = (0..api.types.len()).collect();
    let parts = cut(&members, &component, most);
    let mut crate_of = vec![0; api.types.len()];
    for (index, types) in parts.iter().enumerate() {
        for &member in types {
            crate_of[member] = index;
        }
    }
    ModelCrates {
        crate_of,
        count: parts.len(),
        names: (0..parts.len()).map(|index| index.to_string()).collect(),
        depends_on: (0..parts.len()).map(|index| (0..index).collect()).collect(),
    }
}

/// What each type holds, by index.
fn edges(api: &Api) -> Vec<Vec<usize>> {
    api.types.iter().map(|definition| definition.kind.mentions().into_iter().map(|id| id.0).collect()).collect()
}

/// `members` cut into crates of about `most` types that cargo can check side by side: the
/// types that nothing else among them holds (the roots: webhook payloads, answers) dealt
/// into about `members / most` buckets, each root to the bucket holding most of what it
/// reaches; a type reached from one bucket alone goes with it, one reached from several goes
/// to a base below them all. Cut in Tarjan's order instead, GitHub's 4,350 unreferenced
/// types were three crates each depending on the ones before, checked one after another.
fn side_by_side(members: &[usize], edges: &[Vec<usize>], component: &[usize], most: usize) -> Vec<Vec<usize>> {
    let count = members.len().div_ceil(most);
    if count < 2 {
        return vec![members.to_vec()];
    }
    // An even number of crates side by side: two cores finish them together, where three
    // left one core idle for the last.
    let count = count + count % 2;
    // The components among `members` and what each holds among them: a cycle is never cut.
    let mut local: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for &member in members {
        let next = local.len();
        local.entry(component[member]).or_insert(next);
    }
    let mut size = vec![0usize; local.len()];
    let mut holds: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); local.len()];
    let mut held = vec![false; local.len()];
    for &member in members {
        let own = local[&component[member]];
        size[own] += 1;
        for target in &edges[member] {
            if let Some(&other) = local.get(&component[*target])
                && other != own
            {
                holds[own].insert(other);
                held[other] = true;
            }
        }
    }
    // Roots in the order their components were first met (document order).
    let reach = |root: usize| -> Vec<usize> {
        let mut seen = BTreeSet::from([root]);
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &next in &holds[node] {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        seen.into_iter().collect()
    };
    let share = (members.len() as f64 / count as f64 * SLACK).ceil() as usize;
    let mut load = vec![0usize; count];
    let mut claimed: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); local.len()];
    for root in (0..local.len()).filter(|&node| !held[node]) {
        let reached = reach(root);
        let overlap = |bucket: usize| -> usize {
            reached.iter().filter(|&&node| claimed[node].contains(&bucket)).map(|&node| size[node]).sum()
        };
        let added =
            |bucket: usize| -> usize { reached.iter().map(|&node| size[node]).sum::<usize>() - overlap(bucket) };
        let fits: Vec<usize> = (0..count).filter(|&bucket| load[bucket] + added(bucket) <= share).collect();
        let candidates = if fits.is_empty() { (0..count).collect() } else { fits };
        let bucket = candidates
            .into_iter()
            .max_by_key(|&bucket| (overlap(bucket), std::cmp::Reverse(load[bucket]), std::cmp::Reverse(bucket)))
            .expect("two buckets at least");
        load[bucket] += added(bucket);
        for node in reached {
            claimed[node].insert(bucket);
        }
    }
    // Reached from one bucket: that bucket's; from several: the base's, which is closed
    // downwards (what a base type holds is reached from every bucket that reaches it).
    let mut base = Vec::new();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &member in members {
        let owners = &claimed[local[&component[member]]];
        match (owners.len(), owners.iter().next()) {
            (1, Some(&bucket)) => buckets[bucket].push(member),
            _ => base.push(member),
        }
    }
    let mut parts = Vec::new();
    if !base.is_empty() {
        parts.extend(cut(&base, component, most));
    }
    let roomy = (most as f64 * SLACK).ceil() as usize;
    for bucket in buckets.into_iter().filter(|bucket| !bucket.is_empty()) {
        parts.extend(cut(&bucket, component, roomy));
    }
    parts
}

/// `members` cut into parts of about `most` types: in Tarjan's order of their components
/// (each after every component it reaches), document order within one, a new part starting
/// only where a component starts, so that no cycle spans two parts.
fn cut(members: &[usize], component: &[usize], most: usize) -> Vec<Vec<usize>> {
    let mut order = members.to_vec();
    order.sort_by_key(|&index| (component[index], index));
    let count = order.len().div_ceil(most);
    let per_part = order.len().div_ceil(count);
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    for (position, &index) in order.iter().enumerate() {
        let starts_component = position == 0 || component[order[position - 1]] != component[index];
        let current = parts.last().expect("one part at least");
        if current.len() >= per_part && starts_component && parts.len() < count {
            parts.push(Vec::new());
        }
        parts.last_mut().expect("one part at least").push(index);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of `tags` groups of 3 operations each; group `g`'s operations answer with
    /// `T{g}`, which holds a chain of types of its own, and every answer holds `Common`.
    /// Groups 0 and 1 also share `Pair`.
    fn document(tags: usize) -> String {
        let mut out = String::from("openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n");
        for tag in 0..tags {
            for operation in 0..3 {
                out.push_str(&format!(
                    "  /t{tag}/o{operation}:\n    get:\n      operationId: get{tag}x{operation}\n      tags: [tag{tag}]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/T{tag}'}}\n"
                ));
            }
        }
        out.push_str(
            "components:\n  schemas:\n    Common:\n      type: object\n      properties:\n        id: {type: string}\n",
        );
        out.push_str("    Pair:\n      type: object\n      properties:\n        id: {type: string}\n");
        out.push_str("    Lonely:\n      type: object\n      properties:\n        id: {type: string}\n");
        // Schemas no operation uses: one holding a type of group 5's alone, one holding
        // types of two groups.
        if tags >= 6 {
            out.push_str("    Hook:\n      type: object\n      properties:\n        own: {$ref: '#/components/schemas/Own5x2'}\n");
            out.push_str("    Mixed:\n      type: object\n      properties:\n        a: {$ref: '#/components/schemas/Own2x1'}\n        b: {$ref: '#/components/schemas/Own5x1'}\n");
        }
        for tag in 0..tags {
            let pair = if tag < 2 { "        pair: {$ref: '#/components/schemas/Pair'}\n" } else { "" };
            out.push_str(&format!(
                "    T{tag}:\n      type: object\n      properties:\n        common: {{$ref: '#/components/schemas/Common'}}\n        own: {{$ref: '#/components/schemas/Own{tag}x0'}}\n{pair}"
            ));
            for link in 0..4 {
                let next = if link < 3 {
                    format!("        next: {{$ref: '#/components/schemas/Own{tag}x{}'}}\n", link + 1)
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "    Own{tag}x{link}:\n      type: object\n      properties:\n        id: {{type: string}}\n{next}"
                ));
            }
        }
        out
    }

    fn crate_of(api: &Api, name: &str) -> usize {
        let split = api.model_crates.as_ref().expect("split");
        let index = api.types.iter().position(|definition| definition.name == name).expect(name);
        split.crate_of[index]
    }

    /// Every type's crate depends on the crate of each type it holds, and each operation's
    /// product reads the crates of every type it needs.
    fn assert_closed(api: &Api) {
        let split = api.model_crates.as_ref().expect("split");
        for (index, definition) in api.types.iter().enumerate() {
            let own = split.crate_of[index];
            for held in definition.kind.mentions() {
                let other = split.crate_of[held.0];
                assert!(
                    other == own || split.depends_on[own].contains(&other),
                    "{} (crate {own}) holds {} (crate {other}), not a dependency",
                    definition.name,
                    api.get(held).name
                );
            }
        }
        if let Some(products) = &api.products {
            for (index, definition) in api.types.iter().enumerate() {
                for &group in &definition.needed_by.groups {
                    let product = products.of_group[group].expect("a group with operations");
                    assert!(
                        products.model_crates[product].contains(&split.crate_of[index]),
                        "{} is needed by product {} but not among its crates",
                        definition.name,
                        products.names[product]
                    );
                }
            }
        }
    }

    #[test]
    fn products_hold_their_own_types_above_the_shared_ones_and_beside_each_other() {
        let (mut api, _) = crate::lower("t.yaml", document(6).as_bytes()).expect("lowers");
        split_models(&mut api, Some(5), CrateGraph::Products);
        let products = api.products.as_ref().expect("products");
        assert_eq!(products.count(), 2, "{:?}", products.names);
        assert_closed(&api);
        let split = api.model_crates.as_ref().expect("split");
        // What several products use is shared; what one uses is its own, and no product's
        // crate depends on another's.
        let shared = crate_of(&api, "Common");
        assert!(split.names[shared].starts_with("shared"), "{:?}", split.names);
        assert!(split.names[crate_of(&api, "Lonely")].starts_with("unreferenced"));
        let own: Vec<usize> = (0..6).map(|tag| crate_of(&api, &format!("Own{tag}x3"))).collect();
        for (tag, &crate_index) in own.iter().enumerate() {
            let product = products.of_group[tag].expect("used");
            assert!(split.names[crate_index].starts_with(&products.names[product]), "{:?}", split.names);
            for &depended in &split.depends_on[crate_index] {
                assert!(
                    split.names[depended].starts_with("shared")
                        || split.names[depended].starts_with(&products.names[product])
                );
            }
        }
        // A schema no operation uses goes with the one product whose types it holds.
        let product_of = |tag: usize| &products.names[products.of_group[tag].expect("used")];
        assert!(split.names[crate_of(&api, "Hook")].starts_with(product_of(5)), "{:?}", split.names);
        let mixed = &split.names[crate_of(&api, "Mixed")];
        if products.of_group[2] == products.of_group[5] {
            assert!(mixed.starts_with(product_of(5)), "{mixed}");
        } else {
            assert!(mixed.starts_with("unreferenced"), "{mixed}");
        }
        // Groups 0 and 1 share `Pair`, so they are one product and `Pair` is its own.
        assert_eq!(products.of_group[0], products.of_group[1]);
        assert!(!split.names[crate_of(&api, "Pair")].starts_with("shared"));
    }

    #[test]
    fn a_home_past_the_limit_is_a_base_below_crates_side_by_side() {
        // Six payloads (0..6), each holding two types of its own (6 + 2p, 7 + 2p) and the one
        // envelope (18) that they all hold; 19 and 20 hold each other and payload 0 holds 19.
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); 21];
        for payload in 0..6 {
            edges[payload] = vec![6 + 2 * payload, 7 + 2 * payload, 18];
            edges[6 + 2 * payload].push(7 + 2 * payload);
        }
        edges[0].push(19);
        edges[19].push(20);
        edges[20].push(19);
        let component = crate::lower::analysis::strongly_connected(&edges);
        let members: Vec<usize> = (0..21).collect();
        let parts = side_by_side(&members, &edges, &component, 8);
        let part_of = |index: usize| parts.iter().position(|part| part.contains(&index)).expect("placed");
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 21, "{parts:?}");
        assert_eq!(parts[part_of(18)], vec![18], "the envelope alone is the base: {parts:?}");
        assert!(parts.len() >= 3, "{parts:?}");
        // A payload's own types and the cycle it holds go with it; no part above the base
        // holds another's types.
        for payload in 0..6 {
            assert_eq!(part_of(payload), part_of(6 + 2 * payload), "{parts:?}");
            assert_eq!(part_of(payload), part_of(7 + 2 * payload), "{parts:?}");
        }
        assert_eq!(part_of(19), part_of(20));
        assert_eq!(part_of(0), part_of(19));
        for (holder, held) in edges.iter().enumerate() {
            for &held in held {
                let (from, to) = (part_of(holder), part_of(held));
                assert!(from == to || to == part_of(18), "{holder} in part {from} holds {held} in part {to}");
            }
        }
        // Under the limit, one part.
        assert_eq!(side_by_side(&members, &edges, &component, 21).len(), 1);
    }

    #[test]
    fn a_chain_depends_on_every_earlier_crate_and_one_group_stays_a_chain() {
        let (mut api, _) = crate::lower("t.yaml", document(6).as_bytes()).expect("lowers");
        split_models(&mut api, Some(8), CrateGraph::Chained);
        assert!(api.products.is_none());
        assert_closed(&api);
        let split = api.model_crates.as_ref().expect("split");
        assert!(split.count >= 3);
        assert_eq!(split.depends_on[2], vec![0, 1]);

        let (mut api, _) = crate::lower("t.yaml", document(1).as_bytes()).expect("lowers");
        split_models(&mut api, Some(3), CrateGraph::Products);
        assert!(api.products.is_none(), "one group is no graph of products");
        assert_closed(&api);

        let (mut api, _) = crate::lower("t.yaml", document(6).as_bytes()).expect("lowers");
        split_models(&mut api, Some(1000), CrateGraph::Products);
        assert!(api.model_crates.is_none() && api.products.is_none(), "below the limit, one crate");
    }
}
