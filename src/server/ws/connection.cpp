#include "server/ws/connection.hpp"

#include <vector>

namespace salik::ws {
namespace {

thread_local int t_batch_depth = 0;
thread_local std::vector<std::shared_ptr<Connection>> t_held;

}  // namespace

SendBatch::SendBatch() { ++t_batch_depth; }

SendBatch::~SendBatch() {
  if (--t_batch_depth > 0) return;
  std::vector<std::shared_ptr<Connection>> held;
  held.swap(t_held);
  for (const auto& c : held) c->FlushHeld();
}

bool SendBatch::Join(std::shared_ptr<Connection> c) {
  if (t_batch_depth == 0) return false;
  t_held.push_back(std::move(c));
  return true;
}

}  // namespace salik::ws
