//! Reusable string syntaxes shared by vendors: email, calendar dates, epoch
//! milliseconds. Hand-written matchers: each is a few lines, and the regex
//! engine they would replace costs far more in the wasm binary.

use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::Text;

/// Email syntax as mail systems accept it in practice: a dot-atom local
/// part of at most 64 bytes, `@`, and a domain of at least two labels
/// (letters, digits, hyphens, or non-ASCII for internationalised names;
/// no label starting or ending with `-`), at most 254 bytes in all.
/// Quoted local parts and IP-literal domains are rejected: no HR system
/// takes them. [`EMAIL`]'s check, written as the vendors' own checks are
/// (it has no other caller that wants a `bool`).
fn check_email(s: &str) -> FormatResult {
    if s.len() > 254 {
        return FormatResult::Bad;
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return FormatResult::Bad;
    };
    // Bytes, not chars: every atext character is ASCII, so a non-ASCII
    // byte fails as its character would (a char-set `contains` per
    // character, and the list of labels, were most of a validate's
    // email check; callgrind, Ekuaibao doc validate).
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.bytes().all(atext));
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| {
                c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
            })
    };
    let (mut count, mut last, mut labels_ok) = (0, "", true);
    for label in domain.split('.') {
        count += 1;
        last = label;
        if !label_ok(label) {
            labels_ok = false;
            break;
        }
    }
    let domain_ok = count >= 2
        && labels_ok
        && last.chars().count() >= 2
        && !last.chars().all(|c| c.is_ascii_digit());
    FormatResult::ok_if(local_ok && domain_ok)
}

/// Whether `y-m-d` is a real Gregorian calendar date.
pub fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day)
}

/// `yyyy-MM-dd`, zero-padded, a real calendar date.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => is_real_date(y, m, d),
        _ => false,
    }
}

/// Epoch milliseconds as a digit string: 1 to 15 digits, optionally led by
/// `-` for dates before 1970 (birthdays).
pub fn is_epoch_millis(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// [`check_email`] as an ECMA-262 pattern. Lengths are counted in code points
/// where the check counts UTF-8 bytes, so the two differ only for
/// non-ASCII domains longer than 63 bytes per label or 254 in all.
pub const EMAIL_PATTERN: &str = r"(?=[\s\S]{1,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*@(?:[\p{Alphabetic}\p{N}](?:[\-\p{Alphabetic}\p{N}]{0,61}[\p{Alphabetic}\p{N}])?\.)+(?![0-9]+$)(?=[^.]{2,}$)[\p{Alphabetic}\p{N}](?:[\-\p{Alphabetic}\p{N}]{0,61}[\p{Alphabetic}\p{N}])?";

/// [`is_iso_date`] as an ECMA-262 pattern: real dates of years 0001–9999,
/// 29 February only in leap years. A literal, so that [`MILLIS_OR_DATE`]'s
/// pattern is built from it (`concat!`) rather than written again.
macro_rules! date_pattern {
    () => {
        r"(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
    };
}

/// Largest epoch-millisecond magnitude [`is_epoch_millis`] takes (15 digits).
const MAX_MILLIS: i64 = 999_999_999_999_999;

/// Email address.
pub static EMAIL: Format = Format::new(
    "email",
    check_email,
    Text::new(
        "an email address such as name@example.com",
        "邮箱地址，例如 name@example.com",
    ),
    EMAIL_PATTERN,
);

/// `yyyy-MM-dd` real date.
pub static DATE: Format = Format::new(
    "date",
    |s| FormatResult::ok_if(is_iso_date(s)),
    Text::new(
        "a real date written yyyy-MM-dd, such as 2020-09-01",
        "yyyy-MM-dd 格式的有效日期，例如 2020-09-01",
    ),
    date_pattern!(),
);

/// Epoch milliseconds as a digit string, or a `yyyy-MM-dd` real date.
pub static MILLIS_OR_DATE: Format = Format::new(
    "epoch_millis_or_date",
    |s| FormatResult::ok_if(is_epoch_millis(s) || is_iso_date(s)),
    Text::new(
        "epoch milliseconds as digits (such as 1504173600000) or a real date written yyyy-MM-dd",
        "以数字表示的毫秒时间戳（例如 1504173600000）或 yyyy-MM-dd 格式的有效日期",
    ),
    // is_epoch_millis's digits, or a date.
    concat!("-?[0-9]{1,15}|", date_pattern!()),
)
.integers(&[(-MAX_MILLIS, MAX_MILLIS)]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaf::format::assert_checks;

    /// The email check as it was before its byte-wise rewrite, to compare with.
    fn is_email_before(s: &str) -> bool {
        if s.len() > 254 {
            return false;
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return false;
        };
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .split('.')
                .all(|atom| !atom.is_empty() && atom.chars().all(atext));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| {
                        c.is_ascii_alphanumeric()
                            || c == '-'
                            || (!c.is_ascii() && c.is_alphanumeric())
                    })
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
            });
        local_ok && domain_ok
    }

    /// The rewrite decides as the original did on 200 000 strings over an
    /// alphabet of the characters each rule looks at.
    #[test]
    fn email_rewrite_matches_the_original() {
        let alphabet = [
            "a", "Z", "7", ".", "@", "-", "+", "!", "~", "é", "中", "١", " ", "\"", "_", "ä",
        ];
        let inputs =
            crate::leaf::testing::random_strings(0x9e37_79b9_7f4a_7c15, &alphabet, 14, 200_000);
        for s in inputs {
            let before = FormatResult::ok_if(is_email_before(&s));
            assert_eq!(check_email(&s), before, "{s:?}");
        }
    }

    #[test]
    fn emails() {
        for good in [
            "xxx@fxiaoke.com",
            "15588881010@163.com",
            "a.b+c@sub.example.cn",
            "zhang@例子.公司",
        ] {
            assert_eq!(check_email(good), FormatResult::Ok, "{good}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@b.com",
            "a@b",
            "a..b@c.com",
            ".a@c.com",
            "a@-b.com",
            "a@b.c",
            "a b@c.com",
            "a@b..com",
            "a@1.23",
        ] {
            assert_eq!(check_email(bad), FormatResult::Bad, "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_checks(
            DATE.check,
            &["2020-02-29", "2000-02-29"],
            &[
                "1900-02-29",
                "2021-02-29",
                "2020-9-01",
                "2020/09/01",
                "2020-13-01",
                "2020-04-31",
                "+020-04-01",
                "２０２０-04-01",
            ],
        );
        assert_checks(
            |s| FormatResult::ok_if(is_epoch_millis(s)),
            &["1504173600000", "-315648000000"],
            &["15e11", "-"],
        );
    }
}
