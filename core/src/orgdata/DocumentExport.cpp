#include "orgdata/DocumentExport.hpp"

#include <ostream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "orgdata/Exporter.hpp"
#include "orgdata/JsonLines.hpp"
#include "orgdata/Manifest.hpp"

namespace ocomms::orgdata {
namespace {

class DocumentSink final : public EntitySink, private RowWriter {
public:
    explicit DocumentSink(std::ostream& out) : out_(out) {}

    RowWriter& begin(const std::string& entity) override {
        put((entities_ == 0 ? "" : ",") + nlohmann::json(entity).dump() + ":[");
        ++entities_;
        rows_ = 0;
        counts_[entity] = 0;
        entity_ = entity;
        return *this;
    }

    void end() override {
        put("]");
        counts_[entity_] = rows_;
    }

    const nlohmann::json& counts() const { return counts_; }

    /// Writes and checks that the reader is still there, so that an abandoned download stops the export.
    void put(const std::string& text) {
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out_) throw std::runtime_error("the export's reader stopped reading");
    }

private:
    void write(const nlohmann::json& row) override {
        std::string text = jsonLine(row);
        text.pop_back();  // the line's '\n'
        put(rows_ == 0 ? text : "," + text);
        ++rows_;
    }

    std::ostream& out_;
    std::string entity_;
    std::int64_t rows_ = 0;
    int entities_ = 0;
    nlohmann::json counts_ = nlohmann::json::object();
};

}  // namespace

void exportToDocument(Database& database, const std::vector<RegisteredContributor>& contributors,
                      const OrganizationInfo& organization, const std::string& appVersion, const ExportTime& time,
                      std::ostream& out) {
    DocumentSink sink(out);
    const nlohmann::json organizationJson = {{"slug", organization.slug}, {"name", organization.name}};
    sink.put("{\"format\":" + nlohmann::json(kFormatName).dump() + ",\"version\":" + std::to_string(kFormatVersion) +
             ",\"app_version\":" + nlohmann::json(appVersion).dump() + ",\"exported_at\":" +
             nlohmann::json(time.iso).dump() + ",\"organization\":" + organizationJson.dump() + ",\"entities\":{");
    exportOrganization(database, contributors, organization, sink);
    sink.put("},\"counts\":" + sink.counts().dump() + "}\n");
    out.flush();
}

}  // namespace ocomms::orgdata
