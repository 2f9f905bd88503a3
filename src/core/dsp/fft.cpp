#include "core/dsp/fft.hpp"

#include <cmath>
#include <stdexcept>

namespace salik::dsp {
namespace {

constexpr double kPi = 3.14159265358979323846;

// An in-place iterative radix-2 transform of n = a.size() complex values; `twiddles` are those
// of a transform twice as long, so the twiddle for step `len` is every (2n/len)-th one.
void ComplexFft(std::vector<std::complex<float>>& a, const std::vector<unsigned>& bit_reverse,
                const std::vector<std::complex<float>>& twiddles) {
  const size_t n = a.size();
  for (size_t i = 0; i < n; ++i)
    if (i < bit_reverse[i]) std::swap(a[i], a[bit_reverse[i]]);
  for (size_t len = 2; len <= n; len <<= 1) {
    const size_t half = len / 2;
    const size_t stride = 2 * n / len;
    for (size_t start = 0; start < n; start += len) {
      for (size_t k = 0; k < half; ++k) {
        // Written out: std::complex's operator* checks for infinities and NaNs (Annex G), which
        // made the whole transform ten times slower in WebAssembly.
        const std::complex<float> w = twiddles[k * stride];
        const std::complex<float> b = a[start + k + half];
        const float tr = w.real() * b.real() - w.imag() * b.imag();
        const float ti = w.real() * b.imag() + w.imag() * b.real();
        const std::complex<float> u = a[start + k];
        a[start + k + half] = {u.real() - tr, u.imag() - ti};
        a[start + k] = {u.real() + tr, u.imag() + ti};
      }
    }
  }
}

}  // namespace

bool IsPowerOfTwo(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

std::vector<float> HannWindow(size_t n) {
  std::vector<float> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * kPi * i / n));
  return w;
}

RealFft::RealFft(size_t size) : size_(size) {
  if (size < 4 || !IsPowerOfTwo(size)) throw std::invalid_argument("FFT size must be a power of two >= 4");
  window_ = HannWindow(size);
  double window_sum = 0;
  for (float v : window_) window_sum += v;
  // A sine of amplitude A puts A/2 · Σw into its bin: doubling and dividing by Σw reads A.
  amplitude_scale_ = static_cast<float>(2.0 / window_sum);
  twiddles_.resize(size / 2);
  for (size_t k = 0; k < size / 2; ++k)
    twiddles_[k] = std::polar(1.0f, static_cast<float>(-2.0 * kPi * k / size));
  const size_t half = size / 2;
  unsigned bits = 0;
  while ((size_t{1} << bits) < half) ++bits;
  bit_reverse_.resize(half);
  for (size_t i = 0; i < half; ++i) {
    unsigned r = 0;
    for (unsigned b = 0; b < bits; ++b)
      if (i & (size_t{1} << b)) r |= 1u << (bits - 1 - b);
    bit_reverse_[i] = r;
  }
  work_.resize(half);
  spectrum_.resize(half + 1);
}

void RealFft::Run(const float* x, bool windowed) {
  const size_t half = size_ / 2;
  // Even samples become the real parts and odd samples the imaginary parts of one half-length
  // complex transform, which costs half as much as transforming the real frame directly.
  for (size_t k = 0; k < half; ++k) {
    float re = x[2 * k], im = x[2 * k + 1];
    if (windowed) {
      re *= window_[2 * k];
      im *= window_[2 * k + 1];
    }
    work_[k] = {re, im};
  }
  // The sub-transform uses the twiddles of a `half`-point transform: every other one of ours.
  ComplexFft(work_, bit_reverse_, twiddles_);
  // Untangle: E[k] (even samples' spectrum) and O[k] (odd samples') from Z[k] and conj(Z[half-k]);
  // then X[k] = E[k] + e^{-2πik/size} O[k].
  for (size_t k = 0; k <= half; ++k) {
    const std::complex<float> zk = work_[k % half];
    const std::complex<float> zc = std::conj(work_[(half - k) % half]);
    const float er = 0.5f * (zk.real() + zc.real()), ei = 0.5f * (zk.imag() + zc.imag());
    // odd = -i/2 · (zk - zc)
    const float orr = 0.5f * (zk.imag() - zc.imag()), oi = -0.5f * (zk.real() - zc.real());
    const std::complex<float> tw = k < half ? twiddles_[k] : std::complex<float>(-1.0f, 0.0f);
    spectrum_[k] = {er + tw.real() * orr - tw.imag() * oi, ei + tw.real() * oi + tw.imag() * orr};
  }
}

void RealFft::Amplitudes(const float* samples, float* out) {
  Run(samples, true);
  for (size_t k = 0; k < spectrum_.size(); ++k) {
    const float re = spectrum_[k].real(), im = spectrum_[k].imag();
    out[k] = std::sqrt(re * re + im * im) * amplitude_scale_;  // std::abs guards overflow we cannot have
  }
}

std::vector<std::complex<float>> RealFft::Transform(const float* samples) {
  Run(samples, false);
  return spectrum_;
}

}  // namespace salik::dsp
