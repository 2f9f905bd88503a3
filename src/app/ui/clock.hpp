// The browser's clock and time zone, for screens that show times.
#pragma once

namespace salik::ui {

// Minutes east of UTC where the browser is (the negated getTimezoneOffset()).
int UtcOffsetMinutes();

}  // namespace salik::ui
