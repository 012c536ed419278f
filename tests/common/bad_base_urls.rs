// Base URLs the `baseUrl` check must refuse: each would be rewritten or
// refused by a WHATWG URL parser (fetch, Node), or sends a token where it
// must not go; the `h.com` ones down to `xn--` were found by the
// build_request fuzz target. One list, included (an expression) by the
// check's unit test (src/leaf/url.rs), tests/common/mod.rs and the ajv
// probes (tests/meta/schema_probes.rs).
&[
    "",
    "open.fxiaoke.com",
    "http://open.fxiaoke.com",
    "https://user@host.com",
    "https://host.com?x=1",
    "https://host.com#x",
    "https://host.com:0",
    "https://host.com:99999",
    "https://ho st.com",
    "ftp://host.com",
    "https://例子.com",
    "http://127.0.0.1.evil.com",
    "https://host.com/a b",
    "https://h.com/a/..",
    "https://h.com/a/%2e%2E",
    "https://h.com/a/./",
    "https://h.com:+80",
    "https://1.2.3",
    "https://0x7f.1",
    "http://127.0.0.01",
    "https://[:::1]",
    "https://[1::2::3]",
    "https://xn--a.com",
]
