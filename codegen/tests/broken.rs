//! Broken documents: a clear error for each, saying what is wrong, where and how to fix it,
//! with every error found; never a panic. One snapshot of the message per document in
//! `tests/broken/`.

use std::path::Path;

fn message(name: &str, bytes: &[u8]) -> String {
    let options =
        codegen::Options { crate_name: "broken".to_owned(), source_name: name.to_owned(), ..Default::default() };
    match codegen::generate(name, bytes, &options) {
        Ok(_) => panic!("{name} generated, but it is broken"),
        Err(failure) => {
            assert!(failure.errors().count() > 0, "{name}: a failure without errors");
            for error in failure.errors() {
                assert!(error.help.is_some(), "{name}: `{}` says nothing about how to fix it", error.message);
            }
            failure.to_string()
        }
    }
}

#[test]
fn broken_documents() {
    insta::glob!("broken/*", |path| {
        let name = format!("broken/{}", path.file_name().unwrap().to_string_lossy());
        insta::assert_snapshot!(message(&name, &std::fs::read(path).unwrap()));
    });
}

/// 50 MB of random bytes, made here rather than committed.
#[test]
fn fifty_megabytes_of_random_bytes() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes = Vec::with_capacity(50 * 1024 * 1024);
    while bytes.len() < 50 * 1024 * 1024 {
        // xorshift64*: deterministic, so the snapshot is stable.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        bytes.extend_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    insta::assert_snapshot!(message("random.bin", &bytes));
}

#[test]
fn every_broken_document_has_a_snapshot_and_the_corpus_is_large_enough() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let count = std::fs::read_dir(dir).unwrap().count();
    assert!(count >= 25, "the corpus has {count} documents; it should cover at least 25 kinds of breakage");
}
