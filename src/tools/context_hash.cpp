#include "context_hash.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace tools {

std::string HashTree(const std::string& dir, const std::string& salt) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& item :
       fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink)) {
    if (item.is_regular_file()) files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());

  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  const std::string salt_header = fmt::format("{}\n", salt);
  EVP_DigestUpdate(ctx.get(), salt_header.data(), salt_header.size());
  std::vector<char> buffer(1 << 20);
  for (const fs::path& file : files) {
    const auto perms = static_cast<unsigned>(fs::status(file).permissions()) & 0777U;
    const std::string header =
        fmt::format("{}\n{:o}\n{}\n", file.lexically_relative(dir).generic_string(), perms,
                    fs::file_size(file));
    EVP_DigestUpdate(ctx.get(), header.data(), header.size());
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace tools
