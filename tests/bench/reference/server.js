// Socket.IO 4.8 reference server for OComms' realtime benchmark (tests/bench/realtime.sh).
//
// The same workload semantics as OComms' chat over /api/ws, on the WebSocket transport only:
//   "subscribe" {channel_id}                     -> joins the channel's room; acks {channel_id, seq}
//   "message.send" {channel_id, text, client_id} -> the next per-channel seq; acks the sender with
//       {message_id, seq}, then emits "message.created" {message: {id, channel_id, seq, author_id, text,
//       client_id, created_at}} to the room, sender included.
// Messages live only in memory: OComms stores each one in its database before it acks, this server
// does not, which favours it.
//
// Usage: node server.js [PORT]   (or PORT=...; HOST defaults to 127.0.0.1)
// Prints "listening <port>" once it accepts connections.
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`invalid port: ${process.argv[2] || process.env.PORT}`);
  process.exit(2);
}

const httpServer = http.createServer();
const io = new Server(httpServer, {
  transports: ["websocket"],
  perMessageDeflate: false,
  serveClient: false,
});

const lastSeqByChannel = new Map();
let lastMessageId = 0;
let lastAuthorId = 0;

function positiveInteger(value) {
  return Number.isSafeInteger(value) && value > 0;
}

function refuse(ack, field, message) {
  if (typeof ack === "function") ack({ error: { code: "invalid_field", message: `${field}: ${message}` } });
}

function roomOf(channelId) {
  return `channel:${channelId}`;
}

io.on("connection", (socket) => {
  // Stands in for the signed-in user; one per connection.
  const authorId = ++lastAuthorId;

  socket.on("subscribe", (body, ack) => {
    const channelId = body && body.channel_id;
    if (!positiveInteger(channelId)) return refuse(ack, "channel_id", "must be a positive integer");
    socket.join(roomOf(channelId));
    if (typeof ack === "function") ack({ channel_id: channelId, seq: lastSeqByChannel.get(channelId) || 0 });
  });

  socket.on("message.send", (body, ack) => {
    const channelId = body && body.channel_id;
    if (!positiveInteger(channelId)) return refuse(ack, "channel_id", "must be a positive integer");
    if (typeof body.text !== "string" || body.text.length === 0) return refuse(ack, "text", "must be a non-empty string");
    if (typeof body.client_id !== "string") return refuse(ack, "client_id", "must be a string");
    const seq = (lastSeqByChannel.get(channelId) || 0) + 1;
    lastSeqByChannel.set(channelId, seq);
    const message = {
      id: ++lastMessageId,
      channel_id: channelId,
      seq,
      author_id: authorId,
      text: body.text,
      client_id: body.client_id,
      created_at: new Date().toISOString(),
    };
    if (typeof ack === "function") ack({ message_id: message.id, seq });
    io.to(roomOf(channelId)).emit("message.created", { message });
  });
});

httpServer.listen({ port, host, backlog: 4096 }, () => console.log(`listening ${port}`));

// Nothing to save: the benchmark's driver stops the server between runs.
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
