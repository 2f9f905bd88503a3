// Media files for the media tests, made by the tests themselves: WAV and PNG from bytes, a JPEG
// carrying GPS tags spliced in by hand, and WebM/MP4 recordings and videos from Debian's ffmpeg
// (lavfi sine and test pattern sources). Nothing is downloaded or committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * A mono 16-bit PCM WAV: a sine of `freq` Hz (none for 0) at `amplitude` of full scale, plus
 * white noise of `noise` (seeded, so the same call gives the same bytes).
 */
export function wav(seconds, { rate = 8000, freq = 440, amplitude = 0.25, noise = 0 } = {}) {
  const samples = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  let seed = 12345;
  for (let i = 0; i < samples; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const tone = freq ? amplitude * Math.sin((2 * Math.PI * freq * i) / rate) : 0;
    const v = tone + noise * (seed / 0x3fffffff - 1);
    buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), 44 + i * 2);
  }
  return buf;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * An RGB PNG, grey or (`gradient`) a red-blue gradient that looks like a picture in screenshots;
 * `exif` adds an eXIf chunk with those bytes.
 */
export function png(width, height, { exif, gradient = false } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(height * (1 + width * 3), 0x80);
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter: none
    if (!gradient) continue;
    for (let x = 0; x < width; x++) {
      const o = y * (1 + width * 3) + 1 + x * 3;
      raw[o] = (x * 255) / width;
      raw[o + 1] = 107;
      raw[o + 2] = (y * 255) / height;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(exif ? [pngChunk('eXIf', exif)] : []),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// A latitude no real picture carries by chance: 25° 11' 47.123" N, 55° 16' 27.456" E.
export const GPS_MARK = Buffer.from([0x00, 0x00, 0xb8, 0x13, 0x00, 0x00, 0x03, 0xe8]); // 47123/1000

/** A big-endian TIFF/Exif block whose IFD0 points to a GPS IFD with latitude and longitude. */
export function exifWithGps() {
  const b = Buffer.alloc(120);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4); // IFD0 at 8
  b.writeUInt16BE(1, 8); // one entry
  b.writeUInt16BE(0x8825, 10); // GPSInfo
  b.writeUInt16BE(4, 12); // LONG
  b.writeUInt32BE(1, 14);
  b.writeUInt32BE(26, 18); // GPS IFD at 26
  b.writeUInt32BE(0, 22); // no next IFD
  b.writeUInt16BE(2, 26); // two entries
  b.writeUInt16BE(1, 28); // GPSLatitudeRef
  b.writeUInt16BE(2, 30); // ASCII
  b.writeUInt32BE(2, 32);
  b.write('N\0', 36, 'latin1');
  b.writeUInt16BE(2, 40); // GPSLatitude
  b.writeUInt16BE(5, 42); // RATIONAL
  b.writeUInt32BE(3, 44);
  b.writeUInt32BE(56, 48); // values at 56
  b.writeUInt32BE(0, 52);
  const rationals = [25, 1, 11, 1];
  rationals.forEach((v, i) => b.writeUInt32BE(v, 56 + i * 4));
  GPS_MARK.copy(b, 72);
  return b.subarray(0, 80);
}

/** `jpeg` with an APP1 Exif segment (carrying GPS) inserted right after SOI. */
export function withExifApp1(jpeg, exif = exifWithGps()) {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exif]);
  const seg = Buffer.alloc(4);
  seg[0] = 0xff;
  seg[1] = 0xe1;
  seg.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, payload, jpeg.subarray(2)]);
}

/** Runs ffmpeg with `args` writing to a temp file named `name`; returns the bytes. */
export function ffmpeg(name, args) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salik-media-'));
  try {
    const out = path.join(dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, out], { stdio: 'pipe' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ffmpeg writing to a pipe, as a browser's MediaRecorder does: a WebM without duration or cues. */
export function ffmpegStream(args) {
  return execFileSync('ffmpeg', ['-v', 'error', ...args, 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 });
}

export const makeOpusWebm = (seconds) =>
  ffmpeg('a.webm', ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libopus', '-b:a', '16k']);
export const makeRecorderWebm = (seconds) =>
  ffmpegStream(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libopus', '-b:a', '16k', '-f', 'webm']);
export const makeMp4Video = () =>
  ffmpeg('v.mp4', [
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=duration=2',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
  ]);
export const makeWebmVideo = () =>
  ffmpeg('v.webm', ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-c:v', 'libvpx', '-b:v', '100k']);
const sine = (seconds) => ['-f', 'lavfi', '-i', `sine=frequency=220:duration=${seconds}`];
export const makeOgg = (seconds) => ffmpeg('a.ogg', [...sine(seconds), '-c:a', 'libvorbis']);
export const makeMp3 = (seconds) => ffmpeg('a.mp3', [...sine(seconds), '-c:a', 'libmp3lame', '-b:a', '64k']);
export const makeM4a = (seconds) => ffmpeg('a.m4a', [...sine(seconds), '-c:a', 'aac', '-b:a', '64k']);
export const makeWebp = () => ffmpeg('p.webp', ['-f', 'lavfi', '-i', 'color=c=blue:s=48x36', '-frames:v', '1', '-c:v', 'libwebp']);
export const makeJpeg = () => ffmpeg('p.jpg', ['-f', 'lavfi', '-i', 'color=c=red:s=32x24', '-frames:v', '1']);

/** A 64-bit ELF header and some bytes after it: an executable, whatever its name says. */
export function elf() {
  const b = Buffer.alloc(4096, 0x90);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b, 0);
  return b;
}
