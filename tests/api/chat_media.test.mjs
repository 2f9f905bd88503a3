// Chat attachments against a real server: upload to the conversation, then a message that refers
// to it by media_id, over the WebSocket or REST. Both parties get the media with a working signed
// link; history carries it; a wrong media id is invalid_media and stores nothing. An attachment
// that was not sent can be taken back by its uploader (DELETE /api/media/{id}), nothing else.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, ADMIN } from './server.mjs';
import {
  apiClient, assertError, signup, login, validIssue, validResponse, verifiedMechanic, chatPair, allMessages,
} from './client.mjs';
import { connect } from './ws_client.mjs';
import { wav, png } from './media_fixtures.mjs';

/** POST raw bytes to an upload route (as the app does). */
function upload(call, token, route, bytes, { label } = {}) {
  const q = label === undefined ? '' : `?label=${encodeURIComponent(label)}`;
  return call('POST', route + q, { token, body: bytes, headers: { 'content-type': 'application/octet-stream' } });
}

describe('chat media', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer({ env: { SALIK_UPLOAD_RATE_PER_HOUR: '1000' } });
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  async function fetchBytes(url) {
    const res = await fetch(server.baseUrl + url);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** The media object of an upload, with `stored`: the bytes its own link answers. */
  async function chatUpload(token, conversationId, bytes, label) {
    const res = await upload(call, token, `/api/conversations/${conversationId}/media`, bytes, { label });
    assert.equal(res.status, 201, res.text);
    const stored = await fetchBytes(res.json.url);
    assert.equal(stored.status, 200);
    return { ...res.json, stored: stored.body };
  }

  /** The message carries `media` (same id, type) with a signed link that answers the bytes. */
  async function assertCarries(message, media) {
    assert.ok(message.media, `no media in ${JSON.stringify(message)}`);
    assert.equal(message.media.id, media.id);
    assert.equal(message.media.media_type, media.media_type);
    assert.equal(message.message_type, media.media_type);
    assert.equal(message.media_id, undefined, 'media_id never goes out');
    assert.match(message.media.url, new RegExp(`^/api/media/${media.id}/content\\?expires=\\d+&sig=[0-9a-f]+$`));
    const got = await fetchBytes(message.media.url);
    assert.equal(got.status, 200);
    assert.ok(got.body.length > 0 && got.body.equals(media.stored), 'the link answers the uploaded bytes');
  }

  it('a WebSocket send with media_id reaches both parties with the media; a resend stores it once', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const bytes = wav(2);
    const media = await chatUpload(owner.token, conversation.id, bytes, 'engine.wav');
    assert.ok(media.stored.equals(bytes), 'a WAV is stored as sent');
    const mine = await connect(server.baseUrl, owner.token);
    const theirs = await connect(server.baseUrl, mechanic.token);
    try {
      const clientId = randomUUID();
      const frame = { type: 'send', conversation_id: conversation.id, client_id: clientId, content: '', media_id: media.id };
      mine.send(frame);
      const ack = await mine.reply(clientId);
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      await assertCarries(ack.message, media);
      assert.equal(ack.message.content, '');
      const seen = await theirs.next((f) => f.type === 'message' && f.message.id === ack.message.id);
      await assertCarries(seen.message, media);

      mine.send(frame);
      const again = await mine.reply(clientId);
      assert.equal(again.message.id, ack.message.id, 'the resend answers the stored message');
      const history = await allMessages(call, mechanic.token, conversation.id);
      assert.equal(history.length, 1);
      await assertCarries(history[0], media);
      const listed = (await call('GET', '/api/conversations', { token: mechanic.token })).json.items;
      const row = listed.find((c) => c.id === conversation.id);
      assert.equal(row.last_message, 'Engine recording', 'a media-only message is previewed by what it is');
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('REST: a message with media_id and a caption; both see it in history pages; a resend is stored once', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const bytes = png(40, 30);
    const media = await chatUpload(mechanic.token, conversation.id, bytes, 'belt.png');
    const clientId = randomUUID();
    const body = { client_id: clientId, content: 'The belt, see?', media_id: media.id };
    const res = await call('POST', `/api/conversations/${conversation.id}/messages`, { token: mechanic.token, json: body });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.content, 'The belt, see?');
    assert.equal(res.json.media.width, 40);
    await assertCarries(res.json, media);
    assert.equal(media.media_type, 'image');

    const resend = await call('POST', `/api/conversations/${conversation.id}/messages`, { token: mechanic.token, json: body });
    assert.equal(resend.status, 200, resend.text);
    assert.equal(resend.json.id, res.json.id);
    for (const p of [owner, mechanic]) {
      const page = await call('GET', `/api/conversations/${conversation.id}/messages?limit=10`, { token: p.token });
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json.items.length, 1);
      assert.equal(page.json.items[0].media.id, media.id);
      assert.equal((await fetchBytes(page.json.items[0].media.url)).status, 200);
    }
    const text = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), content: 'ok' },
    });
    assert.equal(text.status, 201, text.text);
    assert.equal(text.json.media, null);
    assert.equal(text.json.message_type, 'text');
  });

  it('refuses media that is not the sender\'s upload to this conversation: invalid_media, nothing stored', async () => {
    const { owner, mechanic, issue: pairIssue, conversation } = await chatPair(call, admin);
    const other = await chatPair(call, admin);
    // The same car owner's second conversation (another mechanic on the same issue).
    const mechanic2 = await verifiedMechanic(call, admin);
    const responded = await call('POST', `/api/issues/${pairIssue.id}/responses`, { token: mechanic2.token, json: validResponse() });
    assert.equal(responded.status, 201, responded.text);
    const second = await call('POST', '/api/conversations', {
      token: owner.token,
      json: { issue_id: pairIssue.id, mechanic_id: mechanic2.user.id },
    });
    assert.equal(second.status, 201, second.text);
    const ownFromSecondChat = await chatUpload(owner.token, second.json.id, wav(1), 'second.wav');
    const fromOtherChat = await chatUpload(other.owner.token, other.conversation.id, wav(1), 'x.wav');
    const fromMechanic = await chatUpload(mechanic.token, conversation.id, wav(1), 'm.wav');
    const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
    const issueUp = await upload(call, owner.token, `/api/issues/${issue.id}/media`, wav(1), { label: 'i.wav' });
    assert.equal(issueUp.status, 201, issueUp.text);
    const bad = {
      'someone else\'s media in another conversation': fromOtherChat.id,
      'the sender\'s own media from their other conversation': ownFromSecondChat.id,
      'the other participant\'s upload': fromMechanic.id,
      'an issue\'s media': issueUp.json.id,
      'a random uuid': randomUUID(),
      'not a uuid': 'nope',
    };
    const socket = await connect(server.baseUrl, owner.token);
    try {
      for (const [what, mediaId] of Object.entries(bad)) {
        const res = await call('POST', `/api/conversations/${conversation.id}/messages`, {
          token: owner.token,
          json: { client_id: randomUUID(), content: '', media_id: mediaId },
        });
        assertError(res, 400, 'invalid_media');
        const clientId = randomUUID();
        socket.send({ type: 'send', conversation_id: conversation.id, client_id: clientId, content: 'x', media_id: mediaId });
        const reply = await socket.reply(clientId);
        assert.equal(reply.type, 'error', `${what}: ${JSON.stringify(reply)}`);
        assert.equal(reply.code, 'invalid_media', what);
      }
      // Without media, empty content is still refused.
      const empty = await call('POST', `/api/conversations/${conversation.id}/messages`, {
        token: owner.token,
        json: { client_id: randomUUID(), content: '' },
      });
      assertError(empty, 400, 'missing_field');
    } finally {
      socket.close();
    }
    assert.deepEqual(await allMessages(call, owner.token, conversation.id), [], 'nothing stored');
  });

  it('DELETE /api/media/{id}: the uploader takes back an unsent attachment; a sent one, others\' and issues\' stay', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const storedFiles = () => {
      const root = path.join(server.dataDir, 'media');
      return existsSync(root) ? readdirSync(root).flatMap((d) => readdirSync(path.join(root, d))) : [];
    };
    const sentBytes = png(33, 21);
    const sent = await chatUpload(owner.token, conversation.id, sentBytes, 'sent.png');
    const posted = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), content: 'Here', media_id: sent.id },
    });
    assert.equal(posted.status, 201, posted.text);
    const sameBytes = await chatUpload(owner.token, conversation.id, sentBytes, 'again.png');  // one file, two rows
    const unsent = await chatUpload(owner.token, conversation.id, wav(1, { freq: 523 }), 'unsent.wav');
    const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
    const issueUp = await upload(call, owner.token, `/api/issues/${issue.id}/media`, wav(1), { label: 'i.wav' });
    assert.equal(issueUp.status, 201, issueUp.text);
    const outsider = await signup(call);
    const filesBefore = storedFiles();

    const del = (id, token) => call('DELETE', `/api/media/${id}`, { token });
    assertError(await del(unsent.id), 401, 'unauthorized');
    assertError(await del(unsent.id, mechanic.token), 404, 'not_found');  // the other participant's
    assertError(await del(unsent.id, outsider.token), 404, 'not_found');
    assertError(await del(randomUUID(), owner.token), 404, 'not_found');
    assertError(await del('nope', owner.token), 404, 'not_found');
    assertError(await del(sent.id, owner.token), 409, 'media_in_use');
    assertError(await del(issueUp.json.id, owner.token), 409, 'media_in_use');
    assert.deepEqual(storedFiles(), filesBefore, 'nothing removed by a refused DELETE');
    assert.equal((await fetchBytes(unsent.url)).status, 200);

    const gone = await del(unsent.id, owner.token);
    assert.equal(gone.status, 204, gone.text);
    assert.equal((await fetchBytes(unsent.url)).status, 404, 'its link answers nothing');
    assert.equal(storedFiles().length, filesBefore.length - 1, 'its file went');
    assertError(await del(unsent.id, owner.token), 404, 'not_found');
    const late = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), content: '', media_id: unsent.id },
    });
    assertError(late, 400, 'invalid_media');

    // Two uploads of the same bytes share one file: taking back the unsent one keeps the sent one's.
    assert.equal((await del(sameBytes.id, owner.token)).status, 204);
    assert.equal(storedFiles().length, filesBefore.length - 1);
    const kept = await fetchBytes(posted.json.media.url);
    assert.equal(kept.status, 200);
    assert.ok(kept.body.equals(sentBytes), 'the sent attachment still answers its bytes');
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 1);
  });

  it('a send racing a DELETE of its attachment: either the message is stored with it and the DELETE is refused, or neither', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    const socket = await connect(server.baseUrl, owner.token);
    const outcomes = new Set();
    let acked = 0;
    try {
      for (let round = 0; round < 20; round++) {
        const media = await chatUpload(owner.token, conversation.id, wav(1, { freq: 300 + round }), `race-${round}.wav`);
        const clientId = randomUUID();
        socket.send({ type: 'send', conversation_id: conversation.id, client_id: clientId, content: `take ${round}`, media_id: media.id });
        const [reply, deleted] = await Promise.all([
          socket.reply(clientId),
          call('DELETE', `/api/media/${media.id}`, { token: owner.token }),
        ]);
        if (reply.type === 'ack') {
          acked++;
          assertError(deleted, 409, 'media_in_use');
          await assertCarries(reply.message, media);
          outcomes.add('stored');
        } else {
          // Never internal_error: the store refuses the one message and says why.
          assert.equal(reply.code, 'invalid_media', `round ${round}: ${JSON.stringify(reply)}`);
          assert.equal(deleted.status, 204, deleted.text);
          assert.equal((await fetchBytes(media.url)).status, 404);
          outcomes.add('removed');
        }
      }
    } finally {
      socket.close();
    }
    const history = await allMessages(call, owner.token, conversation.id);
    assert.equal(history.length, acked, 'stored exactly the acknowledged sends');
    console.log(`race outcomes: ${acked} stored, ${20 - acked} removed`);
    const seqs = history.map((m) => m.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'no gap in seq');
  });

  it('a third user cannot read the conversation\'s messages or upload to it', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    const bytes = wav(1);
    const media = await chatUpload(owner.token, conversation.id, bytes, 'a.wav');
    const res = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), media_id: media.id },
    });
    assert.equal(res.status, 201, res.text);
    const outsider = await signup(call);
    const page = await call('GET', `/api/conversations/${conversation.id}/messages`, { token: outsider.token });
    assert.ok([403, 404].includes(page.status), page.text);
    assert.equal(page.json.items, undefined);
    const sent = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: outsider.token,
      json: { client_id: randomUUID(), media_id: media.id },
    });
    assert.ok([403, 404].includes(sent.status), sent.text);
    // A link without its signature (or with a forged one) answers nothing.
    const unsigned = await fetchBytes(`/api/media/${media.id}/content`);
    assert.ok(unsigned.status >= 400, `unsigned link: ${unsigned.status}`);
    const forged = await fetchBytes(res.json.media.url.replace(/sig=[0-9a-f]+/, 'sig=' + '0'.repeat(64)));
    assert.ok(forged.status >= 400, `forged link: ${forged.status}`);
  });
});

// Attachments uploaded and never sent go after a while (here 4 s, looked for every second).
describe('unsent chat attachments', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer({
      env: { SALIK_UPLOAD_RATE_PER_HOUR: '1000', SALIK_UNSENT_MEDIA_KEEP_SECONDS: '4', SALIK_UNSENT_MEDIA_SWEEP_SECONDS: '1' },
    });
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  const status = async (url) => (await fetch(server.baseUrl + url)).status;

  it('are deleted with their files once old enough; sent attachments and issues\' media stay', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    const storedFiles = () => {
      const root = path.join(server.dataDir, 'media');
      return existsSync(root) ? readdirSync(root).flatMap((d) => readdirSync(path.join(root, d))) : [];
    };
    const route = `/api/conversations/${conversation.id}/media`;
    const kept = await upload(call, owner.token, route, png(20, 10), { label: 'kept.png' });
    assert.equal(kept.status, 201, kept.text);
    const posted = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), content: 'This one', media_id: kept.json.id },
    });
    assert.equal(posted.status, 201, posted.text);
    const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
    const ofIssue = await upload(call, owner.token, `/api/issues/${issue.id}/media`, wav(1, { freq: 700 }), { label: 'i.wav' });
    assert.equal(ofIssue.status, 201, ofIssue.text);
    // Uploaded last, so that it is still young when counted and checked below.
    const forgotten = await upload(call, owner.token, route, wav(1, { freq: 610 }), { label: 'forgotten.wav' });
    assert.equal(forgotten.status, 201, forgotten.text);
    const filesBefore = storedFiles().length;
    assert.equal(await status(forgotten.json.url), 200);

    const deadline = Date.now() + 20_000;
    while ((await status(forgotten.json.url)) !== 404) {
      assert.ok(Date.now() < deadline, 'the unsent attachment was not deleted within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(storedFiles().length, filesBefore - 1, 'its file went');
    assertError(await call('DELETE', `/api/media/${forgotten.json.id}`, { token: owner.token }), 404, 'not_found');
    await new Promise((resolve) => setTimeout(resolve, 2500));  // more passes (kept is old enough now) delete nothing else
    assert.equal(await status(posted.json.media.url), 200, 'the sent attachment stays');
    assert.equal(await status(ofIssue.json.url), 200, 'the issue\'s media stays');
    assert.equal(storedFiles().length, filesBefore - 1);
    const late = await call('POST', `/api/conversations/${conversation.id}/messages`, {
      token: owner.token,
      json: { client_id: randomUUID(), content: '', media_id: forgotten.json.id },
    });
    assertError(late, 400, 'invalid_media');
  });
});
