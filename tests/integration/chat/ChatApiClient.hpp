// Calls to the chat API of a running server, for the integration tests, and the fixture they share: a
// real server with the chat plugin (and the hook probe plugin) on each database backend, with people in
// two organizations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "identity/IdentityApiClient.hpp"

namespace ocomms::test {

class ChatApiClient {
public:
    explicit ChatApiClient(const IdentityApiClient& api) : api_(api) {}

    HttpResult call(const std::string& method, const std::string& path, const Account& as,
                    const nlohmann::json& body = nullptr) const {
        return api_.call(method, path, body, as.token);
    }

    HttpResult createChannel(const Account& as, const std::string& org, const nlohmann::json& body) const {
        return call("POST", "/api/orgs/" + org + "/channels", as, body);
    }
    /// A new channel (201 expected); returns its JSON.
    nlohmann::json newChannel(const Account& as, const std::string& org, const std::string& name,
                              const std::string& kind = "public", const std::vector<std::int64_t>& members = {}) const {
        nlohmann::json body = {{"name", name}, {"kind", kind}};
        if (!members.empty()) body["members"] = members;
        return expect(createChannel(as, org, body), 201, "create channel " + name);
    }
    nlohmann::json newDirect(const Account& as, const std::string& org, const std::vector<std::int64_t>& members,
                             int status = 201) const {
        return expect(createChannel(as, org, {{"kind", "direct"}, {"members", members}}), status, "create direct");
    }

    HttpResult channels(const Account& as, const std::string& org) const {
        return call("GET", "/api/orgs/" + org + "/channels", as);
    }
    /// The channel with `id` in the listing of `org` for `as`, or null when it is not listed.
    nlohmann::json listed(const Account& as, const std::string& org, std::int64_t id) const {
        const auto listing = expect(channels(as, org), 200, "list channels");
        for (const auto& channel : listing["channels"]) {
            if (channel["id"] == id) return channel;
        }
        return nullptr;
    }
    HttpResult channel(const Account& as, std::int64_t id) const { return call("GET", channelPath(id), as); }
    HttpResult channelAction(const Account& as, std::int64_t id, const std::string& action) const {
        return call("POST", channelPath(id) + "/" + action, as);
    }

    HttpResult post(const Account& as, std::int64_t channelId, const nlohmann::json& body) const {
        return call("POST", channelPath(channelId) + "/messages", as, body);
    }
    /// A new message (201 expected); returns its JSON.
    nlohmann::json newMessage(const Account& as, std::int64_t channelId, const std::string& text,
                              nlohmann::json more = nlohmann::json::object()) const {
        more["text"] = text;
        return expect(post(as, channelId, more), 201, "post '" + text + "'");
    }
    /// `query` like "?after=3&limit=2" or "".
    HttpResult history(const Account& as, std::int64_t channelId, const std::string& query = "") const {
        return call("GET", channelPath(channelId) + "/messages" + query, as);
    }
    /// The text of every message of the channel's latest page, oldest first.
    std::vector<std::string> texts(const Account& as, std::int64_t channelId, const std::string& query = "") const {
        std::vector<std::string> result;
        const auto page = expect(history(as, channelId, query), 200, "history");
        for (const auto& message : page["messages"]) {
            result.push_back(message["text"]);
        }
        return result;
    }
    HttpResult message(const std::string& method, const Account& as, std::int64_t id, const std::string& rest = "",
                       const nlohmann::json& body = nullptr) const {
        return call(method, "/api/messages/" + std::to_string(id) + rest, as, body);
    }
    HttpResult markRead(const Account& as, std::int64_t channelId, std::int64_t seq) const {
        return call("POST", channelPath(channelId) + "/read", as, {{"seq", seq}});
    }
    HttpResult search(const Account& as, const std::string& org, const std::string& query) const {
        return call("GET", "/api/orgs/" + org + "/search?" + query, as);
    }

    static nlohmann::json expect(const HttpResult& result, int status, const std::string& what) {
        if (result.status != status) {
            throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                                     std::to_string(result.status) + " " + result.body);
        }
        return jsonOf(result);
    }

private:
    static std::string channelPath(std::int64_t id) { return "/api/channels/" + std::to_string(id); }

    const IdentityApiClient& api_;
};

/// A real server with the chat plugin on each backend, and these people:
///   alpha: ann (owner), adam (admin), bob and cat (members; cat's display name is "Cat Stevens")
///   beta:  ann (owner), dan (member)
class ChatServerTest : public IdentityServerTest {
protected:
    /// The limits the fixture's server runs with, to test that the settings are honoured.
    static constexpr std::int64_t kMaxMessageBytes = 4000;
    static constexpr std::int64_t kHistoryLimitMax = 100;

    void configure(ServerOptions& options) override {
        options.pluginsYaml = "  - name: health\n"
                              "  - name: chat\n"
                              "    settings:\n"
                              "      max_message_bytes: " + std::to_string(kMaxMessageBytes) + "\n"
                              "      history_limit_max: " + std::to_string(kHistoryLimitMax) + "\n"
                              "  - name: chat-hook-probe\n";
        options.pluginDirs.push_back(OCOMMS_TEST_INTEGRATION_PLUGIN_DIR);
    }

    void SetUp() override {
        IdentityServerTest::SetUp();
        chat_.emplace(*api_);
        ann = api_->registerFirstUser("ann@example.com", "alpha");
        adam = api_->newMember(ann, "alpha", "admin", "adam@example.com");
        bob = api_->newMember(ann, "alpha", "member", "bob@example.com");
        cat = api_->newMember(ann, "alpha", "member", "cat@example.com", "Cat Stevens");
        api_->createOrganization(ann, "beta");
        dan = api_->newMember(ann, "beta", "member", "dan@example.com");
    }

    const ChatApiClient& chat() const { return *chat_; }

    std::optional<ChatApiClient> chat_;
    Account ann, adam, bob, cat, dan;
};

}  // namespace ocomms::test
