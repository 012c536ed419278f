//! Prints the TypeScript input types of every endpoint
//! (`rosterguard::typescript_definitions()`); `make pkg` writes them into
//! the npm package's `index.d.ts`.

fn main() {
    print!("{}", rosterguard::typescript_definitions());
}
