// Sends the form's text over a WebSocket to /echo and shows the reply.
const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/echo");
ws.onmessage = (e) => { document.getElementById("reply").textContent = e.data; };
document.getElementById("echo").onsubmit = (e) => {
  e.preventDefault();
  ws.send(document.getElementById("text").value);
};
