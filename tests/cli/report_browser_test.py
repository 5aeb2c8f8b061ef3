"""Opens an HTML report in headless Chromium and checks what a reader would get.

    report_browser_test.py FLOWSIM SCENARIO SCREENSHOT_DIR [report options...]

- `flowsim report SCENARIO --format html` writes the page;
- Chromium (Debian's chromium, scripts/install-deps.sh) loads it from a file at a phone's
  width and a desktop's, each time with a fresh profile, every host name mapped to
  nothing, a net log and the console on stderr;
- each screenshot is not blank: many distinct colours, enough dark (text) pixels, and
  the routes' red from the diagram;
- the page made no request (the net log holds no request on behalf of a page; the
  browser's own background requests are told apart by their initiator, "not an
  origin") and printed nothing to the console (a blocked load or script is reported
  there as a Content-Security-Policy violation);
- a canary page that does load an image and run a script is caught by both checks, so
  the checks themselves work.

The screenshots are left in SCREENSHOT_DIR for a person to look at.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM_TIMEOUT = 120
SIZES = {"phone": (420, 1600), "desktop": (1280, 1600)}
CANARY = (
    "<!DOCTYPE html><html><body><p>canary</p>"
    '<img src="http://flowsim-canary.invalid/x.png">'
    "<script>console.log('canary')</script></body></html>"
)


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("FAILED: chromium is not installed (scripts/install-deps.sh installs it)")


def run_chromium(chromium, page, work, name, size):
    """Loads `page` and returns (screenshot path, net log, stderr text)."""
    profile = os.path.join(work, name + ".profile")
    net_log = os.path.join(work, name + ".netlog.json")
    screenshot = os.path.join(work, name + ".png")
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--user-data-dir=" + profile,
        # Nothing can leave the machine, whatever the page or the browser asks for.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--log-net-log=" + net_log, "--enable-logging=stderr", "--v=0",
        "--window-size=%d,%d" % size, "--screenshot=" + screenshot,
        "file://" + os.path.abspath(page),
    ]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=CHROMIUM_TIMEOUT, check=False)
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or not os.path.exists(screenshot):
        sys.exit("FAILED: chromium exited %d without a screenshot:\n%s"
                 % (result.returncode, stderr))
    with open(net_log, encoding="utf-8") as file:
        log = json.load(file)
    return screenshot, log, stderr


def page_requests(log):
    """The URLs of the requests a page made (not the browser's own)."""
    event_types = {value: key for key, value in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        # The job's start carries the URL and the initiator; its end only the result.
        if event_types.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params and \
                params.get("initiator") != "not an origin":
            urls.append(params["url"])
    return sorted(set(urls))


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA non-interlaced PNG."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("FAILED: %s is not a PNG" % path)
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        sys.exit("FAILED: unexpected PNG format (depth %d, colour type %d)" % (depth, colour))
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((x + p) & 0xFF for x, p in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up_left = previous[i - channels] if i >= channels else 0
                line[i] = (line[i] + paeth(left, previous[i], up_left)) & 0xFF
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows


def check_screenshot(path):
    """Problems with the screenshot; empty when it shows a page with text and routes."""
    width, height, rows = read_png(path)
    colours, dark, red = set(), 0, 0
    for row in rows:
        for r, g, b in row:
            colours.add((r, g, b))
            if r + g + b < 200:
                dark += 1
            if r > 150 and g < 80 and b < 80:
                red += 1
    total = width * height
    print("%s: %dx%d, %d colours, %.1f%% dark, %d red pixels"
          % (os.path.basename(path), width, height, len(colours), 100.0 * dark / total, red))
    problems = []
    if len(colours) < 64:
        problems.append("only %d colours" % len(colours))
    if dark < total // 200:
        problems.append("almost no dark pixels: no text")
    if red < 50:
        problems.append("no red: the diagram's routes are not drawn")
    return problems


def main():
    flowsim, scenario, screenshots = sys.argv[1:4]
    options = sys.argv[4:]
    chromium = find_chromium()
    os.makedirs(screenshots, exist_ok=True)
    failed = []
    with tempfile.TemporaryDirectory() as work:
        report = os.path.join(work, "report.html")
        subprocess.run([flowsim, "report", scenario, "--format", "html", "-o", report] + options,
                       check=True, timeout=CHROMIUM_TIMEOUT)
        for name, size in SIZES.items():
            screenshot, log, stderr = run_chromium(chromium, report, work, name, size)
            shutil.copy(screenshot, os.path.join(screenshots, "report-%s.png" % name))
            for url in page_requests(log):
                failed.append("%s: the page requested %s" % (name, url))
            for line in console_messages(stderr):
                failed.append("%s: console: %s" % (name, line))
            failed += ["%s: %s" % (name, problem) for problem in check_screenshot(screenshot)]

        canary = os.path.join(work, "canary.html")
        with open(canary, "w", encoding="utf-8") as file:
            file.write(CANARY)
        _, log, stderr = run_chromium(chromium, canary, work, "canary", SIZES["phone"])
        if "http://flowsim-canary.invalid/x.png" not in page_requests(log):
            failed.append("the canary's image request is not in the net log: the check is broken")
        if not console_messages(stderr):
            failed.append("the canary's console message was not seen: the check is broken")
    for problem in failed:
        print("FAILED: " + problem)
    if not failed:
        print("no requests, no console messages, screenshots not blank")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
