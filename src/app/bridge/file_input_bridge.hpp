// The file dialog and drag-and-drop (web/file_input_bridge.js). Each file comes back as a
// FileOffered action holding a Blob handle; DragOver says when files hover over the app.
#pragma once

#include <string>

namespace salik::bridge {

void InstallFileDrop();
// `accept` is the dialog's filter ("image/jpeg,image/png"); several files may be chosen.
void OpenFileDialog(const std::string& accept);

}  // namespace salik::bridge
