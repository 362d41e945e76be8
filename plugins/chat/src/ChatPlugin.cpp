// The `chat` plugin: channels, messages, threads, reactions, read markers and search, over REST and the
// realtime hub. See README.md for the API.
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <ocomms/ocomms.hpp>

#include "ChatLimits.hpp"
#include "ChatService.hpp"
#include "api/ChatActions.hpp"
#include "api/RestRoutes.hpp"
#include "export/ChatContributor.hpp"
#include "realtime/Broadcaster.hpp"
#include "realtime/ChatSocket.hpp"
#include "web/WebRoutes.hpp"

namespace ocomms::chat {
namespace {

class ChatPlugin final : public Plugin {
public:
    SettingsSchema settingsSchema() const override {
        return {Setting::integer("max_message_bytes")
                    .range(1, 1048576)
                    .defaultTo(16384)
                    .describe("largest message text in bytes; longer text answers 413 message_too_large"),
                Setting::integer("history_limit_max")
                    .range(1, 1000)
                    .defaultTo(200)
                    .describe("largest page of history or search results a client may ask for"),
                Setting::integer("direct_max_members")
                    .range(2, 64)
                    .defaultTo(8)
                    .describe("most members of a direct channel, its creator included"),
                Setting::boolean("web_client").defaultTo(true).describe("serve the web client at /"),
                Setting::string("web_dir")
                    .defaultTo("")
                    .describe("development: serve the web client from this absolute folder, read on every "
                              "request, instead of the copy compiled in")};
    }

    void configure(const Settings& settings) override {
        limits_.maxMessageBytes = settings.getInt("max_message_bytes");
        limits_.historyLimitMax = settings.getInt("history_limit_max");
        limits_.directMaxMembers = settings.getInt("direct_max_members");
        webClient_ = settings.getBool("web_client");
        webDir_ = settings.getString("web_dir");
        if (!webDir_.empty() && !webDir_.is_absolute())
            throw ConfigurationError("web_dir", "must be an absolute path (got \"" + webDir_.string() + "\")");
    }

    void start(HostContext& host) override {
        realtime::Hub* hub = nullptr;
        realtime::Presence* presence = nullptr;
        try {
            hub = &host.realtime();
            presence = &host.presence();
        } catch (const std::logic_error& e) {
            // A host without the hub (another command than serve): the REST API works alone.
            // Expected in `ocomms export` and `import`, which run plugins for their data only.
            host.logger().info(std::string("no realtime hub (") + e.what() + "): chat serves its REST API only");
            hub = nullptr;
            presence = nullptr;
        }
        broadcaster_ = std::make_unique<Broadcaster>(hub, host.logger());
        service_ = std::make_unique<ChatService>(host.database(), host.identity(), host.events(), *broadcaster_,
                                                 presence, limits_);
        actions_ = std::make_unique<ChatActions>(*service_, host.identity());
        addRestRoutes(host.router(), *actions_);
        if (webClient_) addWebClient(host);
        host.organizationData().contribute(std::make_shared<ChatContributor>());
        if (hub != nullptr) {
            socket_ = std::make_unique<ChatSocket>(*hub, *presence, host.identity(), *service_, *actions_, *broadcaster_);
            socket_->start();
        }
    }

private:
    void addWebClient(HostContext& host) const {
        web::WebSite site;
        if (webDir_.empty()) {
            auto bundle = std::make_shared<const web::WebBundle>(web::WebBundle::embedded());
            site.bundle = [bundle] { return bundle; };
        } else {
            site.bundle = [dir = webDir_] { return std::make_shared<const web::WebBundle>(web::WebBundle::fromFolder(dir)); };
            site.development = true;
            host.logger().warn("serving the web client from " + webDir_.string() + " (web_dir: for development)");
        }
        web::addWebRoutes(host.router(), site);  // a folder that cannot be served fails the start here
    }

    ChatLimits limits_;
    bool webClient_ = true;
    std::filesystem::path webDir_;
    std::unique_ptr<Broadcaster> broadcaster_;
    std::unique_ptr<ChatService> service_;
    std::unique_ptr<ChatActions> actions_;
    std::unique_ptr<ChatSocket> socket_;
};

}  // namespace
}  // namespace ocomms::chat

OCOMMS_PLUGIN(ocomms::chat::ChatPlugin, "chat", "0.1.0")
