// The recording player's words and numbers, pure so they are tested natively.
#pragma once

#include <optional>
#include <string>

namespace salik::app {

// "0:03.0": minutes, seconds and tenths (recordings are at most a minute or so).
std::string PlayerClock(double seconds);
// "Dominant frequency 440 Hz", or that there is no clear tone.
std::string DominantFrequencyText(const std::optional<double>& hz);
// "≈ 13,200 rpm" for a firing frequency and a cylinder count.
std::string RpmText(double firing_hz, int cylinders);
// A sentence when the rpm is outside what engines do (the tone is then likely a harmonic or not
// the engine at all); empty when it is plausible.
std::string RpmCaveat(double rpm);

}  // namespace salik::app
