// salik-server: reads its settings from the environment (server/app/config.hpp), opens the
// store, and serves the API and the web app until SIGINT or SIGTERM.
//   --demo    fill an empty database with demo data and print the sign-ins
//   --routes  print the API route table ("METHOD /pattern") and exit
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "server/app/api_routes.hpp"
#include "server/app/config.hpp"
#include "server/app/context.hpp"
#include "server/app/front_door.hpp"
#include "server/auth/admin_bootstrap.hpp"
#include "server/cluster/redis_cluster.hpp"
#include "server/demo/demo_data.hpp"
#include "server/http/listener.hpp"
#include "server/media/media_service.hpp"
#include "server/media/unsent_media_sweeper.hpp"
#include "server/store/store.hpp"
#include "server/ws/chat_socket.hpp"

namespace {

constexpr int kIoThreads = 2;
// Handlers block on Argon2id (64 MiB each) and the database: a few at a time is plenty.
constexpr int kHandlerThreads = 4;
// Realtime hub shards: each a thread that group-commits its conversations' messages.
constexpr int kHubShards = 4;

int Usage(const char* self) {
  std::cerr << "usage: " << self << " [--demo] [--routes]\n"
            << "Settings come from SALIK_PORT, SALIK_HOST, SALIK_DATA_DIR, SALIK_DATABASE_URL,\n"
            << "SALIK_WEB_ROOT, SALIK_ADMIN_EMAIL, SALIK_ADMIN_PASSWORD, SALIK_API_RATE_PER_MINUTE,\n"
            << "SALIK_MESSAGE_RATE_PER_MINUTE, SALIK_ALLOWED_ORIGINS, SALIK_REDIS_URL, SALIK_INSTANCE_ID,\n"
            << "SALIK_WS_SESSION_CHECK_SECONDS, SALIK_WS_KEEPALIVE_SECONDS, SALIK_INSTANCE_TTL_SECONDS,\n"
            << "SALIK_MEDIA_SECRET, SALIK_MEDIA_URL_TTL_SECONDS, SALIK_UPLOAD_RATE_PER_HOUR,\n"
            << "SALIK_UNSENT_MEDIA_KEEP_SECONDS, SALIK_UNSENT_MEDIA_SWEEP_SECONDS.\n";
  return 2;
}

int PrintRoutes() {
  for (const auto& route : salik::BuildApiRouter().Routes()) std::cout << route.method << ' ' << route.pattern << '\n';
  return 0;
}

int Serve(bool demo) {
  salik::ServerConfig config = salik::LoadConfigFromEnv();
  config.demo = demo;
  std::filesystem::create_directories(config.data_dir);

  auto store = salik::OpenStore(config.database_url);
  store->Migrate();
  salik::BootstrapAdmin(*store, config);
  if (config.demo) salik::SeedDemoData(*store, std::cout);

  salik::AppContext ctx(*store, config);
  // Several instances behind a load balancer share fan-out, presence and limits through Redis.
  std::shared_ptr<salik::cluster::RedisCluster> cluster;
  if (!config.redis_url.empty()) {
    cluster = std::make_shared<salik::cluster::RedisCluster>(config.redis_url, config.instance_id, config.instance_ttl);
    ctx.api_limiter.UseShared(cluster, "api:");
    ctx.issue_limiter.UseShared(cluster, "issue:");
    ctx.message_limiter.UseShared(cluster, "message:");
    ctx.reaches_redis = [c = cluster.get()] { return c->Reachable(); };
    std::cout << "Instance " << config.instance_id << " shares realtime and limits through " << config.redis_url << std::endl;
  }
  ctx.media = std::make_shared<salik::MediaService>(salik::LoadMediaSettingsFromEnv(config.data_dir));
  ctx.media->TidyAfterCrash(*store);
  salik::UnsentMediaSweeper unsent_media_sweeper(*store, *ctx.media);
  salik::FrontDoor front_door(ctx);
  salik::HttpListener listener(config.host, config.port,
                               [&front_door](const salik::HttpRequest& req) { return front_door.Handle(req); },
                               kHandlerThreads);
  // Upload routes stream their bodies to files under the data folder (server/media).
  auto upload_routes = std::make_shared<const salik::Router>(salik::BuildApiRouter());
  listener.SetStreamingUploads({ctx.media->files().temp_dir(), [upload_routes](const salik::HttpRequest& req) {
                                  return upload_routes->UploadLimit(req);
                                }});
  // Declared after the listener so it is destroyed first: it holds connections that live on the
  // listener's I/O context. Run() has joined the request handlers by then.
  auto hub = salik::ws::StartHub(ctx, kHubShards, cluster.get());
  if (cluster) cluster->Start([h = hub.get()](const nlohmann::json& event) { h->OnClusterEvent(event); });
  listener.SetWebSocketRoute(salik::ws::ChatSocketRoute(ctx, *hub, listener.port()));
  std::cout << "SalikChat is running at http://localhost:" << listener.port() << std::endl;
  listener.Run(kIoThreads);
  if (cluster) cluster->Stop();  // its threads call into the hub, which goes first
  std::cerr << "SalikChat stopped." << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool demo = false, routes = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--demo") == 0) demo = true;
    else if (std::strcmp(argv[i], "--routes") == 0) routes = true;
    else return Usage(argv[0]);
  }
  if (routes) return PrintRoutes();
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server
  try {
    return Serve(demo);
  } catch (const std::exception& e) {
    std::cerr << "salik-server: " << e.what() << std::endl;
    return 1;
  }
}
