// Organization data: how the core and each plugin take part in the export and import of one organization.
//
// An export is a list of *entities*, each a stream of JSON rows: `core.organization`, `core.members`,
// `core.users`, `chat.channels`, `chat.messages`, ... A plugin that keeps organization data registers a
// Contributor (HostContext::organizationData().contribute(...)); its entities are named
// `<plugin>.<entity>` and it exports and imports their rows. The whole format is in docs/export-format.md.
//
// The rules a contributor follows:
// - Rows never hold this instance's database ids. A row that others refer to (a user, a channel) gets an
//   export id from ExportIds (1, 2, 3... per kind, on first use); a row that nobody refers to by id is
//   named by its natural key (a message by its channel's export id and its `seq`).
// - Rows are written in an order that does not depend on database ids or on the backend, so that
//   export -> import into another instance -> export gives the same files. ExportSource::byUser() and
//   byText() give ORDER BY terms that sort the same way everywhere.
// - Memory stays flat in the size of the data: read large tables in bounded pages and write rows as
//   they come. Every contributor reads inside one read-only snapshot transaction on `sql`: do not begin,
//   commit or roll back.
// - Users referred to anywhere are written as `core.users` after every other entity, and imported
//   before every other entity, so a contributor may refer to any user with ids.of("user", userId).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <ocomms/database.hpp>
#include <ocomms/identity.hpp>
#include <ocomms/visibility.hpp>

namespace ocomms::orgdata {

/// Receives the rows of one entity, one at a time.
class RowWriter {
public:
    virtual ~RowWriter() = default;
    /// `row` is a JSON object; it is written with its keys sorted.
    virtual void write(const nlohmann::json& row) = 0;
};

/// Gives the rows of one entity, one at a time, in the order they were written.
class RowReader {
public:
    virtual ~RowReader() = default;
    /// False after the last row.
    virtual bool next(nlohmann::json& row) = 0;
};

/// Export ids, per kind of row ("user"; a plugin's kinds are named after it: "chat.channel").
class ExportIds {
public:
    virtual ~ExportIds() = default;
    /// The export id of an instance id: 1, 2, 3... in the order of first use.
    virtual std::int64_t of(std::string_view kind, std::int64_t instanceId) = 0;
    /// The instance ids given an export id so far, in export id order (index 0 has export id 1).
    virtual std::vector<std::int64_t> instanceIds(std::string_view kind) const = 0;
};

/// A row that cannot be imported. The host adds the file and line of the row being imported; the message
/// reads "chat.messages.jsonl line 12: field 'seq': must be a positive integer".
class OCOMMS_VISIBLE ImportError : public std::runtime_error {
public:
    /// `field` may be empty when the problem is not one field's.
    ImportError(std::string field, std::string problem)
        : std::runtime_error(describe("", 0, field, problem)), field_(std::move(field)), problem_(std::move(problem)) {}
    ImportError(std::string file, std::int64_t line, std::string field, std::string problem)
        : std::runtime_error(describe(file, line, field, problem)), file_(std::move(file)), line_(line),
          field_(std::move(field)), problem_(std::move(problem)) {}

    const std::string& file() const noexcept { return file_; }
    std::int64_t line() const noexcept { return line_; }
    const std::string& field() const noexcept { return field_; }
    const std::string& problem() const noexcept { return problem_; }
    /// The same error, placed in a file at a line (when it has no place yet).
    ImportError at(const std::string& file, std::int64_t line) const {
        return file_.empty() ? ImportError(file, line, field_, problem_) : *this;
    }

private:
    static std::string describe(const std::string& file, std::int64_t line, const std::string& field,
                                const std::string& problem) {
        std::string text;
        if (!file.empty()) text = file + (line > 0 ? " line " + std::to_string(line) : "") + ": ";
        if (!field.empty()) text += "field '" + field + "': ";
        return text + problem;
    }

    std::string file_;
    std::int64_t line_ = 0;
    std::string field_;
    std::string problem_;
};

/// The instance ids that export ids stand for, as bound by the rows imported so far.
class ImportIds {
public:
    virtual ~ImportIds() = default;
    /// Throws ImportError naming the kind and the export id when no row bound it.
    virtual std::int64_t instanceId(std::string_view kind, std::int64_t exportId) const = 0;
    /// Throws ImportError when the export id is bound already (two rows with one id).
    virtual void bind(std::string_view kind, std::int64_t exportId, std::int64_t instanceId) = 0;
};

/// What an export reads from: one snapshot of the database, and the organization exported.
struct ExportSource {
    soci::session& sql;
    Database& database;  ///< for Database::prepared() on `sql`
    Dialect dialect;
    OrganizationInfo organization;
    ExportIds& ids;

    /// An ORDER BY term for a text column that compares bytes on both backends (PostgreSQL would
    /// otherwise use the database's locale).
    std::string byText(std::string_view column) const {
        return dialect == Dialect::Postgres ? std::string(column) + " COLLATE \"C\"" : std::string(column);
    }
    /// An ORDER BY term for a column holding user ids that orders users the same way on every instance
    /// (by their normalized email), so that rows differing only by user keep their order after an import.
    std::string byUser(std::string_view userIdColumn) const {
        return byText("(SELECT u.email_normalized FROM users u WHERE u.id = " + std::string(userIdColumn) + ")");
    }
};

/// What an import writes to: the one write transaction of the whole import.
struct ImportTarget {
    soci::session& sql;
    Database& database;  ///< for Database::prepared() on `sql`
    Dialect dialect;
    /// The organization being created; its id is set once `core.organization`, the first entity, is in.
    OrganizationInfo organization;
    ImportIds& ids;
};

/// The fields of one imported row. The constructor refuses a row that is not an object or that has a
/// field not in `known` (a newer format); each accessor throws ImportError naming the field.
class RowFields {
public:
    RowFields(const nlohmann::json& row, std::initializer_list<std::string_view> known) : row_(row) {
        if (!row.is_object()) throw ImportError("", "a row must be a JSON object");
        for (const auto& item : row.items()) {
            bool isKnown = false;
            for (const auto name : known) isKnown = isKnown || item.key() == name;
            if (!isKnown) throw ImportError(item.key(), "unknown field");
        }
    }

    std::int64_t integer(const char* field) const {
        const auto& value = present(field);
        if (!value.is_number_integer()) throw ImportError(field, "must be an integer");
        return value.get<std::int64_t>();
    }
    std::optional<std::int64_t> optionalInteger(const char* field) const {
        if (isNull(field)) return std::nullopt;
        return integer(field);
    }
    std::string text(const char* field) const {
        const auto& value = present(field);
        if (!value.is_string()) throw ImportError(field, "must be a string");
        return value.get<std::string>();
    }
    std::optional<std::string> optionalText(const char* field) const {
        if (isNull(field)) return std::nullopt;
        return text(field);
    }
    /// The instance id of the row of `kind` whose export id the field holds.
    std::int64_t reference(const char* field, std::string_view kind, const ImportIds& ids) const {
        const auto exportId = integer(field);
        try {
            return ids.instanceId(kind, exportId);
        } catch (const ImportError& e) {
            throw ImportError(field, e.problem());
        }
    }

private:
    const nlohmann::json& present(const char* field) const {
        const auto it = row_.find(field);
        if (it == row_.end()) throw ImportError(field, "missing");
        return *it;
    }
    bool isNull(const char* field) const { return present(field).is_null(); }

    const nlohmann::json& row_;
};

/// A plugin's (or the core's) part of an organization's data.
class Contributor {
public:
    virtual ~Contributor() = default;
    /// The names of its entities without the plugin's prefix ("channels"), in import order: an entity
    /// comes after those its rows refer to.
    virtual std::vector<std::string> entities() const = 0;
    /// Writes every row of the entity for source.organization, in a deterministic order.
    virtual void exportRows(const std::string& entity, ExportSource& source, RowWriter& rows) = 0;
    /// Inserts every row; binds the export ids of rows that others refer to. Also fills what the plugin
    /// derives from its rows (counters, search indexes). Throws ImportError for a row it refuses.
    virtual void importRows(const std::string& entity, ImportTarget& target, RowReader& rows) = 0;
};

class OrganizationData {
public:
    virtual ~OrganizationData() = default;
    /// Adds this plugin's entities to every export and import; removed when the plugin stops.
    virtual void contribute(std::shared_ptr<Contributor> contributor) = 0;
    /// Writes the whole export of the organization to `out` as one JSON document, as it is read (never
    /// held in memory): {"format":"ocomms-export","version":1,"app_version":...,"exported_at":...,
    /// "organization":{...},"entities":{"core.organization":[...],...},"counts":{...}}.
    /// Throws when `out` fails (a client that went away) or the database does.
    virtual void exportDocument(const OrganizationInfo& organization, std::ostream& out) = 0;
};

}  // namespace ocomms::orgdata
