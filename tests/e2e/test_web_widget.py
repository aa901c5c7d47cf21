"""The web chat page in a real browser: Debian's chromium driven by Playwright.

The page (web/serve.py) talks to the session's Rasa server over socket.io, exactly as
`make run` serves it. Screenshots go to tests/e2e/screenshots/ (git-ignored).
"""
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
import yaml
from playwright.sync_api import expect, sync_playwright

from advisor.case import CaseFacts
from advisor.evidence import applicable_items
from advisor.knowledge import default_knowledge
from advisor.replies import faq_buttons, question
from conftest import free_port
from scripts.api_access import api_params

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps dialling out of this closed network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "tests" / "e2e" / "screenshots"
DISPUTE = "买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退"
CORRECTION = "不是色差，是尺码"  # a type correction is typed, in the shopper's own words
ANSWER_TIMEOUT_MS = 30_000
K = default_knowledge()
PHONE = {"width": 390, "height": 844}
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


# --- fixtures -------------------------------------------------------------------------

class WebServer:
    """web/serve.py on a port of its own choosing (it prints its URL)."""

    def __init__(self, rasa_port: int):
        self.rasa_port = rasa_port
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "web" / "serve.py"), "--interface", "127.0.0.1",
             "--port", "0", "--rasa-port", str(rasa_port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        line = self._first_line(timeout=20)
        m = re.search(r"Web chat: (http://\S+/)", line)
        if not m:
            self.stop()
            raise RuntimeError(f"web/serve.py did not start: {line!r}")
        self.url = m.group(1)

    def _first_line(self, timeout: float) -> str:
        got = []
        reader = threading.Thread(target=lambda: got.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        return got[0] if got else ""

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class TcpProxy:
    """Forwards a port to the Rasa server: 'the server is back' for the reconnect test."""

    def __init__(self, listen_port: int, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", listen_port))
        self.conns = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                return
            self.conns += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        self.listener.close()
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()


@pytest.fixture(scope="module")
def rasa_port(servers):
    return int(servers.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def web(rasa_port):
    server = WebServer(rasa_port)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page plus what it asked the network for and what went wrong in it."""

    def __init__(self, context):
        self.page = context.new_page()
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.preflights = []  # CORS preflights: what serving the page from Rasa's own origin would save
        self.page.on("request", lambda r: r.method == "OPTIONS" and self.preflights.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))

    def remote_requests(self):
        return [u for u in self.requests if not re.match(r"^(https?|wss?)://127\.0\.0\.1:\d+/", u)
                and not u.startswith("data:")]


# --- helpers --------------------------------------------------------------------------

def send(page, text: str, tap: bool = False):
    """Type a message; send it with Enter, or on a phone by tapping the send button."""
    box = page.locator(".rw-new-message")
    box.fill(text)
    if tap:
        page.locator(".rw-send").tap()
    else:
        box.press("Enter")


def bot_says(page, fragment: str):
    """The last assistant bubble that contains fragment, once it is shown."""
    bubble = page.locator(".rw-response", has_text=fragment).last
    expect(bubble).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    return bubble


def button(page, title: str):
    return page.locator(".rw-replies .rw-reply", has_text=title).last


def session_id(page) -> str:
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('chat_session') || '{}')")
    assert stored.get("session_id"), f"no session id in localStorage: {stored}"
    return stored["session_id"]


def greeting() -> str:
    return K.situations["greet"]


def asked(slot: str, wording: int = 0):
    """The question for one fact (its first wording unless told) and its buttons."""
    return question(K, slot, wording)


def tracker_slots(servers: str, sid: str) -> dict:
    return requests.get(f"{servers}/conversations/{sid}/tracker", params=api_params(), timeout=30).json()["slots"]


def click_and_wait(page, title: str, tap: bool = False):
    """Click (or tap) a button, then wait until the user's choice and an answer are both shown."""
    shown = page.locator(".rw-message").count()
    target = button(page, title)
    target.tap() if tap else target.click()
    page.wait_for_function(f"() => document.querySelectorAll('.rw-message').length >= {shown + 2}",
                           timeout=ANSWER_TIMEOUT_MS)


def glyph_pixels(page, font_family: str, chars):
    """Pixels of each char drawn in font_family: identical pixels mean 'missing glyph' boxes."""
    return page.evaluate(
        """([font, chars]) => chars.map(ch => {
               const c = document.createElement('canvas'); c.width = c.height = 64;
               const g = c.getContext('2d'); g.font = '48px ' + font; g.fillText(ch, 4, 52);
               return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
           })""",
        [font_family, list(chars)],
    )


def lines_of(bubble) -> list:
    return [line.strip() for line in bubble.inner_text().split("\n") if line.strip()]


# --- tests ----------------------------------------------------------------------------

def test_dispute_correction_and_reload_keep_the_conversation(browser, web, servers):
    context = browser.new_context(viewport={"width": 1100, "height": 850}, locale="zh-CN")
    w = Watched(context)
    page = w.page
    page.goto(web.url)
    bot_says(page, greeting()[:20])

    send(page, DISPUTE)
    colour = K.dispute_types["color_difference"].name
    ack = bot_says(page, f"「{colour}」")
    # one message: the type named, the facts read, the next question; its "\n" must show
    # as line breaks, not run together
    rounds_question, rounds_buttons = asked("negotiation_rounds")
    ack_lines = lines_of(ack)
    assert len(ack_lines) >= 3 and ack_lines[0].startswith(f"明白，这属于「{colour}」"), ack_lines
    assert any(line.startswith("已记下：") and "299元" in line for line in ack_lines), ack_lines
    assert ack_lines[-1] == rounds_question, ack_lines

    # Chinese is drawn with a real CJK font, not as identical "missing glyph" boxes
    font = ack.evaluate("e => getComputedStyle(e).fontFamily")
    wei, quan, clipboard, check, private_use = glyph_pixels(page, font, ["维", "权", "📋", "✅", "\ue000"])
    assert wei != quan and wei != private_use, "no CJK font: `make chromium` installs one"
    assert clipboard != check and clipboard != private_use, "no emoji font: `make chromium` installs one"

    # the question's buttons, and nothing else to tap
    for b in rounds_buttons:
        expect(button(page, b["title"])).to_be_visible()
    assert page.locator(".rw-replies .rw-reply").count() == len(rounds_buttons)
    sid = session_id(page)
    slots = tracker_slots(servers, sid)
    assert slots["dispute_type"] == "color_difference" and slots["requested_slot"] == "negotiation_rounds"

    # the shopper corrects the type in their own words; the open question stays open
    send(page, CORRECTION)
    size = K.dispute_types["size"].name
    bot_says(page, f"「{size}」")
    expect(button(page, rounds_buttons[1]["title"])).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    slots = tracker_slots(servers, sid)
    assert slots["dispute_type"] == "size" and slots["requested_slot"] == "negotiation_rounds"
    assert slots["amount_yuan"] == 299  # the facts read before the correction are kept
    page.screenshot(path=str(SHOTS / "desktop-conversation.png"))
    messages_before = page.locator(".rw-message").count()

    page.reload()
    # the history comes back from the widget's storage, once
    expect(page.locator(".rw-client", has_text=DISPUTE)).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator(".rw-client", has_text=CORRECTION)).to_have_count(1)
    bot_says(page, f"「{colour}」")
    bot_says(page, f"「{size}」")
    expect(page.locator(".rw-message")).to_have_count(messages_before)
    assert session_id(page) == sid
    # ...and Rasa still knows where the conversation stands: the next answer follows on
    button(page, rounds_buttons[1]["title"]).click()  # 「2次」 sends "2次"
    bot_says(page, asked("platform_status")[0])
    slots = tracker_slots(servers, sid)
    assert slots["negotiation_rounds"] == 2 and slots["dispute_type"] == "size"
    assert slots["requested_slot"] == "platform_status"
    page.screenshot(path=str(SHOTS / "desktop-after-reload.png"))

    assert w.remote_requests() == [], "the page fetched something from outside this machine"
    assert w.errors == []
    # The page is served from its own origin and talks to Rasa cross-origin. That costs
    # no round trip: socket.io sends only simple requests, so the browser sends no preflight.
    to_rasa = [u for u in w.requests if f":{web.rasa_port}/" in u]
    print(f"\nweb chat, one conversation: {len(to_rasa)} requests to the Rasa origin, "
          f"{len(w.preflights)} CORS preflights")
    assert to_rasa and w.preflights == [], w.preflights
    context.close()


def test_phone_screen_walks_to_checklist_and_advice(browser, web):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    w = Watched(context)
    page = w.page
    page.goto(web.url)
    bot_says(page, greeting()[:20])

    # the chat uses the whole width, nothing scrolls sideways, the input box is on screen
    chat_box = page.locator(".rw-conversation-container").bounding_box()
    assert chat_box["x"] <= 1 and chat_box["width"] >= PHONE["width"] - 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    input_box = page.locator(".rw-new-message").bounding_box()
    assert 0 < input_box["y"] and input_box["y"] + input_box["height"] <= PHONE["height"]
    page.screenshot(path=str(SHOTS / "phone-start.png"))

    send(page, DISPUTE, tap=True)
    bot_says(page, f"「{K.dispute_types['color_difference'].name}」")
    # answer every question with a button, as a shopper on a phone would:
    # 「2次」, 「还没申请」, then 「都有了」 for the evidence
    answers = [asked("negotiation_rounds")[1][1]["title"], asked("platform_status")[1][0]["title"],
               asked("evidence_item")[1][0]["title"]]
    checklist = page.locator(".rw-response", has_text="📋")
    for _ in range(12):
        replies = page.locator(".rw-replies .rw-reply")
        expect(replies.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)  # the last answer is in
        if checklist.count():
            break
        titles = replies.all_inner_texts()
        choice = next((a for a in answers if a in titles), None)
        assert choice, f"no expected button among {titles}"
        click_and_wait(page, choice, tap=True)
    expect(checklist.last).to_be_visible(timeout=ANSWER_TIMEOUT_MS)

    # one line per evidence item that fits this case, each marked as in hand
    lines = lines_of(checklist.last)
    items = applicable_items(K, CaseFacts(dispute_type="color_difference", amount_yuan=299))
    assert items
    for item in items:
        assert any(line.startswith("✅") and line.endswith(item.name) for line in lines), (item.name, lines)
    assert not any(line.startswith("⬜") for line in lines), lines
    advice = bot_says(page, "💡")
    advice_lines = lines_of(advice)
    assert len(advice_lines) >= 5, advice_lines
    # then the closing message, whose buttons are the common questions
    for b in faq_buttons(K):
        expect(button(page, b["title"])).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    for bubble in (checklist.last, advice):
        box = bubble.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    checklist.last.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-checklist.png"))
    advice.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-advice.png"))

    assert w.remote_requests() == []
    assert w.errors == []
    context.close()


def test_unreachable_server_shows_a_message_and_reconnects(browser, rasa_port):
    dead_port = free_port()
    server = WebServer(dead_port)
    context = browser.new_context(viewport={"width": 1100, "height": 850}, locale="zh-CN")
    page = context.new_page()
    proxy = None
    try:
        page.goto(server.url)
        banner = page.locator("#offline-banner")
        expect(banner).to_be_visible(timeout=15_000)
        expect(banner).to_contain_text("连不上助手服务器")
        page.screenshot(path=str(SHOTS / "unreachable.png"))

        # the server comes up on that port: the page reconnects by itself and the chat works
        proxy = TcpProxy(dead_port, rasa_port)
        expect(banner).to_be_hidden(timeout=20_000)
        bot_says(page, greeting()[:20])
        send(page, DISPUTE)
        bot_says(page, f"「{K.dispute_types['color_difference'].name}」")

        # and it notices when the server goes away again
        proxy.close()
        proxy = None
        expect(banner).to_be_visible(timeout=15_000)
        # the history stays; typing and buttons wait until the server is back
        expect(page.locator(".rw-client", has_text=DISPUTE)).to_be_visible()
        assert page.locator(".rw-sender").evaluate("e => getComputedStyle(e).pointerEvents") == "none"
        page.screenshot(path=str(SHOTS / "disconnected.png"))
    finally:
        if proxy:
            proxy.close()
        context.close()
        server.stop()


def test_a_ready_text_has_a_copy_button_that_copies_it(browser, web):
    context = browser.new_context(viewport={"width": 1100, "height": 850}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web.url.rstrip("/"))
    w = Watched(context)
    page = w.page
    page.goto(web.url)
    bot_says(page, greeting()[:20])
    send(page, DISPUTE)
    bot_says(page, "「色差」")
    send(page, "帮我写一段发给卖家的话")
    bubble = bot_says(page, "✉️")
    copy = bubble.locator(".advisor-copy")
    expect(copy).to_have_text(K.ready_texts["copy_button"], timeout=ANSWER_TIMEOUT_MS)
    copy.click()
    expect(copy).to_have_text(K.ready_texts["copied"], timeout=5000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    # the text itself, without the title and the hint line, with the shopper's amount and the blanks
    assert copied.startswith("你好，我的订单【订单号】") and "299元" in copied, copied
    assert K.ready_texts["copy_hint"] not in copied and K.ready_texts["copy_button"] not in copied
    assert w.errors == []
    context.close()
