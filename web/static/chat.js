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

  var restart = document.getElementById("new-conversation");
  if (restart) {
    restart.addEventListener("click", function () {
      localStorage.removeItem(STORAGE_KEY);
      location.reload();
    });
  }
})();
