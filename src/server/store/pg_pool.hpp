// A small pool of PostgreSQL connections. Connections open on demand up to a maximum; one that
// comes back broken or mid-transaction is closed, so a restarted server heals on the next call.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/store/pg_connection.hpp"

namespace salik {

class PgPool {
 public:
  // Opens the first connection at once, so a wrong URL fails at start-up.
  PgPool(std::string url, int max_connections);

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    PgConnection& operator*() { return *conn_; }
    PgConnection* operator->() { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // Waits for a free connection; throws StoreError if none frees up in time.
  Lease Acquire();

 private:
  void Return(std::unique_ptr<PgConnection> conn);

  const std::string url_;
  const int max_connections_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // idle plus leased
};

}  // namespace salik
