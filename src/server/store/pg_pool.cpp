#include "server/store/pg_pool.hpp"

#include <chrono>

namespace salik {

PgPool::PgPool(std::string url, int max_connections)
    : url_(std::move(url)), max_connections_(max_connections < 1 ? 1 : max_connections) {
  idle_.push_back(std::make_unique<PgConnection>(url_));
  open_ = 1;
}

PgPool::Lease::~Lease() {
  if (conn_) pool_->Return(std::move(conn_));
}

PgPool::Lease PgPool::Acquire() {
  std::unique_lock lock(mu_);
  bool ready = freed_.wait_for(lock, std::chrono::seconds(30),
                               [&] { return !idle_.empty() || open_ < max_connections_; });
  if (!ready) throw StoreError("postgres: no connection free after 30 s");
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  // Connecting takes a round trip or more; other callers need not wait for it.
  try {
    return Lease(*this, std::make_unique<PgConnection>(url_));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void PgPool::Return(std::unique_ptr<PgConnection> conn) {
  std::lock_guard lock(mu_);
  if (conn->Reusable()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  freed_.notify_one();
}

}  // namespace salik
