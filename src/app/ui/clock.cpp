#include "ui/clock.hpp"

#include <emscripten/emscripten.h>

namespace salik::ui {

int UtcOffsetMinutes() { return EM_ASM_INT({ return -new Date().getTimezoneOffset(); }); }

}  // namespace salik::ui
