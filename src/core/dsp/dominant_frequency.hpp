// The recording's dominant frequency and the engine speed it implies. The spectrum is averaged
// over time first, so a steady engine tone wins over a short clank; a recording with no tone
// clearly above its noise says so instead of naming a random bin.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/dsp/spectrogram.hpp"

namespace salik::dsp {

struct ToneSearch {
  double min_hz = 25;        // below this is DC, wind and handling rumble
  double max_hz = 8000;      // above this nothing an engine makes matters for the reading
  float silence_db = -70;    // an averaged peak quieter than this is silence
  float prominence_db = 15;  // the peak must stand this far above the spectrum's median
  size_t first_frame = 0;    // the frames averaged: [first_frame, last_frame)
  size_t last_frame = static_cast<size_t>(-1);
};

struct Tone {
  double hz = 0;
  float level_db = 0;       // the averaged peak, dB relative to full scale
  float prominence_db = 0;  // how far it stands above the median
};

// The spectrum's power summed frame by frame: what DominantFrequency averages, gathered a few
// frames at a time when a long recording is analysed in pieces.
class PowerSum {
 public:
  explicit PowerSum(size_t bins) : power_(bins, 0.0) {}
  // One frame of decibels, bins() values.
  void Add(const float* frame_db);
  size_t Frames() const { return frames_; }
  size_t Bins() const { return power_.size(); }
  // The average power per bin, back in decibels.
  std::vector<float> AverageDb() const;

 private:
  std::vector<double> power_;
  size_t frames_ = 0;
};

// nullopt: no clear tone (silence, broadband noise, or nothing in the range).
std::optional<Tone> DominantFrequency(const Spectrogram& s, const ToneSearch& search = {});
// The same reading from frames already summed (search.first_frame / last_frame are not used).
std::optional<Tone> DominantFrequency(const PowerSum& sum, double hz_per_bin, const ToneSearch& search = {});

// Engine speed from a firing frequency: a four-stroke cylinder fires every second turn, so
// firing Hz = rpm / 60 × cylinders / 2, i.e. rpm = Hz × 120 / cylinders. 0 for no cylinders.
double EngineRpm(double firing_hz, int cylinders);

}  // namespace salik::dsp
