// The base image every stack image is built FROM (debian:bookworm-slim, made
// by scripts/setup with debootstrap + import). An older set-up imported the
// rootfs from a `mktemp -d` folder, so the layer's root directory was 0700:
// overlay2 hides that (the container's root takes the mode of its upper
// layer), vfs does not, and then no non-root process can even load libc.
// These tests read the layer itself, so they fail on such an image whatever
// the storage driver. E2E_BASE_IMAGE names another image to check.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine.h"

namespace {

using integration::Engine;

constexpr const char* kFix =
    "Fix: run scripts/setup, which finds a base image whose root directory is not "
    "world-readable and rebuilds it (the debootstrap folder is chmod 0755 before the import).";

std::string BaseImage() {
  const char* image = std::getenv("E2E_BASE_IMAGE");
  return image != nullptr && *image != '\0' ? image : integration::kBaseImage;
}

// A tar archive parsed as it streams in: for each entry, `on_entry` gives the
// sink its data goes to (or none). Enough of ustar/GNU/pax for layer tars:
// extension entries (pax 'x'/'g', GNU 'L'/'K') are skipped like any other entry.
class TarStream {
 public:
  struct Entry {
    std::string name;
    unsigned mode = 0;
    char type = '0';
  };
  using Sink = std::function<void(std::string_view)>;
  using OnEntry = std::function<Sink(const Entry&)>;

  explicit TarStream(OnEntry on_entry) : on_entry_(std::move(on_entry)) {}

  // False once the data is not a tar archive (checked on every header).
  bool valid() const { return state_ != State::kInvalid; }

  void Feed(std::string_view data) {
    while (!data.empty() && state_ != State::kInvalid && state_ != State::kEnd) {
      if (state_ == State::kHeader) {
        const size_t take = std::min(data.size(), size_t{512} - header_.size());
        header_.append(data.substr(0, take));
        data.remove_prefix(take);
        if (header_.size() == 512) StartEntry();
      } else {
        const size_t take = static_cast<size_t>(std::min<uint64_t>(data.size(), remaining_));
        if (state_ == State::kData && sink_) sink_(data.substr(0, take));
        data.remove_prefix(take);
        remaining_ -= take;
        if (remaining_ == 0) NextAfterData();
      }
    }
  }

 private:
  enum class State { kHeader, kData, kPadding, kEnd, kInvalid };

  static uint64_t Octal(std::string_view field) {
    if (!field.empty() && (static_cast<unsigned char>(field[0]) & 0x80) != 0) {
      uint64_t value = 0;  // GNU base-256 (sizes >= 8 GiB)
      for (size_t i = 1; i < field.size(); ++i) {
        value = (value << 8) | static_cast<unsigned char>(field[i]);
      }
      return value;
    }
    uint64_t value = 0;
    for (char c : field) {
      if (c >= '0' && c <= '7') value = value * 8 + static_cast<uint64_t>(c - '0');
    }
    return value;
  }

  static std::string Field(std::string_view header, size_t offset, size_t length) {
    const std::string_view field = header.substr(offset, length);
    return std::string(field.substr(0, field.find('\0')));
  }

  void StartEntry() {
    const std::string_view h = header_;
    if (h.find_first_not_of('\0') == std::string_view::npos) {
      state_ = State::kEnd;  // an end-of-archive block
      return;
    }
    if (h.substr(257, 5) != "ustar") {
      state_ = State::kInvalid;
      return;
    }
    Entry entry;
    entry.name = Field(h, 0, 100);
    if (h.substr(257, 6) == std::string_view("ustar\0", 6)) {  // POSIX: a prefix field
      const std::string prefix = Field(h, 345, 155);
      if (!prefix.empty()) entry.name = prefix + "/" + entry.name;
    }
    entry.mode = static_cast<unsigned>(Octal(h.substr(100, 8)));
    entry.type = h[156] == '\0' ? '0' : h[156];
    const uint64_t size = Octal(h.substr(124, 12));
    header_.clear();
    sink_ = on_entry_(entry);
    padding_ = (512 - size % 512) % 512;
    remaining_ = size;
    state_ = State::kData;
    if (remaining_ == 0) NextAfterData();
  }

  void NextAfterData() {
    sink_ = nullptr;
    if (state_ == State::kData && padding_ > 0) {
      state_ = State::kPadding;
      remaining_ = padding_;
      padding_ = 0;
      return;
    }
    state_ = State::kHeader;
  }

  OnEntry on_entry_;
  State state_ = State::kHeader;
  std::string header_;
  uint64_t remaining_ = 0;
  uint64_t padding_ = 0;
  Sink sink_;
};

struct LayerRoot {
  std::string layer;  // the file of the saved image that holds the layer
  unsigned mode = 0;
};

// The root directory entries ("./") of every layer of `image`, read from
// GET /images/{name}/get (what `docker save` writes): the layer as imported,
// not what a storage driver makes of it.
std::vector<LayerRoot> LayerRoots(const std::string& image) {
  std::string url;
  std::string socket;
  const char* host_env = std::getenv("DOCKER_HOST");
  const std::string host =
      host_env != nullptr && *host_env != '\0' ? host_env : "unix:///var/run/docker.sock";
  if (host.rfind("unix://", 0) == 0) {
    socket = host.substr(7);
    url = "http://docker";
  } else if (host.rfind("tcp://", 0) == 0) {
    url = "http://" + host.substr(6);
  } else {
    ADD_FAILURE() << "DOCKER_HOST " << host << " is neither unix:// nor tcp://";
    return {};
  }
  url += "/v" + Engine().ApiVersion() + "/images/" + image + "/get";

  std::vector<LayerRoot> roots;
  std::vector<std::unique_ptr<TarStream>> layers;
  TarStream saved([&](const TarStream::Entry& entry) -> TarStream::Sink {
    if (entry.type != '0') return nullptr;  // layers are regular files (legacy or OCI layout)
    auto layer = std::make_unique<TarStream>(
        [&roots, name = entry.name](const TarStream::Entry& inner) -> TarStream::Sink {
          if (inner.type == '5' && (inner.name == "./" || inner.name == "." || inner.name == "/")) {
            roots.push_back({name, inner.mode & 07777});
          }
          return nullptr;
        });
    TarStream* raw = layer.get();
    layers.push_back(std::move(layer));
    return [raw](std::string_view data) {
      if (raw->valid()) raw->Feed(data);  // not a tar (a JSON file, the config): ignored
    };
  });

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  using Write = size_t (*)(char*, size_t, size_t, void*);
  Write write = [](char* data, size_t size, size_t count, void* stream) -> size_t {
    static_cast<TarStream*>(stream)->Feed(std::string_view(data, size * count));
    return size * count;
  };
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  if (!socket.empty()) curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, socket.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &saved);
  curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 300L);
  const CURLcode rc = curl_easy_perform(curl.get());
  EXPECT_EQ(rc, CURLE_OK) << "GET " << url << ": " << curl_easy_strerror(rc);
  EXPECT_TRUE(saved.valid()) << "GET " << url << " did not answer a tar archive";
  return roots;
}

TEST(BaseImage, RootDirectoryOfItsLayerIsReadableByEveryone) {
  const std::string image = BaseImage();
  ASSERT_TRUE(Engine().ImageExists(image)) << image << " does not exist. " << kFix;
  const auto roots = LayerRoots(image);
  // A layer without a "./" entry gets a 0755 root from the engine; debootstrap's has one.
  for (const auto& root : roots) {
    EXPECT_EQ(root.mode & 0755, 0755u)
        << image << ": the layer " << root.layer << " has root directory mode 0" << std::oct
        << root.mode << std::dec
        << " (the 0700 of a mktemp -d folder?): under the vfs storage driver no non-root "
           "process of any stack image can load libc. "
        << kFix;
  }
}

// The symptom itself: a non-root user runs a program that reads a file. Only
// fails under a storage driver that shows the layer's root as it is (vfs);
// the test above catches the bug everywhere.
TEST(BaseImage, NonRootUserCanRunProgramsAndReadFiles) {
  const std::string image = BaseImage();
  ASSERT_TRUE(Engine().ImageExists(image)) << image << " does not exist. " << kFix;
  const std::string id = Engine().CreateContainer(
      {.name = integration::UniqueName("nobody"),
       .image = image,
       .cmd = {"sh", "-c", "cat /etc/debian_version >/dev/null && stat -c %a /"},
       .user = "65534:65534",
       .labels = integration::TestLabels(),
       .pids_limit = 64});
  struct Remove {
    std::string id;
    ~Remove() { Engine().RemoveContainer(id); }
  } remove{id};
  Engine().StartContainer(id);
  const auto result = Engine().WaitContainer(id);
  const auto logs = Engine().Logs(id);
  EXPECT_EQ(result.status_code, 0)
      << image << ": as uid 65534, `cat /etc/debian_version` failed: " << logs.out << logs.err
      << kFix;
  EXPECT_EQ(logs.out, "755\n") << image << ": `/` as a container sees it. " << kFix;
}

}  // namespace
