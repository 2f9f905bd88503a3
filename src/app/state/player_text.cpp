#include "state/player_text.hpp"

#include <cmath>
#include <cstdio>

#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/frequency_axis.hpp"
#include "core/money.hpp"

namespace salik::app {

std::string PlayerClock(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  long tenths = std::lround(seconds * 10);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld.%ld", tenths / 600, (tenths / 10) % 60, tenths % 10);
  return buf;
}

std::string DominantFrequencyText(const std::optional<double>& hz) {
  if (!hz) return "Dominant frequency: no clear tone";
  return "Dominant frequency " + dsp::FormatHz(*hz);
}

std::string RpmText(double firing_hz, int cylinders) {
  double rpm = dsp::EngineRpm(firing_hz, cylinders);
  // Rounded to tens: the reading is not more exact than that.
  return "\xE2\x89\x88 " + FormatThousands(std::llround(rpm / 10.0) * 10) + " rpm";
}

std::string RpmCaveat(double rpm) {
  if (rpm > 9000) return "Faster than engines run: this tone is likely a harmonic or another part (belt, bearing, exhaust).";
  if (rpm > 0 && rpm < 500) return "Slower than an engine idles: this tone is likely not the firing frequency.";
  return {};
}

}  // namespace salik::app
