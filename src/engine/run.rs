//! The run that checks an input envelope against an endpoint: the
//! envelope keys, each section's walk, then the cross-field rules.

use crate::leaf::tree::{type_name, Json, Obj};

use crate::engine::cross;
use crate::engine::walk::{check_field, check_object};
use crate::leaf::url;
use crate::model::endpoint::{BoundRule, Endpoint, Parts, BASE_URL_FIELD};
use crate::model::field::ObjectRule;
use crate::model::options::Options;
use crate::model::sent::SentMap;
use crate::report::{Allowed, Code, Ctx, Error, Params};

impl Endpoint {
    /// Checks `opts.url_path` (a misuse error, not a report issue): path
    /// characters only, and every `{name}` placeholder of the documented
    /// path, where the encoded path parameter goes.
    pub fn check_options(&self, opts: &Options) -> Result<(), Error> {
        let Some(p) = &opts.url_path else {
            return Ok(());
        };
        let mut without = p.clone();
        let mut rest = self.documented_path;
        while let Some((_, name, tail)) = url::next_placeholder(rest) {
            rest = tail;
            let placeholder = format!("{{{name}}}");
            if !p.contains(&placeholder) {
                return Err(Error::InvalidOption {
                    option: "urlPath",
                    reason: format!(
                        "for {} it must contain {placeholder}, where the encoded {}<{name}> segment goes",
                        self.id, self.path_marker
                    ),
                });
            }
            // The placeholder is where the encoded id goes, not a path character: check the rest.
            without = without.replace(&placeholder, "x");
        }
        if !url::is_request_path(&without) {
            return Err(Error::InvalidOption {
                option: "urlPath",
                reason: "must start with a single '/' and hold only path characters (no '?', '#', white space, control or non-ASCII characters; percent-encode them)".into(),
            });
        }
        Ok(())
    }

    /// The request path: `opts.url_path` if set, else the documented one.
    pub fn request_path<'o>(&'o self, opts: &'o Options) -> &'o str {
        opts.url_path.as_deref().unwrap_or(self.documented_path)
    }

    /// Walks the envelope and every section, then the cross-field rules.
    pub(crate) fn run<'a>(&self, ctx: &mut Ctx, input: &'a Json<'a>) -> Parts<'a> {
        let mut parts = Parts {
            base_url: self.default_base_url.to_owned(),
            path: SentMap::new(),
            query: SentMap::new(),
            query_fields: self.query.map_or(&[], |q| q.fields),
            headers: SentMap::new(),
            body: SentMap::new(),
            raw: input,
            path_marker: self.path_marker,
        };
        let Json::Object(map) = input else {
            ctx.error(
                "",
                Code::Type,
                Params::Type {
                    expected: "object",
                    actual: type_name(input),
                },
            );
            return parts;
        };
        for (key, value) in map.iter() {
            if key == "baseUrl" {
                if let Some(sent) = check_field(ctx, "/baseUrl", &BASE_URL_FIELD, value) {
                    if let Some(s) = sent.as_str() {
                        parts.base_url = s.trim_end_matches('/').to_owned();
                    }
                }
                continue;
            }
            match self.sections().find(|s| s.name == key) {
                Some(section) => {
                    let Json::Object(m) = value else {
                        ctx.error(
                            section.pointer,
                            Code::Type,
                            Params::Type {
                                expected: "object",
                                actual: type_name(value),
                            },
                        );
                        continue;
                    };
                    // Unknown path parameters have no place in the URL: passing them
                    // "through" would drop them silently, so they stay errors. Unknown
                    // headers stay errors too: passed through unchecked, one could
                    // replace the Content-Type or carry CR/LF into the request head
                    // (found by fuzzing).
                    let allow_unknown = ctx.allow_unknown;
                    ctx.allow_unknown =
                        allow_unknown && section.name != "path" && section.name != "headers";
                    let out = check_object(ctx, section.pointer, section.rule, m);
                    ctx.allow_unknown = allow_unknown;
                    match section.name {
                        "path" => parts.path = out,
                        "query" => parts.query = out,
                        "headers" => parts.headers = out,
                        _ => parts.body = out,
                    }
                }
                None => {
                    let mut keys = vec!["baseUrl"];
                    keys.extend(self.sections().map(|s| s.name));
                    let allowed = Allowed::Keys {
                        keys,
                        prefixed: None,
                    };
                    // An unknown envelope key has nowhere to go, even with allowUnknown:
                    // a `baseURL` typo would otherwise send the token to the default host.
                    let path = crate::leaf::pointer::join("", key);
                    ctx.error(&path, Code::UnknownField, Params::Allowed(allowed));
                }
            }
        }
        // A missing section reports each of its required fields at its own pointer.
        for section in self.sections() {
            if !map.contains_key(section.name) {
                check_object(ctx, section.pointer, section.rule, &Obj::new());
            }
        }
        let walked = ctx.len();
        cross::check(ctx, &bound_rules(self), input);
        if ctx.len() > walked {
            ctx.sort_by_document(input);
        }
        parts
    }
}

/// What [`Endpoint::cross_rules`] returns depends only on these static
/// tables, so it is worked out once per distinct set (an endpoint may be
/// built at run time, as the fuzz harness does, but its tables are static).
type RulesKey = [usize; 6];

thread_local! {
    // Few entries (one per endpoint used): a scan beats hashing.
    static BOUND: std::cell::RefCell<Vec<(RulesKey, std::rc::Rc<[BoundRule]>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The endpoint's cross-field rules with their pointers from the root,
/// built on first use (callgrind, Ekuaibao doc validate: the per-call
/// build was ~8 % of the instructions, most of it `format!`).
fn bound_rules(ep: &Endpoint) -> std::rc::Rc<[BoundRule]> {
    let addr = |r: Option<&'static ObjectRule>| r.map_or(0, |r| r as *const ObjectRule as usize);
    let key: RulesKey = [
        addr(ep.path),
        addr(ep.query),
        addr(ep.headers),
        addr(ep.body),
        ep.cross.as_ptr() as usize,
        ep.cross.len(),
    ];
    BOUND.with(|cache| {
        if let Some((_, rules)) = cache.borrow().iter().find(|(k, _)| *k == key) {
            return rules.clone();
        }
        let rules: std::rc::Rc<[BoundRule]> = ep.cross_rules().into();
        cache.borrow_mut().push((key, rules.clone()));
        rules
    })
}
