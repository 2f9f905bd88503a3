// The seam between the WebSocket transport (server/http/websocket_session.cpp) and the realtime
// hub (plain C++, no Asio). The transport implements Connection; the hub
// answers each new connection with a ConnectionHandler.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace salik::ws {

// One open WebSocket, as the hub sees it. Thread-safe; neither call blocks: frames go to a
// per-connection queue that the I/O thread writes out in order.
class Connection {
 public:
  virtual ~Connection() = default;
  // Queues one text frame. Dropped once the connection is closing or closed.
  virtual void Send(std::string text) = 0;
  // Writes what is queued, then closes with a policy-violation code and `reason` (a short
  // sentence, at most 120 bytes). Later Sends are dropped.
  virtual void Close(std::string reason) = 0;
  // Bytes queued and not yet taken by the writer. The hub sends a long replay page by page,
  // each once this has drained, so a resume far back never fills the queue.
  virtual size_t QueuedBytes() = 0;
  // Writes the frames this connection held back during a SendBatch (see there).
  virtual void FlushHeld() {}
};

// While one lives on a thread, a Send on that thread may be held back (the transport holds a
// frame when nothing else waits for its connection), and each connection that held one is
// flushed once when the outermost batch ends. A shard's ack and message frames for one
// connection then leave in one socket write, and its reader wakes once. Only for short work
// that does not block.
class SendBatch {
 public:
  SendBatch();
  ~SendBatch();
  SendBatch(const SendBatch&) = delete;
  SendBatch& operator=(const SendBatch&) = delete;
  // For transports: true when the calling thread is in a batch, which then flushes `c` at its end.
  static bool Join(std::shared_ptr<Connection> c);
};

// What the transport tells the hub about one connection, in this order: OnFirstFrame once,
// then OnFrame for each later frame, then OnClosed once. OnHelloTimeout may come instead of
// OnFirstFrame.
class ConnectionHandler {
 public:
  virtual ~ConnectionHandler() = default;
  // The first frame (it must be a hello). May block on the store: the transport calls it on a
  // worker thread and reads nothing more meanwhile. False when the connection was refused (the
  // handler has queued the error frame and the Close).
  virtual bool OnFirstFrame(const std::string& text, bool binary) = 0;
  // Each later frame, on the I/O thread: must not block.
  virtual void OnFrame(const std::string& text, bool binary) = 0;
  // No hello arrived in time.
  virtual void OnHelloTimeout() = 0;
  // The socket is gone (closed by either side or failed).
  virtual void OnClosed() = 0;
};

}  // namespace salik::ws
