// Upload benchmark: a ~48 MB MP4 (50 s, made once with ffmpeg) posted to a real server on
// loopback, a few times. Prints MB/s per upload (request sent to 201 answered, which includes
// the byte checks and ffprobe), download MB/s of the stored file, and the server's memory: VmRSS
// at rest and VmHWM (peak RSS) after the uploads, read from /proc/<pid>/status. Figures only,
// never pass or fail.
//   node tests/bench/upload_bench.mjs [UPLOADS]      (SALIK_SERVER_BIN selects the binary)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = process.env.SALIK_SERVER_BIN || path.join(ROOT, 'build', 'native', 'salik-server');
const UPLOADS = Number(process.argv[2] || 3);
const LIMIT = 50 * 1024 * 1024;

function procStatus(pid, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN; // MB
}

function makeVideo(dir) {
  const file = path.join(dir, 'bench.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=50',
    '-c:v', 'mpeg4', '-b:v', '7600k', '-maxrate', '7600k', '-bufsize', '2M', '-an', file]);
  return file;
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'salik-upload-bench-'));
  const dataDir = path.join(work, 'data');
  let child;
  try {
    const t0 = Date.now();
    const videoPath = makeVideo(work);
    const video = readFileSync(videoPath);
    const mb = video.length / (1024 * 1024);
    if (video.length > LIMIT) throw new Error(`the bench video is ${mb.toFixed(1)} MB, over the 50 MB limit`);
    console.log(`== upload bench: ${mb.toFixed(1)} MB MP4 (50 s, 1280x720), made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const env = { ...process.env, SALIK_DATA_DIR: dataDir, SALIK_PORT: '0', SALIK_HOST: '127.0.0.1',
      SALIK_API_RATE_PER_MINUTE: '1000000', SALIK_UPLOAD_RATE_PER_HOUR: '1000', SALIK_WEB_ROOT: path.join(work, 'none') };
    child = spawn(SERVER, [], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /running at http:\/\/localhost:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const post = async (p, json, token) => {
      const res = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(json) });
      return res.json();
    };
    const { token } = await post('/api/auth/signup', { email: `bench-${Date.now()}@salikchat.test`, password: 'bench-password-1', full_name: 'Bench Owner', city: 'Dubai', role: 'customer' });
    const issue = await post('/api/issues', { title: 'Knocking at idle', description: 'A knock from the engine bay when idling.', category: 'engine', car_make: 'Toyota', car_model: 'Camry', car_year: 2019 }, token);
    // Signing up hashes a password with Argon2id (64 MiB), which sets the peak; reset it so the
    // peak below is the uploads' own ("5" to clear_refs resets VmHWM to the current RSS).
    const setupHwm = procStatus(child.pid, 'VmHWM');
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    const restRss = procStatus(child.pid, 'VmRSS');
    const restHwm = procStatus(child.pid, 'VmHWM');
    console.log(`   server at rest: VmRSS ${restRss.toFixed(1)} MB (peak during sign-up, Argon2id: ${setupHwm.toFixed(1)} MB; ` +
      `reset to ${restHwm.toFixed(1)} MB) (pid ${child.pid})`);

    const rates = [];
    let media;
    for (let i = 0; i < UPLOADS; i++) {
      const start = process.hrtime.bigint();
      const res = await fetch(`${base}/api/issues/${issue.id}/media?label=bench.mp4`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'video/mp4' }, body: video,
      });
      const body = await res.json();
      const secs = Number(process.hrtime.bigint() - start) / 1e9;
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
      media = body;
      rates.push(mb / secs);
      console.log(`   upload ${i + 1}: ${secs.toFixed(2)} s, ${(mb / secs).toFixed(1)} MB/s (media_type ${body.media_type}, ${body.duration_seconds?.toFixed(1)} s)`);
    }
    rates.sort((a, b) => a - b);
    console.log(`   upload throughput: median ${rates[Math.floor(rates.length / 2)].toFixed(1)} MB/s`);

    const dStart = process.hrtime.bigint();
    const dl = await fetch(base + media.url);
    const bytes = Buffer.from(await dl.arrayBuffer());
    const dSecs = Number(process.hrtime.bigint() - dStart) / 1e9;
    console.log(`   download: ${(bytes.length / (1024 * 1024) / dSecs).toFixed(1)} MB/s (${bytes.equals(video) ? 'same bytes' : 'BYTES DIFFER'})`);

    const hwm = procStatus(child.pid, 'VmHWM');
    console.log(`   server peak RSS (VmHWM) after ${UPLOADS} uploads and a download: ${hwm.toFixed(1)} MB ` +
      `(+${(hwm - restHwm).toFixed(1)} MB over rest; the file is ${mb.toFixed(1)} MB)`);
    console.log(`   temp files left: ${statSync(path.join(dataDir, 'tmp')).isDirectory() ? execFileSync('ls', [path.join(dataDir, 'tmp')]).toString().trim().split('\n').filter(Boolean).length : 0}`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
