// The upload demo's raw upload: PUTs the chosen file as the request body, streamed by the browser.
document.getElementById("send").onclick = async () => {
  const f = document.getElementById("raw").files[0];
  if (!f) return;
  const r = await fetch("/upload/raw/" + encodeURIComponent(f.name), {method: "PUT", body: f});
  document.getElementById("out").textContent = await r.text();
};
