// The long-polling chat page (Squall's version of Tornado's chat demo, without jQuery).
// Posts new messages with fetch() and keeps one "updates" request open, sending the id of the
// last message it shows as the cursor; the server answers when something newer exists.
(function () {
  "use strict";

  const inbox = document.getElementById("inbox");
  const form = document.getElementById("messageform");
  const input = document.getElementById("message");
  const button = form.querySelector("input[type=submit]");
  const updatesUrl = inbox.dataset.updates;

  // The XSRF token: the _xsrf cookie, as Tornado's chat does; the form field if cookies are hidden.
  function xsrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
    if (m) {
      return decodeURIComponent(m[1].replace(/^"|"$/g, ""));
    }
    const field = form.querySelector("input[name=_xsrf]");
    return field ? field.value : "";
  }

  function post(url, fields) {
    const body = new URLSearchParams(fields);
    body.set("_xsrf", xsrfToken());
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" }).then((r) => {
      if (!r.ok) {
        throw new Error(url + ": HTTP " + r.status);
      }
      return r.json();
    });
  }

  // Each message carries its HTML, rendered (and escaped) by the server's message.html.
  function show(message) {
    if (document.getElementById("m" + message.id)) {
      return; // our own post, already shown, comes back through the poll too
    }
    const stick = inbox.scrollTop + inbox.clientHeight >= inbox.scrollHeight - 4;
    inbox.insertAdjacentHTML("beforeend", message.html);
    if (stick) {
      inbox.scrollTop = inbox.scrollHeight;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) {
      return;
    }
    button.disabled = true;
    post(form.action, { body: text })
      .then((message) => {
        show(message);
        input.value = "";
      })
      .catch((err) => console.log("post failed:", err))
      .finally(() => {
        button.disabled = false;
        input.focus();
      });
  });

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function poll() {
    const shown = inbox.querySelectorAll(".message");
    let cursor = shown.length ? shown[shown.length - 1].id.substring(1) : null;
    let errorSleep = 500;
    for (;;) {
      try {
        const response = await post(updatesUrl, cursor ? { cursor: cursor } : {});
        const messages = response.messages || [];
        for (const m of messages) {
          show(m);
        }
        if (messages.length) {
          cursor = messages[messages.length - 1].id;
        }
        errorSleep = 500;
      } catch (err) {
        console.log("poll failed; retrying in", errorSleep, "ms:", err);
        await sleep(errorSleep);
        errorSleep = Math.min(errorSleep * 2, 60000);
      }
    }
  }

  inbox.scrollTop = inbox.scrollHeight;
  poll();
})();
