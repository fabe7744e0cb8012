//! The document's bounds, in a crate for another API: the client refuses parameters outside
//! them before sending, the test doubles refuse bodies outside them at any depth, naming the
//! JSON path and the bound; model setters take maps as any pairs.

use std::collections::HashMap;

use fixture_bounds::Error;
use fixture_bounds::mock::MockApi;
use fixture_bounds::models::{Line, Order};

fn order() -> Order {
    // `new` takes the required fields by name: `quantity`, then `sku`.
    Order::new(2, "ABC-12")
}

#[test]
fn map_setters_take_any_pairs() {
    let from_pairs = order().with_labels([("color", "green")]);
    let from_hash_map = order().with_labels(HashMap::from([("color".to_owned(), "green")]));
    assert_eq!(from_pairs, from_hash_map);
    assert_eq!(from_pairs.labels.expect("set")["color"], "green");
}

#[tokio::test]
async fn a_body_within_the_bounds_passes_and_one_outside_them_is_refused_at_its_path() {
    let mock = MockApi::start().await;
    mock.create_order().mount().await;
    let client = mock.client();

    let valid = order().with_price(19.99).with_lines(vec![Line::new("gift wrap")]);
    client.orders().create_order(valid).limit(10).tags(["red", "big"]).await.expect("within the bounds");
    assert_eq!(mock.take_problems(), Vec::<String>::new());

    // The client checks parameters only; the body goes out, and the doubles refuse it.
    let invalid = Order::new(1000, "abc-1").with_price(0.125).with_lines(vec![Line::new("")]);
    let error = client.orders().create_order(invalid).await.expect_err("refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
    let problems = mock.take_problems().join("\n");
    for expected in [
        "create_order (operationId createOrder, POST /orders): ",
        "request body: at `sku`: `abc-1` does not match the pattern `^[A-Z]{3}-[0-9]+$`",
        "request body: at `quantity`: is 1000; the API accepts only less than 1000",
        "request body: at `price`: is 0.125; the API accepts only multiples of 0.01",
        "request body: at `lines[0].note`: is 0 characters long; the API needs at least 1",
    ] {
        assert!(problems.contains(expected), "{expected}:\n{problems}");
    }
}

#[tokio::test]
async fn parameters_outside_their_bounds_and_numbers_json_cannot_carry_are_never_sent() {
    let mock = MockApi::start().await;
    mock.create_order().mount().await;
    let client = mock.client();
    let create = || client.orders().create_order(order());

    for (call, reason) in [
        (create().limit(0), "argument `limit` is 0; the API accepts at least 1"),
        (create().limit(101), "argument `limit` is 101; the API accepts at most 100"),
        (create().tags(["a", "b", "c"]), "argument `tags` has 3 items; the API accepts at most 2 items"),
        (create().tags(["a", "a"]), "argument `tags` repeats item 0 as item 1; the API needs every item unique"),
        (create().tags(["longer"]), "argument `tags` item 0 is 6 characters long; the API accepts at most 5"),
    ] {
        let error = call.await.expect_err(reason);
        assert!(matches!(error, Error::InvalidArgument(_)), "{reason}: {error:?}");
        assert!(error.to_string().contains(reason), "{reason}: {error}");
    }
    let error = client.orders().create_order(order().with_price(f64::NAN)).await.expect_err("NaN");
    assert!(error.to_string().contains("NaN is not a number JSON can carry"), "{error}");
    assert!(mock.received::<fixture_bounds::orders::CreateOrder>().await.is_empty(), "nothing was sent");
    assert_eq!(mock.take_problems(), Vec::<String>::new());
}
