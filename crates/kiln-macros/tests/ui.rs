//! Every error message the macros give, pinned: each file in `ui/fail` must fail to compile
//! with exactly the messages in its `.stderr` (regenerate them with `TRYBUILD=overwrite` after
//! changing a message on purpose).

#[test]
fn every_error_message_is_pinned() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
}
