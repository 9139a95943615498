#!/usr/bin/env python3
"""Hot spots of a JFR recording of the server, by execution samples.

    loadtests/wrk/jfr-hotspots.py server.jfr            # categories, top self and inclusive frames
    loadtests/wrk/jfr-hotspots.py server.jfr --collapsed > stacks.txt   # for flamegraph.pl / speedscope
    loadtests/wrk/jfr-hotspots.py server.jfr --svg "title" > flame.svg   # a flame graph (frames >= 0.25 %)

Record with e.g. `jcmd PID JFR.start settings=profile duration=30s filename=server.jfr
'jdk.ExecutionSample#period=2ms'` on a server started with
`-XX:FlightRecorderOptions:stackdepth=512` while loadtests/wrk/trivial-run.lua runs.
Each sample goes to the first category (in the order below) one of its frames matches,
else to the innermost Ion class on its stack, else to Vert.x, Netty or the JDK; so the
categories add up to 100 %. Needs the JDK's `jfr` tool on the PATH.
"""
import collections
import json
import subprocess
import sys
import zlib

SPECIFIC = [
    ("log lines (JsonLog)", ["JsonLog.write"]),
    ("run id (SecureRandom)", ["RunManager.newId"]),
    ("timers set/cancel", ["VertxImpl.setTimer", "VertxImpl.cancelTimer", "VertxImpl.scheduleTimeout"]),
    ("metrics (Micrometer, Vert.x metrics)", ["io.micrometer.", "io.vertx.micrometer"]),
    ("compile (Engine.compile)", ["Engine.compile"]),
    ("JSON encode (Codec, RunJson)", ["Codec.encode", "RunJson.encode"]),
    ("JSON decode (Codec)", ["Codec.decode"]),
    ("socket write", ["NioSocketChannel.doWrite"]),
    ("socket read", ["NioSocketChannel.doReadBytes"]),
    ("HTTP decode (Netty)", ["HttpObjectDecoder"]),
    ("HTTP encode (Netty)", ["HttpObjectEncoder"]),
    ("body handler (set-up, buffering)", ["BodyHandlerImpl$BHandler.<init>", "BodyHandlerImpl$BHandler.handle",
                                         "BodyHandlerImpl.handle"]),
]
ION = [("engine", ["dev.ion.engine."]), ("RunSession", ["RunSession"]), ("RunManager", ["RunManager"]),
       ("ApiVerticle (routes)", ["ApiVerticle"]), ("ConnectionHygiene", ["ConnectionHygiene"]),
       ("VertxEventLoop", ["VertxEventLoop"])]
OUTER = [("vertx-web", ["io.vertx.ext.web"]), ("vertx core", ["io.vertx.core"]), ("netty", ["io.netty"])]
JDK = [("jdk", ["java.", "jdk.", "sun."])]


def frames(event):
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in event["values"]["stackTrace"]["frames"]]


def first(names, cats):
    for n in names:
        for cname, pats in cats:
            if any(p in n for p in pats):
                return cname
    return None


def short(name):
    parts = name.split(".")
    return parts[-2] + "." + parts[-1]


def flame_svg(stacks, title, width=1200, row=16, min_share=0.0025):
    """A plain flame graph: root at the bottom, one rectangle per frame, width = share of samples."""
    root = {"name": "all", "n": 0, "kids": {}}
    for stack, count in stacks.items():
        node = root
        node["n"] += count
        for name in stack:
            node = node["kids"].setdefault(name, {"name": name, "n": 0, "kids": {}})
            node["n"] += count
    total = root["n"]
    rects, depth = [], [0]

    def walk(node, x, level):
        if node["n"] / total < min_share:
            return
        depth[0] = max(depth[0], level)
        rects.append((x, level, node["n"] / total * width, node["name"], node["n"]))
        for kid in sorted(node["kids"].values(), key=lambda k: -k["n"]):
            walk(kid, x, level + 1)
            x += kid["n"] / total * width

    walk(root, 0.0, 0)
    height = (depth[0] + 3) * row
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" '
           f'font-size="11"><rect width="100%" height="100%" fill="#fff"/>'
           f'<text x="4" y="{row - 3}" font-size="13">{esc(title)} ({total} samples; hover for names)</text>']
    for x, level, w, name, n in rects:
        y = height - (level + 1) * row
        hue = 20 + zlib.crc32(name.encode()) % 40
        label = esc(name) if w > 7 * len(name) else esc(name[: max(0, int(w / 7) - 1)])
        out.append(f'<g><title>{esc(name)} {100 * n / total:.1f} %</title><rect x="{x:.1f}" y="{y}" '
                   f'width="{max(w - 0.5, 0.5):.1f}" height="{row - 1}" fill="hsl({hue},85%,62%)"/>'
                   f'<text x="{x + 2:.1f}" y="{y + row - 4}">{label}</text></g>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample",
                          sys.argv[1]], check=True, capture_output=True, text=True).stdout
    events = [e for e in json.loads(out)["recording"]["events"] if e["values"].get("stackTrace")]
    if "--svg" in sys.argv:
        title = sys.argv[sys.argv.index("--svg") + 1]
        stacks = collections.Counter(tuple(reversed([short(n) for n in frames(e)])) for e in events)
        print(flame_svg(stacks, title))
        return
    if "--collapsed" in sys.argv:
        stacks = collections.Counter(";".join(reversed([short(n) for n in frames(e)])) for e in events)
        for s, c in stacks.most_common():
            print(s, c)
        return
    n = len(events)
    cats, own, incl = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        names = frames(e)
        cats[first(names, SPECIFIC) or first(names, ION) or first(names, OUTER) or first(names, JDK) or "other"] += 1
        own[short(names[0])] += 1
        for s in {short(x) for x in names}:
            incl[s] += 1
    print(f"{n} samples\n\n| where | % of samples |\n|---|---:|")
    for k, v in cats.most_common():
        print(f"| {k} | {100 * v / n:.1f} |")
    print("\nself:")
    for k, v in own.most_common(25):
        print(f"{100 * v / n:5.1f}  {k}")
    print("\ninclusive:")
    for k, v in incl.most_common(60):
        print(f"{100 * v / n:5.1f}  {k}")


if __name__ == "__main__":
    main()
