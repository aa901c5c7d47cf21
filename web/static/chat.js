// Mount rasa-webchat on the page and show a banner while the Rasa server is unreachable.
(function () {
  "use strict";

  var config = window.ADVISOR_CHAT_CONFIG || {};
  // Default: the host this page came from, so a phone that opened http://<lan-ip>:8080/
  // talks to Rasa on <lan-ip> too.
  var socketUrl = config.socketUrl ||
    location.protocol + "//" + location.hostname + ":" + (config.rasaPort || 5005);
  var banner = document.getElementById("offline-banner");
  var chat = document.getElementById("chat");
  // The widget keeps the conversation (and its session id) under this localStorage key.
  var STORAGE_KEY = "chat_session";

  function setConnected(connected) {
    banner.hidden = connected;
    document.body.setAttribute("data-connection", connected ? "online" : "offline");
  }

  if (!window.WebChat || typeof window.WebChat.default !== "function") {
    banner.textContent = "聊天组件没有加载成功，请刷新页面重试。";
    banner.hidden = false;
    return;
  }

  // The first attempt may hang rather than fail (e.g. a firewall drops packets): say so after a while.
  var firstTry = setTimeout(function () { setConnected(false); }, 5000);
  document.body.setAttribute("data-connection", "connecting");

  window.WebChat.default({
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    initPayload: "/greet",
    title: "维权助手",
    subtitle: "淘宝/天猫订单问题 · 证据清单 · 下一步建议",
    inputTextFieldHint: "说说订单遇到了什么问题…",
    connectingText: "正在连接助手…",
    embedded: true,
    showCloseButton: false,
    // Keep the history visible while offline; the banner explains what is going on.
    hideWhenNotConnected: false,
    // No rules engine (that needs Botfront's channel): show the widget at once.
    withRules: false,
    params: { storage: "local" },
    // Our colours (the widget applies them inline to bubbles and buttons).
    mainColor: "#e8542f",
    userBackgroundColor: "#e8542f",
    userTextColor: "#ffffff",
    // A short typing pause reads naturally without making long answers wait seconds.
    customMessageDelay: function (message) {
      return Math.min(900, 200 + 3 * String(message || "").length);
    },
    // socket.io-client reconnects by itself (backoff 1-5 s); we only mirror its state.
    onSocketEvent: {
      connect: function () { clearTimeout(firstTry); setConnected(true); },
      connect_error: function () { setConnected(false); },
      disconnect: function () { setConnected(false); }
    }
  }, chat);

  // A copy button under each ready text (message to the seller, intervention form, 12315):
  // the assistant marks them with a hint line; the button copies what follows it.
  var copy = config.copy || {};
  function textAfterMarker(bubble) {
    var lines = (bubble.innerText || "").split("\n").filter(function (line) {
      return line !== copy.button && line !== copy.copied;  // the button's own label
    });
    var at = lines.findIndex(function (line) { return line.indexOf(copy.marker) !== -1; });
    return lines.slice(at + 1).join("\n").trim();
  }
  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");  // older browsers, plain http
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }
  function addCopyButtons() {
    if (!copy.marker) { return; }
    chat.querySelectorAll(".rw-response").forEach(function (bubble) {
      if (bubble.getAttribute("data-copy") || (bubble.innerText || "").indexOf(copy.marker) === -1) { return; }
      bubble.setAttribute("data-copy", "1");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "advisor-copy";
      button.textContent = copy.button;
      button.addEventListener("click", function () {
        copyText(textAfterMarker(bubble)).then(function () { button.textContent = copy.copied; });
      });
      bubble.appendChild(button);
    });
  }
  new MutationObserver(addCopyButtons).observe(chat, { childList: true, subtree: true });

  var restart = document.getElementById("new-conversation");
  if (restart) {
    restart.addEventListener("click", function () {
      localStorage.removeItem(STORAGE_KEY);
      location.reload();
    });
  }
})();
