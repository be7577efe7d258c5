//! Background jobs on Redis, for replicas behind a load balancer: any replica answers a
//! poll or a cancel for a job started on another, and a job whose replica dies runs again
//! on the replica that notices.
//!
//! Each job is a hash, `dash:job:<id>` (its state, the replica running it and that
//! replica's last heartbeat, when a poll last came, and the start request itself: its
//! body and cookie), with `:progress` (the latest value, taken by a poll) and `:side` (a
//! list of side-update batches, taken by a poll). The replica running a job ("the
//! owner") runs it as a local job (`Jobs`) and pumps it every `PUMP`: what it wrote goes
//! to Redis, its heartbeat is renewed, and a cancel or a silence of the polls is read
//! back. The result, once there, waits `RESULT_TTL` for its poll.
//!
//! Running a job again is safe because callbacks are pure by construction (no global
//! writes): a job whose owner has not beaten for `STALE` is claimed (atomically) by the
//! replica that polls it, which parses the start request again and runs it from the
//! start.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::StatusCode;
use redis::aio::MultiplexedConnection;
use serde_json::{Map, Value};

use super::{ABANDONED_AFTER, Finished, Jobs, Polled, RESULT_TTL};
use crate::error::ApiError;

/// How often the owner writes a job's progress and renews its heartbeat.
pub(crate) const PUMP: Duration = Duration::from_millis(200);

/// A job whose owner has not beaten for this long counts as orphaned: its replica died.
pub(crate) const STALE: Duration = Duration::from_secs(3);

/// The start of a job, as kept on Redis: what running it again needs.
pub(crate) struct Kept {
    pub output: String,
    pub body: Bytes,
    pub cookie: String,
}

/// A finished job's result, progress and side-update batches, as `TAKE_FINISHED` answers.
type Taken = (Option<Vec<u8>>, Option<Vec<u8>>, Vec<Vec<u8>>);

/// What a poll finds on Redis.
pub(crate) enum SharedPoll {
    Gone,
    Running {
        progress: Option<Value>,
        side: Option<Map<String, Value>>,
        /// The job was orphaned and this replica claimed it: run it again.
        restart: Option<Kept>,
    },
    Finished {
        /// The status and body (`None`: 204).
        answer: (StatusCode, Option<Vec<u8>>),
        progress: Option<Value>,
        side: Option<Map<String, Value>>,
    },
}

/// The jobs of every replica, on one Redis.
pub(crate) struct SharedJobs {
    client: redis::Client,
    connection: tokio::sync::Mutex<Option<MultiplexedConnection>>,
    /// The jobs this replica runs.
    pub(crate) local: Arc<Jobs>,
    /// This replica, as jobs name their owner.
    me: String,
}

fn key(id: &str) -> String {
    format!("dash:job:{id}")
}

fn unavailable(error: redis::RedisError) -> ApiError {
    tracing::warn!(%error, "redis unavailable for background jobs");
    ApiError::JobsUnavailable {
        message: error.to_string(),
    }
}

/// How long a running job's keys live without a heartbeat: a job that neither its owner
/// nor any poll touches goes by itself.
fn running_ttl(interval: Duration) -> u64 {
    running_ttl_of(interval).as_millis() as u64
}

fn running_ttl_of(interval: Duration) -> Duration {
    interval + ABANDONED_AFTER + STALE
}

/// Redis's own clock, in milliseconds: every time a job records or compares is Redis's,
/// never a replica's, whose clocks may disagree.
const NOW: &str = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)";

/// Records a new job run by `ARGV[1]`: `ARGV[2..]` are its other fields, by pairs.
const CREATE: &str = r"
NOW
redis.call('HSET', KEYS[1], 'state', 'running', 'owner', ARGV[1], 'beat', now, 'polled', now)
for i = 2, #ARGV - 1, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
";

/// Takes a running job's progress and side updates, and claims it for `ARGV[2]` when its
/// owner has been silent for `ARGV[1]` ms: `[progress, [side...], claimed?, output, body,
/// cookie]`, or nothing when the job is no longer running.
const POLL_RUNNING: &str = r"
NOW
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return false end
local progress = redis.call('GETDEL', KEYS[2])
local side = redis.call('LRANGE', KEYS[3], 0, -1)
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[1], 'polled', now)
local beat = tonumber(redis.call('HGET', KEYS[1], 'beat') or '0')
if now - beat > tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'beat', now)
  local kept = redis.call('HMGET', KEYS[1], 'output', 'body', 'cookie')
  return {progress or false, side, 1, kept[1], kept[2], kept[3]}
end
return {progress or false, side, 0}
";

/// The owner's look at its job: `cancelled`, `gone` (taken over by another replica, or
/// expired), `abandoned` (no poll for `ARGV[2]` ms), or `mine`, with its heartbeat renewed.
const PUMP_CHECK: &str = r"
NOW
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'cancelled' then return 'cancelled' end
if state ~= 'running' or redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 'gone' end
if now - tonumber(redis.call('HGET', KEYS[1], 'polled') or '0') > tonumber(ARGV[2]) then
  return 'abandoned'
end
redis.call('HSET', KEYS[1], 'beat', now)
return 'mine'
";

/// The owner's writes, made only while the job is still running and still its own (a
/// cancel or a takeover since its check wins): the progress `ARGV[2]`, a side-update batch
/// `ARGV[3]`, the result `ARGV[4]` (each empty when there is none), and the keys' time to
/// live `ARGV[5]`.
const PUMP_WRITE: &str = r"
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'state', 'done', 'result', ARGV[4]) end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 1
";

/// Takes a finished job's result, progress and side updates, and deletes the job.
const TAKE_FINISHED: &str = r"
local result = redis.call('HGET', KEYS[1], 'result')
local progress = redis.call('GET', KEYS[2])
local side = redis.call('LRANGE', KEYS[3], 0, -1)
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return {result or false, progress or false, side}
";

/// Marks a job cancelled, if it is still there.
const CANCEL: &str = r"
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'state', 'cancelled')
  return 1
end
return 0
";

impl SharedJobs {
    pub(crate) fn new(client: redis::Client) -> SharedJobs {
        SharedJobs {
            client,
            connection: tokio::sync::Mutex::new(None),
            local: Arc::default(),
            me: super::handle::random_value(),
        }
    }

    pub(crate) fn client(&self) -> &redis::Client {
        &self.client
    }

    async fn connection(&self) -> Result<MultiplexedConnection, ApiError> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = &*slot {
            return Ok(connection.clone());
        }
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_secs(2)));
        let connection = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await
            .map_err(unavailable)?;
        *slot = Some(connection.clone());
        Ok(connection)
    }

    /// Forgets the connection after an error, so that the next use reconnects.
    async fn failed(&self, error: redis::RedisError) -> ApiError {
        *self.connection.lock().await = None;
        unavailable(error)
    }

    async fn run<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> Result<T, ApiError> {
        let mut connection = self.connection().await?;
        match command.query_async(&mut connection).await {
            Ok(value) => Ok(value),
            Err(error) => Err(self.failed(error).await),
        }
    }

    async fn script<T: redis::FromRedisValue, A: redis::ToRedisArgs + Sync>(
        &self,
        script: &str,
        keys: &[String],
        args: &[A],
    ) -> Result<T, ApiError> {
        // EVAL runs the script atomically (the `script` feature's caching is not needed
        // for scripts this short).
        let mut command = redis::cmd("EVAL");
        command
            .arg(script.replace("NOW", NOW))
            .arg(keys.len())
            .arg(keys)
            .arg(args);
        self.run(&command).await
    }

    /// Records a job this replica is about to run.
    pub(crate) async fn create(
        &self,
        id: &str,
        kept: &Kept,
        interval: Duration,
    ) -> Result<(), ApiError> {
        let fields = [
            self.me.as_bytes().to_vec(),
            b"interval".to_vec(),
            interval.as_millis().to_string().into_bytes(),
            b"output".to_vec(),
            kept.output.as_bytes().to_vec(),
            b"body".to_vec(),
            kept.body.to_vec(),
            b"cookie".to_vec(),
            kept.cookie.as_bytes().to_vec(),
        ];
        self.script::<(), _>(CREATE, &[key(id)], &fields).await?;
        let mut expire = redis::cmd("PEXPIRE");
        expire.arg(key(id)).arg(running_ttl(interval));
        self.run::<()>(&expire).await
    }

    /// What a poll of the job finds; claims the job when its owner is gone.
    pub(crate) async fn poll(&self, id: &str) -> Result<SharedPoll, ApiError> {
        let mut command = redis::cmd("HMGET");
        command.arg(key(id)).arg("state").arg("interval");
        let (state, interval): (Option<String>, Option<u64>) = self.run(&command).await?;
        let keys = [
            key(id),
            format!("{}:progress", key(id)),
            format!("{}:side", key(id)),
        ];
        tracing::debug!(job = id, state = ?state, "background job polled");
        match state.as_deref() {
            None => Ok(SharedPoll::Gone),
            Some("done") => {
                let (result, progress, side): Taken =
                    self.script(TAKE_FINISHED, &keys, &[] as &[&str]).await?;
                let Some(result) = result else {
                    return Ok(SharedPoll::Gone);
                };
                Ok(SharedPoll::Finished {
                    answer: decode_result(&result),
                    progress: progress.and_then(|p| serde_json::from_slice(&p).ok()),
                    side: merge_sides(&side),
                })
            }
            Some("running") => {
                let stale = STALE.as_millis().to_string();
                let reply: redis::Value = self
                    .script(POLL_RUNNING, &keys, &[stale, self.me.clone()])
                    .await?;
                let items = match reply {
                    redis::Value::Array(items) => items,
                    _ => return Ok(SharedPoll::Gone),
                };
                let bytes = |value: &redis::Value| -> Option<Vec<u8>> {
                    redis::from_redis_value::<Option<Vec<u8>>>(value.clone())
                        .ok()
                        .flatten()
                };
                let progress = items
                    .first()
                    .and_then(bytes)
                    .and_then(|p| serde_json::from_slice(&p).ok());
                let side: Vec<Vec<u8>> = items
                    .get(1)
                    .and_then(|v| redis::from_redis_value(v.clone()).ok())
                    .unwrap_or_default();
                let claimed = items
                    .get(2)
                    .and_then(|v| redis::from_redis_value::<i64>(v.clone()).ok())
                    == Some(1);
                let restart = claimed.then(|| Kept {
                    output: items
                        .get(3)
                        .and_then(bytes)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default(),
                    body: items.get(4).and_then(bytes).unwrap_or_default().into(),
                    cookie: items
                        .get(5)
                        .and_then(bytes)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default(),
                });
                if restart.is_some() {
                    let mut expire = redis::cmd("PEXPIRE");
                    let interval = Duration::from_millis(interval.unwrap_or(1000));
                    expire.arg(key(id)).arg(running_ttl(interval));
                    self.run::<()>(&expire).await?;
                }
                Ok(SharedPoll::Running {
                    progress,
                    side: merge_sides(&side),
                    restart,
                })
            }
            Some(_) => {
                // Cancelled: its owner removes it at its next pump.
                Ok(SharedPoll::Gone)
            }
        }
    }

    /// Cancels a job wherever it runs: at once when it runs here, at its owner's next
    /// pump otherwise.
    pub(crate) async fn cancel(&self, id: &str, why: &str) -> Result<(), ApiError> {
        self.local.cancel(id, why);
        self.script::<i64, &str>(CANCEL, &[key(id)], &[])
            .await
            .map(|_| ())
    }

    /// Removes a job's keys.
    async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let job = key(id);
        let mut delete = redis::cmd("DEL");
        delete
            .arg(&job)
            .arg(format!("{job}:progress"))
            .arg(format!("{job}:side"));
        self.run(&delete).await
    }

    /// Pumps a job this replica runs until it ends, is cancelled, or no poll comes for it.
    pub(crate) fn pump(self: &Arc<Self>, id: String, interval: Duration, debug: bool) {
        let jobs = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(PUMP).await;
                match jobs.pump_once(&id, interval, debug).await {
                    Ok(true) => {}
                    Ok(false) => return,
                    // Redis is away: keep the job; the next pump tries again.
                    Err(_) => {}
                }
            }
        });
    }

    /// One pump; `false` once the job is over here.
    async fn pump_once(&self, id: &str, interval: Duration, debug: bool) -> Result<bool, ApiError> {
        let job = key(id);
        let keys = [
            job.clone(),
            format!("{job}:progress"),
            format!("{job}:side"),
        ];
        let abandoned = (interval + ABANDONED_AFTER).as_millis().to_string();
        let check: String = self
            .script(PUMP_CHECK, &keys[..1], &[self.me.clone(), abandoned])
            .await?;
        match check.as_str() {
            "mine" => {}
            "cancelled" => {
                self.local
                    .cancel(id, "a cancel came through another replica");
                self.delete(id).await?;
                return Ok(false);
            }
            "abandoned" => {
                self.local.cancel(id, "no poll came for it");
                self.delete(id).await?;
                return Ok(false);
            }
            _ => {
                self.local.cancel(id, "another replica took it over");
                return Ok(false);
            }
        }
        let (progress, side, finished) = match self.local.poll(id) {
            Polled::Gone => return Ok(false),
            Polled::Running { progress, side } => (progress, side, None),
            Polled::Finished { finished, progress } => (progress, None, Some(finished)),
        };
        let done = finished.is_some();
        let ttl = if done {
            RESULT_TTL
        } else {
            running_ttl_of(interval)
        };
        let args = [
            self.me.as_bytes().to_vec(),
            progress
                .map(|p| p.to_string().into_bytes())
                .unwrap_or_default(),
            side.map(|s| Value::Object(s).to_string().into_bytes())
                .unwrap_or_default(),
            finished
                .map(|f| encode_result(f, debug))
                .unwrap_or_default(),
            ttl.as_millis().to_string().into_bytes(),
        ];
        let written: i64 = self.script(PUMP_WRITE, &keys, &args).await?;
        if written == 0 {
            // Cancelled or taken over since the check: the job is over here.
            self.local
                .cancel(id, "a cancel came through another replica");
            return Ok(false);
        }
        Ok(!done)
    }
}

/// A finished job's answer, kept as bytes: `B` and the body, `N` for 204, or `E`, the
/// status in three digits and the error's JSON body.
fn encode_result(finished: Finished, debug: bool) -> Vec<u8> {
    match finished {
        Finished::Body(Some(body)) => [b"B".as_slice(), &body].concat(),
        Finished::Body(None) => b"N".to_vec(),
        Finished::Error(error) => {
            let (status, body) = error.render(debug);
            [
                format!("E{:03}", status.as_u16()).as_bytes(),
                body.to_string().as_bytes(),
            ]
            .concat()
        }
    }
}

fn decode_result(bytes: &[u8]) -> (StatusCode, Option<Vec<u8>>) {
    match bytes.split_first() {
        Some((b'B', body)) => (StatusCode::OK, Some(body.to_vec())),
        Some((b'E', rest)) if rest.len() >= 3 => {
            let status = std::str::from_utf8(&rest[..3])
                .ok()
                .and_then(|s| s.parse::<u16>().ok())
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Some(rest[3..].to_vec()))
        }
        _ => (StatusCode::NO_CONTENT, None),
    }
}

/// The side-update batches of a job, merged per id in order (a later write of a prop
/// wins).
fn merge_sides(batches: &[Vec<u8>]) -> Option<Map<String, Value>> {
    let mut merged = Map::new();
    for batch in batches {
        let Ok(Value::Object(batch)) = serde_json::from_slice::<Value>(batch) else {
            continue;
        };
        for (id, props) in batch {
            let Value::Object(props) = props else {
                continue;
            };
            let entry = merged
                .entry(id)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(existing) = entry {
                existing.extend(props);
            }
        }
    }
    (!merged.is_empty()).then_some(merged)
}

/// The secret the replicas sign handles with, when the app sets none: the first replica
/// to start writes a random one to Redis, and every replica reads it (as Python Dash keeps
/// its signing secret in its background manager's store). `None` when Redis cannot be
/// reached now.
pub(crate) fn shared_secret(client: &redis::Client) -> Option<Vec<u8>> {
    let mut connection = client
        .get_connection_with_timeout(Duration::from_secs(1))
        .ok()?;
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).ok()?;
    let key = "dash:background:secret";
    redis::cmd("SET")
        .arg(key)
        .arg(dash_syntax::hex(&secret))
        .arg("NX")
        .query::<()>(&mut connection)
        .ok()?;
    let shared: String = redis::cmd("GET").arg(key).query(&mut connection).ok()?;
    Some(shared.into_bytes())
}
