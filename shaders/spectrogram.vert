#version 300 es
// The spectrogram's rectangle as a four-vertex strip made from gl_VertexID: no vertex buffer.
uniform vec4 u_rect;  // left, top, right, bottom in clip space
out vec2 v_uv;        // x: 0 at the left (earliest), y: 0 at the bottom (lowest frequency)

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = corner;
  gl_Position = vec4(mix(u_rect.x, u_rect.z, corner.x), mix(u_rect.w, u_rect.y, corner.y), 0.0, 1.0);
}
