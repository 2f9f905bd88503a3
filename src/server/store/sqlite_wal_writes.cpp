#include "server/store/sqlite_wal_writes.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

namespace salik {
namespace {

constexpr int kFrameHeaderBytes = 24;
constexpr int kWalHeaderBytes = 32;
// A run is written out when it would pass this: the unix VFS writes at most 128 KB in one call
// (it masks the length to 17 bits), and 64 KB already makes a dozen frames one call.
constexpr size_t kMaxGathered = 64 * 1024;

sqlite3_vfs* Base() {
  static sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base;
}

// What SQLite holds for a WAL file: this, followed by the base VFS's own file.
struct WalFile {
  sqlite3_file base;  // first, so that SQLite's pointer is ours
  sqlite3_file* real;
  std::vector<unsigned char>* gathered;
  sqlite3_int64 gathered_at;  // file offset of gathered[0]
  sqlite3_int64 high_water;   // end of the furthest write since the WAL last started over
  bool commit_page_next;      // the last write was a commit frame's header
};

WalFile* Of(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Of(f)->real; }

int WriteOut(WalFile* w) {
  if (w->gathered->empty()) return SQLITE_OK;
  int rc = w->real->pMethods->xWrite(w->real, w->gathered->data(), static_cast<int>(w->gathered->size()),
                                     w->gathered_at);
  w->gathered->clear();
  return rc;
}

int Close(sqlite3_file* f) {
  WalFile* w = Of(f);
  int rc = WriteOut(w);
  int closed = w->real->pMethods->xClose(w->real);
  delete w->gathered;
  w->gathered = nullptr;
  return rc != SQLITE_OK ? rc : closed;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xRead(Real(f), out, amount, offset);
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* w = Of(f);
  auto* bytes = static_cast<const unsigned char*>(data);
  std::vector<unsigned char>& gathered = *w->gathered;
  if (offset == 0 && amount == kWalHeaderBytes) w->high_water = 0;  // the WAL starts over
  bool continues = !gathered.empty() && offset == w->gathered_at + static_cast<sqlite3_int64>(gathered.size()) &&
                   gathered.size() + amount <= kMaxGathered;
  if (continues) {
    gathered.insert(gathered.end(), bytes, bytes + amount);
  } else {
    if (int rc = WriteOut(w); rc != SQLITE_OK) return rc;
    // Only an append opens a new run; a frame or checksum rewritten in place goes to the file
    // now, so nothing SQLite has finished with waits here.
    bool opens_run = offset >= w->high_water && (amount == kFrameHeaderBytes || amount == kWalHeaderBytes);
    if (opens_run) {
      w->gathered_at = offset;
      gathered.assign(bytes, bytes + amount);
    } else if (int rc = w->real->pMethods->xWrite(w->real, data, amount, offset); rc != SQLITE_OK) {
      return rc;
    }
  }
  w->high_water = std::max(w->high_water, offset + amount);
  if (w->commit_page_next && amount != kFrameHeaderBytes) {
    w->commit_page_next = false;
    return WriteOut(w);  // the commit is whole: into the file before SQLite publishes it
  }
  // A frame header's second word is the database size after a commit, zero in other frames.
  if (amount == kFrameHeaderBytes && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0) w->commit_page_next = true;
  return SQLITE_OK;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = Of(f);
  if (int rc = WriteOut(w); rc != SQLITE_OK) return rc;
  w->high_water = std::min(w->high_water, size);
  return w->real->pMethods->xTruncate(w->real, size);
}

int Sync(sqlite3_file* f, int flags) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xSync(Real(f), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xFileSize(Real(f), size);
}

int Lock(sqlite3_file* f, int level) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xLock(Real(f), level);
}

int Unlock(sqlite3_file* f, int level) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xUnlock(Real(f), level);
}

int CheckReservedLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }

int FileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = WriteOut(Of(f)); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}

int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }

// The WAL file itself never uses shared memory or memory mapping; forwarded for completeness.
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int delete_flag) { return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag); }
int Fetch(sqlite3_file* f, sqlite3_int64, int, void** out) {
  *out = nullptr;  // "no mapping": SQLite reads instead
  return WriteOut(Of(f));
}
int Unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kWalMethods = {
    3,        Close,     Read,     Write,    Truncate,   Sync,  FileSize, Lock,  Unlock, CheckReservedLock,
    FileControl, SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap, Fetch, Unfetch,
};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  // Everything but a WAL file is the base VFS's own, unwrapped (it fits: szOsFile is larger).
  if ((flags & SQLITE_OPEN_WAL) == 0) return Base()->xOpen(Base(), name, file, flags, out_flags);
  WalFile* w = Of(file);
  w->real = reinterpret_cast<sqlite3_file*>(w + 1);
  w->real->pMethods = nullptr;
  w->gathered = nullptr;
  int rc = Base()->xOpen(Base(), name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (w->real->pMethods) w->real->pMethods->xClose(w->real);
    file->pMethods = nullptr;
    return rc;
  }
  w->gathered = new std::vector<unsigned char>();
  w->gathered_at = 0;
  w->high_water = 0;
  w->commit_page_next = false;
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
