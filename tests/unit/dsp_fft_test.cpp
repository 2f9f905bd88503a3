// The real FFT (src/core/dsp/fft.cpp) against a direct DFT and against known sines.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <stdexcept>
#include <vector>

#include "core/dsp/fft.hpp"
#include "dsp_signals.hpp"

using namespace salik::dsp;

TEST_CASE("the real FFT matches a direct DFT bin for bin") {
  for (size_t n : {4u, 8u, 64u, 1024u}) {
    auto x = test::Mix(test::Noise(0.5, n / test::kRate, 7), test::Tone(3 * test::kRate / n, 0.4, n / test::kRate));
    RealFft fft(n);
    auto fast = fft.Transform(x.data());
    REQUIRE(fast.size() == n / 2 + 1);
    for (size_t k = 0; k <= n / 2; ++k) {
      std::complex<double> direct = 0;
      for (size_t i = 0; i < n; ++i) direct += static_cast<double>(x[i]) * std::polar(1.0, -test::kTwoPi * k * i / n);
      INFO("n=" << n << " bin " << k);
      CHECK(std::abs(std::complex<double>(fast[k]) - direct) < 1e-3 * (1.0 + std::abs(direct)) + 1e-3);
    }
  }
}

TEST_CASE("a full-scale sine on a bin reads amplitude 1 there and little far away") {
  const size_t n = 4096;
  const size_t bin = 100;
  auto x = test::Tone(bin * test::kRate / n, 1.0, n / test::kRate);
  RealFft fft(n);
  std::vector<float> amps(fft.Bins());
  fft.Amplitudes(x.data(), amps.data());
  CHECK(amps[bin] == Approx(1.0).epsilon(0.01));
  CHECK(amps[bin + 1] == Approx(0.5).epsilon(0.02));  // the Hann main lobe is three bins wide
  CHECK(amps[bin + 10] < 1e-3);
  CHECK(amps[0] < 1e-3);
}

TEST_CASE("FFT sizes that are not powers of two are refused") {
  CHECK_THROWS_AS(RealFft(1000), std::invalid_argument);
  CHECK_THROWS_AS(RealFft(2), std::invalid_argument);
  CHECK_NOTHROW(RealFft(2048));
}

TEST_CASE("the Hann window is zero at the start, one in the middle, and sums to n/2") {
  auto w = HannWindow(8);
  CHECK(w[0] == Approx(0.0).margin(1e-7));
  CHECK(w[4] == Approx(1.0));
  double sum = 0;
  for (float v : w) sum += v;
  CHECK(sum == Approx(4.0));
}
