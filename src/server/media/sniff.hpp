// What a file is, from its first bytes only (never its name or the Content-Type a client sent).
#pragma once

#include <string_view>

namespace salik {

enum class Container { Unknown, WebM, Matroska, Ogg, Mp4, Wav, Mp3, Jpeg, Png, Webp };

// Looks at the first bytes of a file (a few hundred are enough; pass what you have).
Container SniffContainer(std::string_view head);
bool IsImageContainer(Container c);
// "WebM", "PNG", …: for messages a person reads.
std::string_view ContainerName(Container c);

}  // namespace salik
