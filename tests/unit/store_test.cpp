// Behaviour of the store, one suite run against both backends (see store_backends.hpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "server/util/clock.hpp"
#include "server/util/ids.hpp"
#include "store_backends.hpp"

using namespace salik;

namespace {

// Times the tests control: minutes (and milliseconds) after 2026-01-01T00:00:00Z.
std::string At(int minutes, int millis = 0) {
  auto start = std::chrono::system_clock::from_time_t(1767225600);
  return FormatUtc(start + std::chrono::minutes(minutes) + std::chrono::milliseconds(millis));
}

NewUser MakeUser(Role role, const std::string& name = "Sara Khan", const std::string& city = "Dubai") {
  NewUser u;
  u.id = NewUuid();
  u.email = u.id + "@example.test";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.full_name = name;
  u.city = city;
  u.role = role;
  u.created_at = At(0);
  return u;
}

std::string AddUser(Store& store, Role role, const std::string& name = "Sara Khan",
                    const std::string& city = "Dubai") {
  NewUser u = MakeUser(role, name, city);
  REQUIRE(store.CreateUser(u));
  return u.id;
}

Issue MakeIssue(const std::string& customer_id, int minute) {
  Issue i;
  i.id = NewUuid();
  i.customer_id = customer_id;
  i.title = "Grinding noise when braking";
  i.description = "For the past week I hear a metal grinding sound.";
  i.car_make = "Toyota";
  i.car_model = "Camry";
  i.car_year = 2022;
  i.car_mileage = 85000;
  i.category = Category::Brakes;
  i.urgency = Urgency::Normal;
  i.status = IssueStatus::Open;
  i.location_city = "Dubai";
  i.budget_range = BudgetRange::From50To200;
  i.is_public = true;
  i.created_at = At(minute);
  i.updated_at = At(minute);
  return i;
}

MechanicResponse MakeResponse(const std::string& issue_id, const std::string& mechanic_id, int minute) {
  MechanicResponse r;
  r.id = NewUuid();
  r.issue_id = issue_id;
  r.mechanic_id = mechanic_id;
  r.initial_diagnosis = "Sounds like worn brake pads rubbing the disc.";
  r.estimated_cost_min = 15000;
  r.estimated_cost_max = 40000;
  r.estimated_fix_time = "1-2 hours";
  r.confidence_level = Confidence::High;
  r.needs_video_call = true;
  r.created_at = At(minute);
  return r;
}

AuditEntry MakeAudit(const std::string& admin_id, const std::string& target_id, const std::string& action,
                     int minute) {
  return AuditEntry{NewUuid(), admin_id, action, target_id, "documents checked", At(minute)};
}

VerifyDecision Decision(VerificationStatus status, const std::string& reason = "") {
  VerifyDecision d;
  d.decision = status;
  d.reason = reason;
  return d;
}

std::vector<std::string> Ids(const std::vector<Issue>& issues) {
  std::vector<std::string> ids;
  for (const auto& i : issues) ids.push_back(i.id);
  return ids;
}

}  // namespace

// --- migrations

STORE_RULE("migrating again, from the same or a second store, keeps the data") {
  std::string id = AddUser(store, Role::Customer);
  store.Migrate();
  auto second = OpenStore(db.Url());
  second->Migrate();
  CHECK(second->FindUser(id).has_value());
  CHECK(store.FindUser(id).has_value());
}

// --- users and sessions

STORE_RULE("a new user is found by id and by email, with the password hash") {
  NewUser u = MakeUser(Role::Customer, "Omar Haddad", "Sharjah");
  u.created_at = At(5, 250);
  REQUIRE(store.CreateUser(u));

  auto by_id = store.FindUser(u.id);
  REQUIRE(by_id);
  CHECK(by_id->id == u.id);
  CHECK(by_id->email == u.email);
  CHECK(by_id->full_name == "Omar Haddad");
  CHECK(by_id->city == "Sharjah");
  CHECK(by_id->role == Role::Customer);
  CHECK(by_id->country == "AE");
  CHECK(by_id->is_active);
  CHECK(by_id->phone.empty());
  CHECK(by_id->created_at == At(5, 250));
  CHECK(by_id->updated_at == At(5, 250));

  auto by_email = store.FindUserByEmail(u.email);
  REQUIRE(by_email);
  CHECK(by_email->profile.id == u.id);
  CHECK(by_email->password_hash == u.password_hash);

  CHECK_FALSE(store.FindUserByEmail("nobody@example.test"));
  CHECK_FALSE(store.FindUser(NewUuid()));
}

STORE_RULE("a second account with the same email is refused and changes nothing") {
  NewUser first = MakeUser(Role::Customer, "First Owner");
  REQUIRE(store.CreateUser(first));
  NewUser second = MakeUser(Role::Mechanic, "Second Owner");
  second.email = first.email;
  CHECK_FALSE(store.CreateUser(second));
  CHECK_FALSE(store.FindUser(second.id));
  CHECK_FALSE(store.FindMechanic(second.id));
  CHECK(store.FindUserByEmail(first.email)->profile.full_name == "First Owner");
}

STORE_RULE("a mechanic account comes with an empty, pending mechanic profile; a customer's does not") {
  std::string mechanic = AddUser(store, Role::Mechanic, "Rashid Ali", "Ajman");
  std::string customer = AddUser(store, Role::Customer);

  auto m = store.FindMechanic(mechanic);
  REQUIRE(m);
  CHECK(m->full_name == "Rashid Ali");
  CHECK(m->city == "Ajman");
  CHECK(m->verification_status == VerificationStatus::Pending);
  CHECK(m->service_tier == ServiceTier::VirtualOnly);
  CHECK(m->bio.empty());
  CHECK(m->specializations.empty());
  CHECK(m->experience_years == 0);
  CHECK(m->hourly_rate == 0);
  CHECK(m->rating_avg == 0.0);
  CHECK(m->rating_count == 0);
  CHECK(m->is_available);
  CHECK(m->verified_at.empty());
  CHECK(m->verified_by.empty());
  CHECK(m->rejection_reason.empty());
  CHECK(m->created_at == At(0));

  CHECK_FALSE(store.FindMechanic(customer));
}

STORE_RULE("AnyAdminExists is true only once an admin account exists") {
  CHECK_FALSE(store.AnyAdminExists());
  AddUser(store, Role::Customer);
  AddUser(store, Role::Mechanic);
  CHECK_FALSE(store.AnyAdminExists());
  AddUser(store, Role::Admin);
  CHECK(store.AnyAdminExists());
}

STORE_RULE("a session finds its user before it expires and not from its expiry on") {
  std::string user = AddUser(store, Role::Customer, "Layla Noor");
  store.CreateSession("hash-1", user, At(0), At(60));

  auto found = store.FindSessionUser("hash-1", At(59, 999));
  REQUIRE(found);
  CHECK(found->id == user);
  CHECK(found->full_name == "Layla Noor");
  CHECK_FALSE(store.FindSessionUser("hash-1", At(60)));
  CHECK_FALSE(store.FindSessionUser("hash-1", At(61)));
  CHECK_FALSE(store.FindSessionUser("other-hash", At(1)));
}

STORE_RULE("a deleted session no longer finds its user, and other sessions live on") {
  std::string user = AddUser(store, Role::Customer);
  store.CreateSession("phone", user, At(0), At(60));
  store.CreateSession("laptop", user, At(0), At(60));
  store.DeleteSession("phone");
  CHECK_FALSE(store.FindSessionUser("phone", At(1)));
  CHECK(store.FindSessionUser("laptop", At(1)));
  store.DeleteSession("phone");  // deleting again is harmless
}

// --- issues

STORE_RULE("an issue reads back exactly, with its customer's name and its response count") {
  std::string customer = AddUser(store, Role::Customer, "Huda Saeed");
  Issue issue = MakeIssue(customer, 3);
  issue.created_at = At(3, 7);
  issue.updated_at = At(4, 999);
  issue.category = Category::Ac;
  issue.urgency = Urgency::Urgent;
  issue.budget_range = BudgetRange::Above500;
  store.CreateIssue(issue);

  auto found = store.FindIssue(issue.id);
  REQUIRE(found);
  CHECK(found->customer_id == customer);
  CHECK(found->customer_name == "Huda Saeed");
  CHECK(found->title == issue.title);
  CHECK(found->description == issue.description);
  CHECK(found->car_make == "Toyota");
  CHECK(found->car_model == "Camry");
  CHECK(found->car_year == 2022);
  CHECK(found->car_mileage == 85000);
  CHECK(found->category == Category::Ac);
  CHECK(found->urgency == Urgency::Urgent);
  CHECK(found->status == IssueStatus::Open);
  CHECK(found->location_city == "Dubai");
  CHECK(found->budget_range == BudgetRange::Above500);
  CHECK(found->is_public);
  CHECK(found->response_count == 0);
  CHECK(found->created_at == At(3, 7));
  CHECK(found->updated_at == At(4, 999));

  std::string m1 = AddUser(store, Role::Mechanic);
  std::string m2 = AddUser(store, Role::Mechanic);
  REQUIRE(store.CreateResponse(MakeResponse(issue.id, m1, 5)));
  REQUIRE(store.CreateResponse(MakeResponse(issue.id, m2, 6)));
  CHECK(store.FindIssue(issue.id)->response_count == 2);

  CHECK_FALSE(store.FindIssue(NewUuid()));
}

STORE_RULE("an issue without mileage reads back without mileage") {
  std::string customer = AddUser(store, Role::Customer);
  Issue issue = MakeIssue(customer, 1);
  issue.car_mileage.reset();
  store.CreateIssue(issue);
  CHECK_FALSE(store.FindIssue(issue.id)->car_mileage.has_value());
}

STORE_RULE("text comes back byte for byte, quotes, SQL and Arabic included") {
  std::string customer = AddUser(store, Role::Customer, "O'Brien \"Bob\" عبدالله");
  Issue issue = MakeIssue(customer, 1);
  issue.title = "Robert'); DROP TABLE car_issues;--";
  issue.description = "صوت غريب من المحرك عند التشغيل\nline two\ttab \\ backslash % _ $1 ?1";
  issue.location_city = "أبوظبي";
  store.CreateIssue(issue);

  auto found = store.FindIssue(issue.id);
  REQUIRE(found);
  CHECK(found->title == issue.title);
  CHECK(found->description == issue.description);
  CHECK(found->location_city == "أبوظبي");
  CHECK(found->customer_name == "O'Brien \"Bob\" عبدالله");
  IssueFilter by_city;
  by_city.city = "أبوظبي";
  CHECK(store.ListIssues(by_city).total == 1);
}

STORE_RULE("the issue list filters by category, urgency, budget and status") {
  std::string customer = AddUser(store, Role::Customer);
  Issue brakes = MakeIssue(customer, 1);
  Issue engine_urgent = MakeIssue(customer, 2);
  engine_urgent.category = Category::Engine;
  engine_urgent.urgency = Urgency::Urgent;
  Issue engine_cheap = MakeIssue(customer, 3);
  engine_cheap.category = Category::Engine;
  engine_cheap.budget_range = BudgetRange::Under50;
  Issue resolved = MakeIssue(customer, 4);
  resolved.status = IssueStatus::Resolved;
  for (const auto& i : {brakes, engine_urgent, engine_cheap, resolved}) store.CreateIssue(i);

  IssueFilter f;
  f.category = Category::Engine;
  CHECK(Ids(store.ListIssues(f).items) == std::vector{engine_cheap.id, engine_urgent.id});

  f = {};
  f.urgency = Urgency::Urgent;
  CHECK(Ids(store.ListIssues(f).items) == std::vector{engine_urgent.id});

  f = {};
  f.budget_range = BudgetRange::Under50;
  CHECK(Ids(store.ListIssues(f).items) == std::vector{engine_cheap.id});

  f = {};
  f.status = IssueStatus::Resolved;
  CHECK(Ids(store.ListIssues(f).items) == std::vector{resolved.id});

  f = {};
  f.category = Category::Engine;
  f.budget_range = BudgetRange::Under50;
  auto both = store.ListIssues(f);
  CHECK(Ids(both.items) == std::vector{engine_cheap.id});
  CHECK(both.total == 1);

  f = {};
  f.category = Category::Transmission;
  auto none = store.ListIssues(f);
  CHECK(none.items.empty());
  CHECK(none.total == 0);

  CHECK(store.ListIssues({}).total == 4);
}

STORE_RULE("the city filter ignores letter case and matches the whole name") {
  std::string customer = AddUser(store, Role::Customer);
  Issue dubai = MakeIssue(customer, 1);
  dubai.location_city = "Dubai";
  Issue abu_dhabi = MakeIssue(customer, 2);
  abu_dhabi.location_city = "Abu Dhabi";
  store.CreateIssue(dubai);
  store.CreateIssue(abu_dhabi);

  IssueFilter f;
  f.city = "dUBAI";
  CHECK(Ids(store.ListIssues(f).items) == std::vector{dubai.id});
  f.city = "ABU DHABI";
  CHECK(Ids(store.ListIssues(f).items) == std::vector{abu_dhabi.id});
  f.city = "Dub";
  CHECK(store.ListIssues(f).items.empty());
}

STORE_RULE("a customer filter lists only that customer's issues") {
  std::string mine = AddUser(store, Role::Customer);
  std::string theirs = AddUser(store, Role::Customer);
  Issue a = MakeIssue(mine, 1);
  Issue b = MakeIssue(theirs, 2);
  Issue c = MakeIssue(mine, 3);
  for (const auto& i : {a, b, c}) store.CreateIssue(i);

  IssueFilter f;
  f.customer_id = mine;
  auto page = store.ListIssues(f);
  CHECK(Ids(page.items) == std::vector{c.id, a.id});
  CHECK(page.total == 2);
}

STORE_RULE("the issue list pages newest first and reports the total of all matches") {
  std::string customer = AddUser(store, Role::Customer);
  std::vector<Issue> issues;
  for (int minute = 1; minute <= 7; ++minute) {
    issues.push_back(MakeIssue(customer, minute));
    store.CreateIssue(issues.back());
  }
  IssueFilter f;
  f.limit = 3;
  f.offset = 0;
  auto first = store.ListIssues(f);
  CHECK(Ids(first.items) == std::vector{issues[6].id, issues[5].id, issues[4].id});
  CHECK(first.total == 7);

  f.offset = 3;
  auto second = store.ListIssues(f);
  CHECK(Ids(second.items) == std::vector{issues[3].id, issues[2].id, issues[1].id});
  CHECK(second.total == 7);

  f.offset = 6;
  CHECK(Ids(store.ListIssues(f).items) == std::vector{issues[0].id});

  f.offset = 50;
  auto past_end = store.ListIssues(f);
  CHECK(past_end.items.empty());
  CHECK(past_end.total == 7);

  f.limit = -1;
  f.offset = -5;  // nonsense bounds read as an empty page, not an error
  CHECK(store.ListIssues(f).items.empty());
}

STORE_RULE("an issue that is not public stays out of the feed but shows in its owner's list") {
  std::string customer = AddUser(store, Role::Customer);
  Issue open = MakeIssue(customer, 1);
  Issue hidden = MakeIssue(customer, 2);
  hidden.is_public = false;
  store.CreateIssue(open);
  store.CreateIssue(hidden);

  auto feed = store.ListIssues({});
  CHECK(Ids(feed.items) == std::vector{open.id});
  CHECK(feed.total == 1);

  IssueFilter own;
  own.customer_id = customer;
  CHECK(Ids(store.ListIssues(own).items) == std::vector{hidden.id, open.id});
  CHECK_FALSE(store.FindIssue(hidden.id)->is_public);
}

STORE_RULE("an issue's status changes with its update time; an unknown issue reports false") {
  std::string customer = AddUser(store, Role::Customer);
  Issue issue = MakeIssue(customer, 1);
  store.CreateIssue(issue);

  CHECK(store.UpdateIssueStatus(issue.id, IssueStatus::InProgress, At(30, 500)));
  auto found = store.FindIssue(issue.id);
  CHECK(found->status == IssueStatus::InProgress);
  CHECK(found->updated_at == At(30, 500));
  CHECK(found->created_at == At(1));

  CHECK_FALSE(store.UpdateIssueStatus(NewUuid(), IssueStatus::Closed, At(31)));
}

STORE_RULE("deleting an issue deletes its responses; deleting it again reports false") {
  std::string customer = AddUser(store, Role::Customer);
  std::string mechanic = AddUser(store, Role::Mechanic);
  Issue gone = MakeIssue(customer, 1);
  Issue kept = MakeIssue(customer, 2);
  store.CreateIssue(gone);
  store.CreateIssue(kept);
  REQUIRE(store.CreateResponse(MakeResponse(gone.id, mechanic, 3)));
  REQUIRE(store.CreateResponse(MakeResponse(kept.id, mechanic, 4)));

  CHECK(store.DeleteIssue(gone.id));
  CHECK_FALSE(store.FindIssue(gone.id));
  CHECK(store.ListResponses(gone.id).empty());
  CHECK(store.ListResponses(kept.id).size() == 1);
  CHECK_FALSE(store.DeleteIssue(gone.id));
  // The same mechanic may answer a new issue: the old response is really gone.
  Issue again = MakeIssue(customer, 5);
  store.CreateIssue(again);
  CHECK(store.CreateResponse(MakeResponse(again.id, mechanic, 6)));
}

// --- responses

STORE_RULE("a second response from the same mechanic to one issue is refused") {
  std::string customer = AddUser(store, Role::Customer);
  std::string mechanic = AddUser(store, Role::Mechanic);
  Issue issue = MakeIssue(customer, 1);
  Issue other = MakeIssue(customer, 2);
  store.CreateIssue(issue);
  store.CreateIssue(other);

  CHECK(store.CreateResponse(MakeResponse(issue.id, mechanic, 3)));
  CHECK_FALSE(store.CreateResponse(MakeResponse(issue.id, mechanic, 4)));
  CHECK(store.ListResponses(issue.id).size() == 1);
  CHECK(store.CreateResponse(MakeResponse(other.id, mechanic, 5)));
}

STORE_RULE("responses list oldest first with the mechanic's name, rating and verification") {
  std::string admin = AddUser(store, Role::Admin);
  std::string customer = AddUser(store, Role::Customer);
  std::string verified = AddUser(store, Role::Mechanic, "Verified Vic");
  std::string pending = AddUser(store, Role::Mechanic, "Pending Pat");
  REQUIRE(store.SetVerification(verified, Decision(VerificationStatus::Verified),
                                MakeAudit(admin, verified, "mechanic.verify", 1)));
  Issue issue = MakeIssue(customer, 2);
  store.CreateIssue(issue);

  MechanicResponse late = MakeResponse(issue.id, verified, 10);
  MechanicResponse early = MakeResponse(issue.id, pending, 5);
  early.confidence_level = Confidence::Low;
  early.needs_video_call = false;
  early.estimated_fix_time = "";
  early.estimated_cost_min = 0;
  early.estimated_cost_max = 0;
  REQUIRE(store.CreateResponse(late));
  REQUIRE(store.CreateResponse(early));

  auto list = store.ListResponses(issue.id);
  REQUIRE(list.size() == 2);
  CHECK(list[0].id == early.id);
  CHECK(list[0].mechanic_name == "Pending Pat");
  CHECK_FALSE(list[0].mechanic_verified);
  CHECK(list[0].confidence_level == Confidence::Low);
  CHECK_FALSE(list[0].needs_video_call);
  CHECK(list[0].estimated_fix_time.empty());
  CHECK(list[0].created_at == At(5));

  CHECK(list[1].id == late.id);
  CHECK(list[1].issue_id == issue.id);
  CHECK(list[1].mechanic_id == verified);
  CHECK(list[1].mechanic_name == "Verified Vic");
  CHECK(list[1].mechanic_verified);
  CHECK(list[1].mechanic_rating == 0.0);
  CHECK(list[1].mechanic_rating_count == 0);
  CHECK(list[1].initial_diagnosis == late.initial_diagnosis);
  CHECK(list[1].estimated_cost_min == 15000);
  CHECK(list[1].estimated_cost_max == 40000);
  CHECK(list[1].estimated_fix_time == "1-2 hours");
  CHECK(list[1].confidence_level == Confidence::High);
  CHECK(list[1].needs_video_call);
  CHECK(list[1].created_at == At(10));

  CHECK(store.ListResponses(NewUuid()).empty());
}

STORE_RULE("money in fils keeps its full 64-bit range") {
  std::string customer = AddUser(store, Role::Customer);
  std::string mechanic = AddUser(store, Role::Mechanic);
  Issue issue = MakeIssue(customer, 1);
  store.CreateIssue(issue);
  MechanicResponse r = MakeResponse(issue.id, mechanic, 2);
  r.estimated_cost_min = 5'000'000'000;  // beyond 32 bits
  r.estimated_cost_max = 9'000'000'000'000'000'000;
  REQUIRE(store.CreateResponse(r));
  auto list = store.ListResponses(issue.id);
  REQUIRE(list.size() == 1);
  CHECK(list[0].estimated_cost_min == 5'000'000'000);
  CHECK(list[0].estimated_cost_max == 9'000'000'000'000'000'000);

  MechanicProfilePatch patch;
  patch.hourly_rate = 3'000'000'000;
  REQUIRE(store.UpdateMechanicProfile(mechanic, patch, At(3)));
  CHECK(store.FindMechanic(mechanic)->hourly_rate == 3'000'000'000);
}

// --- mechanics and verification

STORE_RULE("a mechanic profile patch changes only the fields it carries") {
  std::string mechanic = AddUser(store, Role::Mechanic, "Karim Aziz", "Dubai");

  MechanicProfilePatch first;
  first.bio = "Toyota specialist, 12 years at a dealer.";
  first.specializations = std::vector<std::string>{"engine", "brakes", "ac"};
  first.experience_years = 12;
  first.hourly_rate = 15000;
  first.service_tier = ServiceTier::WorkshopPartner;
  first.is_available = false;
  first.city = "Al Ain";
  REQUIRE(store.UpdateMechanicProfile(mechanic, first, At(10)));

  auto m = store.FindMechanic(mechanic);
  REQUIRE(m);
  CHECK(m->bio == "Toyota specialist, 12 years at a dealer.");
  CHECK(m->specializations == std::vector<std::string>{"engine", "brakes", "ac"});
  CHECK(m->experience_years == 12);
  CHECK(m->hourly_rate == 15000);
  CHECK(m->service_tier == ServiceTier::WorkshopPartner);
  CHECK_FALSE(m->is_available);
  CHECK(m->city == "Al Ain");
  CHECK(store.FindUser(mechanic)->city == "Al Ain");
  CHECK(store.FindUser(mechanic)->updated_at == At(10));

  MechanicProfilePatch second;
  second.experience_years = 13;
  second.is_available = true;
  REQUIRE(store.UpdateMechanicProfile(mechanic, second, At(20)));
  m = store.FindMechanic(mechanic);
  CHECK(m->experience_years == 13);
  CHECK(m->is_available);
  CHECK(m->bio == "Toyota specialist, 12 years at a dealer.");
  CHECK(m->specializations == std::vector<std::string>{"engine", "brakes", "ac"});
  CHECK(m->hourly_rate == 15000);
  CHECK(m->service_tier == ServiceTier::WorkshopPartner);
  CHECK(m->city == "Al Ain");
  CHECK(m->verification_status == VerificationStatus::Pending);

  MechanicProfilePatch clear;
  clear.bio = "";
  clear.specializations = std::vector<std::string>{};
  REQUIRE(store.UpdateMechanicProfile(mechanic, clear, At(30)));
  m = store.FindMechanic(mechanic);
  CHECK(m->bio.empty());
  CHECK(m->specializations.empty());
  CHECK(m->experience_years == 13);

  CHECK(store.UpdateMechanicProfile(mechanic, MechanicProfilePatch{}, At(40)));
}

STORE_RULE("patching a profile that is not a mechanic's reports false and changes nothing") {
  std::string customer = AddUser(store, Role::Customer, "Plain Customer", "Dubai");
  MechanicProfilePatch patch;
  patch.city = "Fujairah";
  CHECK_FALSE(store.UpdateMechanicProfile(customer, patch, At(5)));
  CHECK(store.FindUser(customer)->city == "Dubai");
  CHECK_FALSE(store.UpdateMechanicProfile(NewUuid(), patch, At(5)));
}

STORE_RULE("verifying a mechanic records who and when, and writes the audit entry") {
  std::string admin = AddUser(store, Role::Admin, "Admin Amal");
  std::string mechanic = AddUser(store, Role::Mechanic);
  AuditEntry audit = MakeAudit(admin, mechanic, "mechanic.verify", 15);
  audit.created_at = At(15, 321);

  REQUIRE(store.SetVerification(mechanic, Decision(VerificationStatus::Verified), audit));
  auto m = store.FindMechanic(mechanic);
  CHECK(m->verification_status == VerificationStatus::Verified);
  CHECK(m->verified_at == At(15, 321));
  CHECK(m->verified_by == admin);
  CHECK(m->rejection_reason.empty());

  auto log = store.ListAudit(10);
  REQUIRE(log.size() == 1);
  CHECK(log[0].id == audit.id);
  CHECK(log[0].admin_id == admin);
  CHECK(log[0].action == "mechanic.verify");
  CHECK(log[0].target_id == mechanic);
  CHECK(log[0].detail == "documents checked");
  CHECK(log[0].created_at == At(15, 321));
}

STORE_RULE("rejecting a mechanic keeps the reason and clears who and when") {
  std::string admin = AddUser(store, Role::Admin);
  std::string mechanic = AddUser(store, Role::Mechanic);
  REQUIRE(store.SetVerification(mechanic, Decision(VerificationStatus::Verified),
                                MakeAudit(admin, mechanic, "mechanic.verify", 1)));
  REQUIRE(store.SetVerification(mechanic, Decision(VerificationStatus::Rejected, "Trade licence expired"),
                                MakeAudit(admin, mechanic, "mechanic.reject", 2)));

  auto m = store.FindMechanic(mechanic);
  CHECK(m->verification_status == VerificationStatus::Rejected);
  CHECK(m->rejection_reason == "Trade licence expired");
  CHECK(m->verified_at.empty());
  CHECK(m->verified_by.empty());

  auto log = store.ListAudit(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "mechanic.reject");  // newest first
  CHECK(log[1].action == "mechanic.verify");
  CHECK(store.ListAudit(1).size() == 1);

  // A later verification clears the old reason.
  REQUIRE(store.SetVerification(mechanic, Decision(VerificationStatus::Verified),
                                MakeAudit(admin, mechanic, "mechanic.verify", 3)));
  CHECK(store.FindMechanic(mechanic)->rejection_reason.empty());
}

STORE_RULE("verifying someone who is not a mechanic reports false and writes no audit entry") {
  std::string admin = AddUser(store, Role::Admin);
  std::string customer = AddUser(store, Role::Customer);
  CHECK_FALSE(store.SetVerification(customer, Decision(VerificationStatus::Verified),
                                    MakeAudit(admin, customer, "mechanic.verify", 1)));
  CHECK_FALSE(store.SetVerification(NewUuid(), Decision(VerificationStatus::Verified),
                                    MakeAudit(admin, customer, "mechanic.verify", 2)));
  CHECK(store.ListAudit(10).empty());
}

STORE_RULE("a verification whose audit entry cannot be written is not applied at all") {
  std::string admin = AddUser(store, Role::Admin);
  std::string mechanic = AddUser(store, Role::Mechanic);
  AuditEntry first = MakeAudit(admin, mechanic, "mechanic.reject", 1);
  REQUIRE(store.SetVerification(mechanic, Decision(VerificationStatus::Rejected, "blurry licence"), first));

  // Reusing the audit id makes the audit insert fail after the status update has run.
  AuditEntry clash = MakeAudit(admin, mechanic, "mechanic.verify", 2);
  clash.id = first.id;
  CHECK_THROWS_AS(store.SetVerification(mechanic, Decision(VerificationStatus::Verified), clash), StoreError);

  auto m = store.FindMechanic(mechanic);
  CHECK(m->verification_status == VerificationStatus::Rejected);
  CHECK(m->rejection_reason == "blurry licence");
  CHECK(m->verified_by.empty());
  CHECK(store.ListAudit(10).size() == 1);
  // The store is still usable after the failed transaction.
  CHECK(store.SetVerification(mechanic, Decision(VerificationStatus::Verified),
                              MakeAudit(admin, mechanic, "mechanic.verify", 3)));
}

STORE_RULE("mechanics list newest first, by verification status, a page at a time") {
  std::string admin = AddUser(store, Role::Admin);
  std::vector<std::string> mechanics;
  for (int i = 0; i < 5; ++i) {
    NewUser u = MakeUser(Role::Mechanic, "Mechanic " + std::to_string(i));
    u.created_at = At(i);
    REQUIRE(store.CreateUser(u));
    mechanics.push_back(u.id);
  }
  REQUIRE(store.SetVerification(mechanics[1], Decision(VerificationStatus::Verified),
                                MakeAudit(admin, mechanics[1], "mechanic.verify", 10)));
  REQUIRE(store.SetVerification(mechanics[3], Decision(VerificationStatus::Verified),
                                MakeAudit(admin, mechanics[3], "mechanic.verify", 11)));
  REQUIRE(store.SetVerification(mechanics[4], Decision(VerificationStatus::Rejected, "no documents"),
                                MakeAudit(admin, mechanics[4], "mechanic.reject", 12)));

  auto ids = [](const std::vector<MechanicProfile>& list) {
    std::vector<std::string> out;
    for (const auto& m : list) out.push_back(m.id);
    return out;
  };
  CHECK(ids(store.ListMechanics(VerificationStatus::Pending, 10, 0)) == std::vector{mechanics[2], mechanics[0]});
  CHECK(ids(store.ListMechanics(VerificationStatus::Verified, 10, 0)) == std::vector{mechanics[3], mechanics[1]});
  CHECK(ids(store.ListMechanics(VerificationStatus::Rejected, 10, 0)) == std::vector{mechanics[4]});
  CHECK(ids(store.ListMechanics(std::nullopt, 2, 0)) == std::vector{mechanics[4], mechanics[3]});
  CHECK(ids(store.ListMechanics(std::nullopt, 2, 2)) == std::vector{mechanics[2], mechanics[1]});
  CHECK(ids(store.ListMechanics(std::nullopt, 10, 4)) == std::vector{mechanics[0]});
  CHECK(store.ListMechanics(std::nullopt, 10, 0)[0].full_name == "Mechanic 4");
}

// --- robustness

STORE_RULE("an id that is not a UUID is simply not found") {
  std::string customer = AddUser(store, Role::Customer);
  store.CreateIssue(MakeIssue(customer, 1));
  CHECK_FALSE(store.FindUser("not-a-uuid"));
  CHECK_FALSE(store.FindMechanic("1 OR 1=1"));
  CHECK_FALSE(store.FindIssue("abc"));
  CHECK_FALSE(store.UpdateIssueStatus("abc", IssueStatus::Closed, At(2)));
  CHECK_FALSE(store.DeleteIssue("abc"));
  CHECK(store.ListResponses("abc").empty());
  CHECK_FALSE(store.UpdateMechanicProfile("abc", MechanicProfilePatch{}, At(2)));
  IssueFilter f;
  f.customer_id = "mine";
  auto page = store.ListIssues(f);
  CHECK(page.items.empty());
  CHECK(page.total == 0);
}

STORE_RULE("several stores migrating one empty database at once all succeed") {
  std::string url = db.EmptyDatabaseUrl();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      try {
        OpenStore(url)->Migrate();
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  auto fresh = OpenStore(url);
  fresh->Migrate();
  CHECK(AddUser(*fresh, Role::Customer).size() == 36);
  CHECK_FALSE(fresh->AnyAdminExists());
}

STORE_RULE("a database that cannot be opened raises StoreError") {
  CHECK_THROWS_AS(OpenStore(db.BrokenUrl()), StoreError);
}

STORE_RULE("writers on several threads at once all succeed") {
  std::string customer = AddUser(store, Role::Customer);
  constexpr int kThreads = 8, kEach = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kEach; ++n) {
        try {
          Issue issue = MakeIssue(customer, t * 100 + n);
          store.CreateIssue(issue);
          if (!store.FindIssue(issue.id)) ++failures;
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  CHECK(store.ListIssues({}).total == kThreads * kEach);
}
