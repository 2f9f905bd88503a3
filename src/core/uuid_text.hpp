// The textual shape of a UUID, checked before an id from outside goes into a query or a path.
// The server checks ids from requests; the app checks ids it read back from localStorage.
#pragma once

#include <string>

namespace salik {

// 36 characters: hex digits with dashes at 8, 13, 18 and 23 (any version, either case).
bool LooksLikeUuid(const std::string& s);

}  // namespace salik
