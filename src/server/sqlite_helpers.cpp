#include "sqlite_helpers.h"

#include <fmt/format.h>

#include <system_error>

namespace mcp_server::sqlite {

Statement Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return nullptr;
  return Statement(raw);
}

void BindText(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void BindOptionalText(sqlite3_stmt* statement, int index, const std::optional<std::string>& text) {
  if (text) {
    BindText(statement, index, *text);
  } else {
    sqlite3_bind_null(statement, index);
  }
}

std::string ColumnText(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
}

bool Exec(sqlite3* db, const char* sql, std::string* error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  if (error) *error = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return false;
}

sqlite3* OpenDataDatabase(const std::filesystem::path& dir, const char* schema,
                          std::string& error) {
  std::error_code ignored;  // a directory that cannot be made fails the open below
  std::filesystem::create_directories(dir, ignored);
  const auto path = (dir / "mcp.db").string();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    error = fmt::format("cannot open {}: {}", path, db ? sqlite3_errmsg(db) : "no memory");
    sqlite3_close(db);
    return nullptr;
  }
  // Several stores (and connections) write the same file: wait for a lock
  // another one holds briefly rather than fail.
  sqlite3_busy_timeout(db, 5000);
  std::string why;
  if (!Exec(db, schema, &why)) {
    error = fmt::format("cannot initialise {}: {}", path, why);
    sqlite3_close(db);
    return nullptr;
  }
  return db;
}

Transaction::Transaction(sqlite3* db) : db_(db) {
  open_ = Exec(db_, "BEGIN IMMEDIATE", &begin_error_);
}

Transaction::~Transaction() {
  if (open_) Exec(db_, "ROLLBACK", nullptr);
}

std::optional<std::string> Transaction::Commit() {
  std::string error;
  if (!open_) return begin_error_.empty() ? "no transaction" : begin_error_;
  if (Exec(db_, "COMMIT", &error)) {
    open_ = false;
    return std::nullopt;
  }
  return error;  // the destructor rolls back
}

}  // namespace mcp_server::sqlite
