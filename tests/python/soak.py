"""Soak test: a long mixed load from wrk on one server, its resident memory sampled.

python3 soak.py SERVER_BINARY [SECONDS] [CONNECTIONS]    (run by scripts/soak)

Standard library only. Prints the request counts, errors, latency and memory samples, and
exits non-zero on any failed request (a socket error or a status of 400 or more) or on
memory growth above 10% from the second minute to the last.
"""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def post(base, body):
    request = urllib.request.Request(
        f"{base}/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def update(output, inputs):
    ident, prop = output.rsplit(".", 1)
    return {
        "output": output,
        "outputs": {"id": ident, "property": prop},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [],
    }


LUA = """
local requests = {}
local n = 0
init = function(args)
  local json = {["Content-Type"] = "application/json"}
  requests = {
    wrk.format("GET", "/"),
    wrk.format("GET", "/_dash-layout"),
    wrk.format("GET", "/_dash-dependencies"),
    wrk.format("GET", [==[%(bundle)s]==], {["Accept-Encoding"] = "gzip, br"}),
    wrk.format("POST", "/_dash-update-component", json, [==[%(producer)s]==]),
    wrk.format("POST", "/_dash-update-component", json, [==[%(summary)s]==]),
    wrk.format("POST", "/_dash-update-component", json, [==[%(table)s]==]),
  }
end
request = function()
  n = n + 1
  return requests[(n %% #requests) + 1]
end
"""


def main():
    binary = sys.argv[1]
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    if seconds < 180:
        sys.exit("soak: at least 180 seconds (the memory of the second minute is the baseline)")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASH_")}
    env.update(PORT=str(port), HOST="127.0.0.1", RUST_LOG="warn")
    server = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=sys.stderr)
    try:
        line = server.stdout.readline().decode()
        if not line.startswith("Dash is running on"):
            sys.exit(f"soak: the server did not start (it printed {line!r}; its log is above)")
        base = f"http://127.0.0.1:{port}"
        idle = rss_kib(server.pid)
        page = urllib.request.urlopen(f"{base}/", timeout=30).read().decode()
        bundle = re.search(r'src="(/_dash-component-suites/[^"]*dash_renderer[^"]*)"', page).group(1)
        producer = update("readings.data", [("city", "value", "Paris")])
        handle = post(base, producer)["response"]["readings"]["data"]
        summary = update("summary.children", [("readings", "data", handle)])
        table = update("table.data", [("readings", "data", handle), ("table", "page_current", 7)])
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % {
                "bundle": bundle,
                "producer": json.dumps(producer),
                "summary": json.dumps(summary),
                "table": json.dumps(table),
            })
        samples = []
        stop = threading.Event()

        def sample():
            started = time.monotonic()
            while not stop.wait(5):
                samples.append((time.monotonic() - started, rss_kib(server.pid)))

        sampler = threading.Thread(target=sample)
        sampler.start()
        print(f"soak: {seconds} s at {connections} connections; idle RSS {idle / 1024:.1f} MiB", flush=True)
        wrk = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
             "--latency", "-s", script.name, base],
            capture_output=True, text=True,
        )
        stop.set()
        sampler.join()
        os.unlink(script.name)
        print(wrk.stdout, flush=True)
        if wrk.returncode != 0:
            print(wrk.stderr)
            sys.exit("soak: wrk failed")
        requests = int(re.search(r"(\d+) requests in", wrk.stdout).group(1))
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk.stdout)
        failed = (int(non_2xx.group(1)) if non_2xx else 0) + (
            sum(int(g) for g in socket_errors.groups()) if socket_errors else 0)
        second = [kib for t, kib in samples if 60 <= t < 120] or [samples[0][1]]
        last = [kib for t, kib in samples if t >= samples[-1][0] - 60]
        early, late = statistics.median(second), statistics.median(last)
        growth = late / early - 1
        print(f"requests: {requests}, failed: {failed}")
        print(f"RSS (MiB): idle {idle / 1024:.1f}; median of the second minute {early / 1024:.1f}; "
              f"of the last minute {late / 1024:.1f} ({growth:+.1%}); highest {max(k for _, k in samples) / 1024:.1f}")
        print("RSS every minute (MiB): " + ", ".join(
            f"{kib / 1024:.1f}" for t, kib in samples if int(t) % 60 < 5))
        if server.poll() is not None:
            sys.exit("soak: the server exited")
        if failed:
            sys.exit(f"soak: {failed} failed requests")
        if growth > 0.10:
            sys.exit(f"soak: memory grew {growth:.1%}")
        print("soak: ok")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
