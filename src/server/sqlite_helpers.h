#pragma once
// The SQLite idioms the server's stores share: opening the data directory's
// database, owned statements, binding and reading text, running a script,
// and a transaction that rolls back unless committed.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace mcp_server::sqlite {

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// nullptr when `sql` does not compile; sqlite3_errmsg(db) says why.
Statement Prepare(sqlite3* db, const char* sql);

void BindText(sqlite3_stmt* statement, int index, const std::string& text);
void BindOptionalText(sqlite3_stmt* statement, int index, const std::optional<std::string>& text);
std::string ColumnText(sqlite3_stmt* statement, int column);

// Runs `sql` (any number of statements). On failure returns false and sets `error`.
bool Exec(sqlite3* db, const char* sql, std::string* error);

// Opens (creating `dir` and the file when needed) `dir`/mcp.db, which every
// store of the server shares, waits up to 5 s for another writer's lock, and
// runs `schema`. Returns nullptr and sets `error` when any of that fails.
sqlite3* OpenDataDatabase(const std::filesystem::path& dir, const char* schema, std::string& error);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Empty when BEGIN succeeded; otherwise why not.
  const std::string& begin_error() const { return begin_error_; }
  // nullopt on success, else the error (and the transaction is rolled back).
  std::optional<std::string> Commit();

 private:
  sqlite3* db_;
  bool open_ = false;
  std::string begin_error_;
};

}  // namespace mcp_server::sqlite
