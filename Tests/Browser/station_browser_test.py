#!/usr/bin/env python3
"""The station in a real browser: headless Chromium (Debian `chromium` + `chromium-driver`) driven by Selenium.

- check page, fake camera fed a video of a printed card (the PDF page rendered by poppler, placed in a 1280x720
  frame, slightly rotated): shows VALID and the holder's name;
- check page, handheld scanner (keystrokes typed into the page without focusing a field): verdict, the holder
  code (a mistyped one is refused before any request), a tampered card shows INVALID, Arabic is right-to-left;
- issue page: a field error shown next to its field, then a card issued from the form; the downloaded PDF is
  rendered and scanned back by `phrcard verify`/`decode`.

Usage: station_browser_test.py --phrcard PATH [--screenshots DIR]. Prints "N passed, M failed"; exit 1 on failure.
"""
import argparse, glob, json, os, re, shutil, subprocess, sys, tempfile, threading, time, traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Station:
    """`phrcard serve --port 0` on a fresh demo home; its output is collected."""

    def __init__(self, phrcard, home):
        env = dict(os.environ, PHRCARD_HOME=home)
        self.proc = subprocess.Popen([phrcard, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.port = None
        deadline = time.time() + 30
        while self.port is None and time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r"listening: http://[^:]+:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
        if self.port is None:
            raise RuntimeError("station did not start: " + "".join(self.lines))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def count(self, text):
        return sum(text in l for l in self.lines)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def chromium(video=None, downloads=None):
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
              "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--lang=en-US"]:
        o.add_argument(a)
    if video:
        o.add_argument("--use-file-for-fake-video-capture=" + video)
    o.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=o)
    if downloads:
        d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


def wait(d, what, condition, timeout=30):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            last = condition(d)
            if last:
                return last
        except Exception as e:   # element not there yet
            last = e
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what + f" (last: {last!r})")


def verdict(d):
    """The verdict on screen: (status, word, reason), once the result is shown."""
    def shown(d):
        if d.find_element(By.ID, "result").get_attribute("hidden") is not None:
            return None
        v = d.find_element(By.ID, "verdict")
        status = v.get_attribute("data-status")
        return (status, d.find_element(By.ID, "verdict-word").text, d.find_element(By.ID, "verdict-reason").text) if status else None
    return wait(d, "a verdict", shown)


def full_screenshot(d, path, scroller="document.documentElement"):
    """A screenshot of the whole page (or of a scrolling element): the window is made as tall as the content."""
    height = d.execute_script(f"return {scroller}.scrollHeight")
    d.set_window_size(1280, min(max(height + 160, 700), 3000))
    time.sleep(0.3)
    d.save_screenshot(path)
    d.set_window_size(1280, 900)


def scanner_types(d, text):
    """A handheld 2D scanner: keystrokes to the page (no field focused), then Enter."""
    d.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(d).send_keys(text + Keys.ENTER).perform()


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError(f"{cmd[:3]} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def tamper(text):
    """Changes one digit of the card text (a group that stays a valid number): the signature no longer matches."""
    digits = list(text[5:])
    i = len(digits) - 30
    digits[i] = str((int(digits[i]) + 1) % 10) if digits[i] != "9" else "0"
    return "PHR1:" + "".join(digits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--phrcard", required=True)
    ap.add_argument("--screenshots", default=os.path.join(ROOT, "docs", "station"))
    args = ap.parse_args()
    phrcard = os.path.abspath(args.phrcard)
    tmp = tempfile.mkdtemp(prefix="phrcard-browser-")
    home = os.path.join(tmp, "home")
    env = dict(os.environ, PHRCARD_HOME=home)
    results = []
    started = time.time()

    def test(name):
        def deco(fn):
            t0 = time.time()
            try:
                fn()
                results.append((name, True))
                print(f"ok     {name} ({time.time() - t0:.1f} s)", flush=True)
            except Exception:
                results.append((name, False))
                print(f"FAILED {name}\n" + traceback.format_exc(), flush=True)
            return fn
        return deco

    run([phrcard, "init"], env=env)
    typical = os.path.join(ROOT, "examples", "typical.json")
    with open(typical) as f:
        record = json.load(f)
    name = record["holder"]["given"] + " " + record["holder"]["family"]
    run([phrcard, "issue", typical, "--out", os.path.join(tmp, "card.pdf"), "--json"], env=env)
    # Another card as text with its own holder code, for the handheld scanner.
    code = json.loads(run([phrcard, "issue", typical, "--out", os.path.join(tmp, "card.txt"), "--no-log", "--json"],
                          env=env))["holderCode"]
    with open(os.path.join(tmp, "card.txt")) as f:
        card_text = f.read().strip()
    # The printed card (page 1 of the PDF at 300 dpi), photographed: rotated 4°, in a grey 1280x720 frame.
    run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", os.path.join(tmp, "card.pdf"),
         os.path.join(tmp, "printed")])
    video = os.path.join(tmp, "card.y4m")
    run(["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", os.path.join(tmp, "printed.png"), "-vf",
         "scale=-2:600,rotate=4*PI/180:c=0xb0b0b0:ow=rotw(4*PI/180):oh=roth(4*PI/180),"
         "pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=0x8a8a8a,format=yuv420p", "-t", "2", "-r", "10", video])

    station = Station(phrcard, home)
    base = f"http://127.0.0.1:{station.port}"
    os.makedirs(args.screenshots, exist_ok=True)
    try:
        @test("check page: the fake camera shows a printed card -> VALID and the holder's name")
        def camera():
            d = chromium(video=video)
            try:
                d.get(base + "/")
                status, word, _ = verdict(d)
                assert status == "valid" and word == "VALID", (status, word)
                holder = wait(d, "the holder section", lambda d: d.find_element(By.CSS_SELECTOR, ".sec-holder").text)
                assert name in holder, holder
                assert "DEMO-CLINIC" in d.find_element(By.ID, "verdict-issuer").text
                sections = [e.get_attribute("data-section") for e in d.find_elements(By.CSS_SELECTOR, ".sec")]
                assert sections == ["holder", "alerts", "allergies", "immunizations"], sections
                full_screenshot(d, os.path.join(args.screenshots, "check-valid.png"), "document.getElementById('result')")
                # One card read = one result: the camera keeps seeing the card, the page asks nothing more.
                n = station.count("POST /api/decode")
                time.sleep(1.5)
                assert station.count("POST /api/decode") == n, "the same card was read again"
            finally:
                d.quit()

        d = chromium()   # the fake camera without a file shows a test pattern: no QR code
        try:
            d.get(base + "/")
            wait(d, "the page", lambda d: d.find_element(By.ID, "lang").get_attribute("value") == "en")

            @test("check page: handheld scanner input shows a verdict; the holder code opens the rest")
            def scanner():
                scanner_types(d, card_text)
                status, word, _ = verdict(d)
                assert (status, word) == ("valid", "VALID"), (status, word)
                assert name in d.find_element(By.CSS_SELECTOR, ".sec-holder").text
                d.find_element(By.ID, "ask-code").click()
                box = d.find_element(By.ID, "code")
                digits = code.replace("-", "")
                swapped = digits[1] + digits[0] + digits[2:] if digits[0] != digits[1] else digits[:19] + str((int(digits[19]) + 1) % 10)
                before = station.count("POST /api/decode")
                box.send_keys(swapped + Keys.ENTER)
                err = wait(d, "the check-digit error", lambda d: d.find_element(By.ID, "code-error").text)
                assert "istyped" in err, err
                time.sleep(0.3)
                assert station.count("POST /api/decode") == before, "a mistyped code was sent to the server"
                box.clear()
                box.send_keys(code + Keys.ENTER)
                wait(d, "the clinical sections", lambda d: d.find_elements(By.CSS_SELECTOR, ".sec-conditions"))
                assert "Type 2 diabetes" in d.find_element(By.CSS_SELECTOR, ".sec-conditions").text
                full_screenshot(d, os.path.join(args.screenshots, "check-holder-code.png"), "document.getElementById('result')")
                d.find_element(By.ID, "next").click()

            @test("check page: a tampered card shows INVALID with the reason")
            def tampered():
                time.sleep(0.9)
                scanner_types(d, tamper(card_text))
                status, word, reason = verdict(d)
                assert status == "invalid" and word == "INVALID", (status, word)
                assert reason, "no reason shown"
                assert not d.find_elements(By.CSS_SELECTOR, ".sec"), "data shown for an invalid card"
                assert not d.find_element(By.ID, "code-box").is_displayed(), "a code box for an invalid card"
                d.save_screenshot(os.path.join(args.screenshots, "check-invalid.png"))

            @test("check page: Arabic is right-to-left and the verdict is translated")
            def arabic():
                from selenium.webdriver.support.ui import Select
                Select(d.find_element(By.ID, "lang")).select_by_value("ar")
                assert d.execute_script("return document.documentElement.dir") == "rtl"
                assert d.find_element(By.ID, "verdict-word").text == "غير صالحة"
                Select(d.find_element(By.ID, "lang")).select_by_value("en")
                d.find_element(By.ID, "next").click()
        finally:
            d.quit()

        downloads = os.path.join(tmp, "downloads")
        os.makedirs(downloads)
        d = chromium(downloads=downloads)
        try:
            @test("issue page: a field error next to its field, then a card from the form; the PDF scans back")
            def issue():
                d.get(base + "/issue")
                wait(d, "the readers", lambda d: d.find_elements(By.CSS_SELECTOR, "#readers .reader"))
                d.find_element(By.ID, "given").send_keys("Samir")
                d.find_element(By.ID, "family").send_keys("Haddad")
                d.find_element(By.ID, "birthDate").send_keys("1987-06-02")
                d.find_element(By.ID, "languages").send_keys("ar, fr")
                add = {fs.get_attribute("data-section"): fs.find_element(By.CSS_SELECTOR, ".add")
                       for fs in d.find_elements(By.CSS_SELECTOR, "fieldset.list")}
                add["allergies"].click()
                row = d.find_elements(By.CSS_SELECTOR, 'fieldset[data-section="allergies"] .entry')[0]
                row.find_element(By.CSS_SELECTOR, '[data-field="text"]').send_keys("Peanuts")
                add["immunizations"].click()
                row = d.find_elements(By.CSS_SELECTOR, 'fieldset[data-section="immunizations"] .entry')[0]
                codebox = row.find_element(By.CSS_SELECTOR, '[data-field="code"]')
                codebox.send_keys("measles")
                wait(d, "code search results", lambda d: d.find_elements(By.CSS_SELECTOR, "#codes option"))
                options = d.find_elements(By.CSS_SELECTOR, "#codes option")
                assert all("measles" in (o.get_attribute("label") or "").lower() for o in options)
                codebox.clear()
                codebox.send_keys(options[0].get_attribute("value"))
                date = row.find_element(By.CSS_SELECTOR, '[data-field="date"]')
                date.send_keys("2023-13-01")
                row.find_element(By.CSS_SELECTOR, '[data-field="dose"]').send_keys("1")
                d.find_element(By.ID, "preview").click()
                msg = wait(d, "the field error", lambda d: d.find_element(By.CSS_SELECTOR, '.field-message[data-path="immunizations[0].date"]').text)
                assert "2023-13-01" in msg, msg
                assert d.find_element(By.ID, "given").get_attribute("value") == "Samir", "a field was lost"
                date.clear()
                date.send_keys("2023-03-01")
                d.find_element(By.ID, "preview").click()
                size = wait(d, "the size", lambda d: d.find_element(By.ID, "size").text)
                assert re.search(r"\d+ bytes · QR version \d+ at M", size), size
                assert not d.find_elements(By.CSS_SELECTOR, ".field-message")
                d.execute_script("window.scrollTo(0, 0)")
                full_screenshot(d, os.path.join(args.screenshots, "issue-form.png"))
                d.find_element(By.ID, "issue").click()
                shown = wait(d, "the holder code", lambda d: d.find_element(By.ID, "holder-code").text)
                assert re.fullmatch(r"\d{4}(-\d{4}){4}", shown), shown
                d.save_screenshot(os.path.join(args.screenshots, "issue-done.png"))
                pdf = wait(d, "the downloaded PDF", lambda d: [p for p in glob.glob(os.path.join(downloads, "*.pdf"))])[0]
                time.sleep(0.3)
                png = os.path.join(tmp, "downloaded")
                run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", pdf, png])
                out = run([phrcard, "verify", png + ".png"], env=env)
                assert out.startswith("VALID"), out
                opened = json.loads(run([phrcard, "decode", png + ".png", "--code", shown, "--format", "json"], env=env))
                assert opened["holder"]["given"] == "Samir" and opened["allergies"][0]["text"] == "Peanuts", opened
                assert opened["immunizations"][0]["date"] == "2023-03-01" and opened["immunizations"][0]["dose"] == 1
                logged = run([phrcard, "log", "list"], env=env)
                assert len([l for l in logged.splitlines() if l.strip()]) >= 3, logged   # the CLI's card + this one
        finally:
            d.quit()
    finally:
        station.stop()
        log = "".join(station.lines)
        for secret in [code, card_text[5:45], name, "Samir", "Peanuts"]:
            if secret in log:
                results.append(("no holder data in the station's log", False))
                print("FAILED the station's log contains " + secret)
                break
        else:
            results.append(("no holder data in the station's log", True))
            print("ok     no holder data in the station's log")
        shutil.rmtree(tmp, ignore_errors=True)

    passed = sum(ok for _, ok in results)
    print(f"browser tests: {time.time() - started:.0f} s")
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
