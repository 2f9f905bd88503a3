// A real-input FFT (radix-2) with a Hann window: the one transform the recording player's
// spectrogram and dominant-frequency reading are built on. Pure; no allocation per frame.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace salik::dsp {

bool IsPowerOfTwo(size_t n);

// The periodic Hann window of length n (sums to n/2, so a sine's peak is easy to rescale).
std::vector<float> HannWindow(size_t n);

class RealFft {
 public:
  // `size` is a power of two, at least 4.
  explicit RealFft(size_t size);

  size_t Size() const { return size_; }
  size_t Bins() const { return size_ / 2 + 1; }  // 0 Hz .. Nyquist

  // The Hann-windowed spectrum's amplitudes for size() samples, scaled so that a full-scale
  // sine whose frequency sits on a bin reads 1.0 there. `out` has Bins() entries.
  void Amplitudes(const float* samples, float* out);

  // The unwindowed, unscaled transform of size() real samples (bins 0 .. size/2), for tests.
  std::vector<std::complex<float>> Transform(const float* samples);

 private:
  // Packs the real frame into size/2 complex values, transforms them and unpacks the halves.
  void Run(const float* samples, bool windowed);

  size_t size_;
  std::vector<float> window_;
  std::vector<std::complex<float>> twiddles_;  // e^{-2πik/size}, k < size/2
  std::vector<unsigned> bit_reverse_;          // for the size/2-point complex transform
  std::vector<std::complex<float>> work_;      // size/2 complex values
  std::vector<std::complex<float>> spectrum_;  // Bins() values
  float amplitude_scale_;
};

}  // namespace salik::dsp
