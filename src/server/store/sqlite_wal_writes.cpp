#include "server/store/sqlite_wal_writes.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <new>
#include <vector>

namespace salik {
namespace {

constexpr int kFrameHeaderBytes = 24;
constexpr int kWalHeaderBytes = 32;
// A run is written out when it would pass this: the unix VFS writes at most 128 KB in one call
// (it masks the length to 17 bits), and 64 KB already makes a dozen frames one call.
constexpr size_t kMaxGathered = 64 * 1024;
// SQLite's WAL write lock is shared-memory lock slot 0 (WAL_WRITE_LOCK in wal.c).
constexpr int kWalWriteLockSlot = 0;

sqlite3_vfs* Base() {
  static sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base;
}

struct WalFile;

// What SQLite holds for a file: this, followed by the base VFS's own file.
struct File {
  sqlite3_file base;  // first, so that SQLite's pointer is ours
  sqlite3_file* real;
};

// A main database file knows its connection's WAL file, to write out what that gathered when
// the connection lets go of the WAL write lock.
struct DbFile {
  File file;
  WalFile* wal;
};

struct WalFile {
  File file;
  DbFile* db;  // may be null (a WAL opened without its database, which SQLite does not do)
  std::vector<unsigned char>* gathered;
  sqlite3_int64 gathered_at;  // file offset of gathered[0]
  sqlite3_int64 high_water;   // end of the furthest write in this write transaction
  bool commit_page_next;      // the last write appended a commit frame's header
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }
WalFile* Wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
DbFile* Db(sqlite3_file* f) { return reinterpret_cast<DbFile*>(f); }

int WriteOut(WalFile* w) {
  if (w->gathered->empty()) return SQLITE_OK;
  sqlite3_file* real = w->file.real;
  int rc = real->pMethods->xWrite(real, w->gathered->data(), static_cast<int>(w->gathered->size()), w->gathered_at);
  w->gathered->clear();
  return rc;
}

// --- calls that need nothing of ours: straight to the base VFS's file

int ForwardRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), out, amount, offset);
}
int ForwardWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xWrite(Real(f), data, amount, offset);
}
int ForwardTruncate(sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); }
int ForwardSync(sqlite3_file* f, int flags) { return Real(f)->pMethods->xSync(Real(f), flags); }
int ForwardFileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
int ForwardLock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int ForwardUnlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int ForwardFileControl(sqlite3_file* f, int op, void* arg) { return Real(f)->pMethods->xFileControl(Real(f), op, arg); }
int ForwardShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
int ForwardFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
}
int ForwardUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return Real(f)->pMethods->xUnfetch(Real(f), offset, page);
}
int ForwardCheckReservedLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
int ForwardSectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int ForwardDeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ForwardShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
void ForwardShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ForwardShmUnmap(sqlite3_file* f, int delete_flag) { return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag); }

// --- the main database file: the base VFS's, plus the WAL write lock's release

int DbClose(sqlite3_file* f) {
  DbFile* d = Db(f);
  if (d->wal) d->wal->db = nullptr;
  return d->file.real->pMethods->xClose(d->file.real);
}

// A write transaction ends (committed or rolled back) when its connection releases the WAL write
// lock. Frames of a transaction that spilled pages and then rolled back would otherwise stay
// gathered, to be written later over frames another writer committed meanwhile; written now,
// they lie past the last commit, where nothing reads them and the next writer overwrites them.
int DbShmLock(sqlite3_file* f, int offset, int n, int flags) {
  DbFile* d = Db(f);
  bool releases_write_lock = offset == kWalWriteLockSlot && (flags & SQLITE_SHM_UNLOCK) != 0;
  if (releases_write_lock && d->wal) {
    int rc = WriteOut(d->wal);
    d->wal->high_water = 0;
    d->wal->commit_page_next = false;
    if (rc != SQLITE_OK) return rc;
  }
  return d->file.real->pMethods->xShmLock(d->file.real, offset, n, flags);
}

const sqlite3_io_methods kDbMethods = {
    3,           DbClose,      ForwardRead,   ForwardWrite, ForwardTruncate, ForwardSync, ForwardFileSize,
    ForwardLock, ForwardUnlock, ForwardCheckReservedLock, ForwardFileControl, ForwardSectorSize,
    ForwardDeviceCharacteristics, ForwardShmMap, DbShmLock, ForwardShmBarrier, ForwardShmUnmap, ForwardFetch,
    ForwardUnfetch,
};

// --- the WAL file

int WalClose(sqlite3_file* f) {
  WalFile* w = Wal(f);
  int rc = WriteOut(w);
  if (w->db) w->db->wal = nullptr;
  int closed = w->file.real->pMethods->xClose(w->file.real);
  delete w->gathered;
  w->gathered = nullptr;
  return rc != SQLITE_OK ? rc : closed;
}

int WalRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = WriteOut(Wal(f)); rc != SQLITE_OK) return rc;
  return ForwardRead(f, out, amount, offset);
}

int WalWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  auto* bytes = static_cast<const unsigned char*>(data);
  std::vector<unsigned char>& gathered = *w->gathered;
  if (offset == 0 && amount == kWalHeaderBytes) w->high_water = 0;  // the WAL starts over
  bool continues = !gathered.empty() && offset == w->gathered_at + static_cast<sqlite3_int64>(gathered.size()) &&
                   gathered.size() + amount <= kMaxGathered;
  // Only an append opens a new run; a frame or checksum rewritten in place goes to the file now,
  // so nothing SQLite has finished with waits here.
  bool opens_run = !continues && offset >= w->high_water && (amount == kFrameHeaderBytes || amount == kWalHeaderBytes);
  bool appended = continues || opens_run;
  try {
    if (continues) {
      gathered.insert(gathered.end(), bytes, bytes + amount);
    } else {
      if (int rc = WriteOut(w); rc != SQLITE_OK) return rc;
      if (opens_run) {
        w->gathered_at = offset;
        gathered.assign(bytes, bytes + amount);
      } else if (int rc = w->file.real->pMethods->xWrite(w->file.real, data, amount, offset); rc != SQLITE_OK) {
        return rc;
      }
    }
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  w->high_water = std::max(w->high_water, offset + amount);
  if (w->commit_page_next && amount != kFrameHeaderBytes) {
    w->commit_page_next = false;
    return WriteOut(w);  // the commit is whole: into the file before SQLite publishes it
  }
  // A frame header's second word is the database size after a commit, zero in other frames.
  if (appended && amount == kFrameHeaderBytes && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0)
    w->commit_page_next = true;
  return SQLITE_OK;
}

int WalTruncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = Wal(f);
  if (int rc = WriteOut(w); rc != SQLITE_OK) return rc;
  w->high_water = std::min(w->high_water, size);
  return w->file.real->pMethods->xTruncate(w->file.real, size);
}

int WalSync(sqlite3_file* f, int flags) {
  if (int rc = WriteOut(Wal(f)); rc != SQLITE_OK) return rc;
  return ForwardSync(f, flags);
}

int WalFileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = WriteOut(Wal(f)); rc != SQLITE_OK) return rc;
  return ForwardFileSize(f, size);
}

int WalFileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = WriteOut(Wal(f)); rc != SQLITE_OK) return rc;
  return ForwardFileControl(f, op, arg);
}

// Locks, shared memory and mapping: SQLite uses them on database files only, never on a WAL.
const sqlite3_io_methods kWalMethods = {
    3,           WalClose,      WalRead,       WalWrite, WalTruncate, WalSync, WalFileSize,
    ForwardLock, ForwardUnlock, ForwardCheckReservedLock, WalFileControl, ForwardSectorSize,
    ForwardDeviceCharacteristics, ForwardShmMap, ForwardShmLock, ForwardShmBarrier, ForwardShmUnmap, ForwardFetch,
    ForwardUnfetch,
};

// Opens the base VFS's file behind ours; on failure leaves nothing open.
int OpenReal(sqlite3_filename name, File* file, int flags, int* out_flags) {
  file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<unsigned char*>(file) + sizeof(WalFile));
  file->real->pMethods = nullptr;
  int rc = Base()->xOpen(Base(), name, file->real, flags, out_flags);
  if (rc != SQLITE_OK && file->real->pMethods) file->real->pMethods->xClose(file->real);
  return rc;
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  file->pMethods = nullptr;
  bool wal = (flags & SQLITE_OPEN_WAL) != 0, main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  // Everything else (journals, temporary files) is the base VFS's own, unwrapped: it fits, as
  // szOsFile is larger.
  if (!wal && !main_db) return Base()->xOpen(Base(), name, file, flags, out_flags);
  File* ours = reinterpret_cast<File*>(file);
  if (int rc = OpenReal(name, ours, flags, out_flags); rc != SQLITE_OK) return rc;
  if (main_db) {
    Db(file)->wal = nullptr;
    file->pMethods = &kDbMethods;
    return SQLITE_OK;
  }
  WalFile* w = Wal(file);
  w->gathered = new (std::nothrow) std::vector<unsigned char>();
  if (!w->gathered) {
    w->file.real->pMethods->xClose(w->file.real);
    return SQLITE_NOMEM;
  }
  w->gathered_at = 0;
  w->high_water = 0;
  w->commit_page_next = false;
  // The connection's database file, opened through this VFS before its WAL.
  sqlite3_file* db = sqlite3_database_file_object(name);
  w->db = db && db->pMethods == &kDbMethods ? Db(db) : nullptr;
  if (w->db) w->db->wal = w;
  file->pMethods = &kWalMethods;
  return SQLITE_OK;
}

// The rest of the VFS is the base one's, called as the base VFS.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) { return Base()->xDelete(Base(), name, sync_dir); }
int Access(sqlite3_vfs*, const char* name, int flags, int* out) { return Base()->xAccess(Base(), name, flags, out); }
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return Base()->xFullPathname(Base(), name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return Base()->xDlOpen(Base(), name); }
void DlError(sqlite3_vfs*, int n, char* out) { Base()->xDlError(Base(), n, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return Base()->xDlSym(Base(), handle, symbol); }
void DlClose(sqlite3_vfs*, void* handle) { Base()->xDlClose(Base(), handle); }
int Randomness(sqlite3_vfs*, int n, char* out) { return Base()->xRandomness(Base(), n, out); }
int Sleep(sqlite3_vfs*, int microseconds) { return Base()->xSleep(Base(), microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return Base()->xCurrentTime(Base(), out); }
int GetLastError(sqlite3_vfs*, int n, char* out) { return Base()->xGetLastError(Base(), n, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) { return Base()->xCurrentTimeInt64(Base(), out); }

sqlite3_vfs MakeVfs() {
  static_assert(sizeof(WalFile) >= sizeof(DbFile), "the base file sits after the larger of the two");
  static_assert(sizeof(WalFile) % 8 == 0, "the base file after it stays aligned");
  sqlite3_vfs* base = Base();
  sqlite3_vfs vfs{};
  vfs.iVersion = 2;
  vfs.szOsFile = static_cast<int>(sizeof(WalFile)) + base->szOsFile;
  vfs.mxPathname = base->mxPathname;
  vfs.zName = "salik-wal-gather";
  vfs.xOpen = Open;
  vfs.xDelete = Delete;
  vfs.xAccess = Access;
  vfs.xFullPathname = FullPathname;
  vfs.xDlOpen = DlOpen;
  vfs.xDlError = DlError;
  vfs.xDlSym = DlSym;
  vfs.xDlClose = DlClose;
  vfs.xRandomness = Randomness;
  vfs.xSleep = Sleep;
  vfs.xCurrentTime = CurrentTime;
  vfs.xGetLastError = GetLastError;
  vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  return vfs;
}

}  // namespace

const char* WalCoalescingVfs() {
  static sqlite3_vfs vfs = MakeVfs();
  static const int registered = sqlite3_vfs_register(&vfs, 0);
  (void)registered;
  return vfs.zName;
}

}  // namespace salik
