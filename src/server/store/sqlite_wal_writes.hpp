// A SQLite VFS that writes each commit's WAL frames in one system call.
//
// SQLite appends a frame to the WAL as two writes, its 24-byte header and then the page, so a
// chat commit of ten pages cost twenty pwrite calls, each also patching two partly written pages
// of the file's cache. This VFS wraps the platform's default one and, for WAL files only,
// gathers appended frames in memory and writes them together once the commit frame (the one
// whose header carries the database size) is complete. Anything else first writes out what is
// gathered: a write that is not an append (SQLite rewriting a frame or a checksum in place goes
// straight to the file, in order), a read, a sync, a size change, a close, and the end of the
// write transaction (the database file releasing the WAL write lock), so nothing gathered
// outlives its transaction. A commit is in the file before SQLite publishes it to readers in
// the WAL index, exactly as before, and a crash can only lose frames of a transaction that never
// committed.
#pragma once

namespace salik {

// Registers the VFS once (thread-safe) and answers its name, for sqlite3_open_v2.
const char* WalCoalescingVfs();

}  // namespace salik
