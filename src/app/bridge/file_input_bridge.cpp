#include "bridge/file_input_bridge.hpp"

#include <emscripten/emscripten.h>

#include "app_runtime.hpp"

extern "C" {
void salik_file_drop_install();
void salik_file_dialog_open(const char* accept);
}

namespace salik::bridge {

void InstallFileDrop() { salik_file_drop_install(); }
void OpenFileDialog(const std::string& accept) { salik_file_dialog_open(accept.c_str()); }

}  // namespace salik::bridge

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_file_offered(int handle, const char* name, const char* mime, double bytes,
                                             double seconds, int dropped) {
  salik::app::Dispatch(salik::app::FileOffered{handle, name ? name : "", mime ? mime : "", bytes, seconds, dropped != 0});
}
EMSCRIPTEN_KEEPALIVE void salik_file_drag(int over) { salik::app::Dispatch(salik::app::DragOver{over != 0}); }
}
