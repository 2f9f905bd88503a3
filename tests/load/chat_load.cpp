// Chat load generator: N simulated users on loopback, two per conversation, over the real
// WebSocket protocol. Prints figures (delivered messages per second, delivery latency p50/p99/max,
// server memory per connection, errors); it never passes or fails on a time.
//
//   salik_chat_load --http http://127.0.0.1:PORT --admin EMAIL:PASSWORD [--pairs 500]
//                   [--rate 10] [--seconds 10] [--closed-seconds 10] [--server-pid PID] [--batch 1]
//                   [--pin SERVER_CPU:GENERATOR_CPU] [--floor 1]
//
// --pin 1:0 moves every server thread to CPU 1 and this generator to CPU 0 once the setup is
// done (the setup's password hashing may use every core), so the measured phases compare.
// --batch 1 (the default) says "batch": true in hello, so the server may join queued frames into
// one batch frame; --batch 0 gets one WebSocket message per frame. Each phase also prints the
// generator's own CPU use, to show whether it, rather than the server, was the limit.
//
// --floor 1 skips the setup and runs the same load against salik_relay_floor (relay_floor.cpp, a
// relay that stores nothing) at --http: the floor under the server's figures.
//
// Setup goes through the REST API (sign-ups, verification, issues, responses, conversations),
// so the server must run with generous limits (SALIK_API_RATE_PER_MINUTE,
// SALIK_MESSAGE_RATE_PER_MINUTE; scripts/bench.sh chat sets them). The simulated users then run
// on one thread that speaks WebSocket by hand (load_loop.hpp).
#include <utility>  // before Asio: g++ 12 needs std::exchange

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sched.h>
#include <iterator>
#include <sstream>
#include <string_view>
#include <unistd.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "load_loop.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using salik::load::Phase;
using salik::load::Stats;

namespace {

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "8080";
  std::string admin_email, admin_password;
  int pairs = 500;
  int rate = 10;  // messages per second per connection, open loop
  int seconds = 10;
  int closed_seconds = 10;
  int server_pid = 0;
  bool batch = true;
  int pin_server_cpu = -1, pin_self_cpu = -1;
  bool floor = false;  // against relay_floor.cpp: no REST setup, seats named by their tokens
};

// Every thread of `pid` (0: this process) onto one CPU; threads started later inherit it.
void PinProcess(int pid, int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  std::string tasks = pid ? "/proc/" + std::to_string(pid) + "/task" : std::string("/proc/self/task");
  for (const auto& entry : std::filesystem::directory_iterator(tasks))
    if (sched_setaffinity(std::stoi(entry.path().filename().string()), sizeof set, &set) != 0)
      std::perror("sched_setaffinity");
}

// --- a tiny synchronous REST client for the setup
json Call(const Options& o, http::verb verb, const std::string& target, const json& body, const std::string& token,
          int* status_out = nullptr) {
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.connect(resolver.resolve(o.host, o.port));
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, o.host);
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (!body.is_null()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body.dump();
    req.prepare_payload();
  }
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  if (status_out) *status_out = static_cast<int>(res.result_int());
  return json::parse(res.body(), nullptr, false);
}

json MustCall(const Options& o, http::verb verb, const std::string& target, const json& body, const std::string& token) {
  int status = 0;
  json j = Call(o, verb, target, body, token, &status);
  if (status >= 300) throw std::runtime_error(target + " answered " + std::to_string(status) + ": " + j.dump());
  return j;
}

struct User {
  std::string id, token;
};
struct Pair {
  User customer, mechanic;
  std::string conversation_id;
};

// Runs f(i) for i in [0, n) on a few threads (sign-ups hash passwords: the server is the bottleneck).
template <typename F>
void Parallel(int n, F f) {
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = next++; i < n; i = next++) f(i);
    });
  for (auto& t : threads) t.join();
}

// The relay floor's seats: no accounts, the token names the pair and the side.
std::vector<Pair> FloorSeats(const Options& o) {
  std::vector<Pair> pairs(o.pairs);
  for (int i = 0; i < o.pairs; ++i) {
    std::string pair = std::to_string(i);
    pairs[i] = Pair{User{"", "floor:" + pair + ":0"}, User{"", "floor:" + pair + ":1"}, "floor-" + pair};
  }
  return pairs;
}

std::vector<Pair> Setup(const Options& o) {
  std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
  std::vector<Pair> pairs(o.pairs);
  json admin = MustCall(o, http::verb::post, "/api/auth/login", {{"email", o.admin_email}, {"password", o.admin_password}}, "");
  std::string admin_token = admin["token"];
  Parallel(o.pairs, [&](int i) {
    auto signup = [&](const std::string& role) {
      json j = MustCall(o, http::verb::post, "/api/auth/signup",
                        {{"email", role + run + "-" + std::to_string(i) + "@load.test"},
                         {"password", "load-test-password"}, {"full_name", "Load " + role + " " + std::to_string(i)},
                         {"city", "Dubai"}, {"role", role}}, "");
      return User{j["user"]["id"], j["token"]};
    };
    Pair& p = pairs[i];
    p.customer = signup("customer");
    p.mechanic = signup("mechanic");
    MustCall(o, http::verb::post, "/api/mechanics/" + p.mechanic.id + "/verify", {{"decision", "verified"}}, admin_token);
    json issue = MustCall(o, http::verb::post, "/api/issues",
                          {{"title", "Load test issue " + std::to_string(i)}, {"description", "Engine knocks on cold starts."},
                           {"category", "engine"}, {"car_make", "Toyota"}, {"car_model", "Camry"}, {"car_year", 2020}},
                          p.customer.token);
    std::string issue_id = issue["id"];
    MustCall(o, http::verb::post, "/api/issues/" + issue_id + "/responses",
             {{"initial_diagnosis", "Probably a worn timing chain tensioner."}, {"estimated_cost_min", 10000},
              {"estimated_cost_max", 30000}}, p.mechanic.token);
    json conv = MustCall(o, http::verb::post, "/api/conversations", {{"issue_id", issue_id}, {"mechanic_id", p.mechanic.id}},
                         p.customer.token);
    p.conversation_id = conv["id"];
  });
  return pairs;
}

long RssKb(int pid) {
  if (!pid) return 0;
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

// CPU seconds (user + system) a process has used so far; 0 for pid 0 means this process.
double CpuSeconds(int pid) {
  std::ifstream f(pid ? "/proc/" + std::to_string(pid) + "/stat" : std::string("/proc/self/stat"));
  std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto after_name = stat.rfind(')');  // the command name may hold spaces
  if (after_name == std::string::npos) return 0;
  std::istringstream fields(stat.substr(after_name + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // state … cmajflt
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU used by the server and by this generator over one phase.
struct CpuMeter {
  int server_pid;
  double server0 = CpuSeconds(server_pid), self0 = CpuSeconds(0);
  std::string Text(double seconds) const {
    char text[96];
    std::snprintf(text, sizeof text, "CPU: server %3.0f%%, generator %3.0f%%",
                  100 * (CpuSeconds(server_pid) - server0) / seconds, 100 * (CpuSeconds(0) - self0) / seconds);
    return text;
  }
};

// Rates are per second of the window the io thread actually counted, which a busy io thread
// can stretch past the nominal phase length.
void Report(const char* phase, Stats s, long rss_kb, const CpuMeter& cpu) {
  const double seconds = s.window_s;
  auto pct = [](std::vector<double>& v, double p) {
    return v.empty() ? 0.0 : v[std::min(v.size() - 1, size_t(p * v.size()))];
  };
  auto& lat = s.latencies_ms;
  std::sort(lat.begin(), lat.end());
  auto& lag = s.loop_lag_ms;
  std::sort(lag.begin(), lag.end());
  std::printf("%-32s %9.0f msg/s delivered (%.0f sent/s)   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms   errors %llu   dup/late %llu/%llu   server RSS %ld KB   %s   generator lag p99 %.1f max %.1f ms\n",
              phase, s.delivered / seconds, s.sent / seconds, pct(lat, 0.5), pct(lat, 0.99), lat.empty() ? 0.0 : lat.back(),
              static_cast<unsigned long long>(s.errors), static_cast<unsigned long long>(s.duplicates),
              static_cast<unsigned long long>(s.late), rss_kb, cpu.Text(seconds).c_str(), pct(lag, 0.99),
              lag.empty() ? 0.0 : lag.back());
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--http") {
      auto hostport = v.substr(v.find("//") + 2);
      o.host = hostport.substr(0, hostport.find(':'));
      o.port = hostport.substr(hostport.find(':') + 1);
    } else if (k == "--admin") {
      o.admin_email = v.substr(0, v.find(':'));
      o.admin_password = v.substr(v.find(':') + 1);
    } else if (k == "--pairs") {
      o.pairs = std::stoi(v);
    } else if (k == "--rate") {
      o.rate = std::stoi(v);
    } else if (k == "--seconds") {
      o.seconds = std::stoi(v);
    } else if (k == "--closed-seconds") {
      o.closed_seconds = std::stoi(v);
    } else if (k == "--server-pid") {
      o.server_pid = std::stoi(v);
    } else if (k == "--batch") {
      o.batch = v != "0";
    } else if (k == "--floor") {
      o.floor = v != "0";
    } else if (k == "--pin") {
      o.pin_server_cpu = std::stoi(v.substr(0, v.find(':')));
      o.pin_self_cpu = std::stoi(v.substr(v.find(':') + 1));
    }
  }
  auto t0 = Clock::now();
  std::vector<Pair> pairs = o.floor ? FloorSeats(o) : Setup(o);
  std::printf("setup: %d conversations, %d users in %.1f s\n", o.pairs, 2 * o.pairs,
              std::chrono::duration<double>(Clock::now() - t0).count());

  if (o.pin_server_cpu >= 0 && o.server_pid) {
    PinProcess(o.server_pid, o.pin_server_cpu);
    PinProcess(0, o.pin_self_cpu);
    std::printf("pinned: server on CPU %d, generator on CPU %d\n", o.pin_server_cpu, o.pin_self_cpu);
  }
  long rss_before = RssKb(o.server_pid);
  std::vector<salik::load::Seat> seats;
  for (const Pair& p : pairs) {
    seats.push_back({p.customer.token, p.conversation_id});
    seats.push_back({p.mechanic.token, p.conversation_id});
  }
  salik::load::LoadSettings settings;
  settings.host = o.host;
  settings.port = static_cast<uint16_t>(std::stoi(o.port));
  settings.rate = o.rate;
  settings.batch = o.batch;
  salik::load::LoadLoop load(settings, std::move(seats));
  for (int waited = 0; load.Connected() < 2 * o.pairs && waited < 300; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  long rss_idle = RssKb(o.server_pid);
  std::printf("connections: %d open; server RSS %ld KB before, %ld KB idle with them: %.1f KB per connection\n",
              load.Connected(), rss_before, rss_idle,
              load.Connected() ? double(rss_idle - rss_before) / load.Connected() : 0.0);

  load.Snapshot(true);
  load.SetPhase(Phase::ClosedLoop);
  CpuMeter closed_cpu{o.server_pid};
  std::this_thread::sleep_for(std::chrono::seconds(o.closed_seconds));
  Report("closed loop (send after ack)", load.Snapshot(true), RssKb(o.server_pid), closed_cpu);

  load.SetPhase(Phase::OpenLoop);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // let the closed loop's backlog drain
  // After the 10 s closed loop the generator's own loop was seen to lag 10-40 ms for up to ~2 s
  // more (cause not found): the window starts once a quarter second passes with its 5 ms timer
  // never more than 5 ms late, or after 10 s more at most. Only the generator's lag decides,
  // never the latencies the window is to measure.
  auto settle_from = Clock::now();
  bool settled = false;
  for (int tries = 0; tries < 40 && !settled; ++tries) {
    load.Snapshot(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    Stats quarter = load.Snapshot(false);
    // No sample at all means no tick ran in the quarter: a stall, not a quiet loop.
    settled = !quarter.loop_lag_ms.empty() &&
              *std::max_element(quarter.loop_lag_ms.begin(), quarter.loop_lag_ms.end()) <= 5.0;
  }
  double waited = std::chrono::duration<double>(Clock::now() - settle_from).count();
  if (settled)
    std::printf("open loop: the generator's loop settled; the window starts %.1f s after the 2 s drain\n", waited);
  else
    std::printf("open loop: the generator's loop did not settle within %.0f s; measuring anyway\n", waited);
  load.Snapshot(true);
  CpuMeter open_cpu{o.server_pid};
  std::this_thread::sleep_for(std::chrono::seconds(o.seconds));
  std::string label = "open loop " + std::to_string(2 * o.pairs) + " x " + std::to_string(o.rate) + " msg/s";
  Report(label.c_str(), load.Snapshot(true), RssKb(o.server_pid), open_cpu);

  load.SetPhase(Phase::Stop);
  // Messages still on their way arrive before the order check.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  salik::load::OrderCheck check = load.Finish();
  std::printf("order check: %llu of %d connections checked, %llu messages never delivered below the newest each got\n",
              static_cast<unsigned long long>(check.checked), 2 * o.pairs, static_cast<unsigned long long>(check.missing));
  return 0;
}
