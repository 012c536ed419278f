//! URL pieces: the `baseUrl` check, percent-encoding of path segments and
//! query values. Hand-written because the
//! `url` crate brings IDNA tables into the wasm binary for hosts we reject
//! anyway (non-ASCII hosts must be sent as punycode).

use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::Text;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn encode(s: &str, keep: fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s, keep);
    out
}

fn encode_into(out: &mut String, s: &str, keep: fn(u8) -> bool) {
    // Runs of kept bytes are copied as slices; only escapes go byte by byte.
    let bytes = s.as_bytes();
    let mut kept_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !keep(b) {
            out.push_str(s.get(kept_from..i).unwrap_or(""));
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
            kept_from = i + 1;
        }
    }
    out.push_str(s.get(kept_from..).unwrap_or(""));
}

/// Splits `path` at its first `{name}` placeholder: the text before it,
/// the name, and the text after it (`None` when there is no whole one).
pub fn next_placeholder(path: &str) -> Option<(&str, &str, &str)> {
    let open = path.find('{')?;
    let close = open + path.get(open..)?.find('}')?;
    Some((
        path.get(..open)?,
        path.get(open + 1..close)?,
        path.get(close + 1..)?,
    ))
}

#[cfg(test)]
/// Percent-encodes a query key or value: everything but RFC 3986 unreserved
/// characters, so `&`, `=`, `#`, `+`, spaces and CR/LF cannot escape it.
pub fn encode_query(s: &str) -> String {
    encode(s, is_unreserved)
}

/// Percent-encodes one path segment, keeping unreserved characters and
/// `:` / `@` (Ekuaibao ids contain `:`), so `/ ? # %`, spaces and non-ASCII
/// never leave the segment.
pub fn encode_segment(s: &str) -> String {
    encode(s, |b| is_unreserved(b) || b == b':' || b == b'@')
}

/// Appends `?k=v` (to an empty query) or `&k=v`, key and value encoded.
pub fn push_query_pair(out: &mut String, k: &str, v: &str) {
    out.push(if out.is_empty() { '?' } else { '&' });
    encode_into(out, k, is_unreserved);
    out.push('=');
    encode_into(out, v, is_unreserved);
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets.iter().all(|o| {
            // What `o.parse::<u8>()` takes: an optional `+`, then digits up to 255.
            let digits = o.strip_prefix('+').unwrap_or(o);
            !o.is_empty() && o.len() <= 3 && decimal(digits).is_some_and(|n| n <= 255)
        })
}

/// The value of a non-empty run of at most 9 ASCII digits (by hand: each
/// `str::parse` integer type is its own copy of code in the wasm).
fn decimal(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// A dotted-quad IPv4 address in canonical form: four decimal octets of at
/// most 255, no leading zeros (WHATWG URL parsers read `010` as octal).
fn is_canonical_ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && (o.len() == 1 || !o.starts_with('0'))
                && decimal(o).is_some_and(|n| n <= 255)
        })
}

/// Whether `host` is one a WHATWG URL parser (fetch, Node, the `url`
/// crate) keeps as written, up to ASCII case: an IPv6 literal, a canonical
/// dotted quad, or a name of letter-digit-hyphen labels. Names whose last
/// label is a number (`1.2.3`, `0x7f.1`) are IPv4 to such a parser and are
/// rewritten (`1.2.0.3`), and `xn--` labels are checked against IDNA
/// tables this library does not carry, so both are refused.
fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return is_ipv6(inner);
    }
    let labels: Vec<&str> = host.split('.').collect();
    let numeric = labels.last().is_some_and(|last| {
        last.bytes().all(|b| b.is_ascii_digit())
            || last.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"))
                && last.bytes().skip(2).all(|b| b.is_ascii_hexdigit())
    });
    if numeric {
        return is_canonical_ipv4(host);
    }
    !host.is_empty()
        && host.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && !label
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Whether `s` is an IPv6 address as `std::net::Ipv6Addr`'s parser reads
/// one: the same grammar, step for step, without its ~2.5 KiB of wasm (a
/// test compares the two on generated and exhaustive inputs).
fn is_ipv6(s: &str) -> bool {
    let b = s.as_bytes();
    let (head, head_v4, at) = ipv6_groups(b, 0, 8);
    if head == 8 {
        return at == b.len();
    }
    // `::` stands for at least one zero group; an embedded IPv4 only ends it.
    if head_v4 || b.get(at..at + 2) != Some(b"::".as_slice()) {
        return false;
    }
    ipv6_groups(b, at + 2, 7 - head).2 == b.len()
}

/// Up to `limit` `:`-separated groups of 1–4 hex digits from `at`, where the
/// last two may be an embedded dotted quad: (groups read, whether the quad
/// was read, where the groups end).
fn ipv6_groups(b: &[u8], mut at: usize, limit: usize) -> (usize, bool, usize) {
    for i in 0..limit {
        let start = match (i, b.get(at)) {
            (0, _) => at,
            (_, Some(b':')) => at + 1,
            _ => return (i, false, at),
        };
        if i + 1 < limit {
            if let Some(end) = ipv4_at(b, start) {
                return (i + 2, true, end);
            }
        }
        match number_at(b, start, 16, 4, true) {
            Some((_, end)) => at = end,
            None => return (i, false, at),
        }
    }
    (limit, false, at)
}

/// The end of a dotted quad at `at` (decimal octets up to 255, no leading zeros).
fn ipv4_at(b: &[u8], mut at: usize) -> Option<usize> {
    for i in 0..4 {
        if i > 0 {
            if b.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
        let (n, end) = number_at(b, at, 10, 3, false)?;
        if n > 255 {
            return None;
        }
        at = end;
    }
    Some(at)
}

/// A number of 1 to `max` digits at `at` (a longer run is no number):
/// its value and end.
fn number_at(
    b: &[u8],
    at: usize,
    radix: u32,
    max: usize,
    zero_prefix: bool,
) -> Option<(u32, usize)> {
    let mut n = 0;
    let mut count = 0;
    while let Some(d) = b
        .get(at + count)
        .and_then(|&c| char::from(c).to_digit(radix))
    {
        n = n * radix + d;
        count += 1;
        if count > max {
            return None;
        }
    }
    if count == 0 || (!zero_prefix && count > 1 && b.get(at) == Some(&b'0')) {
        return None;
    }
    Some((n, at + count))
}

/// Whether a path segment is `.` or `..`, also percent-encoded (`%2e`):
/// URL parsers resolve those, so the request would go elsewhere.
fn is_dot_segment(seg: &str) -> bool {
    let lower = seg.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | ".." | "%2e" | "%2e." | ".%2e" | "%2e%2e"
    )
}

fn is_path_char(b: u8) -> bool {
    is_unreserved(b) || b"/:@!$&'()*+,;=".contains(&b)
}

/// Whether `path` is a usable absolute request path: starts with `/`,
/// holds only RFC 3986 path characters or valid `%XX` escapes (so no `?`,
/// `#`, white space, control or non-ASCII characters), and no `.` or `..`
/// segment (which a URL parser would resolve away).
pub fn is_request_path(path: &str) -> bool {
    let b = path.as_bytes();
    if b.first() != Some(&b'/') || path.starts_with("//") || path.split('/').any(is_dot_segment) {
        return false;
    }
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let ok = b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return false;
            }
            i += 3;
        } else if is_path_char(c) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// Checks a base URL: `https://host[:port][/prefix]`, or `http://` for
/// loopback hosts only; no user info, query or fragment. A trailing `/` is
/// accepted (the builder drops it).
pub fn check_base_url(s: &str) -> FormatResult {
    let (rest, secure) = if let Some(r) = s.strip_prefix("https://") {
        (r, true)
    } else if let Some(r) = s.strip_prefix("http://") {
        (r, false)
    } else {
        return FormatResult::Bad;
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => authority.split_at(i),
        _ => (authority, ""),
    };
    let port_ok = match port.strip_prefix(':') {
        None => true,
        Some(p) => {
            // Digits only: `parse` alone would take `+80`, which URL parsers refuse.
            !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && decimal(p).is_some_and(|n| (1..=65535).contains(&n))
        }
    };
    let path_ok = path.is_empty() || path == "/" || is_request_path(path.trim_end_matches('/'));
    FormatResult::ok_if(is_host(host) && port_ok && path_ok && (secure || is_loopback(host)))
}

/// [`check_base_url`] as an ECMA-262 pattern, accepting exactly what the
/// check accepts (the ajv agreement check, `make test-meta`, compares the
/// two on every fixture and the probes of `tests/meta/schema_probes.rs`).
pub const BASE_URL_PATTERN: &str = concat!(
    // https: a canonical dotted quad,
    r"https://(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]",
    r"{2}|[1-9]?[0-9])){3}(?=[:/]|$)",
    // or a DNS name (at most 253 characters, no `xn--` label, a last label that is no number),
    r"|(?=[^:/]{1,253}(?:[:/]|$))(?!(?:[^:/.]*\.)*[xX][nN]--)(?!(?:[^:/.]*\.)*(?:[0-9]+|0[xX][0-",
    r"9A-Fa-f]*)(?:[:/]|$))[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Z",
    r"a-z0-9\-]{0,61}[A-Za-z0-9])?)*",
    // or an IPv6 literal (RFC 3986's grammar, which std's parser follows);
    r"|\[(?:(?:[0-9A-Fa-f]{1,4}:){6}(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|",
    r"1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|::(?:[0-9A-F",
    r"a-f]{1,4}:){5}(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?",
    r"[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|(?:[0-9A-Fa-f]{1,4})?::(?:[0",
    r"-9A-Fa-f]{1,4}:){4}(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[",
    r"1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|(?:(?:[0-9A-Fa-f]{1,4}:",
    r"){0,1}[0-9A-Fa-f]{1,4})?::(?:[0-9A-Fa-f]{1,4}:){3}(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:",
    r"25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9",
    r"])){3})|(?:(?:[0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})?::(?:[0-9A-Fa-f]{1,4}:){2}(?:[0-9A-",
    r"Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2",
    r"[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|(?:(?:[0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})?::[0",
    r"-9A-Fa-f]{1,4}:(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]",
    r"?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|(?:(?:[0-9A-Fa-f]{1,4}:){0,",
    r"4}[0-9A-Fa-f]{1,4})?::(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|(?:25[0-5]|2[0-4][0-9]|1[0-9]{2",
    r"}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})|(?:(?:[0-9A-Fa-f]{1,",
    r"4}:){0,5}[0-9A-Fa-f]{1,4})?::[0-9A-Fa-f]{1,4}|(?:(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4",
    r"})?::)\])",
    // a port of digits only, 1 to 65535;
    r"(?::(?=[0-9]{1,5}(?:/|$))0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}",
    r"|655[0-2][0-9]|6553[0-5]))?",
    // a path without `.` / `..` segments (also `%2e`), not starting with `//`.
    r"(?:(?!(?:/[^/]*)*/(?:\.|%2[eE])(?:\.|%2[eE])?(?:/|$))/(?:(?:[A-Za-z0-9\-._~:@!$&'()*+,;=]|",
    r"%[0-9A-Fa-f]{2})(?:[A-Za-z0-9\-._~/:@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?)?",
    // http: loopback hosts only.
    r"|http://(?:[Ll][Oo][Cc][Aa][Ll][Hh][Oo][Ss][Tt]|\[::1\]|127(?:\.(?:25[0-5]|2[0-4][0-9]|1[0",
    r"-9]{2}|[1-9]?[0-9])){3}(?=[:/]|$))",
    r"(?::(?=[0-9]{1,5}(?:/|$))0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}",
    r"|655[0-2][0-9]|6553[0-5]))?",
    r"(?:(?!(?:/[^/]*)*/(?:\.|%2[eE])(?:\.|%2[eE])?(?:/|$))/(?:(?:[A-Za-z0-9\-._~:@!$&'()*+,;=]|",
    r"%[0-9A-Fa-f]{2})(?:[A-Za-z0-9\-._~/:@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?)?",
);

/// The `baseUrl` syntax.
pub static BASE_URL: Format = Format::new(
    "base_url",
    check_base_url,
    Text::new(
        "an https:// address such as https://open.fxiaoke.com (http:// only for localhost, 127.x.x.x or [::1]; no user, query or fragment)",
        "https:// 开头的地址，例如 https://open.fxiaoke.com（仅 localhost、127.x.x.x 或 [::1] 可用 http://；不能含用户信息、查询串或片段）",
    ),
    BASE_URL_PATTERN,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes() {
        assert_eq!(
            encode_segment("JOYbpjPP-E2Q00:IIEbwYgR2E5M00"),
            "JOYbpjPP-E2Q00:IIEbwYgR2E5M00"
        );
        assert_eq!(encode_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
        assert_eq!(encode_segment("张"), "%E5%BC%A0");
        assert_eq!(encode_query("a&b=c\r\n"), "a%26b%3Dc%0D%0A");
        let mut query = String::new();
        push_query_pair(&mut query, "a", "1");
        push_query_pair(&mut query, "b", "x y");
        assert_eq!(query, "?a=1&b=x%20y");
    }

    #[test]
    fn base_urls() {
        let good = [
            "https://open.fxiaoke.com",
            "https://open.fxiaoke.com/",
            "https://x.example.com:8443/prefix",
            "http://127.0.0.1:8080",
            "http://localhost",
            "http://[::1]:3000",
            "https://10.0.0.8:8443/prefix/",
            "https://[2001:db8::1]",
            "https://H.Example.COM/a..b/.c",
        ];
        let bad: &[&str] = include!("../../tests/common/bad_base_urls.rs");
        crate::leaf::format::assert_checks(check_base_url, &good, bad);
    }

    /// `is_ipv6` accepts exactly what `std::net::Ipv6Addr` parses.
    #[test]
    fn ipv6_agrees_with_std() {
        let check = |s: &str| {
            assert_eq!(is_ipv6(s), s.parse::<std::net::Ipv6Addr>().is_ok(), "{s:?}");
        };
        // Every string of up to 7 characters over a small alphabet.
        let alphabet = ['0', '1', 'f', ':', '.'];
        let mut s = String::new();
        fn all(s: &mut String, alphabet: &[char], left: usize, check: &dyn Fn(&str)) {
            check(s);
            if left == 0 {
                return;
            }
            for &c in alphabet {
                s.push(c);
                all(s, alphabet, left - 1, check);
                s.pop();
            }
        }
        all(&mut s, &alphabet, 7, &check);
        // Generated address-like strings: groups, dotted quads, `::`, stray bytes.
        let mut next = crate::leaf::testing::xorshift(0x9E37_79B9_7F4A_7C15);
        let pieces = [
            "0",
            "1",
            "00",
            "12",
            "255",
            "256",
            "010",
            "fff",
            "FFFF",
            "1ffff",
            "abcd",
            "g",
            ":",
            "::",
            ".",
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "1.2.3",
            "01.2.3.4",
            "",
            " ",
            "%",
            "\u{e9}",
        ];
        for _ in 0..300_000 {
            let mut s = String::new();
            for _ in 0..next(12) {
                s.push_str(pieces[next(pieces.len() as u64)]);
                if next(3) > 0 {
                    s.push(':');
                }
            }
            check(&s);
        }
        for s in [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:1.2.3.4",
            "::ffff:1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3.4",
            "1::1.2.3.4",
            "::01.2.3.4",
            "12345::",
            "2001:db8::1",
            ":::1",
            "1::2::3",
            "1:::2",
            ":1::",
            "::1:",
            "",
        ] {
            check(s);
        }
    }

    /// `decimal` and the checks built on it read numbers as `str::parse` did.
    #[test]
    fn numbers_agree_with_parse() {
        let mut s = String::new();
        fn all(s: &mut String, left: usize, check: &dyn Fn(&str)) {
            check(s);
            if left == 0 {
                return;
            }
            for c in ['0', '1', '2', '5', '6', '9', '+', '-', ' ', 'a'] {
                s.push(c);
                all(s, left - 1, check);
                s.pop();
            }
        }
        let check = |o: &str| {
            let u8_ok = o.strip_prefix('+').unwrap_or(o);
            assert_eq!(
                !o.is_empty() && o.len() <= 3 && decimal(u8_ok).is_some_and(|n| n <= 255),
                !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok(),
                "{o:?}"
            );
            let digits = o.bytes().all(|b| b.is_ascii_digit());
            assert_eq!(
                o.len() <= 5 && digits && decimal(o).is_some_and(|n| (1..=65535).contains(&n)),
                o.len() <= 5 && digits && o.parse::<u16>().is_ok_and(|n| n > 0),
                "{o:?}"
            );
            if digits && !o.is_empty() {
                assert_eq!(decimal(o), o.parse::<u32>().ok(), "{o:?}");
            }
        };
        all(&mut s, 5, &check);
        for o in [
            "65535", "65536", "99999", "00080", "255", "256", "+255", "+256",
        ] {
            check(o);
        }
    }

    #[test]
    fn request_paths() {
        crate::leaf::format::assert_checks(
            |s| FormatResult::ok_if(is_request_path(s)),
            &["/cgi/user/update", "/a/%24b", "/a/.../b"],
            &[
                "cgi",
                "/a?b",
                "/a#b",
                "/a b",
                "//evil.com/x",
                "/a%zz",
                "/a/../b",
                "/a/.%2E/b",
                "/.",
            ],
        );
    }
}
