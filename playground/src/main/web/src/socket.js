// One WebSocket to /v1/ws shared by the page's runs. Browsers cannot set an Authorization
// header on a WebSocket, so an API key travels as the subprotocol "ion.key.<KEY>" next to
// "ion.v1", which the server picks (docs/PROTOCOL.md §3).

export const PROTOCOL = "ion.v1";
export const KEY_PREFIX = "ion.key.";

/** True when a key can be carried as a subprotocol (an HTTP token). */
export function keyFitsProtocol(key) {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key);
}

export class IonSocket {
  constructor(onFrame, onClosed) {
    this.onFrame = onFrame;
    this.onClosed = onClosed;
    this.ws = null;
    this.key = "";
    this.opening = null;
  }

  /** Resolves with an open socket for this key, reusing the current one when it fits. */
  open(key) {
    if (this.ws && this.key === key && this.ws.readyState === WebSocket.OPEN) return Promise.resolve(this.ws);
    if (this.opening && this.key === key) return this.opening;
    this.close();
    this.key = key;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/v1/ws`;
    const protocols = key ? [PROTOCOL, KEY_PREFIX + key] : [PROTOCOL];
    this.opening = new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WebSocket(url, protocols);
      } catch (e) {
        reject(new Error(`cannot open the WebSocket: ${e.message}`));
        return;
      }
      let opened = false;
      ws.onopen = () => {
        opened = true;
        this.ws = ws;
        this.opening = null;
        resolve(ws);
      };
      ws.onmessage = (m) => {
        let frame;
        try {
          frame = JSON.parse(m.data);
        } catch {
          return;
        }
        this.onFrame(frame);
      };
      ws.onclose = (e) => {
        if (this.ws === ws) this.ws = null;
        if (!opened) {
          this.opening = null;
          reject(new Error("the WebSocket was refused"));
        } else {
          this.onClosed(e);
        }
      };
    });
    return this.opening;
  }

  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new Error("not connected");
    this.ws.send(JSON.stringify(frame));
  }

  close() {
    const ws = this.ws;
    this.ws = null;
    this.opening = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, "key changed");
    }
  }
}

/** Why an upgrade was refused: the same request over HTTP shows the server's error body. */
export async function explainRefusal(key) {
  try {
    const r = await fetch("/v1/runs?limit=1", { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    if (r.ok) return "the WebSocket connection failed";
    const body = await r.json().catch(() => null);
    const message = body && body.error ? body.error.message : `HTTP ${r.status}`;
    return r.status === 401 ? `${message} (set the API key under "Limits and API key")` : message;
  } catch (e) {
    return `the server cannot be reached (${e.message})`;
  }
}
