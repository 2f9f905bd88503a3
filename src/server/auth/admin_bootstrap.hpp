// Creates the first admin from SALIK_ADMIN_EMAIL / SALIK_ADMIN_PASSWORD when there is none:
// signup can never make an admin, so this is how a fresh install gets one.
#pragma once

#include "server/app/config.hpp"
#include "server/store/store.hpp"

namespace salik {

// Does nothing when the variables are unset or an admin exists. Throws std::runtime_error with
// a readable sentence when the email or password is unusable.
void BootstrapAdmin(Store& store, const ServerConfig& config);

}  // namespace salik
