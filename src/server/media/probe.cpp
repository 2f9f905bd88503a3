#include "server/media/probe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <vector>

extern char** environ;

namespace salik {
namespace {

using nlohmann::json;

constexpr size_t kMaxOutputBytes = 8 * 1024 * 1024;

struct RunOutput {
  bool spawned = false;
  bool ok = false;  // exited 0 in time
  std::string out;
  std::string err;
};

int64_t MillisNow() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Runs argv[0] (an absolute path) with stdout and stderr captured; kills it at the deadline.
RunOutput Run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  RunOutput result;
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return result;
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return result;
  }
  result.spawned = true;

  const int64_t deadline = MillisNow() + timeout.count();
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  bool timed_out = false;
  char buf[16 * 1024];
  while (open_fds > 0) {
    int64_t left = deadline - MillisNow();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    int n = poll(fds, 2, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = read(fds[k].fd, buf, sizeof buf);
      if (got > 0 && sinks[k]->size() < kMaxOutputBytes) sinks[k]->append(buf, static_cast<size_t>(got));
      if (got <= 0) {
        close(fds[k].fd);
        fds[k].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.ok = !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return result;
}

std::optional<double> NumberText(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (!it->is_string()) return std::nullopt;
  char* end = nullptr;
  const std::string& s = it->get_ref<const std::string&>();
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return std::nullopt;
  return v;
}

// A file written without a duration in its header (MediaRecorder's WebM) is measured by its
// last packet: the end of the packet that ends last.
std::optional<double> DurationFromPackets(const std::filesystem::path& file, std::chrono::milliseconds timeout) {
  RunOutput run = Run({"/usr/bin/ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time", "-of",
                       "json", file.string()},
                      timeout);
  if (!run.ok) return std::nullopt;
  json j = json::parse(run.out, nullptr, false);
  if (!j.is_object() || !j.contains("packets") || !j["packets"].is_array()) return std::nullopt;
  std::optional<double> end;
  for (const auto& p : j["packets"]) {
    auto pts = NumberText(p, "pts_time");
    if (!pts) continue;
    double e = *pts + NumberText(p, "duration_time").value_or(0.0);
    if (!end || e > *end) end = e;
  }
  return end;
}

}  // namespace

std::optional<ProbeResult> ProbeMedia(const std::filesystem::path& file, std::chrono::milliseconds timeout) {
  // -count_packets makes ffprobe read the whole file, so a file cut short prints an error.
  RunOutput run = Run({"/usr/bin/ffprobe", "-v", "error", "-count_packets", "-show_entries",
                       "format=duration:stream=codec_type,width,height,duration:stream_disposition=attached_pic",
                       "-of", "json", file.string()},
                      timeout);
  // A server without ffprobe cannot judge any recording: that is our fault (500), not the file's.
  if (!run.spawned) throw std::runtime_error("cannot run /usr/bin/ffprobe (install Debian's ffmpeg package)");
  if (!run.ok || !run.err.empty()) return std::nullopt;
  json j = json::parse(run.out, nullptr, false);
  if (!j.is_object() || !j.contains("streams") || !j["streams"].is_array()) return std::nullopt;

  ProbeResult r;
  std::optional<double> longest_stream;
  for (const auto& s : j["streams"]) {
    if (!s.is_object()) continue;
    std::string type = s.value("codec_type", "");
    bool cover = s.contains("disposition") && s["disposition"].is_object() &&
                 s["disposition"].value("attached_pic", 0) == 1;
    if (type == "audio") r.has_audio = true;
    if (type == "video" && !cover) {
      if (!r.has_video) {
        if (auto w = NumberText(s, "width")) r.width = static_cast<int>(*w);
        if (auto h = NumberText(s, "height")) r.height = static_cast<int>(*h);
      }
      r.has_video = true;
    }
    if (auto d = NumberText(s, "duration"); d && (!longest_stream || *d > *longest_stream)) longest_stream = d;
  }
  if (j.contains("format") && j["format"].is_object()) r.duration = NumberText(j["format"], "duration");
  if (!r.duration) r.duration = longest_stream;
  if (!r.duration) r.duration = DurationFromPackets(file, timeout);
  return r;
}

}  // namespace salik
