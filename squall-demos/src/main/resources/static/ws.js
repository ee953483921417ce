// The WebSocket echo page: opens the socket named in #log's data-socket, sends text or the UTF-8
// bytes of the text as an ArrayBuffer, and lists what goes out and what comes back.
(function () {
  "use strict";

  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const form = document.getElementById("echoform");
  const input = document.getElementById("text");
  const buttons = [form.querySelector("input[type=submit]"), document.getElementById("binary")];
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
    log.dataset.socket;

  // textContent, never innerHTML: what the server sends back is shown, not run.
  function show(kind, text) {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
  }

  const socket = new WebSocket(url);
  socket.binaryType = "arraybuffer"; // binary messages arrive as ArrayBuffer, not Blob

  socket.onopen = () => {
    status.textContent = "Connected to " + url;
    buttons.forEach((b) => (b.disabled = false));
  };

  socket.onmessage = (event) => {
    if (typeof event.data === "string") {
      show("received", "\u2190 text: " + event.data);
    } else {
      const bytes = new Uint8Array(event.data);
      show("received", "\u2190 binary, " + bytes.length + " bytes: " + hex(bytes));
    }
  };

  socket.onclose = (event) => {
    status.textContent = "Closed (" + event.code + (event.reason ? ": " + event.reason : "") +
      "). Reload the page to connect again.";
    buttons.forEach((b) => (b.disabled = true));
  };

  socket.onerror = () => show("event", "WebSocket error (see the browser console)");

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    socket.send(input.value);
    show("sent", "\u2192 text: " + input.value);
  });

  document.getElementById("binary").addEventListener("click", () => {
    const bytes = new TextEncoder().encode(input.value);
    socket.send(bytes.buffer);
    show("sent", "\u2192 binary, " + bytes.length + " bytes: " + hex(bytes));
  });
})();
