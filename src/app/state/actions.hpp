// Everything that can change the app state: what the user asked for and what the server said.
#pragma once

#include <string>
#include <variant>

#include "core/domain.hpp"
#include "state/chat_actions.hpp"
#include "state/mechanic_documents.hpp"
#include "state/media_upload_actions.hpp"
#include "state/player_actions.hpp"
#include "state/route.hpp"

namespace salik::app {

// Which request an HTTP answer belongs to.
enum class Request {
  Me, SignIn, SignUp, SignOut,
  MyIssues, Feed, Issue, Responses, CreateIssue, PatchIssueStatus,
  CreateResponse, SaveMechanicProfile, VerificationQueue, Verify,
  Conversations, Conversation, Messages, OpenConversation, Engage, EditMessage,
  MechanicDocuments, DeleteMedia,
};

struct AppStarted {
  std::string stored_token;
  std::string hash;
};
struct Navigate {
  Route route;
};
struct SubmitSignIn {};
struct SubmitSignUp {};
struct SignOut {};
struct WizardNext {};
struct WizardBack {};
struct WizardPost {};
struct WizardStartOver {};
struct RefreshFeed {};
struct SetIssueStatus {
  IssueStatus status;
};
struct SubmitResponse {};
struct SaveMechanicProfile {};
struct StartRejecting {
  std::string mechanic_id;
};
struct DecideVerification {
  std::string mechanic_id;
  bool approve;
};
// An answer to a request: status 0 means the network failed.
struct HttpDone {
  Request request;
  int status = 0;
  std::string body;
  std::string context;  // the id the request was about
};

using Action = std::variant<AppStarted, Navigate, SubmitSignIn, SubmitSignUp, SignOut, WizardNext, WizardBack,
                            WizardPost, WizardStartOver, RefreshFeed, SetIssueStatus, SubmitResponse,
                            SaveMechanicProfile, StartRejecting, DecideVerification, HttpDone,
                            // chat (chat_actions.hpp)
                            OpenChatWith, ComposerEdited, SendChatMessage, RetryChatMessage, DiscardChatMessage, RemoveHeldAttachment,
                            LoadOlderMessages,
                            ChatSawNewest, ShareContactDetails, StartEditingMessage, SaveEditedMessage,
                            CancelEditingMessage, SocketOpened, SocketText, SocketClosed,
                            NetworkChanged, TimerFired, OutboxLoaded, OutboxTakenElsewhere, OutboxChangedElsewhere,
                            // media uploads (media_upload_actions.hpp)
                            RecordPressed, RecordReleased, PickFiles, RemoveAttachment, RetryUpload, UploadDocuments,
                            CaptureStarted, CaptureLevel, CaptureFailed, CaptureDone, FileOffered, DragOver,
                            UploadProgress, UploadFinished,
                            // verification documents (mechanic_documents.hpp)
                            LoadMechanicDocuments,
                            // the recording player (player_actions.hpp)
                            PlayerSelect, PlayerOpenRecording, PlayerPlay, PlayerPause, PlayerSeek, PlayerSetLoop, PlayerClearLoop,
                            PlayerZoom, PlayerFrequencyRange, PlayerCylinders, AudioDecoded, AudioAnalysed, AudioFailed, AudioEnded>;

}  // namespace salik::app
