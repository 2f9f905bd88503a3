#include "server/auth/admin_bootstrap.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <stdexcept>

#include "core/validation.hpp"
#include "server/auth/passwords.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {

void BootstrapAdmin(Store& store, const ServerConfig& config) {
  if (config.admin_email.empty() && config.admin_password.empty()) return;
  if (config.admin_email.empty() || config.admin_password.empty())
    throw std::runtime_error("Set both SALIK_ADMIN_EMAIL and SALIK_ADMIN_PASSWORD, or neither.");
  if (store.AnyAdminExists()) return;

  std::string email = Trim(config.admin_email);
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
  if (auto e = CheckEmail(email)) throw std::runtime_error("SALIK_ADMIN_EMAIL: " + e->message);
  if (auto e = CheckPassword(config.admin_password)) throw std::runtime_error("SALIK_ADMIN_PASSWORD: " + e->message);

  NewUser admin{NewUuid(), email, HashPassword(config.admin_password), "SalikChat Admin", "", Role::Admin, NowUtc()};
  if (!store.CreateUser(admin))
    throw std::runtime_error("SALIK_ADMIN_EMAIL " + email + " already belongs to a non-admin account.");
  std::cerr << "Created the admin account " << email << std::endl;
}

}  // namespace salik
