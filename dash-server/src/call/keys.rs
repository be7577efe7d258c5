//! Keys and handles for sharing values between callbacks on the server: memoized results
//! and server-side stores.

use axum::body::Bytes;
use dash_core::{Args, CallbackSpec, Scope};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The name of the cookie that identifies a browser session for `scope = "session"`.
pub(crate) const SESSION_COOKIE: &str = "dash_session";

/// The one key of the JSON object a server-side store holds in the browser.
pub(crate) const HANDLE_KEY: &str = "dash_server_store";

/// The most bytes of JSON a handle carries as its producer's arguments; beyond, it carries
/// their hash, and the arguments are kept in the cache beside the value. So a handle stays
/// under 300 bytes.
pub(crate) const MAX_INLINE_ARGS: usize = 160;

/// What a server-side store holds in the browser: enough to find the value, or to compute
/// it again.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Handle {
    /// The producing callback's output key, as `_dash-dependencies` lists it (`callback`
    /// in the browser's JSON).
    #[serde(rename = "callback")]
    pub producer: String,
    /// Which of its outputs this store is.
    pub output: usize,
    /// The values of its inputs and state when it ran, when their JSON is short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Value>>,
    /// Otherwise the call's hash: the value and the arguments are in the cache under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl Handle {
    /// The JSON the browser keeps: `{"dash_server_store": {..}, "bytes": n}`. `bytes`
    /// is informational (the size of the value kept on the server).
    pub(crate) fn to_json(&self, bytes: u64) -> Value {
        serde_json::json!({ HANDLE_KEY: self, "bytes": bytes })
    }

    /// The handle in a store's `data`, if it holds one.
    pub(crate) fn from_json(value: &Value) -> Option<Result<Handle, serde_json::Error>> {
        let inner = value.as_object()?.get(HANDLE_KEY)?;
        Some(Handle::deserialize(inner))
    }
}

/// The first bytes of a server-side store value in a cache shared between processes: the
/// encoding (MessagePack, `StoredValue::encode`) and its version. A value without them
/// (written by an older build) counts as missing and is computed again.
const STORE_TAG: &[u8] = b"dash-msgpack-1:";

/// MessagePack's `nil`: the encoding of a value that leaves the store empty.
const NIL: &[u8] = &[0xc0];

/// A server-side store value's bytes for a shared cache (the tag, then the encoding) and
/// their measure.
pub(crate) fn encode_store(
    value: &dash_core::StoredValue,
) -> Result<(Vec<u8>, dash_core::Measure), String> {
    let mut bytes = STORE_TAG.to_vec();
    value.encode_into(&mut bytes)?;
    let encoded = &bytes[STORE_TAG.len()..];
    let measure = dash_core::Measure {
        bytes: encoded.len() as u64,
        null: encoded == NIL,
    };
    Ok((bytes, measure))
}

/// The encoding in a shared cache's bytes, if they carry the tag; no copy.
pub(crate) fn encoded_store(bytes: axum::body::Bytes) -> Option<axum::body::Bytes> {
    bytes
        .starts_with(STORE_TAG)
        .then(|| bytes.slice(STORE_TAG.len()..))
}

/// The session a request belongs to, for a callback of this scope: `Some("")` for app
/// scope, the cookie for session scope, `None` when the session is unknown (no cookie).
pub(crate) fn scope_part(scope: Scope, session: Option<&str>) -> Option<&str> {
    match scope {
        Scope::App => Some(""),
        Scope::Session => session,
    }
}

/// What names one call in the caches: its hash and the JSON of its arguments, computed
/// once per call.
pub(crate) struct CallKey {
    /// The hash of the callback's identity and code version, the app's cache version, the
    /// session part and the arguments. Lowercase hex.
    pub hash: String,
    /// The arguments as the request carried them ([`Arg::wire`]), JSON.
    pub json: Bytes,
    /// Whether the session is known for the callback's scope, so that its result may be
    /// memoized (a session-scoped call without a session cookie is not).
    pub memoizable: bool,
}

impl CallKey {
    /// The key of `spec` called with `args`; `session` is the scope's part
    /// ([`scope_part`]).
    pub(crate) fn new(
        app_version: &str,
        spec: &CallbackSpec,
        session: Option<&str>,
        args: &Args,
    ) -> CallKey {
        let mut hasher = Sha256::new();
        for part in [spec.path, spec.version, app_version, session.unwrap_or("")] {
            hasher.update(part.len().to_le_bytes());
            hasher.update(part.as_bytes());
        }
        // serde_json's maps are sorted, so equal values always give equal bytes.
        let json = serde_json::to_vec(&WireArgs(spec, args)).expect("JSON values encode");
        hasher.update(&json);
        CallKey {
            hash: dash_syntax::hex(&hasher.finalize()),
            json: Bytes::from(json),
            memoizable: session.is_some(),
        }
    }

    /// The arguments, for a handle that carries them.
    pub(crate) fn args(&self) -> Vec<Value> {
        serde_json::from_slice(&self.json).expect("written as a JSON list")
    }
}

/// A call's arguments as the request carried them, in order.
struct WireArgs<'a>(&'a CallbackSpec, &'a Args);

impl Serialize for WireArgs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let props = self.0.arguments();
        serializer.collect_seq(
            self.1
                .iter()
                .zip(props)
                .map(|(arg, prop)| arg.wire(&prop.property)),
        )
    }
}

/// The cache key of a memoized call's outputs.
pub(crate) fn memo_key(hash: &str) -> String {
    format!("memo:{hash}")
}

/// The cache key of the arguments of a call whose handle carries only its hash.
pub(crate) fn args_key(hash: &str) -> String {
    format!("args:{hash}")
}

/// Is this text a call hash (64 lowercase hex digits)?
pub(crate) fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The cache key of one server-side store value.
pub(crate) fn store_key(hash: &str, output: usize) -> String {
    format!("store:{hash}:{output}")
}

/// The session id in a `Cookie` header, if any.
pub(crate) fn session_from_cookies(header: Option<&str>) -> Option<&str> {
    dash_core::cookie(header?, SESSION_COOKIE)
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

/// A fresh random session id: 128 bits from the operating system, in hex.
pub(crate) fn new_session_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    dash_syntax::hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dash_core::{Arg, CallContext, Handler, PropId};
    use serde_json::json;

    fn noop(_: Args, call: &CallContext) -> dash_core::CallbackResult {
        dash_core::Returned::new(vec![], call)
    }

    fn spec(path: &'static str, version: &'static str) -> CallbackSpec {
        CallbackSpec::new("f", Handler::Inline(noop))
            .location("a.rs:1:1")
            .output(PropId::parse("a.b").unwrap())
            .input(PropId::parse("c.value").unwrap())
            .input(PropId::parse("d.value").unwrap())
            .path(path)
            .version(version)
    }

    fn call_hash(app: &str, spec: &CallbackSpec, session: &str, args: &[Value]) -> String {
        let args = Args::from(args.iter().cloned().map(Arg::Value).collect::<Vec<_>>());
        CallKey::new(app, spec, Some(session), &args).hash
    }

    #[test]
    fn keys_change_with_every_part() {
        let base = call_hash("", &spec("m::f", "1"), "", &[json!("Paris")]);
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            call_hash("", &spec("m::f", "1"), "", &[json!("Paris")])
        );
        for other in [
            call_hash("", &spec("m::g", "1"), "", &[json!("Paris")]),
            call_hash("", &spec("m::f", "2"), "", &[json!("Paris")]),
            call_hash("v2", &spec("m::f", "1"), "", &[json!("Paris")]),
            call_hash("", &spec("m::f", "1"), "s1", &[json!("Paris")]),
            call_hash("", &spec("m::f", "1"), "", &[json!("Oslo")]),
            call_hash("", &spec("m::f", "1"), "", &[json!("Paris"), json!(null)]),
        ] {
            assert_ne!(base, other);
        }
        // Parts are length-prefixed: moving a boundary changes the key.
        assert_ne!(
            call_hash("ab", &spec("m::f", "1"), "", &[]),
            call_hash("a", &spec("m::f", "1"), "b", &[])
        );
    }

    /// The key hashes the JSON of each value, so it relies on objects being written with
    /// their keys sorted: serde_json's map keeps them sorted unless its `preserve_order`
    /// feature is on. Should a dependency ever turn that feature on, the key would depend
    /// on the order the browser sent, and this test fails.
    #[test]
    fn object_keys_in_any_order_give_one_key() {
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": 2}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y": 2, "x": 1}"#).unwrap();
        assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"x":1,"y":2}"#);
        let s = spec("m::f", "1");
        assert_eq!(call_hash("", &s, "", &[a]), call_hash("", &s, "", &[b]));
    }

    #[test]
    fn handles_round_trip() {
        let handle = Handle {
            producer: "intermediate.data".into(),
            output: 0,
            args: Some(vec![json!("Paris")]),
            key: None,
        };
        let json = handle.to_json(1234);
        assert_eq!(json["bytes"], 1234);
        assert!(json[HANDLE_KEY].get("key").is_none());
        let back = Handle::from_json(&json).unwrap().unwrap();
        assert_eq!(back.producer, "intermediate.data");
        assert_eq!(back.args, Some(vec![json!("Paris")]));
        let hashed = Handle {
            args: None,
            key: Some("a".repeat(64)),
            ..handle
        };
        let json = hashed.to_json(1);
        assert!(json[HANDLE_KEY].get("args").is_none());
        assert!(is_hash(
            Handle::from_json(&json)
                .unwrap()
                .unwrap()
                .key
                .as_deref()
                .unwrap()
        ));
        assert!(!is_hash("A".repeat(64).as_str()) && !is_hash("abc"));
        assert!(Handle::from_json(&json!({"rows": []})).is_none());
        assert!(Handle::from_json(&json!({HANDLE_KEY: 3})).unwrap().is_err());
    }

    #[test]
    fn store_bytes_carry_their_encoding() {
        let value = dash_core::StoredValue::new(vec![1.5f64, 2.5]);
        let (bytes, measure) = encode_store(&value).unwrap();
        assert_eq!(measure, value.measure().unwrap());
        let bytes = axum::body::Bytes::from(bytes);
        let encoded = encoded_store(bytes).unwrap();
        assert_eq!(
            dash_core::decode_stored::<Vec<f64>>(&encoded).unwrap(),
            vec![1.5, 2.5]
        );
        let old = axum::body::Bytes::from_static(b"[1.5,2.5]");
        assert!(encoded_store(old).is_none(), "JSON of an older build");
    }

    #[test]
    fn session_cookies() {
        assert_eq!(
            session_from_cookies(Some("a=1; dash_session=abc; b=2")),
            Some("abc")
        );
        assert_eq!(session_from_cookies(Some("dash_session=")), None);
        assert_eq!(session_from_cookies(None), None);
        let id = new_session_id();
        assert_eq!(id.len(), 32);
        assert_ne!(id, new_session_id());
    }
}
