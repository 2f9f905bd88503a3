#version 300 es
// Draws a spectrogram from a texture of magnitudes (R8: 0 = the floor of the colour scale, 1 =
// the loudest bin). Texture x is the FFT bin (linear in Hz), y the frame (time); the picture has
// time across and a logarithmic frequency axis upwards, so every octave gets the same height.
precision highp float;

uniform sampler2D u_magnitudes;
uniform vec2 u_seconds;     // the visible time range: left and right edge
uniform vec3 u_frame_map;   // frame = seconds * x + y; z = the number of frames (texture height)
uniform vec2 u_log2_hz;     // log2 of the lowest and highest visible frequency
uniform vec2 u_bin_map;     // x = Hz per bin, y = the number of bins (texture width)

in vec2 v_uv;
out vec4 out_color;

// A dark-to-warm perceptual scale (near black, indigo, magenta, orange, pale yellow): lightness
// rises steadily, so quiet and loud read correctly in colour and in grey.
vec3 ColourScale(float t) {
  const vec3 c0 = vec3(0.015, 0.016, 0.070);
  const vec3 c1 = vec3(0.200, 0.070, 0.420);
  const vec3 c2 = vec3(0.580, 0.170, 0.500);
  const vec3 c3 = vec3(0.930, 0.380, 0.330);
  const vec3 c4 = vec3(0.990, 0.920, 0.660);
  float s = clamp(t, 0.0, 1.0) * 4.0;
  if (s < 1.0) return mix(c0, c1, s);
  if (s < 2.0) return mix(c1, c2, s - 1.0);
  if (s < 3.0) return mix(c2, c3, s - 2.0);
  return mix(c3, c4, s - 3.0);
}

void main() {
  float seconds = mix(u_seconds.x, u_seconds.y, v_uv.x);
  float hz = exp2(mix(u_log2_hz.x, u_log2_hz.y, v_uv.y));
  // Texel centres sit at (index + 0.5) / count.
  float u = (hz / u_bin_map.x + 0.5) / u_bin_map.y;
  float v = (seconds * u_frame_map.x + u_frame_map.y + 0.5) / u_frame_map.z;
  // Before the first frame's centre and after the last one's, the edge frames carry on
  // (the texture clamps to its edges), so the picture has no dark bands at its ends.
  float magnitude = texture(u_magnitudes, vec2(u, v)).r;
  out_color = vec4(ColourScale(magnitude), 1.0);
}
