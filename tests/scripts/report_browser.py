"""chokepoint report in a real browser: opens the report of a bundled dataset in headless
Chromium (DevTools protocol over --remote-debugging-pipe, Python stdlib only), takes a
screenshot, and checks that the page loads nothing from the network, raises no script errors,
and that clicking a table header sorts the table (usage: report_browser.py BINARY SOURCE_DIR)."""
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"


class Browser:
    def __init__(self, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():  # the pipe protocol: Chromium reads fd 3, writes fd 4
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)  # above 4, so dup2 cannot clash
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "--window-size=1280,1600",
             "about:blank"],
            preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, timeout=30, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while True:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.events.append(self._read_message(deadline))

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def ensure_chromium(source):
    if os.path.exists(CHROMIUM):
        return
    r = subprocess.run(["bash", os.path.join(source, "tools/build.sh"), "deps"])
    if r.returncode != 0 or not os.path.exists(CHROMIUM):
        sys.exit("chromium is missing and tools/build.sh deps could not install it")


def main():
    binary, source = sys.argv[1], sys.argv[2]
    ensure_chromium(source)
    out_dir = os.path.join(os.environ.get("CHOKEPOINT_BUILD_DIR", tempfile.gettempdir()),
                           "test-output")
    os.makedirs(out_dir, exist_ok=True)
    report = os.path.abspath(os.path.join(out_dir, "report_browser.html"))
    r = subprocess.run([binary, "report", os.path.join(source, "datasets/cobalt_batteries.json"),
                        "--scenario", "remove CN by owner", "-o", report],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Report written to" in r.stdout, r.stdout

    profile = tempfile.mkdtemp(prefix="chokepoint-chromium-")
    browser = Browser(profile)
    try:
        targets = browser.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        session = browser.call("Target.attachToTarget", targetId=page["targetId"],
                               flatten=True)["sessionId"]
        for domain in ["Page", "Runtime", "Log", "Network"]:
            browser.call(f"{domain}.enable", session)
        browser.call("Page.navigate", session, url="file://" + report)
        browser.wait_for("Page.loadEventFired")

        def js(expr):
            res = browser.call("Runtime.evaluate", session, expression=expr, returnByValue=True)
            assert "exceptionDetails" not in res, res
            return res["result"].get("value")

        assert js("document.URL").startswith("file:"), js("document.URL")
        sweep = "document.querySelector('#sweep table')"
        before = js(f"Array.from({sweep}.tBodies[0].rows).map(r => r.cells[0].textContent)")
        assert len(before) > 3, before
        box = js(f"(() => {{ const r = {sweep}.tHead.rows[0].cells[0].getBoundingClientRect();"
                 "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        js(f"{sweep}.scrollIntoView()")
        box = js(f"(() => {{ const r = {sweep}.tHead.rows[0].cells[0].getBoundingClientRect();"
                 "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ["mousePressed", "mouseReleased"]:
            browser.call("Input.dispatchMouseEvent", session, type=kind, x=box[0], y=box[1],
                         button="left", clickCount=1)
        after = js(f"Array.from({sweep}.tBodies[0].rows).map(r => r.cells[0].textContent)")
        assert after != before, "clicking the header did not change the order"
        assert after == sorted(before, key=str.lower), after
        assert js(f"{sweep}.tHead.rows[0].cells[0].getAttribute('aria-sort')") == "ascending"
        # numeric sort on the next click of a numeric column: descending by worst loss
        js(f"{sweep}.tHead.rows[0].cells[{sweep}.tHead.rows[0].cells.length - 2].click()")
        js(f"{sweep}.tHead.rows[0].cells[{sweep}.tHead.rows[0].cells.length - 2].click()")
        worst = js(f"Array.from({sweep}.tBodies[0].rows).map(r => "
                   "parseFloat(r.cells[r.cells.length - 2].dataset.sort))")
        assert worst == sorted(worst, reverse=True), worst
        assert js("document.querySelectorAll('figure svg').length") >= 3
        js("window.scrollTo(0, 0)")

        shot = browser.call("Page.captureScreenshot", session, format="png")["data"]
        png = base64.b64decode(shot)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000
        with open(os.path.join(out_dir, "report_browser.png"), "wb") as f:
            f.write(png)

        errors = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
        errors += [e for e in browser.events if e.get("method") == "Log.entryAdded"
                   and e["params"]["entry"]["level"] == "error"]
        errors += [e for e in browser.events if e.get("method") == "Runtime.consoleAPICalled"
                   and e["params"]["type"] == "error"]
        assert not errors, errors
        requests = [e["params"]["request"]["url"] for e in browser.events
                    if e.get("method") == "Network.requestWillBeSent"]
        remote = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
        assert not remote, f"the report loads from the network: {remote}"
        print(f"sorted {len(before)} rows; screenshot {len(png)} bytes; "
              f"{len(requests)} requests, all local; no script errors")
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
