//! Prints the TypeScript declarations of every endpoint's input
//! (`rosterguard::typescript_definitions()`), for the JS build to write to
//! a `.d.ts` file: `cargo run --quiet --example gen_types > endpoints.d.ts`.

fn main() {
    print!("{}", rosterguard::typescript_definitions());
}
