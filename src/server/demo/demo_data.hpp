// `salik-server --demo`: fills an empty database with believable UAE data (an admin, verified
// and pending mechanics, car owners, open issues, a few responses) and prints the sign-ins.
#pragma once

#include <ostream>

#include "server/store/store.hpp"

namespace salik {

// Leaves a database that already has mechanics or issues alone (and says so).
void SeedDemoData(Store& store, std::ostream& out);

}  // namespace salik
