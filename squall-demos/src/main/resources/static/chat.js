// The WebSocket chat page (Squall's version of Tornado's websocket chat demo, without jQuery).
// Sends {"body": ...} on the socket named in #inbox's data-socket and shows every message the
// server broadcasts; reconnects with a growing delay when the connection drops.
(function () {
  "use strict";

  const inbox = document.getElementById("inbox");
  const form = document.getElementById("messageform");
  const input = document.getElementById("message");
  const button = form.querySelector("input[type=submit]");
  const status = document.getElementById("status");
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
    inbox.dataset.socket;
  let socket = null;
  let retryDelay = 500;

  // Each message carries its HTML, rendered (and escaped) by the server's message.html. On open
  // the server sends the recent history, which the page may already show: skip known ids.
  function show(message) {
    if (document.getElementById("m" + message.id)) {
      return;
    }
    const stick = inbox.scrollTop + inbox.clientHeight >= inbox.scrollHeight - 4;
    inbox.insertAdjacentHTML("beforeend", message.html);
    if (stick) {
      inbox.scrollTop = inbox.scrollHeight;
    }
  }

  function connect() {
    socket = new WebSocket(url);
    socket.onopen = () => {
      status.textContent = "Connected.";
      button.disabled = false;
      retryDelay = 500;
    };
    socket.onmessage = (event) => show(JSON.parse(event.data));
    socket.onclose = (event) => {
      button.disabled = true;
      const why = event.code + (event.reason ? ": " + event.reason : "");
      if (event.code === 1007 || event.code === 1009) {
        status.textContent = "The server refused a message (" + why + "). Reload the page.";
        return;
      }
      status.textContent = "Disconnected (" + why + "); retrying in " + retryDelay / 1000 + " s.";
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    };
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || !socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    socket.send(JSON.stringify({ body: text }));
    input.value = "";
    input.focus();
  });

  inbox.scrollTop = inbox.scrollHeight;
  connect();
})();
