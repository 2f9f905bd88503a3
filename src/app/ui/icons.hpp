// Font Awesome 4.7 glyphs (fonts-font-awesome), merged into the text fonts, as UTF-8.
#pragma once

namespace salik::icon {
inline constexpr const char* kCar = "\xef\x86\xb9";           // f1b9
inline constexpr const char* kWrench = "\xef\x82\xad";        // f0ad
inline constexpr const char* kMicrophone = "\xef\x84\xb0";    // f130
inline constexpr const char* kCamera = "\xef\x80\xb0";        // f030
inline constexpr const char* kVideo = "\xef\x80\xbd";         // f03d
inline constexpr const char* kComment = "\xef\x81\xb5";       // f075
inline constexpr const char* kPhone = "\xef\x82\x95";         // f095
inline constexpr const char* kCheck = "\xef\x80\x8c";         // f00c
inline constexpr const char* kCheckCircle = "\xef\x81\x98";   // f058
inline constexpr const char* kTimes = "\xef\x80\x8d";         // f00d
inline constexpr const char* kStar = "\xef\x80\x85";          // f005
inline constexpr const char* kUser = "\xef\x80\x87";          // f007
inline constexpr const char* kSignOut = "\xef\x82\x8b";       // f08b
inline constexpr const char* kPlus = "\xef\x81\xa7";          // f067
inline constexpr const char* kMapMarker = "\xef\x81\x81";     // f041
inline constexpr const char* kClock = "\xef\x80\x97";         // f017
inline constexpr const char* kFilter = "\xef\x82\xb0";        // f0b0
inline constexpr const char* kShield = "\xef\x84\xb2";        // f132
inline constexpr const char* kBolt = "\xef\x83\xa7";          // f0e7
inline constexpr const char* kInbox = "\xef\x80\x9c";         // f01c
inline constexpr const char* kChevronLeft = "\xef\x81\x93";   // f053
inline constexpr const char* kChevronRight = "\xef\x81\x94";  // f054
inline constexpr const char* kChevronDown = "\xef\x81\xb8";   // f078
inline constexpr const char* kWarning = "\xef\x81\xb1";       // f071
inline constexpr const char* kInfo = "\xef\x81\x9a";          // f05a
inline constexpr const char* kMoney = "\xef\x83\x96";         // f0d6
inline constexpr const char* kSearch = "\xef\x80\x82";        // f002
inline constexpr const char* kHome = "\xef\x80\x95";          // f015
inline constexpr const char* kList = "\xef\x80\xba";          // f03a
inline constexpr const char* kCircle = "\xef\x84\x91";        // f111
inline constexpr const char* kTachometer = "\xef\x83\xa4";    // f0e4
inline constexpr const char* kCertificate = "\xef\x82\xa3";   // f0a3
inline constexpr const char* kRefresh = "\xef\x80\xa1";       // f021
inline constexpr const char* kLock = "\xef\x80\xa3";          // f023
inline constexpr const char* kEnvelope = "\xef\x83\xa0";      // f0e0
inline constexpr const char* kPaperPlane = "\xef\x87\x98";   // f1d8
inline constexpr const char* kComments = "\xef\x82\x86";     // f086
inline constexpr const char* kArrowDown = "\xef\x81\xa3";    // f063
inline constexpr const char* kArrowLeft = "\xef\x81\xa0";    // f060
inline constexpr const char* kStop = "\xef\x81\x8d";         // f04d
inline constexpr const char* kUpload = "\xef\x82\x93";       // f093
inline constexpr const char* kPlay = "\xef\x81\x8b";         // f04b
inline constexpr const char* kPause = "\xef\x81\x8c";        // f04c
inline constexpr const char* kRepeat = "\xef\x80\x9e";       // f01e
inline constexpr const char* kSearchPlus = "\xef\x80\x8e";   // f00e
inline constexpr const char* kSearchMinus = "\xef\x80\x90";  // f010
inline constexpr const char* kPaperclip = "\xef\x83\x86";    // f0c6
}  // namespace salik::icon
