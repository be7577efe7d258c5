"""The callback path under load, side by side: scripts/bench-http runs this.

Four servers answer the scores callback (tests/python/scores.py and examples/scores.rs):
Python Dash 4.4.1 under gunicorn (2 sync workers) and under uvicorn (2 workers, its FastAPI
backend), this project's release build, and a bare axum ceiling (tests/ceiling). wrk sends
each the same request, in interleaved rounds; the table gives medians of the rounds and
ratios against the others measured in the same run.

Then the slow callback: tests/bench-app and its twin tests/python/bench_app.py answer
`burn`, which spends 1 ms of CPU time, loaded the same way; and a mixed load, where other
users fetch the layout (GET /_dash-layout, 2 connections) while the callback load runs,
against the same fetches on an idle server.

CPU per request is the user + system time of the server's processes (the server and its
workers, from /proc) over a round, divided by the requests answered: unlike throughput, it
does not depend on wrk sharing the cores. Memory is the resident set (VmRSS) of this
project's scores server: idle, after 10^4 requests, and after at least 10^6.

Usage: bench_http.py ROOT VENV [--rounds N] [--seconds S] [--connections C]
"""
import concurrent.futures
import http.client
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REQUEST = {
    "output": "output.children",
    "outputs": {"id": "output", "property": "children"},
    "inputs": [{"id": "score", "property": "value", "value": 5}],
    "changedPropIds": ["score.value"],
}
BURN = {
    "output": "work.children",
    "outputs": {"id": "work", "property": "children"},
    "inputs": [{"id": "burn_ms", "property": "data", "value": 1}],
    "changedPropIds": ["burn_ms.data"],
}
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes(root_pid):
    """The pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(root_pid):
    """User + system time of the process tree, in seconds."""
    total = 0
    for pid in processes(root_pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def rss_mib(root_pid):
    """Resident memory of the process tree, in MiB."""
    total = 0
    for pid in processes(root_pid):
        try:
            with open(f"/proc/{pid}/status") as f:
                total += int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
        except (OSError, AttributeError):
            continue
    return total / 1024


def post_many(port, request, count):
    """`count` requests on one keep-alive connection, each checked."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    body = json.dumps(request)
    for _ in range(count):
        connection.request("POST", "/_dash-update-component", body,
                           {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"a request answered {response.status}")
    connection.close()


def lua_script(request):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(json.dumps(request))}\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
        )
    return script.name


def wrk(url, connections, seconds, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    return subprocess.Popen(command + [url], stdout=subprocess.PIPE, text=True)


def measure(port, pid, script, connections, seconds):
    """One loaded round on the update route: throughput, latency, CPU per request."""
    before = cpu_seconds(pid)
    output = wrk(f"http://127.0.0.1:{port}/_dash-update-component", connections, seconds,
                 script).communicate()[0]
    cpu = cpu_seconds(pid) - before
    result = parse_wrk(output)
    result["cpu_us"] = cpu / result["requests"] * 1e6
    return result


def wait_ready(port, name, process, limit=60, request=REQUEST):
    deadline = time.time() + limit
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"{name} exited with {process.returncode} before answering")
        try:
            body = json.dumps(request).encode()
            post = urllib.request.Request(
                f"http://127.0.0.1:{port}/_dash-update-component",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(post, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{name} did not answer on port {port} within {limit} s")


def parse_wrk(text):
    def duration(value, unit):
        return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[percent] = duration(value, unit)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if errors:
        sys.exit(f"wrk saw {errors.group(1)} error responses:\n{text}")
    return {"rps": rps, "requests": total, "p50": latency["50"], "p99": latency["99"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("venv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    root, venv = args.root, args.venv
    python_dir = os.path.join(root, "tests", "python")
    release = os.path.join(root, "target", "release")

    servers = {}

    def start(name, command, env_extra=None, cwd=None, request=REQUEST, into=None):
        into = servers if into is None else into
        port = free_port()
        env = dict(os.environ, PORT=str(port), **(env_extra or {}))
        log = open(os.path.join(tempfile.gettempdir(), f"bench-http-{name}.log"), "w")
        process = subprocess.Popen(
            [part.format(port=port) for part in command],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        answer = wait_ready(port, name, process, request=request)
        into[name] = {"port": port, "process": process, "answer": answer}

    try:
        start(
            "Python Dash, gunicorn",
            [f"{venv}/bin/gunicorn", "-w", "2", "-b", "127.0.0.1:{port}", "scores:server"],
            cwd=python_dir,
        )
        start(
            "Python Dash, uvicorn",
            [f"{venv}/bin/uvicorn", "--workers", "2", "--port", "{port}", "--log-level",
             "warning", "scores_fastapi:server"],
            cwd=python_dir,
        )
        start("this project", [os.path.join(release, "examples", "scores")])
        start("bare axum", [os.path.join(release, "dash-bench-ceiling")])

        answers = {name: json.loads(s["answer"]) for name, s in servers.items()}
        if len({json.dumps(a, sort_keys=True) for a in answers.values()}) != 1:
            sys.exit(f"the servers answer differently: {answers}")

        script = lua_script(REQUEST)
        ours = servers["this project"]
        memory = {"idle": rss_mib(ours["process"].pid)}
        # 10^4 requests over as many connections as the load uses, so that the buffers
        # of every connection are counted in both readings.
        with concurrent.futures.ThreadPoolExecutor(args.connections) as pool:
            share = 10_000 // args.connections
            list(pool.map(lambda _: post_many(ours["port"], REQUEST, share),
                          range(args.connections)))
        memory["10^4"] = rss_mib(ours["process"].pid)
        answered = 10_000 // args.connections * args.connections + 1

        results = {name: [] for name in servers}
        for round_ in range(args.rounds):
            for name, server in servers.items():
                result = measure(server["port"], server["process"].pid, script,
                                 args.connections, args.seconds)
                results[name].append(result)
                if name == "this project":
                    answered += result["requests"]
                print(f"round {round_ + 1}, {name}: {result['rps']:.0f} requests/s", file=sys.stderr)
        while answered < 1_000_000:
            answered += measure(ours["port"], ours["process"].pid, script, args.connections,
                                5)["requests"]
        memory["after"] = rss_mib(ours["process"].pid)

        # The slow callback, and the layout fetched by other users meanwhile.
        slow_servers = {}
        start("Python Dash, gunicorn",
              [f"{venv}/bin/gunicorn", "-w", "2", "-b", "127.0.0.1:{port}", "bench_app:server"],
              cwd=python_dir, request=BURN, into=slow_servers)
        start("Python Dash, uvicorn",
              [f"{venv}/bin/uvicorn", "--workers", "2", "--port", "{port}", "--log-level",
               "warning", "bench_app:server"],
              env_extra={"BENCH_BACKEND": "fastapi"}, cwd=python_dir, request=BURN,
              into=slow_servers)
        start("this project", [os.path.join(release, "dash-bench-app")], request=BURN,
              into=slow_servers)
        servers.update({f"{name} (bench app)": s for name, s in slow_servers.items()})
        burn = lua_script(BURN)
        slow = {name: [] for name in slow_servers}
        mixed = {name: [] for name in slow_servers}
        for round_ in range(args.rounds):
            for name, server in slow_servers.items():
                port, pid = server["port"], server["process"].pid
                layout = f"http://127.0.0.1:{port}/_dash-layout"
                idle = parse_wrk(wrk(layout, 2, max(2, args.seconds // 2)).communicate()[0])
                slow[name].append(measure(port, pid, burn, args.connections, args.seconds))
                # Both at once: the callback load and two other users fetching the layout.
                load = wrk(f"http://127.0.0.1:{port}/_dash-update-component",
                           args.connections, args.seconds, burn)
                time.sleep(0.5)
                others = wrk(layout, 2, max(2, args.seconds - 2))
                loaded = parse_wrk(others.communicate()[0])
                load.communicate()
                mixed[name].append({"idle_p50": idle["p50"], "idle_p99": idle["p99"],
                                    "p50": loaded["p50"], "p99": loaded["p99"],
                                    "rps": loaded["rps"]})
                print(f"round {round_ + 1}, {name}, 1 ms callback: "
                      f"{slow[name][-1]['rps']:.0f} requests/s", file=sys.stderr)
    finally:
        for server in servers.values():
            server["process"].terminate()
        for server in servers.values():
            server["process"].wait(timeout=10)

    median = {
        name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        for name, rounds in results.items()
    }
    ours, ceiling = median["this project"], median["bare axum"]
    print(f"\nPOST /_dash-update-component (scores), wrk -t2 -c{args.connections}, "
          f"{args.rounds} interleaved rounds of {args.seconds} s, medians; {os.cpu_count()} cores\n")
    print("| server | requests/s | p50 | p99 | CPU per request |")
    print("|---|---:|---:|---:|---:|")
    for name, m in median.items():
        print(f"| {name} | {m['rps']:,.0f} | {m['p50']:.2f} ms | {m['p99']:.2f} ms | "
              f"{m['cpu_us']:,.1f} µs |")
    print()
    print(f"- throughput: {ours['rps'] / ceiling['rps']:.0%} of the bare-axum ceiling")
    for name in ("Python Dash, gunicorn", "Python Dash, uvicorn"):
        python = median[name]
        print(f"- against {name}: {ours['rps'] / python['rps']:.1f} times the throughput, "
              f"{python['cpu_us'] / ours['cpu_us']:.1f} times less CPU per request")

    print(f"\nMemory of this project's server (VmRSS): {memory['idle']:.1f} MiB idle, "
          f"{memory['10^4']:.1f} MiB after 10^4 requests, {memory['after']:.1f} MiB after "
          f"{answered:,} ({memory['after'] / memory['10^4'] - 1:+.1%})")

    slow_median = {
        name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        for name, rounds in slow.items()
    }
    print(f"\nA callback that spends 1 ms of CPU (tests/bench-app, burn), wrk -t2 "
          f"-c{args.connections}, medians\n")
    print("| server | requests/s | p50 | p99 | CPU per request |")
    print("|---|---:|---:|---:|---:|")
    for name, m in slow_median.items():
        print(f"| {name} | {m['rps']:,.0f} | {m['p50']:.2f} ms | {m['p99']:.2f} ms | "
              f"{m['cpu_us']:,.1f} µs |")
    mixed_median = {
        name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        for name, rounds in mixed.items()
    }
    print("\nOther users fetching the layout (GET /_dash-layout, 2 connections), on an idle "
          "server and during the 1 ms callback load, medians\n")
    print("| server | idle p50 | idle p99 | loaded p50 | loaded p99 | layouts/s loaded |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, m in mixed_median.items():
        print(f"| {name} | {m['idle_p50']:.2f} ms | {m['idle_p99']:.2f} ms | "
              f"{m['p50']:.2f} ms | {m['p99']:.2f} ms | {m['rps']:,.0f} |")


if __name__ == "__main__":
    main()
