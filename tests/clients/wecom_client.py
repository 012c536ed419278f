"""Drives wechatpy's WeCom client (wechatpy.enterprise.WeChatClient) for
clients.test.mjs: reads {"base": URL, "calls": [...]} as JSON on stdin and
makes each call against the recording server at URL, which stands in for
https://qyapi.weixin.qq.com. Before each call it sends GET
URL/__mark__/<index> on a session of its own, so that the server can tell
which requests each call made. Prints one JSON line per call: the client's
return value, or the error it raised.

A call is {"op": "update" | "create" | "delete" | "batch_delete",
"query": {...}, "body": {...}}: rosterguard's input envelope, mapped onto
the client's methods as a caller would map it.
"""

import json
import sys
import warnings

import requests
from wechatpy.enterprise import WeChatClient

# wechatpy 1.8.18 calls its own deprecated `_get` / `_post`.
warnings.simplefilter("ignore", DeprecationWarning)


class OfflineClient(WeChatClient):
    """The client given its token: it must never fetch one, because
    fetch_access_token() calls the vendor's host whatever API_BASE_URL says."""

    def fetch_access_token(self):
        raise RuntimeError("wechatpy tried to fetch an access token")


def client_for(base, token):
    client = OfflineClient("corpid", "corpsecret", access_token=token, timeout=10)
    client.API_BASE_URL = base + "/cgi-bin/"
    # Never through a proxy from the environment: the server is on 127.0.0.1.
    client._http.trust_env = False
    return client


def call(client, op, query, body):
    if op == "update":
        rest = {k: v for k, v in body.items() if k != "userid"}
        return client.user.update(body["userid"], **rest)
    if op == "create":
        rest = {k: v for k, v in body.items() if k not in ("userid", "name", "gender")}
        # create() defaults gender to 0 and sends it; None (dropped by its
        # optionaldict) sends only what the input has, as rosterguard does.
        return client.user.create(body["userid"], body["name"], gender=body.get("gender"), **rest)
    if op == "delete":
        return client.user.delete(query["userid"])
    if op == "batch_delete":
        return client.user.batch_delete(body["useridlist"])
    raise ValueError("unknown op " + op)


def main():
    spec = json.load(sys.stdin)
    base = spec["base"]
    marks = requests.Session()
    marks.trust_env = False
    for index, c in enumerate(spec["calls"]):
        marks.get("%s/__mark__/%d" % (base, index), timeout=10).raise_for_status()
        query = c.get("query") or {}
        try:
            result = call(client_for(base, query.get("access_token")), c["op"], query, c.get("body") or {})
            out = {"ok": True, "result": result}
        except Exception as e:  # reported to the test, which fails on it
            out = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
