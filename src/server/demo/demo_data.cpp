#include "server/demo/demo_data.hpp"

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/auth/passwords.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using std::chrono::minutes;

// Shared by every demo account; printed at start. ".test" is a reserved domain: no real inbox.
constexpr const char* kDemoPassword = "SalikDemo2026";
constexpr const char* kDemoAdminEmail = "mariam.admin@salikchat.test";

struct DemoPerson {
  const char* email;
  const char* full_name;
  const char* city;
};

struct DemoMechanic {
  DemoPerson person;
  std::vector<std::string> specializations;
  int experience_years;
  int64_t hourly_rate_fils;
  ServiceTier tier;
  const char* bio;
  bool verified;
};

struct DemoIssue {
  int customer;  // index into kCustomers
  const char* title;
  const char* description;
  const char* car_make;
  const char* car_model;
  int car_year;
  int car_mileage;
  Category category;
  Urgency urgency;
  BudgetRange budget;
  const char* city;
  int minutes_ago;
  IssueStatus status;
};

struct DemoResponse {
  int issue;     // index into the issue list
  int mechanic;  // index into the mechanic list
  const char* diagnosis;
  int64_t cost_min_fils;
  int64_t cost_max_fils;
  const char* fix_time;
  Confidence confidence;
  bool needs_video_call;
};

const std::vector<DemoPerson> kCustomers = {
    {"fatima.alzaabi@salikchat.test", "Fatima Al Zaabi", "Dubai"},
    {"ahmad.rahimi@salikchat.test", "Ahmad Rahimi", "Abu Dhabi"},
    {"sara.thomas@salikchat.test", "Sara Thomas", "Sharjah"},
    {"mohammed.saeed@salikchat.test", "Mohammed Saeed", "Ajman"},
};

const std::vector<DemoMechanic> kMechanics = {
    {{"ahmed.alkareem@salikchat.test", "Ahmed Al-Kareem", "Dubai"}, {"engine", "transmission"}, 8, 12000,
     ServiceTier::WorkshopPartner,
     "Owner of Al Kareem Auto Repair in Al Quoz. Japanese and German engines, gearbox rebuilds, "
     "honest estimates before any work starts.", true},
    {{"rajesh.menon@salikchat.test", "Rajesh Menon", "Sharjah"}, {"electrical", "ac"}, 12, 9000,
     ServiceTier::VirtualOnly,
     "Auto electrician for twelve years in Industrial Area 4. Warning lights, batteries, wiring "
     "faults and A/C that blows warm in August.", true},
    {{"omar.haddad@salikchat.test", "Omar Haddad", "Abu Dhabi"}, {"brakes", "suspension"}, 6, 10000,
     ServiceTier::WorkshopPartner,
     "Brakes, shocks and steering at Mussafah M9. Send me a video of the noise and I will tell you "
     "whether it can wait.", true},
    {{"joseph.dsouza@salikchat.test", "Joseph D'Souza", "Dubai"}, {"ac", "electrical", "other"}, 10, 8000,
     ServiceTier::VirtualOnly,
     "A/C specialist: compressors, leaks, condensers and climate control modules. Fluent in "
     "English, Hindi and Konkani.", true},
    {{"khalid.almansoori@salikchat.test", "Khalid Al Mansoori", "Al Ain"}, {"engine", "body"}, 15, 15000,
     ServiceTier::WorkshopPartner,
     "Fifteen years with Land Cruisers, Patrols and desert-driven 4x4s. Engine overhauls and "
     "accident repair.", true},
    {{"vikram.nair@salikchat.test", "Vikram Nair", "Ajman"}, {"transmission", "brakes"}, 9, 8500,
     ServiceTier::VirtualOnly,
     "Automatic and CVT gearboxes, clutch jobs and brake systems. I explain the fix in plain words.",
     true},
    {{"samir.youssef@salikchat.test", "Samir Youssef", "Dubai"}, {"suspension"}, 4, 7000,
     ServiceTier::VirtualOnly, "Suspension and alignment technician, newly on SalikChat.", false},
    {{"imran.qureshi@salikchat.test", "Imran Qureshi", "Abu Dhabi"}, {"engine", "electrical"}, 7, 9500,
     ServiceTier::VirtualOnly, "Hybrid and petrol engine diagnostics with an OBD-II scanner.", false},
};

const std::vector<DemoIssue> kIssues = {
    {0, "Car won't start - clicking sound", "Every morning this week the car clicks when I turn the key but the engine does not crank. Lights on the dashboard flicker.", "Toyota", "Camry", 2022, 85000, Category::Engine, Urgency::Urgent, BudgetRange::From200To500, "Dubai", 5, IssueStatus::Open},
    {1, "AC blowing warm air", "The AC is cold for ten minutes, then only warm air comes out, worse in traffic on Sheikh Zayed Road.", "Nissan", "Patrol", 2020, 120000, Category::Ac, Urgency::Normal, BudgetRange::Under50, "Abu Dhabi", 20, IssueStatus::Open},
    {2, "Grinding noise when braking", "Metal grinding noise from the front left wheel when I brake at low speed. Started two days ago.", "Honda", "Accord", 2018, 98000, Category::Brakes, Urgency::Urgent, BudgetRange::From200To500, "Sharjah", 45, IssueStatus::Open},
    {3, "Gearbox jerks from 2nd to 3rd", "Automatic gearbox jerks hard when shifting from second to third gear, mostly when the engine is cold.", "Hyundai", "Sonata", 2017, 143000, Category::Transmission, Urgency::Normal, BudgetRange::Above500, "Ajman", 70, IssueStatus::Open},
    {0, "Battery warning light on the highway", "The red battery light came on while driving to Jebel Ali and the headlights got dimmer.", "Toyota", "Camry", 2022, 85200, Category::Electrical, Urgency::Urgent, BudgetRange::NotSure, "Dubai", 95, IssueStatus::Open},
    {1, "Knocking over speed bumps", "Clunk from the rear when going over speed bumps, louder with passengers in the back.", "Mitsubishi", "Pajero", 2015, 210000, Category::Suspension, Urgency::Low, BudgetRange::From50To200, "Abu Dhabi", 130, IssueStatus::Open},
    {2, "Check engine light and rough idle", "Engine light is on and the car shakes at traffic lights. Fuel use went up a lot this month.", "Kia", "Sportage", 2019, 76000, Category::Engine, Urgency::Normal, BudgetRange::From200To500, "Sharjah", 180, IssueStatus::Open},
    {3, "Scratch and dent on rear door", "Someone hit the rear passenger door in a parking lot. Dent the size of a palm and paint scratches.", "Nissan", "Sunny", 2021, 40000, Category::Body, Urgency::Low, BudgetRange::From200To500, "Ajman", 240, IssueStatus::Open},
    {0, "Steering wheel vibrates at 100 km/h", "Steering wheel shakes between 100 and 120 km/h on the highway, smooth below that.", "Lexus", "ES 350", 2016, 132000, Category::Suspension, Urgency::Normal, BudgetRange::From50To200, "Dubai", 300, IssueStatus::Open},
    {1, "Overheating in afternoon traffic", "Temperature needle climbs near red in afternoon traffic in summer; fine on the open road.", "Toyota", "Land Cruiser", 2014, 260000, Category::Engine, Urgency::Urgent, BudgetRange::Above500, "Al Ain", 420, IssueStatus::Open},
    {2, "Power windows stopped working", "None of the four windows move. The mirrors and central locking still work.", "Chevrolet", "Tahoe", 2018, 115000, Category::Electrical, Urgency::Low, BudgetRange::From50To200, "Sharjah", 600, IssueStatus::Open},
    {3, "AC smells musty", "Bad smell from the vents when the AC starts, like a wet towel. Goes away after a few minutes.", "Honda", "Civic", 2020, 55000, Category::Ac, Urgency::Low, BudgetRange::Under50, "Ajman", 900, IssueStatus::Open},
    {0, "Brake pedal feels soft", "The brake pedal goes down further than before and feels spongy, especially after a long drive.", "Mazda", "CX-5", 2019, 68000, Category::Brakes, Urgency::Urgent, BudgetRange::NotSure, "Dubai", 1300, IssueStatus::Open},
    {1, "Whining noise when accelerating", "A whining noise that rises with speed, from under the car in the middle. Louder when accelerating.", "Ford", "Explorer", 2017, 154000, Category::Transmission, Urgency::Normal, BudgetRange::From200To500, "Abu Dhabi", 2000, IssueStatus::Open},
    {2, "Tyre pressure light keeps coming on", "TPMS light comes on every few days, but the tyres look fine and the pressure at the station is normal.", "Toyota", "RAV4", 2021, 35000, Category::Other, Urgency::Low, BudgetRange::Under50, "Sharjah", 2900, IssueStatus::Open},
    {3, "Engine oil leak under the car", "Small puddle of dark oil under the engine every morning. Topped up one litre last week.", "Nissan", "Altima", 2016, 175000, Category::Engine, Urgency::Normal, BudgetRange::From50To200, "Ajman", 4300, IssueStatus::InProgress},
    {0, "Headlight condensation", "Moisture inside the right headlight after washing the car.", "Kia", "Cerato", 2020, 60000, Category::Body, Urgency::Low, BudgetRange::Under50, "Dubai", 10000, IssueStatus::Resolved},
};

const std::vector<DemoResponse> kResponses = {
    {0, 1, "Clicking with flickering lights is almost always a weak battery or a loose, corroded terminal. Check the terminals first; if they are clean, the battery needs a load test.", 15000, 45000, "30 minutes", Confidence::High, false},
    {0, 0, "Could also be the starter solenoid if the battery tests fine. A short video of the sound while someone turns the key would settle it.", 30000, 90000, "1-2 hours", Confidence::Medium, true},
    {1, 3, "Cold first then warm in traffic points to the condenser fan or low refrigerant. Check whether the fan behind the grille spins with the AC on.", 20000, 60000, "1-3 hours", Confidence::Medium, true},
    {2, 2, "Grinding at low speed means the pads are worn to the backing plate. Replace pads now and check the disc; it may need skimming or replacing.", 35000, 80000, "1-2 hours", Confidence::High, false},
    {3, 5, "Harsh 2-3 shift when cold is typical of old ATF or a sticky shift solenoid. Start with a fluid change and a scan for stored transmission codes.", 40000, 250000, "Half a day", Confidence::Medium, true},
    {15, 0, "Oil at the front of the engine on this model is usually the valve cover gasket or the oil pan gasket. Both are routine jobs.", 30000, 70000, "2-3 hours", Confidence::Medium, false},
};

std::string MinutesAgo(int m) { return UtcIn(-std::chrono::duration_cast<std::chrono::seconds>(minutes(m))); }

bool DatabaseIsEmpty(Store& store) {
  if (store.FindUserByEmail(kDemoAdminEmail)) return false;
  if (!store.ListMechanics(std::nullopt, 1, 0).empty()) return false;
  IssueFilter any;
  any.limit = 1;
  return store.ListIssues(any).total == 0;
}

std::string CreateDemoUser(Store& store, const DemoPerson& p, Role role, const std::string& hash, int minutes_ago) {
  NewUser user{NewUuid(), p.email, hash, p.full_name, p.city, role, MinutesAgo(minutes_ago)};
  if (!store.CreateUser(user)) throw std::runtime_error(std::string("demo account already exists: ") + p.email);
  return user.id;
}

void PrintSignIns(std::ostream& out) {
  out << "Demo sign-ins (password for all: " << kDemoPassword << ")\n";
  out << "  admin     " << kDemoAdminEmail << "\n";
  for (const auto& c : kCustomers) out << "  customer  " << c.email << "\n";
  for (const auto& m : kMechanics)
    out << "  mechanic  " << m.person.email << (m.verified ? "" : "  (pending verification)") << "\n";
  out.flush();
}

}  // namespace

void SeedDemoData(Store& store, std::ostream& out) {
  if (!DatabaseIsEmpty(store)) {
    if (store.FindUserByEmail(kDemoAdminEmail)) {
      out << "Demo data is already in the database.\n";
      PrintSignIns(out);
    } else {
      out << "Demo data skipped: the database already has data.\n";
    }
    return;
  }
  // One hash for every demo account: they share the published password anyway.
  const std::string hash = HashPassword(kDemoPassword);
  const std::string admin_id =
      CreateDemoUser(store, {kDemoAdminEmail, "Mariam Al Hashimi", "Dubai"}, Role::Admin, hash, 60 * 24 * 90);

  std::vector<std::string> customer_ids;
  for (size_t i = 0; i < kCustomers.size(); ++i)
    customer_ids.push_back(CreateDemoUser(store, kCustomers[i], Role::Customer, hash, 60 * 24 * (30 + int(i))));

  std::vector<MechanicProfile> mechanics;
  for (size_t i = 0; i < kMechanics.size(); ++i) {
    const auto& m = kMechanics[i];
    std::string id = CreateDemoUser(store, m.person, Role::Mechanic, hash, 60 * 24 * (60 - int(i)));
    MechanicProfilePatch patch;
    patch.bio = m.bio;
    patch.specializations = m.specializations;
    patch.experience_years = m.experience_years;
    patch.hourly_rate = m.hourly_rate_fils;
    patch.service_tier = m.tier;
    patch.city = m.person.city;
    patch.is_available = true;
    store.UpdateMechanicProfile(id, patch, MinutesAgo(60 * 24 * 50));
    if (m.verified) {
      VerifyDecision decision{VerificationStatus::Verified, "Trade license and certificates checked."};
      store.SetVerification(id, decision,
                            AuditEntry{NewUuid(), admin_id, "mechanic.verify", id, decision.reason,
                                       MinutesAgo(60 * 24 * 40)});
    }
    mechanics.push_back(*store.FindMechanic(id));
  }

  std::vector<Issue> issues;
  for (const auto& d : kIssues) {
    Issue issue;
    issue.id = NewUuid();
    issue.customer_id = customer_ids[d.customer];
    issue.customer_name = kCustomers[d.customer].full_name;
    issue.title = d.title;
    issue.description = d.description;
    issue.car_make = d.car_make;
    issue.car_model = d.car_model;
    issue.car_year = d.car_year;
    issue.car_mileage = d.car_mileage;
    issue.category = d.category;
    issue.urgency = d.urgency;
    issue.status = d.status;
    issue.location_city = d.city;
    issue.budget_range = d.budget;
    issue.is_public = true;
    issue.created_at = MinutesAgo(d.minutes_ago);
    issue.updated_at = issue.created_at;
    store.CreateIssue(issue);
    issues.push_back(issue);
  }

  for (const auto& d : kResponses) {
    const Issue& issue = issues[d.issue];
    const MechanicProfile& m = mechanics[d.mechanic];
    MechanicResponse r;
    r.id = NewUuid();
    r.issue_id = issue.id;
    r.mechanic_id = m.id;
    r.initial_diagnosis = d.diagnosis;
    r.estimated_cost_min = d.cost_min_fils;
    r.estimated_cost_max = d.cost_max_fils;
    r.estimated_fix_time = d.fix_time;
    r.confidence_level = d.confidence;
    r.needs_video_call = d.needs_video_call;
    r.created_at = MinutesAgo(d.issue == 15 ? 4000 : 3);
    store.CreateResponse(r);
  }

  out << "Demo data added: " << kMechanics.size() << " mechanics, " << kCustomers.size() << " car owners, "
      << kIssues.size() << " issues.\n";
  PrintSignIns(out);
}

}  // namespace salik
