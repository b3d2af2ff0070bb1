// Attachment indexing and search, each next to a same-run baseline:
//  (a) BM_IndexCorpusThroughStub: a deterministic ~64k-token corpus (fixed
//      seed) chunked, embedded through the real model stub (in-process, on
//      127.0.0.1, OpenAI /v1/embeddings) and stored in SQLite, end to end.
//      Target < 3 s. Baseline BM_EmbeddingsRoundTripsAlone: the same batches
//      of the same chunk texts through the same client, nothing else.
//  (b) BM_TopKSearch10k: top-4 search over 10,000 stored chunks (256-dim
//      stub embeddings): the first iteration reads the vectors from SQLite
//      into the store's vector cache, every one ranks and reads the
//      winners' texts. Target < 20 ms. Baselines: BM_SqliteReadAlone10k
//      (the vector read alone) and BM_CosineLoopAlone10k (the cosine over
//      10,000 in-memory vectors alone).
// Counters: chunks, batches (embeddings requests), tokens of the corpus.
//   build/bench/attachment_index 2>/dev/null
#include "attachments/attachment_index.h"

#include <benchmark/benchmark.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "attachments/attachment_store.h"
#include "attachments/token_estimate.h"
#include "embeddings.h"  // the stub's HashEmbedding
#include "embeddings_client.h"
#include "memory/hybrid_rank.h"
#include "poll_until.h"
#include "running_stub.h"
#include "server.h"  // the stub's StubServer (model_stub_lib comes first in the include path)

namespace {

using Clock = std::chrono::steady_clock;
using mcp_server::AttachmentIndex;
using mcp_server::AttachmentIndexOptions;
using mcp_server::AttachmentStore;
using mcp_server::ChunkKind;
using mcp_server::WorkspaceFile;

constexpr int kCorpusFiles = 16;
constexpr std::size_t kCorpusCharsPerFile = 16000;  // 16 x 16,000 chars = 64,000 tokens
constexpr std::size_t kSearchChunks = 10000;
constexpr std::uint32_t kSeed = 20240611;

using bench::RunningStub;

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("attachment-bench-" + std::to_string(::getpid()) + "-" +
             std::to_string(Clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Prose-like lines from a 3,000-word vocabulary (common words weighted up),
// deterministic for a seed.
std::string CorpusText(std::size_t chars, std::mt19937& random) {
  static const std::vector<std::string> kCommon{"the", "of",      "and",    "service", "request",
                                                "a",   "server",  "config", "to",      "in",
                                                "is",  "session", "value",  "data",    "file"};
  std::uniform_int_distribution<int> word_count(6, 14);
  std::uniform_int_distribution<int> rare(0, 2999);
  std::bernoulli_distribution common(0.35);
  std::uniform_int_distribution<std::size_t> pick_common(0, kCommon.size() - 1);
  std::string text;
  while (text.size() < chars) {
    const int words = word_count(random);
    for (int i = 0; i < words; ++i) {
      text += common(random) ? kCommon[pick_common(random)] : "w" + std::to_string(rare(random));
      text += i + 1 == words ? ".\n" : " ";
    }
  }
  return text;
}

std::vector<WorkspaceFile> Corpus() {
  std::mt19937 random(kSeed);
  std::vector<WorkspaceFile> files;
  for (int i = 0; i < kCorpusFiles; ++i) {
    files.push_back({"/workspace/corpus/part" + std::to_string(i) + ".md",
                     CorpusText(kCorpusCharsPerFile, random)});
  }
  return files;
}

std::size_t CorpusTokens(const std::vector<WorkspaceFile>& files) {
  std::size_t chars = 0;
  for (const auto& file : files) chars += file.text.size();
  return mcp_server::TokensOfChars(chars);
}

mcp_server::EmbeddingsSettings StubEmbeddings(const RunningStub& stub) {
  mcp_server::EmbeddingsSettings settings;
  settings.base_url = stub.base_url();
  settings.api_key = "sk-bench";
  return settings;
}

// The chunk texts of `corpus` in the batches AttachmentIndex::Index sends:
// each file's chunks, embed_batch_size at a time.
std::vector<std::vector<std::string>> Batches(const std::vector<WorkspaceFile>& corpus) {
  const AttachmentIndexOptions options;
  std::vector<std::vector<std::string>> batches;
  for (const auto& file : corpus) {
    const auto chunks = mcp_server::ChunkText(file.text, options.chunking);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (i % options.embed_batch_size == 0) batches.emplace_back();
      batches.back().push_back(chunks[i].text);
    }
  }
  return batches;
}

void BM_IndexCorpusThroughStub(benchmark::State& state) {
  RunningStub stub;
  if (!stub.ready()) return state.SkipWithError("the stub did not start on 127.0.0.1");
  TempDir dir;
  const mcp_server::OpenAiEmbeddingsClient embedder(StubEmbeddings(stub));
  AttachmentStore store(dir.path());
  AttachmentIndex index(store, embedder, AttachmentIndexOptions{});
  const auto corpus = Corpus();
  int session = 0;
  for (auto _ : state) {
    // A new session each time: nothing is "unchanged", everything is embedded.
    const auto outcome =
        index.Index("bench-" + std::to_string(session++), ChunkKind::kAttachment, corpus);
    if (outcome.error) return state.SkipWithError(outcome.error->c_str());
  }
  state.counters["chunks"] = static_cast<double>(store.CountChunks("bench-0"));
  state.counters["batches"] = static_cast<double>(Batches(corpus).size());
  state.counters["tokens"] = static_cast<double>(CorpusTokens(corpus));
}

void BM_EmbeddingsRoundTripsAlone(benchmark::State& state) {
  RunningStub stub;
  if (!stub.ready()) return state.SkipWithError("the stub did not start on 127.0.0.1");
  const mcp_server::OpenAiEmbeddingsClient embedder(StubEmbeddings(stub));
  const auto batches = Batches(Corpus());  // chunked outside the timing
  for (auto _ : state) {
    for (const auto& batch : batches) {
      const auto reply = embedder.Embed(batch);
      if (!reply.ok) return state.SkipWithError(reply.error.c_str());
    }
  }
  state.counters["batches"] = static_cast<double>(batches.size());
}

// A session of kSearchChunks chunks with 256-dim stub embeddings, stored directly.
struct SearchFixture {
  TempDir dir;
  AttachmentStore store{dir.path(), {200000, 200000}};
  std::vector<std::vector<float>> vectors;
  std::vector<float> query = model_stub::HashEmbedding("session request w17 w2048 config", 256);

  SearchFixture() {
    std::mt19937 random(kSeed);
    constexpr std::size_t kChunksPerFile = 500;
    for (std::size_t file = 0; file * kChunksPerFile < kSearchChunks; ++file) {
      mcp_server::IndexedFile indexed{
          "bench", ChunkKind::kAttachment, "/workspace/f" + std::to_string(file), "sha", "stub-256",
          {}};
      for (std::size_t i = 0; i < kChunksPerFile; ++i) {
        std::string text = CorpusText(1200, random);
        auto vector = model_stub::HashEmbedding(text, 256);
        vectors.push_back(vector);
        const int line = static_cast<int>(i * 30 + 1);
        indexed.chunks.push_back({line, line + 29, std::move(text), std::move(vector)});
      }
      store.Replace(indexed, 0);
    }
  }
};

// A fixed embedder name for the fixture's vectors; Search never embeds.
class NamedEmbedder final : public mcp_server::Embedder {
 public:
  std::string Model() const override { return "stub-256"; }
  mcp_server::EmbeddingsReply Embed(const std::vector<std::string>&,
                                    const std::function<bool()>&) const override {
    return {false, {}, "not used", 0};
  }
};

SearchFixture& Fixture() {
  static SearchFixture fixture;
  return fixture;
}

void BM_TopKSearch10k(benchmark::State& state) {
  auto& fixture = Fixture();
  const NamedEmbedder embedder;
  const AttachmentIndex index(fixture.store, embedder);
  std::size_t found = 0;
  for (auto _ : state) {
    std::string error;
    const auto results =
        index.Search("bench", ChunkKind::kAttachment, fixture.query, 4, 0.15, error);
    if (!results) return state.SkipWithError(error.c_str());
    found = results->size();
    benchmark::DoNotOptimize(results);
  }
  state.counters["chunks"] = static_cast<double>(fixture.store.CountChunks("bench"));
  state.counters["found"] = static_cast<double>(found);
}

void BM_SqliteReadAlone10k(benchmark::State& state) {
  auto& fixture = Fixture();
  for (auto _ : state) {
    const auto vectors = fixture.store.Vectors("bench", ChunkKind::kAttachment, "stub-256");
    if (!vectors) return state.SkipWithError("read failed");
    benchmark::DoNotOptimize(vectors);
  }
}

void BM_CosineLoopAlone10k(benchmark::State& state) {
  auto& fixture = Fixture();
  for (auto _ : state) {
    double best = -1;
    for (const auto& vector : fixture.vectors) {
      best = std::max(best, mcp_server::CosineSimilarity(fixture.query, vector).value_or(-1));
    }
    benchmark::DoNotOptimize(best);
  }
}

BENCHMARK(BM_EmbeddingsRoundTripsAlone)
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IndexCorpusThroughStub)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteReadAlone10k)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CosineLoopAlone10k)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopKSearch10k)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("attachment-bench"));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
