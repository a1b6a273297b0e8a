// The chat page: WebSocket first; if a WebSocket cannot be opened, Server-
// Sent Events; if those fail too, long polling. Whatever the transport, the
// page remembers the ID of the last event it saw and resumes from it, so a
// reconnect or a switch of transport loses nothing the server still keeps.
"use strict";

const TRANSPORTS = ["websocket", "sse", "poll"];
const $ = (id) => document.getElementById(id);
const state = {
  token: "", room: "", transport: "",
  lastId: "", lastSeq: 0, instance: "", // where to resume from
  ws: null, es: null, seen: new Set(),
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function setTransport(t) {
  state.transport = t;
  $("status").textContent = t ? "connected via " + t : "reconnecting…";
  $("status").dataset.transport = t;
}

function note(text) {
  const li = document.createElement("li");
  li.className = "note";
  li.textContent = text;
  $("log").append(li);
  li.scrollIntoView();
}

// handle applies one event or control frame, from any transport.
function handle(ev) {
  switch (ev.type) {
    case "reset": // what we missed is no longer kept: start the view again
      $("log").replaceChildren();
      state.seen.clear();
      note("some messages were missed; showing what the server still keeps");
      return;
    case "error": // e.g. rate_limited: the connection stays open
      note("not sent: " + ev.detail);
      return;
  }
  if (state.seen.has(ev.id)) return; // a replay overlapping what we have
  state.seen.add(ev.id);
  state.lastId = ev.id;
  state.lastSeq = ev.seq;
  state.instance = ev.instance;
  const li = document.createElement("li");
  li.dataset.id = ev.id;
  li.textContent = ev.type === "message" ? ev.from + ": " + ev.text : ev.from + (ev.type === "join" ? " joined" : " left");
  $("log").append(li);
  li.scrollIntoView();
  if (ev.type !== "message") refreshPresence();
}

function query(extra) {
  const q = new URLSearchParams({ access_token: state.token, ...extra });
  if (state.lastId) q.set("last_event_id", state.lastId);
  return q.toString();
}

// connect tries the transports in order; a transport that fails before it
// ever opened hands over to the next one.
function connect(list) {
  setTransport("");
  const [first, ...rest] = list.length ? list : ["poll"];
  if (first === "websocket") openWebSocket(rest);
  else if (first === "sse") openEventSource(rest);
  else pollLoop();
}

function openWebSocket(rest) {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${proto}//${location.host}/rooms/${state.room}/ws?${query()}`);
  let opened = false;
  ws.onopen = () => { opened = true; state.ws = ws; setTransport("websocket"); };
  ws.onmessage = (m) => handle(JSON.parse(m.data));
  ws.onclose = (e) => {
    state.ws = null;
    if (!opened) { note("WebSocket unavailable: falling back"); connect(rest); return; }
    // 1001: the server is going away; 1008: we were too slow. Either way,
    // reconnect (through the balancer, maybe to another instance) and resume.
    note(`connection closed (${e.code}${e.reason ? " " + e.reason : ""}): reconnecting`);
    setTimeout(() => connect(TRANSPORTS), 1000);
  };
}

function openEventSource(rest) {
  const es = new EventSource(`/rooms/${state.room}/events?${query()}`);
  let opened = false;
  es.onopen = () => { opened = true; state.es = es; setTransport("sse"); };
  for (const t of ["message", "join", "leave", "reset"]) {
    es.addEventListener(t, (m) => handle(JSON.parse(m.data)));
  }
  es.onerror = () => {
    if (!opened) { es.close(); note("SSE unavailable: falling back"); connect(rest); return; }
    // Otherwise EventSource reconnects by itself, sending Last-Event-ID.
    if (es.readyState === EventSource.CLOSED) { state.es = null; setTimeout(() => connect(TRANSPORTS), 1000); }
  };
}

async function pollLoop() {
  setTransport("poll");
  while (state.transport === "poll") {
    const q = new URLSearchParams({ after: String(state.lastSeq), timeout: "20s" });
    if (state.instance) q.set("instance", state.instance);
    try {
      const res = await fetch(`/rooms/${state.room}/poll?${q}`, { headers: { Authorization: "Bearer " + state.token } });
      if (res.status === 200) {
        const body = await res.json();
        state.instance = body.instance;
        if (body.reset) { handle({ type: "reset" }); state.lastSeq = 0; }
        body.events.forEach(handle);
      } else if (res.status !== 204) {
        throw new Error("status " + res.status);
      }
    } catch (e) {
      note("poll failed (" + e.message + "): retrying");
      await sleep(2000);
    }
  }
}

async function refreshPresence() {
  const res = await fetch(`/rooms/${state.room}/presence`, { headers: { Authorization: "Bearer " + state.token } });
  if (res.ok) $("presence").textContent = (await res.json()).users.join(", ") || "—";
}

$("join").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await fetch("/token", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: $("name").value }),
  });
  const body = await res.json();
  if (!res.ok) { note("cannot join: " + body.detail); return; }
  state.token = body.token;
  state.room = $("room").value;
  $("join").querySelectorAll("input, button").forEach((el) => (el.disabled = true));
  $("text").disabled = $("send-button").disabled = false;
  connect(TRANSPORTS);
  refreshPresence();
  setInterval(refreshPresence, 5000);
});

$("send").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("text").value;
  if (!text) return;
  $("text").value = "";
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify({ type: "send", text }));
    return;
  }
  // SSE and long polling only receive: sending is a plain POST.
  const res = await fetch(`/rooms/${state.room}/messages`, {
    method: "POST",
    headers: { Authorization: "Bearer " + state.token, "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (!res.ok) note("not sent: " + (await res.json()).detail);
});
