#include "sqlite_helpers.h"

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
