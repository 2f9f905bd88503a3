// Upgrading a database that already holds chat data: migration 2 must start each conversation's
// seq from the messages it already has, so the next message neither collides nor leaves a gap;
// migration 6 rebuilds the idempotency key and must keep every message and resend rule.
// Migration 9 (SQLite) rebuilds messages again, for a cheaper message type check.
#include "server/store/pg_connection.hpp"
#include "server/store/postgres_schema.hpp"
#include "server/store/sqlite_db.hpp"
#include "server/store/sqlite_schema.hpp"
#include "store_backends.hpp"
#include "temp_dir.hpp"

using namespace salik;
using namespace salik::testing;

namespace {

const char* const kCustomer = "11111111-1111-4111-8111-111111111111";
const char* const kMechanic = "22222222-2222-4222-8222-222222222222";
const char* const kTalked = "44444444-4444-4444-8444-444444444444";
const char* const kSilent = "55555555-5555-4555-8555-555555555555";

// Plain SQL that both databases accept (PostgreSQL casts the quoted literals to uuid and time).
const char* const kVersionOneData = R"SQL(
INSERT INTO profiles (id, email, password_hash, role, full_name) VALUES
  ('11111111-1111-4111-8111-111111111111', 'owner@example.test', 'h', 'customer', 'Old Owner'),
  ('22222222-2222-4222-8222-222222222222', 'mech@example.test', 'h', 'mechanic', 'Old Mechanic');
INSERT INTO car_issues (id, customer_id, title, description, car_make, car_model, car_year, category) VALUES
  ('33333333-3333-4333-8333-333333333331', '11111111-1111-4111-8111-111111111111', 'First', 'd', 'Kia', 'Rio', 2015, 'engine'),
  ('33333333-3333-4333-8333-333333333332', '11111111-1111-4111-8111-111111111111', 'Second', 'd', 'Kia', 'Rio', 2015, 'engine');
INSERT INTO conversations (id, issue_id, customer_id, mechanic_id, created_at, last_message_at) VALUES
  ('44444444-4444-4444-8444-444444444444', '33333333-3333-4333-8333-333333333331',
   '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222',
   '2025-06-01T10:00:00.000Z', '2025-06-01T10:05:00.000Z'),
  ('55555555-5555-4555-8555-555555555555', '33333333-3333-4333-8333-333333333332',
   '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222',
   '2025-06-02T10:00:00.000Z', '2025-06-02T10:00:00.000Z');
INSERT INTO messages (id, conversation_id, seq, client_id, sender_id, content, created_at) VALUES
  ('66666666-6666-4666-8666-666666666661', '44444444-4444-4444-8444-444444444444', 1, 'a',
   '11111111-1111-4111-8111-111111111111', 'one', '2025-06-01T10:01:00.000Z'),
  ('66666666-6666-4666-8666-666666666662', '44444444-4444-4444-8444-444444444444', 2, 'b',
   '22222222-2222-4222-8222-222222222222', 'two', '2025-06-01T10:02:00.000Z'),
  ('66666666-6666-4666-8666-666666666663', '44444444-4444-4444-8444-444444444444', 3, 'c',
   '11111111-1111-4111-8111-111111111111', 'three', '2025-06-01T10:05:00.000Z');
)SQL";

// A database as version 1 of the schema left it, holding kVersionOneData.
void CreateVersionOne(const std::string& url) {
  const std::string sqlite = "sqlite://";
  if (url.rfind(sqlite, 0) == 0) {
    SqliteDb db(url.substr(sqlite.size()));
    db.ExecScript(SqliteMigrations().at(0).sql);
    db.ExecScript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
        "INSERT INTO schema_migrations VALUES (1, 'initial schema', '2025-01-01T00:00:00.000Z');");
    db.ExecScript(kVersionOneData);
  } else {
    PgConnection conn(url);
    conn.ExecScript(PostgresMigrations().at(0).sql);
    conn.ExecScript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT now());"
        "INSERT INTO schema_migrations (version, name) VALUES (1, 'initial schema');");
    conn.ExecScript(kVersionOneData);
  }
}

}  // namespace

STORE_RULE("upgrading a database with messages continues each conversation's seqs") {
  std::string url = db.EmptyDatabaseUrl();
  CreateVersionOne(url);
  auto upgraded = OpenStore(url);
  upgraded->Migrate();

  auto talked = upgraded->FindConversation(kTalked);
  REQUIRE(talked);
  CHECK(talked->last_seq == 3);
  CHECK(talked->last_message == "three");
  CHECK(talked->last_message_at == "2025-06-01T10:05:00.000Z");
  // Nobody marked anything read before the marks existed; each side has read what it sent.
  CHECK(talked->customer_read_seq == 3);
  CHECK(talked->mechanic_read_seq == 2);
  CHECK(talked->engaged_at.empty());
  auto silent = upgraded->FindConversation(kSilent);
  REQUIRE(silent);
  CHECK(silent->last_seq == 0);
  CHECK(upgraded->ListMessagesAfter(kTalked, 0, 10).size() == 3);
  CHECK(upgraded->FindMessage("66666666-6666-4666-8666-666666666662")->edited_at.empty());

  auto message = [](const char* id, const char* sender, const char* client_id) {
    Message m;
    m.id = id;
    m.conversation_id = kTalked;
    m.sender_id = sender;
    m.client_id = client_id;
    m.content = "four";
    m.created_at = "2025-06-01T10:06:00.000Z";
    return m;
  };
  auto results = upgraded->AppendMessages({message("77777777-7777-4777-8777-777777777777", kMechanic, "d")});
  CHECK(results[0].created);
  CHECK(results[0].message.seq == 4);
  // A resend of a message stored before the upgrade is still recognised.
  auto resend = upgraded->AppendMessages({message("77777777-7777-4777-8777-777777777778", kCustomer, "c")});
  CHECK_FALSE(resend[0].created);
  CHECK(resend[0].message.seq == 3);
  // The key is still (client id, sender, conversation): the same client id from the other
  // participant is a new message.
  auto other = upgraded->AppendMessages({message("77777777-7777-4777-8777-777777777779", kMechanic, "c")});
  CHECK(other[0].created);
  CHECK(other[0].message.seq == 5);
  CHECK(upgraded->ListMessagesAfter(kTalked, 0, 10).size() == 5);
}

TEST_CASE("the SQLite message type check still refuses unknown types, without a temporary index per insert [sqlite]",
          "[store][sqlite]") {
  testing::TempDir dir;
  const std::string path = (dir / "salik.db").string();
  CreateVersionOne("sqlite://" + path);
  OpenStore("sqlite://" + path)->Migrate();

  SqliteDb db(path);
  auto insert_typed = [&](const char* id, int64_t seq, const char* type) {
    SqliteStatement(db,
                    "INSERT INTO messages (id, conversation_id, seq, sender_id, content, message_type, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, 'x', ?5, '2025-06-01T11:00:00.000Z')",
                    {id, kTalked, seq, kCustomer, type})
        .Run();
  };
  CHECK_THROWS_WITH(insert_typed("88888888-8888-4888-8888-888888888881", 10, "sticker"),
                    Catch::Contains("CHECK constraint failed"));
  CHECK_THROWS(insert_typed("88888888-8888-4888-8888-888888888882", 11, "Text"));
  const std::vector<std::string> known{"text", "image", "audio", "video", "file", "system", "diagnosis"};
  for (size_t i = 0; i < known.size(); ++i)
    insert_typed(("88888888-8888-4888-8888-88888888890" + std::to_string(i)).c_str(), 20 + static_cast<int64_t>(i),
                 known[i].c_str());
  SqliteStatement count(db, "SELECT count(*) AS n FROM messages WHERE conversation_id = ?1", {kTalked});
  REQUIRE(count.Step());
  CHECK(count.Int64("n") == 3 + 7);

  // The plan of a message insert: no OpenEphemeral, the temporary index IN (...) built per row.
  SqliteStatement plan(db,
                       "EXPLAIN INSERT INTO messages (id, conversation_id, seq, sender_id, content, message_type, "
                       "created_at) VALUES ('m', 'c', 1, 's', 'x', 'text', 't')");
  int ops = 0, ephemeral = 0;
  while (plan.Step()) {
    ++ops;
    if (plan.Text("opcode") == "OpenEphemeral") ++ephemeral;
  }
  CHECK(ops > 10);
  CHECK(ephemeral == 0);

  // The attachment index came back with the rebuilt table.
  SqliteStatement index(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'idx_messages_media'");
  REQUIRE(index.Step());
  CHECK_THAT(index.Text("sql"), Catch::Contains("WHERE media_id IS NOT NULL"));
}

TEST_CASE("SQLite migration 9 keeps the messages table's columns, keys and indexes [sqlite]", "[store][sqlite]") {
  testing::TempDir dir;
  SqliteDb db((dir / "salik.db").string());
  auto shape = [&db] {
    std::string out;
    for (const char* sql :
         {"SELECT group_concat(name || ':' || type || ':' || \"notnull\" || ':' || ifnull(dflt_value, '-') || ':' || pk, "
          "' ') AS answer FROM pragma_table_xinfo('messages')",
          "SELECT group_concat(\"table\" || '.' || \"to\" || '<' || \"from\" || ':' || on_delete, ' ') AS answer "
          "FROM pragma_foreign_key_list('messages')",
          "SELECT group_concat(il.\"unique\" || ':' || il.partial || ':' || "
          "(SELECT group_concat(name) FROM pragma_index_info(il.name)), ' ') AS answer FROM pragma_index_list('messages') il"}) {
      SqliteStatement st(db, sql);
      REQUIRE(st.Step());
      out += st.Text("answer") + "\n";
    }
    return out;
  };
  const auto& migrations = SqliteMigrations();
  REQUIRE(migrations.at(8).version == 9);
  for (size_t i = 0; i < 8; ++i) db.ExecScript(migrations[i].sql);
  const std::string before = shape();
  db.ExecScript(migrations[8].sql);
  CHECK(shape() == before);
  CHECK_THAT(before, Catch::Contains("conversations.id<conversation_id:CASCADE"));
  CHECK_THAT(before, Catch::Contains("1:0:client_id,sender_id,conversation_id"));
  CHECK_THAT(before, Catch::Contains("0:1:media_id"));
}
